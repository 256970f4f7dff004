// Image types in extraction (lib/filters/image-types.ts): prefixes, family selection, and the order of
// the chain (the filtered path resamples, re-segments and filters outside the native pipeline, so an
// identity filter must reproduce the original's features exactly).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import t from 'tap';
import {
  extractFeatures,
  extractFeaturesAsync,
  filterImage,
  presetConfig,
  PRESETS,
  readImage,
  readMask,
  type ExtractionConfig,
} from '../dist/cjs/index.js';
import { PHANTOM_IMAGE, PHANTOM_MASK, ROOT } from './helpers/ibsi';

t.test('an identity filter reproduces the original features (whole chain, every family)', async (t) => {
  const image = await readImage(PHANTOM_IMAGE),
    mask = await readMask(PHANTOM_MASK, { image });
  const config: ExtractionConfig = {
    interpolation: { spacing: [1.5, 1.5, 1.5], method: 'linear', roundIntensities: true },
    resegmentation: { range: [1, 5] },
    discretisation: { method: 'fbn', nBins: 4 },
    families: ['intensity_statistics', 'intensity_histogram', 'glcm', 'glszm'],
    imageTypes: [{ type: 'original' }, { type: 'mean', support: 1, prefix: 'id_' }],
  };
  const r = extractFeatures(image, mask, config);
  const features: Record<string, number> = r.features;
  const tags = Object.keys(features).filter((k) => !k.startsWith('id_'));
  t.ok(tags.length > 50, `${tags.length} original features`);
  const off = tags.filter(
    (k) =>
      !(
        Object.is(features[k], features[`id_${k}`]) ||
        Math.abs(features[k]! - features[`id_${k}`]!) <= 1e-9 * Math.abs(features[k]!)
      ),
  );
  t.same(off, [], 'every id_ feature equals the original');
  t.equal(
    r.diagnostics.img_dim_x_interp_img !== undefined || Object.keys(r.diagnostics).length > 0,
    true,
    'diagnostics of the original',
  );
});

t.test('prefixes, expansion and filteredFamilies', async (t) => {
  const image = await readImage(PHANTOM_IMAGE),
    mask = await readMask(PHANTOM_MASK, { image });
  const r = await extractFeaturesAsync(image, mask, {
    discretisation: { method: 'fbs', binWidth: 0.5 },
    families: ['intensity_statistics', 'glcm'],
    filteredFamilies: ['intensity_statistics'],
    imageTypes: [{ type: 'original' }, { type: 'log', sigmaMm: [1, 1.5] }, { type: 'wavelet', wavelet: 'coif1' }],
  });
  const f = r.features;
  t.ok('stat_mean' in f && 'cm_contrast_3D_avg' in f, 'original: plain IBSI tags');
  t.ok('log_s1mm_stat_mean' in f && 'log_s1p5mm_stat_mean' in f, 'LoG prefixes log_s1mm_, log_s1p5mm_');
  const sub = ['lll', 'llh', 'lhl', 'lhh', 'hll', 'hlh', 'hhl', 'hhh'];
  t.same(
    sub.filter((s) => !(`wavelet_coif1_${s}_stat_mean` in f)),
    [],
    'the 8 coif1 sub-bands',
  );
  t.notOk(
    Object.keys(f).some((k) => k.startsWith('log_') && k.includes('cm_')),
    'filteredFamilies: no texture on filtered images',
  );
  // The LoG stat_mean is the mean of the response map over the ROI.
  const map = filterImage(image, { type: 'log', sigmaMm: 1 });
  let s = 0,
    n = 0;
  for (let i = 0; i < map.data.length; i++)
    if (mask.data[i] === 1) {
      s += map.data[i]!;
      n++;
    }
  t.ok(
    Math.abs(f.log_s1mm_stat_mean! - s / n) < 1e-6,
    `log_s1mm_stat_mean ${f.log_s1mm_stat_mean} = ROI mean of the map ${s / n}`,
  );
  t.throws(() => extractFeatures(image, mask, { imageTypes: [{ type: 'log', sigmaMm: [] }] }), {
    code: 'ERR_RADIOMICS_INVALID_CONFIG',
  });
  t.throws(() => extractFeatures(image, mask, { imageTypes: [{ type: 'sobel' } as never] }), {
    code: 'ERR_RADIOMICS_INVALID_CONFIG',
  });
  t.throws(() => extractFeatures(image, mask, { filteredFamilies: ['glcx' as never] }), {
    code: 'ERR_RADIOMICS_INVALID_CONFIG',
  });
});

