// Combined range + outlier re-segmentation (IBSI 1, 2.6 "Re-segmentation", IF9H): both masks are computed
// on the ROI before re-segmentation and intersected. A synthetic ROI where that differs from filtering the
// range first and taking mean and sd of what is left.
import t from 'tap';
import { extractFeatures } from '../dist/cjs/index.js';

// 20 ROI voxels: 18 x 0, one 10, one 1000.
const values = new Float32Array(20);
values[18] = 10;
values[19] = 1000;
const image = { data: values, shape: [5, 4, 1] as [number, number, number] };
const mask = { data: new Uint8Array(20).fill(1), shape: [5, 4, 1] as [number, number, number] };

function reseg(resegmentation: { range?: [number | null, number | null]; outlierSigma?: number }) {
  const r = extractFeatures(image, mask, { families: ['intensity_statistics'], resegmentation });
  return { count: r.diagnostics.int_mask_vox_count_reseg_roi as number, mean: r.features.stat_mean as number };
}

t.test('range + outlier: intersection of masks both taken on the ROI before re-segmentation', async (t) => {
  // Outlier interval over all 20 voxels: mean 50.5, population sd sqrt(47454.75) = 217.84, 3 sd ->
  // [-603.0, 704.0]: only 1000 is an outlier. Range [null, 500] also drops only 1000. Intersection:
  // 19 voxels (18 x 0 and the 10), mean 10/19.
  // (Range first, then mean 10/19 and sd 2.233 of the 19 left -> [-6.17, 7.23] would also drop the 10:
  // 18 voxels, mean 0.)
  const r = reseg({ range: [null, 500], outlierSigma: 3 });
  t.equal(r.count, 19);
  t.ok(Math.abs(r.mean - 10 / 19) < 1e-12, `mean ${r.mean} = 10/19`);
});

t.test('each method alone is unchanged', async (t) => {
  t.same(reseg({ range: [null, 500] }), { count: 19, mean: 10 / 19 });
  const outliersOnly = reseg({ outlierSigma: 3 });
  t.equal(outliersOnly.count, 19);
  // A tighter range shows the intersection keeps the range's own exclusions: [null, 5] drops the 10 too.
  t.same(reseg({ range: [null, 5], outlierSigma: 3 }), { count: 18, mean: 0 });
});
