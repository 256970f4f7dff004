// PyRadiomics parameter files: validation by PyRadiomics' schema rules (nearest-key errors), translation into
// the library's configuration, the CLI with PyRadiomics' example files, and the JSON / CSV contract.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import {
  extractFeatures,
  isPyRadiomicsParams,
  planPyRadiomics,
  validatePyParams,
  RadiomicsError,
} from '../dist/cjs/index.js';
import { ROOT } from './helpers/ibsi';
import { exampleParams } from './helpers/pyradiomics-cases';
import { syntheticCube } from './helpers/phantom';

const BIN = path.join(ROOT, 'bin', 'radiomics.js');
const EXAMPLES = path.join(ROOT, 'test', 'fixtures', 'pyradiomics', 'examples');

function rejects(t: Test, params: unknown, pattern: RegExp, what: string): void {
  try {
    validatePyParams(params);
    t.fail(`${what}: accepted`);
  } catch (e) {
    t.ok(
      e instanceof RadiomicsError && e.code === 'ERR_RADIOMICS_INVALID_CONFIG' && pattern.test(e.message),
      `${what}: ${(e as Error).message}`,
    );
  }
}

t.test('a parameter file is recognised by its sections (or compat)', async (t) => {
  t.ok(isPyRadiomicsParams({ setting: { binWidth: 25 } }));
  t.ok(isPyRadiomicsParams({ imageType: { Original: {} }, featureClass: { glcm: null } }));
  t.ok(isPyRadiomicsParams({ compat: 'pyradiomics' }));
  t.notOk(isPyRadiomicsParams({ discretisation: { method: 'fbs', binWidth: 25 } }));
  t.notOk(isPyRadiomicsParams({}));
  t.notOk(isPyRadiomicsParams(undefined));
});

t.test('validation follows paramSchema.yaml, with the nearest key', async (t) => {
  rejects(
    t,
    { setting: { binwidth: 25 } },
    /unknown PyRadiomics setting 'setting.binwidth'.*did you mean 'binWidth'/,
    'misspelt setting',
  );
  rejects(t, { settings: {} }, /unknown PyRadiomics parameter section 'settings'.*'setting'/, 'misspelt section');
  rejects(t, { setting: { binWidth: 0 } }, /binWidth must be > 0/, 'binWidth range');
  rejects(t, { setting: { binCount: 2.5 } }, /binCount must be an integer/, 'binCount type');
  rejects(t, { setting: { minimumROIDimensions: 4 } }, /<= 3/, 'minimumROIDimensions range');
  rejects(t, { setting: { resegmentMode: 'sigmas' } }, /did you mean 'sigma'/, 'resegmentMode enum');
  rejects(t, { setting: { interpolator: 'sitkBspline' } }, /did you mean 'sitkBSpline'/, 'interpolator name');
  rejects(t, { setting: { interpolator: 11 } }, /1\.\.10/, 'interpolator integer');
  rejects(t, { setting: { weightingNorm: 'euclidian' } }, /did you mean 'euclidean'/, 'weightingNorm enum');
  rejects(t, { setting: { distances: [0] } }, /distances\[0\] must be > 0/, 'distances');
  rejects(t, { setting: { voxelArrayShift: 0.5 } }, /integer/, 'voxelArrayShift is an int');
  rejects(t, { featureClass: { glcms: null } }, /unknown PyRadiomics feature class 'glcms'.*'glcm'/, 'feature class');
  rejects(
    t,
    { featureClass: { glcm: ['JointEnergie'] } },
    /unknown glcm feature 'JointEnergie'.*'JointEnergy'/,
    'feature name',
  );
  rejects(t, { imageType: { Orginal: {} } }, /unknown PyRadiomics image type 'Orginal'.*'Original'/, 'image type name');
  rejects(
    t,
    { imageType: { Original: { binWidht: 5 } } },
    /imageType\.Original\.binWidht.*'binWidth'/,
    'custom image type setting',
  );
  rejects(t, { voxelSetting: { kernelRadius: 0 } }, /kernelRadius must be > 0/, 'voxelSetting');
  t.ok(
    validatePyParams({
      setting: {
        interpolator: 3,
        enableCExtensions: true,
        additionalInfo: false,
        correctMask: true,
        geometryTolerance: 1e-5,
        preCrop: true,
        padDistance: 10,
      },
    }),
    'every accepted setting',
  );
});