const CT = path.resolve(ROOT, '..', 'shared', 'ibsi', 'ibsi1_ct_radiomics_phantom', 'nifti');
if (!existsSync(CT)) t.skip('IBSI CT phantom not found beside the project', () => {});
else
  t.test('IBSI 2 phase-2 presets on the CT phantom: the 18 stat_* features under plain tags', async (t) => {
    const image = await readImage(path.join(CT, 'image', 'phantom.nii.gz'));
    const mask = await readMask(path.join(CT, 'mask', 'mask.nii.gz'), { image });
    t.equal(Object.keys(PRESETS).filter((k) => k.startsWith('ibsi2-phase2-')).length, 18, '18 phase-2 presets');
    // The quick ones (Gabor 5.B alone takes minutes): one per filter family.
    for (const name of [
      'ibsi2-phase2-1a',
      'ibsi2-phase2-2b',
      'ibsi2-phase2-3a',
      'ibsi2-phase2-4a',
      'ibsi2-phase2-6a',
      'ibsi2-phase2-8a',
    ]) {
      const features: Record<string, number> = extractFeatures(image, mask, presetConfig(name)).features;
      const tags = Object.keys(features);
      t.ok(
        tags.length === 18 && tags.every((k) => k.startsWith('stat_') && Number.isFinite(features[k])),
        `${name}: 18 finite stat_* features`,
      );
    }
  });

t.test('the ROIs of one image reuse its filter maps, and a changed image is filtered anew', async (t) => {
  // The last image's preprocessed intensities and maps are cached (image-types.ts): a second ROI of the same
  // image must give what a fresh copy of the image gives, and an image changed in place must not hit the cache.
  const image = await readImage(PHANTOM_IMAGE),
    mask = await readMask(PHANTOM_MASK, { image });
  const config: ExtractionConfig = {
    interpolation: { spacing: [1.5, 1.5, 1.5], method: 'linear' },
    discretisation: { method: 'fbn', nBins: 8 },
    families: ['intensity_statistics'],
    imageTypes: [{ type: 'log', sigmaMm: 1.5 }],
  };
  const fresh = () => ({ ...image, data: image.data.slice() });
  // A second ROI: the mask's lower half.
  const half = { ...mask, data: mask.data.slice() };
  for (let i = 0; i < half.data.length / 2; i++) half.data[i] = 0;
  const first = extractFeatures(image, mask, config).features;
  const second = extractFeatures(image, half, config).features;
  t.same(second, extractFeatures(fresh(), half, config).features, 'second ROI from the cache = from a fresh copy');
  t.same(extractFeatures(image, mask, config).features, first, 'first ROI again = its first result');
  t.notSame(second, first, 'the two ROIs differ (the test can tell them apart)');
  // Change the image in place: the same array, new intensities.
  const before: Record<string, number> = extractFeatures(image, mask, config).features;
  for (let i = 0; i < image.data.length; i++) image.data[i] = image.data[i]! * 2 + 1;
  const after: Record<string, number> = extractFeatures(image, mask, config).features;
  t.same(
    after,
    extractFeatures(fresh(), mask, config).features,
    'after the change = a fresh copy of the changed image',
  );
  t.not(after['log_s1p5mm_stat_mean'], before['log_s1p5mm_stat_mean'], 'the change is seen');
  // Other processing settings are other images.
  const other = {
    ...config,
    interpolation: { spacing: [2, 2, 2] as [number, number, number], method: 'linear' as const },
  };
  t.same(
    extractFeatures(image, mask, other).features,
    extractFeatures(fresh(), mask, other).features,
    'other settings: no stale maps',
  );
});
