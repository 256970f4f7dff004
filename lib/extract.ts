/** extractFeatures / extractFeaturesAsync: the typed facade over the native pipeline. */
import type { FamilyName, FamilyTags, FeatureTag } from './catalogue/index.js';
import { selectFeatures, toNativeSettings, validateConfig, type ExtractionConfig } from './config.js';
import { fromNative } from './errors.js';
import { native, type NativeResult } from './native.js';
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
  if (raw.warnings.length) diagnostics.warnings = raw.warnings.join('; ');
  const features = selectFeatures(job.config, raw.features) as FeatureValues<FamilyTags[F]>;
  const result: ExtractionResult<FamilyTags[F]> = { features, diagnostics, warnings: [...raw.warnings] };
  if (job.config.texture?.returnMatrices) result.matrices = raw.matrices;
  return result;
}

/**
 * Computes the IBSI features of the ROI `mask == config.label` (default 1) of `volume`, synchronously.
 * Throws RadiomicsError (with a stable `code`) on bad input or configuration.
 */
export function extractFeatures<F extends FamilyName = FamilyName>(volume: Volume, mask: Volume, config?: ConfigFor<F>): ExtractionResult<FamilyTags[F]> {
  const job = prepare(volume, mask, config);
  try {
    return finish(job, native().extractSync(job.image, job.mask, job.settings));
  } catch (e) {
    throw fromNative(e);
  }
}

/**
 * Like extractFeatures, but runs the computation on the libuv thread pool so the event loop stays free.
 * Do not modify the volumes' data until the promise settles.
 */
export async function extractFeaturesAsync<F extends FamilyName = FamilyName>(volume: Volume, mask: Volume, config?: ConfigFor<F>): Promise<ExtractionResult<FamilyTags[F]>> {
  const callerStack = new Error().stack;
  const job = prepare(volume, mask, config);
  try {
    return finish(job, await native().extractAsync(job.image, job.mask, job.settings));
  } catch (e) {
    throw fromNative(e, callerStack);
  }
}