t.test('image types not computed yet are errors that name them, never skipped', async (t) => {
  rejects(
    t,
    { imageType: { Original: {}, LoG: { sigma: [1, 2] }, Wavelet: {} } },
    /image types LoG, Wavelet not supported yet/,
    'LoG and Wavelet',
  );
  for (const type of ['Square', 'SquareRoot', 'Logarithm', 'Exponential', 'Gradient', 'LBP2D', 'LBP3D'])
    rejects(t, { imageType: { [type]: {} } }, new RegExp(`image type ${type} not supported yet`), type);
});

t.test('translation: PyRadiomics defaults and settings', async (t) => {
  const d = planPyRadiomics({ setting: {} });
  t.same(d.config.discretisation, { method: 'fbs', binWidth: 25 }, 'binWidth 25 by default');
  t.same(d.config.texture?.aggregations, ['3D_avg', '3D'], '3D texture');
  t.equal(d.native.anchorAtZero, true, 'bins anchored at multiples of binWidth');
  t.equal(d.resampling, null, 'no resampling by default');
  t.equal(d.features.length, 7, 'seven default classes');
  t.equal(
    d.features.reduce((n, f) => n + f.names.length, 0),
    107,
    '107 default features',
  );
  const p = planPyRadiomics({
    setting: {
      binCount: 16,
      resampledPixelSpacing: [1, 1, 0],
      interpolator: 2,
      normalize: true,
      normalizeScale: 100,
      removeOutliers: 3,
      resegmentRange: [3, -3],
      resegmentMode: 'sigma',
      force2D: true,
      gldm_a: 1,
      symmetricalGLCM: false,
      label: 2,
    },
  });
  t.same(p.config.discretisation, { method: 'fbn', nBins: 16 });
  t.same(p.resampling, { spacing: [1, 1, 0], method: 'linear' }, 'interpolator 2 = sitkLinear');
  t.same(p.config.normalisation, { method: 'zscore', scope: 'image', scale: 100, removeOutliers: 3 });
  t.same(p.config.resegmentation, { range: [-3, 3] }, 'thresholds sorted');
  t.equal(p.native.resegmentMode, 2);
  t.same(p.config.texture?.aggregations, ['2_5D_avg', '2_5D'], 'force2D: in-plane angles over all slices');
  t.equal(p.config.texture?.ngldmAlpha, 1);
  t.equal(p.config.texture?.symmetric, false);
  t.equal(p.config.label, 2);
  const custom = planPyRadiomics({ setting: { binWidth: 25 }, imageType: { Original: { binWidth: 10 } } });
  t.same(custom.config.discretisation, { method: 'fbs', binWidth: 10 }, "the Original image type's own settings win");
  const listed = planPyRadiomics({ featureClass: { glcm: ['SumAverage', 'JointEnergy'], shape: ['Compactness2'] } });
  t.same(
    listed.features,
    [
      { cls: 'shape', names: ['Compactness2'] },
      { cls: 'glcm', names: ['SumAverage', 'JointEnergy'] },
    ],
    "shape first, deprecated features on request, the list's order",
  );
  t.throws(
    () => planPyRadiomics({ setting: { interpolator: 'sitkLanczosWindowedSinc', resampledPixelSpacing: [2, 2, 2] } }),
    /interpolator sitkLanczosWindowedSinc is not supported/,
  );
  t.throws(() => planPyRadiomics({ setting: { force2D: true, force2Ddimension: 1 } }), /force2Ddimension 1/);
  t.throws(() => planPyRadiomics({ featureClass: { shape2D: null } }), /shape2D/);
});

