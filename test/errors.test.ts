// Every bad input gets a RadiomicsError with a stable code, thrown before or by the native boundary.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import t from 'tap';
import {
  extractFeatures,
  extractFeaturesAsync,
  readImage,
  RadiomicsError,
  type ExtractionConfig,
} from '../dist/cjs/index.js';
import { PHANTOM_IMAGE } from './helpers/ibsi';
import { phantomImage, phantomMask } from './helpers/phantom';

function expectCode(t: tap.Test, fn: () => unknown, code: string, message?: RegExp) {
  try {
    fn();
    t.fail(`expected ${code}, nothing thrown`);
  } catch (e) {
    t.type(e, RadiomicsError);
    t.equal((e as RadiomicsError).code, code, (e as Error).message);
    if (message) t.match((e as Error).message, message);
  }
}

const image = phantomImage();
const mask = phantomMask();

t.test('data length differs from the shape', async (t) => {
  expectCode(
    t,
    () => extractFeatures({ ...image, data: new Int16Array(79) }, mask),
    'ERR_RADIOMICS_DATA_LENGTH',
    /79 elements/,
  );
});

t.test('image and mask shapes differ', async (t) => {
  expectCode(
    t,
    () => extractFeatures(image, { ...mask, shape: [4, 5, 4] }),
    'ERR_RADIOMICS_SHAPE_MISMATCH',
    /\[4, 5, 4\]/,
  );
});

t.test('geometry mismatch: spacing, origin, direction, with the numbers', async (t) => {
  expectCode(
    t,
    () => extractFeatures(image, { ...mask, spacing: [2, 2, 2.5] }),
    'ERR_RADIOMICS_GEOMETRY_MISMATCH',
    /spacing \[2, 2, 2\.5\]/,
  );
  expectCode(
    t,
    () => extractFeatures(image, { ...mask, origin: [0, 0, 1] }),
    'ERR_RADIOMICS_GEOMETRY_MISMATCH',
    /origin/,
  );
  expectCode(
    t,
    () => extractFeatures(image, { ...mask, direction: [0, 1, 0, 1, 0, 0, 0, 0, 1] }),
    'ERR_RADIOMICS_GEOMETRY_MISMATCH',
    /direction/,
  );
  // within tolerance: accepted
  t.ok(
    extractFeatures(image, { ...mask, origin: [0, 0, 1e-5] }, { families: ['intensity_statistics'] }).features
      .stat_mean,
  );
});

t.test('empty mask / label absent / everything re-segmented away', async (t) => {
  expectCode(t, () => extractFeatures(image, { ...mask, data: new Int16Array(80) }), 'ERR_RADIOMICS_EMPTY_ROI');
  expectCode(t, () => extractFeatures(image, mask, { label: 2 }), 'ERR_RADIOMICS_EMPTY_ROI', /label 2/);
  expectCode(
    t,
    () => extractFeatures(image, mask, { resegmentation: { range: [100, 200] } }),
    'ERR_RADIOMICS_EMPTY_ROI',
    /re-segmentation/,
  );
});

t.test('NaN or Inf inside the ROI', async (t) => {
  const data = Float32Array.from(image.data as Int16Array);
  data[7] = NaN;
  expectCode(t, () => extractFeatures({ ...image, data }, mask), 'ERR_RADIOMICS_NON_FINITE', /NaN/);
  data[7] = Infinity;
  expectCode(t, () => extractFeatures({ ...image, data }, mask), 'ERR_RADIOMICS_NON_FINITE');
  // NaN outside the ROI is fine (voxel 30 is outside the phantom mask)
  const outside = Float32Array.from(image.data as Int16Array);
  outside[30] = NaN;
  t.ok(
    Number.isFinite(
      extractFeatures({ ...image, data: outside }, mask, { families: ['intensity_statistics'] }).features.stat_mean,
    ),
  );
});

t.test('non-positive or non-finite spacing', async (t) => {
  for (const spacing of [
    [0, 2, 2],
    [2, -1, 2],
    [2, 2, NaN],
    [2, Infinity, 2],
  ]) {
    expectCode(t, () => extractFeatures({ ...image, spacing }, { ...mask, spacing }), 'ERR_RADIOMICS_BAD_SPACING');
  }
});

t.test('unsupported dtype', async (t) => {
  expectCode(
    t,
    () => extractFeatures({ ...image, data: new BigInt64Array(80) as never }, mask),
    'ERR_RADIOMICS_UNSUPPORTED_DTYPE',
    /BigInt64Array/,
  );
  expectCode(t, () => extractFeatures({ ...image, data: [1, 2, 3] as never }, mask), 'ERR_RADIOMICS_INVALID_ARGUMENT');
});

