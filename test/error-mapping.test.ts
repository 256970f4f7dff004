// One mapping from a C++ failure to an error code (native/napi/error_map.h), used by every native entry
// point, sync and async: the work stage of each is made to throw each kind of C++ exception (test hook
// RADIOMICS_TEST_INJECT_FAILURE, read by native/napi/task.h), and a real std::bad_alloc comes from a
// huge allocation inside the core. Each runs in a child process (the hook is process-wide; the address
// space of the bad_alloc child is capped so no machine setting can make the request succeed).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import t from 'tap';

const CHILD = path.join(__dirname, 'helpers', 'error-mapping-child.cjs');
const ENTRIES = [
  'extractSync',
  'extractAsync',
  'resampleVolume',
  'resampleVolumeAsync',
  'roiOperation',
  'roiOperationAsync',
  'roiPass',
];

function codes(env: Record<string, string>, args: string[] = [], shellPrefix = ''): Record<string, string> {
  const cmd = `${shellPrefix}exec "${process.execPath}" "${CHILD}" ${args.join(' ')}`;
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`child failed (status ${r.status}, signal ${r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, string>;
}

t.test('without a failure every entry point succeeds (the harness itself is sound)', async (t) => {
  const c = codes({ RADIOMICS_TEST_INJECT_FAILURE: '' });
  for (const e of ENTRIES) t.equal(c[e], 'ok', e);
});

const EXPECTED: Record<string, string> = {
  bad_alloc: 'ERR_RADIOMICS_OUT_OF_MEMORY',
  length_error: 'ERR_RADIOMICS_OUT_OF_MEMORY',
  runtime_error: 'ERR_RADIOMICS_INTERNAL',
  unknown: 'ERR_RADIOMICS_INTERNAL',
};

for (const [kind, code] of Object.entries(EXPECTED))
  t.test(`a ${kind} thrown while working maps to ${code} in every entry point`, async (t) => {
    const c = codes({ RADIOMICS_TEST_INJECT_FAILURE: kind });
    for (const e of ENTRIES) t.equal(c[e], code, e);
  });

// Under AddressSanitizer (npm run test:sanitize) a failed operator new aborts instead of throwing, and the
// address-space cap cannot hold ASan's shadow memory: that case runs only against the normal addon.
const SANITIZED = /asan/i.test(process.env.LD_PRELOAD ?? '') || process.env.ASAN_OPTIONS !== undefined;

t.test(
  'a real bad_alloc inside the core (an 8 TB matrix) maps to the same code, sync and async',
  { skip: SANITIZED && 'sanitized addon: ASan aborts on a failed allocation' },
  async (t) => {
    const c = codes({ RADIOMICS_TEST_INJECT_FAILURE: '' }, ['huge'], 'ulimit -v 8000000; ');
    t.equal(c.extractSync, 'ERR_RADIOMICS_OUT_OF_MEMORY');
    t.equal(c.extractAsync, 'ERR_RADIOMICS_OUT_OF_MEMORY');
  },
);
