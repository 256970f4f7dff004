// Non-finite intensities and interpolation (issue 10): a NaN or infinity outside the ROI must not change any
// result inside it, even through the cubic B-spline prefilter (a recursive filter along whole lines); one inside
// the ROI is an error naming the input voxel. Outside values become the mean of the ROI's finite intensities.
import t from 'tap';
import { extractFeatures, type ExtractionConfig, type Volume } from '../dist/cjs/index.js';

const SHAPE: [number, number, number] = [24, 20, 12];
const SPACING: [number, number, number] = [0.8, 0.9, 2.5];

function phantom(): { image: Float32Array; mask: Uint8Array; roiMean: number } {
  const n = SHAPE[0] * SHAPE[1] * SHAPE[2];
  const image = new Float32Array(n),
    mask = new Uint8Array(n);
  let sum = 0,
    count = 0;
  for (let z = 0, i = 0; z < SHAPE[2]; z++)
    for (let y = 0; y < SHAPE[1]; y++)
      for (let x = 0; x < SHAPE[0]; x++, i++) {
        image[i] = 100 + 7 * Math.sin(x * 0.7) + 5 * Math.cos(y * 0.45) + 3 * z;
        if ((x - 12) ** 2 + (y - 10) ** 2 + 4 * (z - 6) ** 2 <= 30) {
          mask[i] = 1;
          sum += image[i]!;
          count++;
        }
      }
  return { image, mask, roiMean: sum / count };
}

const volume = (data: Float32Array | Uint8Array): Volume => ({ data, shape: SHAPE, spacing: SPACING });
const CONFIG: ExtractionConfig = {
  families: ['intensity_statistics', 'glcm'],
  interpolation: { spacing: [1, 1, 1], method: 'bspline' },
  discretisation: { method: 'fbn', nBins: 16 },
};
// The voxel x = 1, y = 10, z = 6 lies on the same x line as the ROI, so its NaN would reach the ROI through the
// prefilter of that line; x = 23, y = 0, z = 0 is a corner.
const OUTSIDE = [1 + SHAPE[0] * (10 + SHAPE[1] * 6), 23];

t.test('NaN and infinities outside the ROI: the same features as the ROI mean in their place', async (t) => {
  const { image, mask, roiMean } = phantom();
  for (const i of OUTSIDE) t.equal(mask[i], 0, `voxel ${i} is outside the ROI`);
  const poisoned = image.slice(),
    filled = image.slice();
  poisoned[OUTSIDE[0]!] = NaN;
  poisoned[OUTSIDE[1]!] = -Infinity;
  for (const i of OUTSIDE) filled[i] = Math.fround(roiMean);
  const a = extractFeatures(volume(poisoned), volume(mask), CONFIG).features as Record<string, number>;
  const b = extractFeatures(volume(filled), volume(mask), CONFIG).features as Record<string, number>;
  const keys = Object.keys(b);
  t.ok(keys.length > 20, `${keys.length} features`);
  for (const k of keys) {
    t.ok(Number.isFinite(a[k]), `${k} finite (${a[k]})`);
    // The fill is the double ROI mean; the reference holds it rounded to float32: equal to rounding.
    t.ok(Math.abs(a[k]! - b[k]!) <= 1e-6 * Math.max(1, Math.abs(b[k]!)), `${k}: ${a[k]} = ${b[k]}`);
  }
});

t.test('a NaN inside the ROI: an error naming the input voxel', async (t) => {
  const { image, mask } = phantom();
  const i = 12 + SHAPE[0] * (10 + SHAPE[1] * 6);
  t.equal(mask[i], 1, 'voxel [12, 10, 6] is in the ROI');
  image[i] = NaN;
  t.throws(() => extractFeatures(volume(image), volume(mask), CONFIG), {
    code: 'ERR_RADIOMICS_NON_FINITE',
    message: /voxel \[12, 10, 6\] inside the ROI is NaN/,
  });
});
