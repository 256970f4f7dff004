/**
 * radiomics — IBSI-compliant radiomics features for Node.js.
 *
 *   import { extractFeatures, readImage } from 'radiomics';
 *   const image = await readImage('ct.nii.gz'), mask = await readImage('gtv.nii.gz');
 *   const { features, diagnostics } = extractFeatures(image, mask, { discretisation: { method: 'fbs', binWidth: 25 } });
 */
export {
  extractFeatures,
  extractFeaturesAsync,
  type ExtractionResult,
  type FeatureMatrix,
  type FeatureValues,
  type Diagnostics,
  type ConfigFor,
} from './extract.js';
export {
  validateConfig,
  resolveConfig,
  type DiscretisationConfig,
  type DiscretisationBounds,
  type NoDiscretisation,
  type FixedBinSize,
  type FixedBinNumber,
  type ExtractionConfig,
} from './config.js';
export { PRESETS, presetConfig, type Preset } from './presets.js';
export { RadiomicsError, isRadiomicsError, ERROR_CODES, type ErrorCode } from './errors.js';
export type { Volume, NormalisedVolume, VoxelArray, Vec3, Mat3, NdArrayLike } from './volume.js';
export {
  readImage,
  readMask,
  writeNrrd,
  dicomSeriesInfo,
  type ReadOptions,
  type ReadMaskOptions,
  type WriteNrrdOptions,
  type DicomSeriesInfo,
} from './io/index.js';
export type { SuvMode } from './io/index.js';
export { toCsv, toJson } from './output.js';
export {
  dilate,
  erode,
  ring,
  peritumoralRois,
  dilateAsync,
  erodeAsync,
  ringAsync,
  peritumoralRoisAsync,
  type RoiOpOptions,
  type NamedRoi,
} from './roi.js';
export { resample, resampleAsync, type ResampleOptions } from './resample.js';
export type { InterpolationConfig, NormalisationConfig } from './config.js';
export { maskLabels } from './labels.js';
export {
  extractPyRadiomics,
  extractPyRadiomicsAsync,
  isPyRadiomicsParams,
  validatePyParams,
  planPyRadiomics,
  PY_CLASSES,
  type PyParams,
  type PyClass,
} from './pyradiomics/index.js';
/** Per-family feature-name and tag types (`GlcmTag`, `MorphologyFeatureName`, ...), generated from the catalogue. */
export type * as Tags from './catalogue/features.generated.js';
/** The config groups typed from the settings schema (`MorphologyConfig`, `LocalIntensityConfig`, ...). */
export type * as SettingGroups from './catalogue/config-groups.generated.js';
export {
  CATALOGUE,
  FAMILIES,
  AGGREGATIONS,
  tagOf,
  type CatalogueEntry,
  type FamilyDef,
  type FeatureDef,
  type FamilyName,
  type AggregationName,
  type FeatureTag,
  type FamilyTags,
} from './catalogue/index.js';

import { native } from './native.js';
/** Native build facts: the SIMD level in use (`isa`), the best the CPU supports, Node-API version. */
export function buildInfo(): ReturnType<ReturnType<typeof native>['buildInfo']> {
  return native().buildInfo();
}
export {
  filterImage,
  validateFilterConfig,
  type FilterConfig,
  type Boundary,
  type FilterDims,
  type Pooling,
} from './filters/index.js';
export { writeNifti } from './io/nifti-write.js';
export { FILTER_PRESETS } from './presets-ibsi2.js';
