// The CLI contract: radiomics extract --image P --mask P (--preset NAME | --config FILE) [--format json|csv] [--out F]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { PHANTOM_IMAGE, PHANTOM_MASK, ROOT } from './helpers/ibsi';
import { writeNifti } from './helpers/nifti-writer';
import { PRESETS } from '../dist/cjs/index.js';
import { PHANTOM_MASK as MASK, PHANTOM_VALUES } from './helpers/phantom';

const BIN = path.join(ROOT, 'bin', 'radiomics.js');
function cli(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}
const base = ['extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-cli-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

t.test('json to stdout: { features, diagnostics }', async (t) => {
  const r = cli(...base, '--preset', 'ibsi1-phantom');
  t.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  t.same(Object.keys(out), ['features', 'diagnostics']);
  t.equal(out.features.morph_vol_approx, 592);
  t.equal(out.diagnostics.morph_mask_vox_count_init_roi, 74);
});

t.test('csv: one header row and one value row, to --out', async (t) => {
  const file = path.join(dir, 'f.csv');
  const r = cli(...base, '--preset', 'ibsi1-phantom', '--format', 'csv', '--out', file);
  t.equal(r.status, 0, r.stderr);
  t.equal(r.stdout, '');
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  t.equal(lines.length, 2);
  const header = lines[0]!.split(','),
    values = lines[1]!.split(',');
  t.equal(header.length, values.length);
  t.equal(values[header.indexOf('morph_vol_approx')], '592');
  t.equal(values[header.indexOf('stat_max')], '6');
});

t.test('config files: YAML and JSON, unknown keys named', async (t) => {
  const yaml = path.join(dir, 'p.yaml');
  fs.writeFileSync(yaml, 'families: [intensity_statistics]\ndiscretisation:\n  method: fbs\n  binWidth: 1\n');
  let r = cli(...base, '--config', yaml);
  t.equal(r.status, 0, r.stderr);
  const f = JSON.parse(r.stdout).features;
  t.ok('stat_mean' in f);
  t.notOk('morph_vol_approx' in f, 'only the requested family');
  const json = path.join(dir, 'p.json');
  fs.writeFileSync(json, JSON.stringify({ familes: ['glcm'] }));
  r = cli(...base, '--config', json);
  t.equal(r.status, 1);
  t.match(r.stderr, /ERR_RADIOMICS_INVALID_CONFIG.*unknown config key 'familes'.*did you mean 'families'/);
  fs.writeFileSync(json, '{ not json');
  r = cli(...base, '--config', json);
  t.equal(r.status, 1);
  t.match(r.stderr, /not valid JSON/);
});

t.test('usage errors exit 2; input errors exit 1 with the code', async (t) => {
  t.equal(cli('extract', '--image', PHANTOM_IMAGE).status, 2);
  t.equal(cli(...base).status, 2, 'neither preset nor config');
  t.equal(cli(...base, '--preset', 'ibsi1-phantom', '--format', 'xml').status, 2);
  t.equal(cli(...base, '--preset', 'ibsi1-phantom', '--bogus').status, 2);
  t.equal(cli('frobnicate').status, 2);
  const r = cli(...base, '--preset', 'ibsi1-phantm');
  t.equal(r.status, 1);
  t.match(r.stderr, /unknown preset 'ibsi1-phantm'.*'ibsi1-phantom'/);
  const r2 = cli('extract', '--image', path.join(dir, 'nope.nii'), '--mask', PHANTOM_MASK, '--preset', 'ibsi1-phantom');
  t.equal(r2.status, 1);
  t.match(r2.stderr, /ERR_RADIOMICS_FILE_READ/);
  const r3 = cli(...base, '--preset', 'ibsi1-phantom', '--label', '4');
  t.equal(r3.status, 1);
  t.match(r3.stderr, /ERR_RADIOMICS_EMPTY_ROI/);
});

t.test('image and mask read together or one after the other: the same result, the image error first', async (t) => {
  const sequential = path.join(dir, 'one-thread.json');
  fs.writeFileSync(sequential, JSON.stringify({ ...PRESETS['ibsi1-phantom']!.config, threads: 1 }));
  const together = cli(...base, '--preset', 'ibsi1-phantom');
  const oneByOne = cli(...base, '--config', sequential);
  t.equal(together.status, 0, together.stderr);
  t.equal(oneByOne.status, 0, oneByOne.stderr);
  t.same(JSON.parse(together.stdout).features, JSON.parse(oneByOne.stdout).features);
  const noImage = path.join(dir, 'no-image.nii'),
    noMask = path.join(dir, 'no-mask.nii');
  for (const config of [
    ['--preset', 'ibsi1-phantom'],
    ['--config', sequential],
  ]) {
    const both = cli('extract', '--image', noImage, '--mask', noMask, ...config);
    t.equal(both.status, 1);
    t.match(both.stderr, /ERR_RADIOMICS_FILE_READ.*no-image\.nii/, `both missing (${config[0]}): the image named`);
    const mask = cli('extract', '--image', PHANTOM_IMAGE, '--mask', noMask, ...config);
    t.equal(mask.status, 1);
    t.match(mask.stderr, /ERR_RADIOMICS_FILE_READ.*no-mask\.nii/, `mask missing (${config[0]})`);
  }
});

t.test('help and version', async (t) => {
  const h = cli('--help');
  t.equal(h.status, 0);
  t.match(h.stdout, /radiomics extract --image/);
  t.match(cli('extract', '--help').stdout, /--preset/);
  t.equal(cli('--version').stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  t.match(cli('presets').stdout, /ibsi1-phantom/);
});

t.test(
  'several labels: --labels and --all-labels give one result per label; --label keeps the single object',
  async (t) => {
    const img = path.join(dir, 'ml-image.nii.gz'),
      mask = path.join(dir, 'ml-mask.nii.gz');
    writeNifti(img, { data: Int16Array.from(PHANTOM_VALUES), shape: [5, 4, 4], spacing: [2, 2, 2] });
    // Label 2 on the last slice's ROI voxels, label 1 elsewhere.
    writeNifti(mask, {
      data: Uint8Array.from(MASK, (v, i) => (v && i >= 60 ? 2 : v)),
      shape: [5, 4, 4],
      spacing: [2, 2, 2],
    });
    const ml = (...more: string[]) =>
      cli('extract', '--image', img, '--mask', mask, '--preset', 'ibsi1-phantom', ...more);
    const all = ml('--all-labels');
    t.equal(all.status, 0, all.stderr);
    const arr = JSON.parse(all.stdout);
    t.ok(Array.isArray(arr));
    t.same(
      arr.map((r: { label: number }) => r.label),
      [1, 2],
    );
    t.same(Object.keys(arr[0]), ['label', 'features', 'diagnostics']);
    const count = MASK.slice(60).filter(Boolean).length;
    t.equal(arr[1].diagnostics.int_mask_vox_count_init_roi, count);
    t.equal(arr[0].diagnostics.int_mask_vox_count_init_roi, 74 - count);
    const one = JSON.parse(ml('--label', '2').stdout);
    t.same(Object.keys(one), ['features', 'diagnostics'], '--label: the single-label contract');
    t.same(one.features, arr[1].features);
    t.same(
      JSON.parse(ml('--labels', '2').stdout).map((r: { label: number }) => r.label),
      [2],
      '--labels always gives an array',
    );
    const csv = ml('--labels', '2,1', '--format', 'csv').stdout.trimEnd().split('\n');
    t.equal(csv.length, 3, 'a header and one row per label');
    t.equal(csv[0]!.split(',')[0], 'label');
    t.same(
      csv.slice(1).map((l) => l.split(',')[0]),
      ['2', '1'],
      'in the order asked',
    );
    const missing = ml('--labels', '1,9');
    t.equal(missing.status, 1);
    t.match(missing.stderr, /ERR_RADIOMICS_EMPTY_ROI: label 9/);
    t.equal(ml('--label', '1', '--all-labels').status, 2, 'one way of choosing labels at a time');
    t.equal(ml('--labels', '1,x').status, 2);
  },
);

t.test('help names the new commands and formats', async (t) => {
  const h = cli('--help').stdout;
  t.match(h, /radiomics batch <cases\.csv>/);
  t.match(h, /radiomics merge/);
  t.match(h, /radiomics config --print/);
  t.match(h, /NRRD/);
  t.match(cli('extract', '--help').stdout, /--all-labels/);
});
