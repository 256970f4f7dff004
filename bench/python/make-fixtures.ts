/**
 * Writes the PyRadiomics parity cases (test/helpers/pyradiomics-cases.ts) to NIfTI, runs PyRadiomics on them
 * (bench/python/pyradiomics_reference.py in the bench-only venv, bench/python/setup.sh) and stores one JSON per
 * case plus the parameter files used.
 *
 * Regenerate the stored fixtures:   bash bench/python/setup.sh && npx ts-node --transpile-only bench/python/make-fixtures.ts
 * Live run elsewhere (npm run parity): the same with --out DIR.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import { writeNifti } from '../../test/helpers/nifti-writer';
import { PARITY_CASES } from '../../test/helpers/pyradiomics-cases';

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const OUT = outIndex >= 0 ? path.resolve(args[outIndex + 1]!) : path.join(ROOT, 'test', 'fixtures', 'pyradiomics');
const PYTHON = path.join(ROOT, 'bench', '.venv', 'bin', 'python');
if (!fs.existsSync(PYTHON)) {
  console.error(`no bench venv at ${PYTHON}: run bash bench/python/setup.sh first`);
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pyradiomics-parity-'));
fs.mkdirSync(path.join(OUT, 'params'), { recursive: true });
const manifest = PARITY_CASES.map((c) => {
  const params = path.join(OUT, 'params', `${c.name}.yaml`);
  fs.writeFileSync(params, `# ${c.about}\n${YAML.stringify(c.params)}`);
  const v = c.volumes();
  if ('imagePath' in v) return { name: c.name, image: v.imagePath, mask: v.maskPath, params };
  const image = path.join(work, `${c.name}-image.nii.gz`),
    mask = path.join(work, `${c.name}-mask.nii.gz`);
  writeNifti(image, v.image);
  writeNifti(mask, v.mask);
  return { name: c.name, image, mask, params };
});
fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest));
const run = spawnSync(PYTHON, [path.join(__dirname, 'pyradiomics_reference.py'), path.join(work, 'manifest.json')], {
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const result = JSON.parse(run.stdout) as {
  pyradiomics: string;
  cases: Record<string, { features: Record<string, unknown>; diagnostics: Record<string, unknown> }>;
};
for (const [name, r] of Object.entries(result.cases)) {
  // Paths of the temporary NIfTI files are not part of the reference.
  for (const k of Object.keys(r.diagnostics))
    if (
      /_(Image|Mask)-original_Hash$|Versions_/.test(k) === false &&
      typeof r.diagnostics[k] === 'string' &&
      String(r.diagnostics[k]).includes(work)
    )
      delete r.diagnostics[k];
  fs.writeFileSync(
    path.join(OUT, `${name}.json`),
    JSON.stringify({ pyradiomics: result.pyradiomics, case: name, ...r }, null, 1) + '\n',
  );
}
fs.rmSync(work, { recursive: true, force: true });
console.log(
  `PyRadiomics ${result.pyradiomics}: ${Object.keys(result.cases).length} cases written to ${path.relative(ROOT, OUT) || OUT}`,
);