t.test('the JSON contract is unchanged: features and diagnostics under PyRadiomics names', async (t) => {
  const { image, mask } = syntheticCube(12, 6);
  const r = extractFeatures(image, mask, { compat: 'pyradiomics', setting: { binWidth: 10 } });
  // The API result as in IBSI mode: features, diagnostics and the warnings one by one (the JSON output keeps
  // features and diagnostics only: lib/output.ts).
  t.same(Object.keys(r).sort(), ['diagnostics', 'features', 'warnings']);
  t.equal(Object.keys(r.features).length, 107);
  t.ok(
    Object.keys(r.features).every((k) =>
      /^original_(shape|firstorder|glcm|glrlm|glszm|gldm|ngtdm)_[A-Za-z0-9]+$/.test(k),
    ),
    'original_<class>_<Feature>',
  );
  t.ok(
    Object.keys(r.diagnostics).every((k) => k.startsWith('diagnostics_')),
    'diagnostics_*',
  );
  t.equal(r.features.original_shape_VoxelVolume, 216, '6^3 voxels of 1 mm^3');
  t.equal(
    r.features.original_firstorder_Kurtosis - 3,
    extractFeatures(image, mask, { families: ['intensity_statistics'] }).features.stat_kurt,
    'kurtosis without -3',
  );
  const none = extractFeatures(image, mask, { setting: { binWidth: 10, additionalInfo: false } });
  t.same(none.diagnostics, {}, 'additionalInfo: false leaves the diagnostics out');
  const shifted = extractFeatures(image, mask, { setting: { binWidth: 10, voxelArrayShift: 1000 } });
  t.ok(
    shifted.features.original_firstorder_Energy > r.features.original_firstorder_Energy,
    'voxelArrayShift shifts Energy',
  );
  t.equal(shifted.features.original_firstorder_Mean, r.features.original_firstorder_Mean, '... and nothing else');
  t.throws(() => extractFeatures(image, mask, { setting: { label: 7 } }), /label 7 is not present/);
  t.throws(() => extractFeatures(image, mask, { setting: { minimumROISize: 1000 } }), /fewer than minimumROISize/);
});

t.test("the CLI runs PyRadiomics' example parameter files unchanged (unsupported image types removed)", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyr-cli-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const image = path.join(ROOT, 'ibsi-phantom', 'image.nii.gz'),
    mask = path.join(ROOT, 'ibsi-phantom', 'mask.nii.gz');
  for (const file of ['exampleCT.yaml', 'exampleMR_3mm.yaml', 'Params.yaml']) {
    const r = spawnSync(
      process.execPath,
      [BIN, 'extract', '--image', image, '--mask', mask, '--config', path.join(EXAMPLES, file), '--format', 'json'],
      { encoding: 'utf8' },
    );
    t.equal(r.status, 0, `${file}: exit 0 ${r.stderr}`);
    if (r.status !== 0) continue;
    const out = JSON.parse(r.stdout) as { features: Record<string, number>; diagnostics: Record<string, unknown> };
    t.ok(
      'original_glcm_JointEnergy' in out.features && 'original_shape_Sphericity' in out.features,
      `${file}: PyRadiomics keys`,
    );
    if (file !== 'Params.yaml')
      t.equal('original_glcm_SumAverage' in out.features, false, `${file}: only the listed glcm features`);
    else t.ok('original_glcm_SumAverage' in out.features, `${file}: glcm: null enables every default glcm feature`);
    t.ok(Number.isFinite(out.features.original_firstorder_Mean), `${file}: values`);
  }
  const params = exampleParams('exampleCT.yaml');
  t.ok(params.setting, 'examples parse');
  const csv = spawnSync(
    process.execPath,
    [
      BIN,
      'extract',
      '--image',
      image,
      '--mask',
      mask,
      '--config',
      path.join(EXAMPLES, 'Params.yaml'),
      '--format',
      'csv',
      '--label',
      '1',
    ],
    { encoding: 'utf8' },
  );
  t.equal(csv.status, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  t.equal(lines.length, 2, 'CSV: one header, one row');
  t.ok(
    lines[0]!.startsWith('diagnostics_') && lines[0]!.includes(',original_firstorder_Mean,'),
    'CSV: diagnostics, then features',
  );
  const bad = path.join(dir, 'bad.yaml');
  fs.writeFileSync(bad, 'imageType:\n  Original: {}\n  LoG:\n    sigma: [1.0]\nsetting:\n  binWidth: 25\n');
  const e = spawnSync(process.execPath, [BIN, 'extract', '--image', image, '--mask', mask, '--config', bad], {
    encoding: 'utf8',
  });
  t.not(e.status, 0);
  t.match(e.stderr, /LoG not supported yet/, 'an unsupported image type is named');
});

