// The processing chain through the public API: z-score normalisation (PyRadiomics semantics), resampling
// grid sizes (IBSI formulas), identity resampling, linear exactness, and diagnostics of each stage.
import t from 'tap';
import { extractFeatures, resample, type Volume } from '../dist/cjs/index.js';

function ramp(n: [number, number, number], spacing: [number, number, number]): { image: Volume; mask: Volume } {
  const size = n[0] * n[1] * n[2];
  const img = new Float64Array(size),
    m = new Uint8Array(size);
  for (let z = 0, i = 0; z < n[2]; z++)
    for (let y = 0; y < n[1]; y++)
      for (let x = 0; x < n[0]; x++, i++) {
        img[i] = 10 + 2 * x - 3 * y + 0.5 * z;
        if (x >= 2 && x < n[0] - 2 && y >= 2 && y < n[1] - 2 && z >= 1 && z < n[2] - 1) m[i] = 1;
      }
  return { image: { data: img, shape: n, spacing }, mask: { data: m, shape: n, spacing } };
}

t.test('z-score normalisation over the image (sample sd) and over the ROI', async (t) => {
  const { image, mask } = ramp([10, 9, 6], [1, 1, 1]);
  const v = image.data as Float64Array;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
  const raw = extractFeatures(image, mask, { families: ['intensity_statistics'] }).features;
  const z = extractFeatures(image, mask, {
    families: ['intensity_statistics'],
    normalisation: { method: 'zscore', scale: 100 },
  }).features;
  t.ok(Math.abs(z.stat_mean! - (100 * (raw.stat_mean! - mean)) / sd) < 1e-9, 'ROI mean of the scaled z-scores');
  t.ok(Math.abs(z.stat_var! - (1e4 * raw.stat_var!) / sd ** 2) < 1e-6);
  const roi = extractFeatures(image, mask, {
    families: ['intensity_statistics'],
    normalisation: { method: 'zscore', scope: 'roi' },
  }).features;
  t.ok(Math.abs(roi.stat_mean!) < 1e-12, 'ROI scope: ROI mean 0');
  const clipped = extractFeatures(image, mask, {
    families: ['intensity_statistics'],
    normalisation: { method: 'zscore', removeOutliers: 0.5 },
  }).features;
  t.ok(clipped.stat_max! <= 0.5 + 1e-12 && clipped.stat_min! >= -0.5 - 1e-12, 'z clipped to [-0.5, 0.5]');
  const shifted = extractFeatures(image, mask, {
    families: ['intensity_statistics'],
    normalisation: { method: 'none', shift: 1000 },
  }).features;
  t.ok(Math.abs(shifted.stat_mean! - raw.stat_mean! - 1000) < 1e-9, 'shift only');
});

t.test('resampling: IBSI grid size and origin, identity, linear functions reproduced', async (t) => {
  const { image } = ramp([20, 18, 8], [0.977, 0.977, 3]);
  const r = resample(image, { spacing: [2, 2, 2], method: 'linear' });
  // n_b = ceil(n_a s_a / s_b)
  t.same(r.shape, [Math.ceil((20 * 0.977) / 2), Math.ceil((18 * 0.977) / 2), Math.ceil((8 * 3) / 2)]);
  // origin_b = origin_a + (s_a (n_a - 1) - s_b (n_b - 1)) / 2
  t.ok(Math.abs(r.origin[0] - (0.977 * 19 - 2 * (r.shape[0] - 1)) / 2) < 1e-9);
  t.ok(Math.abs(r.origin[2] - (3 * 7 - 2 * (r.shape[2] - 1)) / 2) < 1e-9);
  // linear interpolation is exact for a linear function inside the input
  for (const [x, y, z] of [
    [2, 3, 3],
    [5, 4, 6],
    [7, 6, 8],
  ] as const) {
    const px = r.origin[0] + 2 * x,
      py = r.origin[1] + 2 * y,
      pz = r.origin[2] + 2 * z;
    const expected = 10 + (2 * px) / 0.977 - (3 * py) / 0.977 + (0.5 * pz) / 3;
    t.ok(Math.abs(r.data[x + r.shape[0] * (y + r.shape[1] * z)]! - expected) < 1e-3, `value at (${x}, ${y}, ${z})`);
  }
  for (const method of ['nearest', 'linear', 'bspline'] as const) {
    const same = resample(image, { spacing: [0.977, 0.977, 3], method });
    t.same(
      Array.from(same.data),
      Array.from(image.data as Float64Array, (x) => Math.fround(x)),
      `identity with ${method}`,
    );
  }
});

t.test('interpolated diagnostics follow the new grid; mask partial-volume threshold', async (t) => {
  const { image, mask } = ramp([20, 18, 8], [0.977, 0.977, 3]);
  const r = extractFeatures(image, mask, { families: ['morphology'], interpolation: { spacing: [2, 2, 2] } });
  t.equal(r.diagnostics.img_dim_x_init_img, 20);
  t.equal(r.diagnostics.img_dim_x_interp_img, 10);
  t.equal(r.diagnostics.img_dim_z_interp_img, 12);
  t.equal(r.diagnostics.vox_dim_z_interp_img, 2);
  t.ok((r.diagnostics.morph_mask_vox_count_interp_roi as number) > 0);
  const strict = extractFeatures(image, mask, {
    families: ['morphology'],
    interpolation: { spacing: [2, 2, 2], mask: { threshold: 0.9 } },
  });
  t.ok(
    (strict.diagnostics.morph_mask_vox_count_interp_roi as number) <
      (r.diagnostics.morph_mask_vox_count_interp_roi as number),
    'higher threshold, fewer voxels',
  );
});
