// resample() and the ROI operations validate their options like the extraction config; a feature pattern that
// matches nothing is an error naming the nearest tag; warnings come back one by one.
import t from 'tap';
import { dilate, extractFeatures, peritumoralRois, resample, ring } from '../dist/cjs/index.js';
import { phantomImage, phantomMask } from './helpers/phantom';

t.test('resample rejects unknown methods and options instead of running linear', async (t) => {
  const v = phantomImage();
  t.throws(() => resample(v, { spacing: [1, 1, 1], method: 'cubic' as never }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /method must be one of 'nearest', 'linear', 'bspline', got "cubic"/,
  });
  t.throws(() => resample(v, { spacing: [1, 1, 1], gridAlignment: 'centre' as never }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /gridAlignment/,
  });
  t.throws(() => resample(v, { spacing: [1, 1, 1], metod: 'linear' } as never), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /unknown resample option 'metod'.*'method'/,
  });
  t.throws(() => resample(v, { spacing: [1, 1, 1], threads: 1.5 }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /threads must be an integer/,
  });
  t.throws(() => resample(v, { spacing: [1, 1, 1], inPlane: 'yes' as never }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /inPlane/,
  });
  const r = resample(v, { spacing: [2, 2, 2], method: 'bspline' });
  t.same(r.shape, [5, 4, 4]);
});

t.test('ROI operations validate their options and radii', async (t) => {
  const m = phantomMask();
  t.throws(() => dilate(m, 1, { lable: 1 } as never), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /unknown ROI operation option 'lable'.*'label'/,
  });
  t.throws(() => dilate(m, 1, { label: 0.5 }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /label must be an integer/,
  });
  t.throws(() => dilate(m, 1, { threads: -1 }), { code: 'ERR_RADIOMICS_INVALID_ARGUMENT', message: /threads/ });
  t.throws(() => ring(m, 1, Number.NaN), { code: 'ERR_RADIOMICS_INVALID_ARGUMENT', message: /outerMm/ });
  t.throws(() => peritumoralRois(m, []), { code: 'ERR_RADIOMICS_INVALID_ARGUMENT', message: /radiiMm must hold/ });
  t.throws(() => peritumoralRois(m, [2, -1]), { code: 'ERR_RADIOMICS_INVALID_ARGUMENT', message: /radiiMm\[1\]/ });
});

t.test('a feature pattern that matches nothing is an error naming the nearest tag', async (t) => {
  t.throws(() => extractFeatures(phantomImage(), phantomMask(), { features: ['stat_mena*'] }), {
    code: 'ERR_RADIOMICS_INVALID_CONFIG',
    message: /'stat_mena\*' matches no feature.*'stat_mean'/,
  });
  const r = extractFeatures(phantomImage(), phantomMask(), {
    features: ['cm_joint_max_d1_3D_avg'],
    texture: { distances: [1, 2] },
  });
  t.ok('cm_joint_max_d1_3D_avg' in r.features, 'a tag with an explicit GLCM distance is accepted');
});

t.test('warnings are a string array; diagnostics.warnings keeps the joined column', async (t) => {
  // A constant ROI leaves GLCM correlation undefined (NaN + a warning).
  const image = { data: new Float64Array(27).fill(3), shape: [3, 3, 3] as [number, number, number] };
  const mask = { data: new Uint8Array(27).fill(1), shape: [3, 3, 3] as [number, number, number] };
  const r = extractFeatures(image, mask, { families: ['glcm'], discretisation: { method: 'none' } });
  t.ok(Array.isArray(r.warnings) && r.warnings.length > 0, `${r.warnings.length} warnings`);
  t.equal(r.diagnostics.warnings, r.warnings.join('; '));
});

t.test('the default configuration on CT intensities says which discretisation to set', async (t) => {
  const data = Int16Array.from({ length: 64 }, (_, i) => -100 + 7 * i);
  const image = { data, shape: [4, 4, 4] as [number, number, number] };
  const mask = { data: new Uint8Array(64).fill(1), shape: [4, 4, 4] as [number, number, number] };
  t.throws(() => extractFeatures(image, mask), {
    code: 'ERR_RADIOMICS_INVALID_CONFIG',
    message: /set discretisation, e\.g\. \{ method: 'fbs', binWidth: 25 \}.*\{ method: 'fbn', nBins: 32 \}/,
  });
  const r = extractFeatures(image, mask, { discretisation: { method: 'fbs', binWidth: 25 } });
  t.ok(Number.isFinite(r.features.cm_joint_max_3D_avg));
});

t.test(
  'minRoiVoxels: an intensity mask smaller than the minimum is ERR_RADIOMICS_EMPTY_ROI with the count',
  async (t) => {
    // The phantom's intensity mask holds 74 voxels.
    t.throws(
      () => extractFeatures(phantomImage(), phantomMask(), { families: ['intensity_statistics'], minRoiVoxels: 75 }),
      { code: 'ERR_RADIOMICS_EMPTY_ROI', message: /holds 74 voxels, fewer than minRoiVoxels \(75\)/ },
    );
    const r = extractFeatures(phantomImage(), phantomMask(), { families: ['intensity_statistics'], minRoiVoxels: 74 });
    t.equal(r.diagnostics.int_mask_vox_count_reseg_roi, 74);
    t.throws(() => extractFeatures(phantomImage(), phantomMask(), { minRoiVoxels: 0 }), {
      code: 'ERR_RADIOMICS_INVALID_CONFIG',
      message: /minRoiVoxels must be >= 1/,
    });
  },
);
