/** extractFeatures / extractFeaturesAsync: the typed facade over the native pipeline. */
import { selectFeatures, toNativeSettings, validateConfig, type ExtractionConfig } from './config.js';
import { fromNative } from './errors.js';
import { extractImageTypes, extractImageTypesSync, hasFilteredImageTypes } from './filters/image-types.js';
import { native, type NativeResult } from './native.js';
import { extractPyRadiomics, extractPyRadiomicsAsync, isPyRadiomicsParams, type PyParams } from './pyradiomics/index.js';
import { checkSameGeometry, normaliseVolume, type NormalisedVolume, type Volume } from './volume.js';

export interface FeatureMatrix {
  name: string;
  rows: number;
  cols: number;
  data: Float64Array;
}

export interface ExtractionResult {
  /** Feature values keyed by IBSI compliance tag (`stat_mean`, `cm_joint_max_3D_avg`, ...). NaN where IBSI leaves a value undefined (see warnings). */
  features: Record<string, number>;
  /** IBSI diagnostic tags (`img_dim_x_init_img`, `int_mask_vox_count_reseg_roi`, ...) plus provenance (`native_isa`, `warnings`). */
  diagnostics: Record<string, number | string>;
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

function finish(job: PreparedJob, raw: NativeResult): ExtractionResult {
  const diagnostics: Record<string, number | string> = { ...raw.diagnostics };
  // What the readers fixed in the files (Volume.warnings), then the computation's own warnings.
  const warnings = [...(job.image.warnings ?? []).map((w) => `image: ${w}`), ...(job.mask.warnings ?? []).map((w) => `mask: ${w}`), ...raw.warnings];
  if (warnings.length) diagnostics.warnings = warnings.join('; ');
  const result: ExtractionResult = { features: selectFeatures(job.config, raw.features), diagnostics };
  if (job.config.texture?.returnMatrices) result.matrices = raw.matrices;
  return result;
}

/**
 * Computes the IBSI features of the ROI `mask == config.label` (default 1) of `volume`, synchronously.
 * Throws RadiomicsError (with a stable `code`) on bad input or configuration.
 */
export function extractFeatures(volume: Volume, mask: Volume, config?: ExtractionConfig | PyParams): ExtractionResult {
  // A PyRadiomics parameter object (or `compat: 'pyradiomics'`): compatibility mode, PyRadiomics' keys.
  if (isPyRadiomicsParams(config)) return extractPyRadiomics(volume, mask, config);
  if (hasFilteredImageTypes(validateConfig(config ?? {}))) return extractImageTypesSync(volume, mask, config!, extractFeatures);
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
export async function extractFeaturesAsync(volume: Volume, mask: Volume, config?: ExtractionConfig | PyParams): Promise<ExtractionResult> {
  if (isPyRadiomicsParams(config)) return extractPyRadiomicsAsync(volume, mask, config);
  if (hasFilteredImageTypes(validateConfig(config ?? {}))) return extractImageTypes(volume, mask, config!, extractFeaturesAsync);
  const callerStack = new Error().stack;
  const job = prepare(volume, mask, config);
  try {
    return finish(job, await native().extractAsync(job.image, job.mask, job.settings));
  } catch (e) {
    throw fromNative(e, callerStack);
  }
}
