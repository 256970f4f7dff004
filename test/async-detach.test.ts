// Inputs the job owns: every async entry point (extractFeaturesAsync, resampleAsync, the ROI operations,
// the binding's extractAsync) copies what it reads before returning its promise. A caller that transfers
// (structuredClone / postMessage with transfer, ArrayBuffer.prototype.transfer), detaches or overwrites
// its buffers while the job runs, followed by garbage collection and memory reuse, gets the same result as
// the synchronous call. Before the copy this crashed Node (exit 139). Runs in a child process because
// forcing GC needs --expose-gc and a crash must not take the test runner down.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import t from 'tap';

const CHILD = path.join(__dirname, 'helpers', 'detach-child.cjs');
const CASES = [
  'extractFeaturesAsync',
  'extractFeaturesAsync (ROI box copy)',
  'resampleAsync',
  'dilateAsync',
  'peritumoralRoisAsync',
  'binding extractAsync',
];
const HOW = ['structuredClone', 'postMessage', 'overwrite', 'transfer'];

const run = spawnSync(process.execPath, ['--expose-gc', CHILD], { encoding: 'utf8', timeout: 240_000 });

t.test('the child process survives every detachment (no crash, no signal)', async (t) => {
  t.equal(run.signal, null, `signal ${run.signal}; stderr: ${run.stderr}`);
  t.equal(run.status, 0, `exit ${run.status}; stderr: ${run.stderr}`);
});

const lines = (run.stdout ?? '')
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map(
    (l) =>
      JSON.parse(l) as {
        name: string;
        how: string;
        outcome: string;
        same: boolean | null;
        code?: string;
        message?: string;
      },
  );

for (const name of CASES)
  for (const how of HOW)
    t.test(`${name}: buffers taken away by ${how} mid-job`, async (t) => {
      const line = lines.find((l) => l.name === name && l.how === how);
      t.ok(line, 'the case ran to completion');
      if (!line) return;
      t.equal(line.outcome, 'ok', `resolved (got ${line.code}: ${line.message})`);
      // The binding case has no sync reference (same: null); every other result equals the sync one.
      if (line.same !== null) t.equal(line.same, true, 'result equals the synchronous call on the untouched inputs');
    });
