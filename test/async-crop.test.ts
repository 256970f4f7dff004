// The async extraction copies only the ROI's bounding box plus the margin extract() keeps (when no
// processing step reads the whole image). Its results must be those of the synchronous call on the whole
// volumes: every feature and every diagnostic, bit for bit, wherever the ROI lies and whatever the margin.
import t from 'tap';
import { extractFeatures, extractFeaturesAsync, type ExtractionConfig, type Volume } from '../dist/cjs/index.js';

const shape: [number, number, number] = [30, 26, 22];
const n = shape[0] * shape[1] * shape[2];

function volumes(
  lo: number[],
  hi: number[],
  label = 1,
  spacing: [number, number, number] = [1, 1, 1],
): { image: Volume; mask: Volume } {
  const img = new Int16Array(n);
  const m = new Int16Array(n);
  for (let z = 0, i = 0; z < shape[2]; z++)
    for (let y = 0; y < shape[1]; y++)
      for (let x = 0; x < shape[0]; x++, i++) {
        img[i] = Math.round(200 * Math.sin(x * 0.4) * Math.cos(y * 0.3) + 17 * z - 90);
        const inside =
          x >= lo[0]! && x < hi[0]! && y >= lo[1]! && y < hi[1]! && z >= lo[2]! && z < hi[2]! && (x + y + z) % 7 !== 0;
        m[i] = inside ? label : x % 5 === 0 ? 9 : 0;
      }
  return {
    image: { data: img, shape, spacing, origin: [-12.5, 3.25, 100] },
    mask: { data: m, shape, spacing, origin: [-12.5, 3.25, 100] },
  };
}

const ALL: ExtractionConfig = { discretisation: { method: 'fbs', binWidth: 25 } };
const cases: { name: string; v: { image: Volume; mask: Volume }; config: ExtractionConfig }[] = [
  { name: 'ROI in the middle, every family', v: volumes([8, 7, 6], [20, 18, 15]), config: ALL },
  { name: 'ROI touching the low faces', v: volumes([0, 0, 0], [9, 8, 7]), config: ALL },
  { name: 'ROI touching the high faces', v: volumes([20, 17, 14], [30, 26, 22]), config: ALL },
  {
    name: 'label 9 elsewhere, label 3 ROI, anisotropic, local intensity margin',
    v: volumes([10, 9, 8], [19, 16, 13], 3, [0.8, 0.9, 2.5]),
    config: { ...ALL, label: 3 },
  },
  {
    name: 'range re-segmentation, no diagnostics family',
    v: volumes([5, 5, 5], [25, 20, 17]),
    config: {
      discretisation: { method: 'fbn', nBins: 8 },
      families: ['glcm', 'intensity_statistics', 'local_intensity'],
      resegmentation: { range: [-100, 200] },
    },
  },
];

for (const c of cases)
  t.test(`async (ROI box copied) equals sync: ${c.name}`, async (t) => {
    const sync = extractFeatures(c.v.image, c.v.mask, c.config);
    const async = await extractFeaturesAsync(c.v.image, c.v.mask, c.config);
    t.same(async.features, sync.features);
    t.same(async.diagnostics, sync.diagnostics);
    t.ok(Object.keys(sync.features).length > 0);
  });

t.test('a NaN inside the ROI is reported at the caller voxel, sync and async', async (t) => {
  const v = volumes([8, 7, 6], [20, 18, 15]);
  const data = Float32Array.from(v.image.data as Int16Array);
  data[11 + shape[0] * (9 + shape[1] * 10)] = NaN;
  const image = { ...v.image, data };
  const config: ExtractionConfig = { families: ['intensity_statistics'] };
  let syncMessage = '';
  try {
    extractFeatures(image, v.mask, config);
  } catch (e) {
    syncMessage = (e as Error).message;
  }
  await t.rejects(extractFeaturesAsync(image, v.mask, config), {
    code: 'ERR_RADIOMICS_NON_FINITE',
    message: syncMessage,
  });
  t.match(syncMessage, /\[11, 9, 10\]/);
});

t.test('an absent label rejects with the same error as the sync call', async (t) => {
  const v = volumes([8, 7, 6], [20, 18, 15]);
  await t.rejects(extractFeaturesAsync(v.image, v.mask, { label: 4 }), {
    code: 'ERR_RADIOMICS_EMPTY_ROI',
    message: 'the mask has no voxel with label 4',
  });
  t.throws(() => extractFeatures(v.image, v.mask, { label: 4 }), {
    code: 'ERR_RADIOMICS_EMPTY_ROI',
    message: 'the mask has no voxel with label 4',
  });
});