t.test(
  'batch with a PyRadiomics parameter file: input columns, then diagnostics, then features in PyRadiomics order',
  async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyr-batch-'));
    t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
    const image = path.join(ROOT, 'ibsi-phantom', 'image.nii.gz'),
      mask = path.join(ROOT, 'ibsi-phantom', 'mask.nii.gz');
    fs.writeFileSync(path.join(dir, 'cases.csv'), `Image,Mask,Label\n${image},${mask},1\n${image},${mask},\n`);
    const out = path.join(dir, 'out.csv');
    const r = spawnSync(
      process.execPath,
      [BIN, 'batch', path.join(dir, 'cases.csv'), '--config', path.join(EXAMPLES, 'Params.yaml'), '--out', out],
      { encoding: 'utf8' },
    );
    t.equal(r.status, 0, r.stderr);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    t.equal(lines.length, 3, 'one row per case');
    const header = lines[0]!.split(',');
    t.same(header.slice(0, 3), ['Image', 'Mask', 'Label'], 'the input columns first');
    const firstDiag = header.findIndex((h) => h.startsWith('diagnostics_')),
      firstFeature = header.findIndex((h) => h.startsWith('original_'));
    t.ok(firstDiag > 0 && firstDiag < firstFeature, 'diagnostics before features');
    t.same(
      header.slice(firstFeature, firstFeature + 3),
      ['original_shape_Elongation', 'original_shape_Flatness', 'original_shape_LeastAxisLength'],
      "features in PyRadiomics' order",
    );
    t.equal(header.filter((h) => h.startsWith('original_')).length, 107);
    const print = spawnSync(
      process.execPath,
      [BIN, 'config', '--print', '--config', path.join(EXAMPLES, 'Params.yaml'), '--format', 'json'],
      { encoding: 'utf8' },
    );
    t.equal(print.status, 0, print.stderr);
    t.equal(JSON.parse(print.stdout).config.setting.binWidth, 25, 'config --print writes the PyRadiomics defaults out');
  },
);

t.test('re-segmentation modes and bin anchoring, by hand', async (t) => {
  const { image, mask } = syntheticCube(12, 6);
  const v = Array.from(image.data as Float32Array).filter((_, i) => (mask.data as Uint8Array)[i] === 1);
  const max = Math.max(...v),
    mean = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  const count = (lo: number, hi = Infinity) => v.filter((x) => x >= lo && x <= hi).length;
  const voxels = (setting: Record<string, unknown>) =>
    extractFeatures(image, mask, { featureClass: { firstorder: ['Mean'] }, setting: { binWidth: 10, ...setting } })
      .diagnostics['diagnostics_Mask-resegmented_VoxelNum'];
  t.equal(
    voxels({ resegmentRange: [0.9], resegmentMode: 'relative' }),
    count(0.9 * max),
    'relative: >= 0.9 x ROI maximum',
  );
  t.equal(
    voxels({ resegmentRange: [-1, 0.5], resegmentMode: 'sigma' }),
    count(mean - sd, mean + 0.5 * sd),
    'sigma: mean - 1 sd .. mean + 0.5 sd',
  );
  t.equal(voxels({ resegmentRange: [120, 100] }), count(100, 120), 'absolute, thresholds sorted');
  // Bins at multiples of binWidth: with binWidth 1000 every ROI value (about 50..160) falls in [0, 1000): one bin.
  const one = extractFeatures(image, mask, {
    featureClass: { firstorder: ['Uniformity', 'Entropy'] },
    setting: { binWidth: 1000 },
  }).features;
  t.equal(one.original_firstorder_Uniformity, 1, 'one bin [0, 1000)');
  // binWidth 100: bins [0, 100) and [100, 200), split at 100 exactly (IBSI would split at min + 100).
  const two = extractFeatures(image, mask, {
    featureClass: { firstorder: ['Uniformity'] },
    setting: { binWidth: 100 },
  }).features;
  const p = count(100) / v.length;
  t.ok(Math.abs(two.original_firstorder_Uniformity - (p * p + (1 - p) * (1 - p))) < 1e-12, 'two bins split at 100');
});
