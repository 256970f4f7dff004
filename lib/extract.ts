/** extractFeatures / extractFeaturesAsync: the typed facade over the native pipeline. */
import type { FamilyName, FamilyTags, FeatureTag } from './catalogue/index.js';
import { selectFeatures, toNativeSettings, validateConfig, type ExtractionConfig } from './config.js';
import { fromNative } from './errors.js';
import {
  extractImageTypes,
  extractImageTypesSync,
  hasFilteredImageTypes,
  type ImageTypeConfig,
} from './filters/image-types.js';
import { native, type NativeResult } from './native.js';
import {
  extractPyRadiomics,
  extractPyRadiomicsAsync,
  isPyRadiomicsParams,
  type PyParams,
} from './pyradiomics/index.js';
import { checkSameGeometry, normaliseVolume, type NormalisedVolume, type Volume } from './volume.js';

/**
 * Feature values by tag. `T` is every tag of the families asked for; a tag left out by `features` or
 * `texture.aggregations` is typed but absent at run time. A misspelt tag (`stat_mena`) does not compile.
 */
export type FeatureValues<T extends string = FeatureTag> = { [K in T]: number };

/** Diagnostics: IBSI diagnostic tags (numbers) plus provenance strings. */
export type Diagnostics = Record<string, number | string> & {
  /** The SIMD level the native core ran with. */
  native_isa: string;
  /** The warnings joined with '; ' (kept for the CSV/JSON column; `ExtractionResult.warnings` has them one by one). */
  warnings?: string;
};

/** One texture matrix of the result (config.texture.returnMatrices). */
export interface FeatureMatrix {
  /** Which matrix: family, aggregation and slice or direction. */
  name: string;
  /** Number of rows (grey levels). */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** The values, row-major. */
  data: Float64Array;
}

/** The result of an extraction; `T` narrows the feature tags to the families asked for. */
export interface ExtractionResult<T extends string = FeatureTag> {
  /** Feature values keyed by IBSI compliance tag (`stat_mean`, `cm_joint_max_3D_avg`, ...). NaN where IBSI leaves a value undefined (see warnings). */
  features: FeatureValues<T>;
  /** IBSI diagnostic tags (`img_dim_x_init_img`, `int_mask_vox_count_reseg_roi`, ...) plus provenance (`native_isa`, `warnings`). */
  diagnostics: Diagnostics;
  /** Every warning of the extraction, one message each (undefined features, approximations, ...). */
  warnings: string[];
  /** Texture matrices, when config.texture.returnMatrices is set. */
  matrices?: FeatureMatrix[];
}

interface PreparedJob {
  config: ExtractionConfig;
  image: NormalisedVolume;
  mask: NormalisedVolume;
  settings: Record<string, unknown>;
}

function prepare(volume: Volume, mask: Volume, config: ExtractionConfig | undefined): PreparedJob {
  const c = validateConfig(config ?? {});
  const image = normaliseVolume(volume, 'image');
  const m = normaliseVolume(mask, 'mask');
  checkSameGeometry(image, m, c.geometryTolerance ?? 1e-3);
  return { config: c, image, mask: m, settings: toNativeSettings(c) };
}

/** A config whose `families` (when given) narrows the result's tags. */
export type ConfigFor<F extends FamilyName> = ExtractionConfig & {
  /** Families to compute; default all. */
  families?: F[];
};

function finish<F extends FamilyName>(job: PreparedJob, raw: NativeResult): ExtractionResult<FamilyTags[F]> {
  const diagnostics = { ...raw.diagnostics } as Diagnostics;
  // What the readers fixed in the files (Volume.warnings), then the computation's own warnings.
  const warnings = [
    ...(job.image.warnings ?? []).map((w) => `image: ${w}`),
    ...(job.mask.warnings ?? []).map((w) => `mask: ${w}`),
    ...raw.warnings,
  ];
  if (warnings.length) diagnostics.warnings = warnings.join('; ');
  const features = selectFeatures(job.config, raw.features) as FeatureValues<FamilyTags[F]>;
  const result: ExtractionResult<FamilyTags[F]> = { features, diagnostics, warnings };
  if (job.config.texture?.returnMatrices) result.matrices = raw.matrices;
  return result;
}

