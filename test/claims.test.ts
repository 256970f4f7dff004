// The test suite's own claims: it tests the addon built from the sources in this tree (not a stale binary),
// and with RADIOMICS_REQUIRE_IBSI_DATA=1 (CI) missing IBSI data fail the run instead of skipping it.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import t from 'tap';
import { buildInfo } from '../dist/cjs/index.js';
import { ROOT } from './helpers/ibsi';

t.test('the loaded addon was built from the current native sources', async (t) => {
  const current = spawnSync(process.execPath, [path.join(ROOT, 'tools', 'native-sources.js'), '--hash'], {
    encoding: 'utf8',
  });
  t.equal(current.status, 0);
  const hash = current.stdout.trim();
  t.match(hash, /^[0-9a-f]{64}$/);
  t.equal(
    buildInfo().sourceHash,
    hash,
    'buildInfo().sourceHash is the hash of native/**/*.{cc,h}: rebuild the addon (npm run build:native)',
  );
});

// Runs one test file in a child Node with the loader flags tap gave this process, without tap's own
// environment (so the child reports as a standalone run).
function runTestFile(file: string, env: Record<string, string>): { status: number | null; out: string } {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TAP') && !k.startsWith('_TAPJS')),
  );
  const r = spawnSync(process.execPath, [...process.execArgv, path.join(ROOT, 'test', file)], {
    encoding: 'utf8',
    env: { ...clean, ...env },
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

for (const file of ['ibsi-ct.test.ts', 'io-dicom.test.ts']) {
  t.test(`${file} without the IBSI data: skips, or fails when RADIOMICS_REQUIRE_IBSI_DATA=1`, async (t) => {
    const nowhere = path.join(ROOT, 'no-such-shared-dir');
    const relaxed = runTestFile(file, { RADIOMICS_SHARED_DIR: nowhere, RADIOMICS_REQUIRE_IBSI_DATA: '' });
    t.equal(relaxed.status, 0, relaxed.out.slice(-2000));
    t.match(relaxed.out, /# SKIP/);
    const required = runTestFile(file, { RADIOMICS_SHARED_DIR: nowhere, RADIOMICS_REQUIRE_IBSI_DATA: '1' });
    t.not(required.status, 0, 'a missing data set fails the run');
    t.match(required.out, /RADIOMICS_REQUIRE_IBSI_DATA=1 makes missing IBSI data a failure/);
  });
}
