// A CommonJS TypeScript consumer of the published typings (the package resolved by its own name, through
// "exports"): what compiles and what must not. Checked by `npm run test:types` (tsc, no emit).
import {
  extractFeatures,
  extractFeaturesAsync,
  presetConfig,
  resample,
  dilate,
  type ExtractionConfig,
  type FeatureTag,
  type Volume,
} from 'radiomics';

declare const image: Volume;
declare const mask: Volume;

// Correct forms.
const r = extractFeatures(image, mask, { discretisation: { method: 'fbs', binWidth: 25 } });
const mean: number = r.features.stat_mean;
const glcm: number = r.features.cm_joint_max_3D_avg;
const withDistance: number = r.features.cm_joint_max_d2_3D_avg;
const warnings: string[] = r.warnings;
const isa: string = r.diagnostics.native_isa;
const fbn: ExtractionConfig = { discretisation: { method: 'fbn', nBins: 32 } };
const none: ExtractionConfig = { discretisation: { method: 'none' } };
const preset: ExtractionConfig = presetConfig('ibsi1-ct-a');
const tag: FeatureTag = 'ngt_coarseness_3D';
resample(image, { spacing: [1, 1, 1], method: 'bspline' });
dilate(mask, 2, { threads: 2 });
void extractFeaturesAsync(image, mask, fbn).then((a) => a.features.ih_mean);

// Narrowed by families: a GLCM-only result has no intensity-statistics tags.
const onlyGlcm = extractFeatures(image, mask, { families: ['glcm'], discretisation: { method: 'fbn', nBins: 16 } });
const joint: number = onlyGlcm.features.cm_joint_max_2D_avg;
// @ts-expect-error stat_mean is not a GLCM tag
void onlyGlcm.features.stat_mean;

// Rejected forms.
// @ts-expect-error misspelt feature tag
void r.features.stat_mena;
// @ts-expect-error fixed bin size needs a bin width
const noWidth: ExtractionConfig = { discretisation: { method: 'fbs' } };
// @ts-expect-error fixed bin number needs a number of bins
const noBins: ExtractionConfig = { discretisation: { method: 'fbn', binWidth: 2 } };
// @ts-expect-error there is no cubic interpolation (the cubic B-spline is 'bspline')
resample(image, { spacing: [1, 1, 1], method: 'cubic' });
// @ts-expect-error not a feature tag
const notATag: FeatureTag = 'stat_mena';

export { mean, glcm, withDistance, warnings, isa, none, preset, tag, joint, noWidth, noBins, notATag };
