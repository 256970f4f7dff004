// Every input a fuzzer ever found a crash, hang or OOM with (fuzz/regressions/<target>/, committed once
// fixed) runs again here through its JS target: a result or a RadiomicsError with a code, never anything
// else. C++ targets replay theirs in `npm run fuzz` (tools/fuzz.js passes the folder to libFuzzer).
import * as fs from 'node:fs';
import * as path from 'node:path';
import t from 'tap';
import { ROOT } from './helpers/ibsi';

const DIR = path.join(ROOT, 'fuzz', 'regressions');
const targets = fs.existsSync(DIR)
  ? fs.readdirSync(DIR).filter((d) => fs.existsSync(path.join(ROOT, 'fuzz', 'js', 'targets', `${d}.js`)))
  : [];

t.test('fuzz regression inputs: a result or a typed error', async (t) => {
  // A promise the target forgot to await rejects after run() returned: the fuzzing worker dies of it, so it
  // is a finding here too (dicom-masks/seg-rejects-async-*: readSeg became async).
  const stray: unknown[] = [];
  const onStray = (e: unknown) => stray.push(e);
  process.on('unhandledRejection', onStray);
  t.teardown(() => void process.off('unhandledRejection', onStray));
  let replayed = 0;
  for (const name of targets) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const target = require(path.join(ROOT, 'fuzz', 'js', 'targets', `${name}.js`)) as {
      run(b: Buffer): Promise<unknown>;
    };
    for (const file of fs.readdirSync(path.join(DIR, name)).sort()) {
      const input = fs.readFileSync(path.join(DIR, name, file));
      try {
        await target.run(input);
      } catch (e) {
        const err = e as { name?: string; code?: string; stack?: string };
        t.ok(
          err.name === 'RadiomicsError' && /^ERR_RADIOMICS_[A-Z0-9_]+$/.test(String(err.code)),
          `${name}/${file}: ${err.code ?? err.stack}`,
        );
      }
      await new Promise((resolve) => setImmediate(resolve));
      t.same(stray.splice(0).map(String), [], `${name}/${file}: no rejection left unhandled`);
      replayed++;
    }
  }
  t.pass(`${replayed} regression inputs replayed`);
});