t.test('zero-size or absurd dimensions', async (t) => {
  expectCode(
    t,
    () => extractFeatures({ ...image, shape: [0, 4, 4], data: new Int16Array(0) }, mask),
    'ERR_RADIOMICS_BAD_DIMENSIONS',
  );
  expectCode(t, () => extractFeatures({ ...image, shape: [1e7, 1e7, 1e7] }, mask), 'ERR_RADIOMICS_BAD_DIMENSIONS');
  expectCode(t, () => extractFeatures({ ...image, shape: [2.5, 4, 8] }, mask), 'ERR_RADIOMICS_BAD_DIMENSIONS');
  expectCode(t, () => extractFeatures({ ...image, shape: [5, 4] as never }, mask), 'ERR_RADIOMICS_INVALID_ARGUMENT');
});

t.test('a bin width that would exhaust memory', async (t) => {
  // CT-like range with a bin width of 0.0001: 1.4e7 grey levels
  const data = new Float32Array(80).map((_, i) => -1000 + i * 17.5);
  expectCode(
    t,
    () => extractFeatures({ ...image, data }, mask, { discretisation: { method: 'fbs', binWidth: 0.0001 } }),
    'ERR_RADIOMICS_MATRIX_TOO_LARGE',
    /binWidth/,
  );
  expectCode(
    t,
    () => extractFeatures(image, mask, { discretisation: { method: 'fbn', nBins: 1e9 } }),
    'ERR_RADIOMICS_MATRIX_TOO_LARGE',
  );
});

t.test('invalid configuration names the key and the nearest valid one', async (t) => {
  expectCode(
    t,
    () => extractFeatures(image, mask, { discretisaton: {} } as ExtractionConfig),
    'ERR_RADIOMICS_INVALID_CONFIG',
    /unknown config key 'discretisaton'.*'discretisation'/,
  );
  expectCode(
    t,
    () => extractFeatures(image, mask, { texture: { distance: [1] } } as never),
    'ERR_RADIOMICS_INVALID_CONFIG',
    /texture\.distance.*'distances'/,
  );
  expectCode(
    t,
    () => extractFeatures(image, mask, { discretisation: { method: 'fbs' } } as never),
    'ERR_RADIOMICS_INVALID_CONFIG',
    /binWidth/,
  );
  expectCode(
    t,
    () => extractFeatures(image, mask, { families: ['glcmm' as never] }),
    'ERR_RADIOMICS_INVALID_CONFIG',
    /'glcm'/,
  );
  expectCode(
    t,
    () => extractFeatures(image, mask, { features: ['stat_mena'] }),
    'ERR_RADIOMICS_INVALID_CONFIG',
    /'stat_mean'/,
  );
  expectCode(
    t,
    () => extractFeatures(image, mask, { discretisation: { method: 'none' }, texture: { distances: [0] } }),
    'ERR_RADIOMICS_INVALID_CONFIG',
  );
  // 'none' with non-integer intensities
  const data = new Float32Array(80).fill(1.5);
  expectCode(
    t,
    () => extractFeatures({ ...image, data }, mask, { families: ['intensity_histogram'] }),
    'ERR_RADIOMICS_INVALID_CONFIG',
    /integer/,
  );
});

t.test('async path rejects with the same codes', async (t) => {
  await t.rejects(extractFeaturesAsync(image, mask, { label: 3 }), { code: 'ERR_RADIOMICS_EMPTY_ROI' });
  await t.rejects(extractFeaturesAsync({ ...image, data: new Int16Array(3) }, mask), {
    code: 'ERR_RADIOMICS_DATA_LENGTH',
  });
});

t.test('unreadable, truncated or corrupt files', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-'));
  await t.rejects(readImage(path.join(dir, 'missing.nii.gz')), { code: 'ERR_RADIOMICS_FILE_READ' });
  const raw = zlib.gunzipSync(fs.readFileSync(PHANTOM_IMAGE)) as Buffer;
  fs.writeFileSync(path.join(dir, 'trunc.nii'), raw.subarray(0, raw.length - 10));
  await t.rejects(readImage(path.join(dir, 'trunc.nii')), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /truncated/ });
  fs.writeFileSync(path.join(dir, 'corrupt.nii.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(50, 7)]));
  await t.rejects(readImage(path.join(dir, 'corrupt.nii.gz')), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /gzip/ });
  fs.writeFileSync(path.join(dir, 'garbage.nii'), Buffer.alloc(400, 1));
  await t.rejects(readImage(path.join(dir, 'garbage.nii')), { code: 'ERR_RADIOMICS_FILE_FORMAT' });
  fs.writeFileSync(path.join(dir, 'x.png'), Buffer.alloc(10));
  await t.rejects(readImage(path.join(dir, 'x.png')), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /unknown image format/,
  });
  fs.rmSync(dir, { recursive: true });
});