/**
 * Computes the IBSI features of the ROI `mask == config.label` (default 1) of `volume`, synchronously.
 * Throws RadiomicsError (with a stable `code`) on bad input or configuration.
 */
/** With filtered image types (`imageTypes`): the original's tags plus prefixed tags (`log_s2mm_stat_mean`, ...). */
export function extractFeatures(
  volume: Volume,
  mask: Volume,
  config: ExtractionConfig & { imageTypes: ImageTypeConfig[] },
): ExtractionResult<string>;
export function extractFeatures<F extends FamilyName = FamilyName>(
  volume: Volume,
  mask: Volume,
  config?: ConfigFor<F>,
): ExtractionResult<FamilyTags[F]>;
/** With a PyRadiomics parameter object (compatibility mode): PyRadiomics' feature names as keys. */
export function extractFeatures(volume: Volume, mask: Volume, config: PyParams): ExtractionResult<string>;
/** Either form, decided at run time (e.g. a config file that may be a PyRadiomics parameter file). */
export function extractFeatures(
  volume: Volume,
  mask: Volume,
  config?: ExtractionConfig | PyParams,
): ExtractionResult<string>;
export function extractFeatures(
  volume: Volume,
  mask: Volume,
  config?: ExtractionConfig | PyParams,
): ExtractionResult<string> {
  // A PyRadiomics parameter object (or `compat: 'pyradiomics'`): compatibility mode, PyRadiomics' keys.
  if (isPyRadiomicsParams(config)) return extractPyRadiomics(volume, mask, config);
  if (hasFilteredImageTypes(validateConfig(config ?? {})))
    return extractImageTypesSync(volume, mask, config!, extractFeatures);
  const job = prepare(volume, mask, config);
  try {
    return finish(job, native().extractSync(job.image, job.mask, job.settings));
  } catch (e) {
    throw fromNative(e);
  }
}

/**
 * Like extractFeatures, but runs the computation on the libuv thread pool so the event loop stays free.
 * The image and mask voxels are copied into memory the job owns before the promise is returned: the caller
 * may modify, transfer (postMessage, structuredClone) or detach their buffers at once (README "Async rules").
 */
/** With filtered image types (`imageTypes`): the original's tags plus prefixed tags (`log_s2mm_stat_mean`, ...). */
export async function extractFeaturesAsync(
  volume: Volume,
  mask: Volume,
  config: ExtractionConfig & { imageTypes: ImageTypeConfig[] },
): Promise<ExtractionResult<string>>;
export async function extractFeaturesAsync<F extends FamilyName = FamilyName>(
  volume: Volume,
  mask: Volume,
  config?: ConfigFor<F>,
): Promise<ExtractionResult<FamilyTags[F]>>;
/** With a PyRadiomics parameter object (compatibility mode): PyRadiomics' feature names as keys. */
export async function extractFeaturesAsync(
  volume: Volume,
  mask: Volume,
  config: PyParams,
): Promise<ExtractionResult<string>>;
/** Either form, decided at run time (e.g. a config file that may be a PyRadiomics parameter file). */
export async function extractFeaturesAsync(
  volume: Volume,
  mask: Volume,
  config?: ExtractionConfig | PyParams,
): Promise<ExtractionResult<string>>;
export async function extractFeaturesAsync(
  volume: Volume,
  mask: Volume,
  config?: ExtractionConfig | PyParams,
): Promise<ExtractionResult<string>> {
  if (isPyRadiomicsParams(config)) return extractPyRadiomicsAsync(volume, mask, config);
  if (hasFilteredImageTypes(validateConfig(config ?? {})))
    return extractImageTypes(volume, mask, config!, extractFeaturesAsync);
  const callerStack = new Error().stack;
  const job = prepare(volume, mask, config);
  try {
    return finish(job, await native().extractAsync(job.image, job.mask, job.settings));
  } catch (e) {
    throw fromNative(e, callerStack);
  }
}
