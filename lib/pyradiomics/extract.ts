/**
 * Compatibility-mode extraction: a PyRadiomics parameter object in, PyRadiomics' keys and values out
 * (`{ features: { original_firstorder_Mean, ... }, diagnostics: { diagnostics_... } }`), computed by the same
 * native pipeline as IBSI mode with PyRadiomics' settings (docs/pyradiomics-compat.md):
 *   - resampling on SimpleITK's corner-aligned grid, mask by nearest neighbour, image in the input pixel type
 *     (integer images: interpolated values truncated toward zero); an axis is kept where the target spacing is 0
 *     or the ROI spans one slice, and nothing is resampled when the spacing already matches (numpy.allclose);
 *   - fixed bin width anchored at multiples of binWidth; re-segmentation in absolute, relative or sigma mode;
 *   - PyRadiomics-only conversions (features.ts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { toNativeSettings, type ExtractionConfig } from '../config.js';
import { RadiomicsError, fromNative } from '../errors.js';
import type { ExtractionResult } from '../extract.js';
import { native, PACKAGE_ROOT, type NativeResult } from '../native.js';
import { checkSameGeometry, normaliseVolume, type NormalisedVolume, type Volume } from '../volume.js';
import { maskSummary, pyDiagnostics } from './diagnostics.js';
import { planeDiameters } from './diameters.js';
import { pyFeatureValues } from './features.js';
import { planPyRadiomics, type CompatPlan } from './translate.js';

interface PreparedCompat {
  plan: CompatPlan;
  image: NormalisedVolume;
  mask: NormalisedVolume;
  config: ExtractionConfig;
  settings: Record<string, unknown>;
}

const INTEGER_TYPES: readonly unknown[] = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
];

function prepare(volume: Volume, maskVolume: Volume, params: unknown): PreparedCompat {
  const plan = planPyRadiomics(params);
  const image = normaliseVolume(volume, 'image');
  const mask = normaliseVolume(maskVolume, 'mask');
  const config: ExtractionConfig = structuredClone(plan.config);
  checkSameGeometry(image, mask, config.geometryTolerance ?? 1e-3);
  const label = config.label ?? 1;
  const summary = maskSummary(mask, label);
  // PyRadiomics checkMask: the label is present, the ROI spans enough dimensions and voxels.
  if (summary.count === 0)
    throw new RadiomicsError('ERR_RADIOMICS_EMPTY_ROI', `label ${label} is not present in the mask`);
  const dims = summary.box.slice(3).filter((n) => n > 1).length;
  const minDims = plan.settings.minimumROIDimensions as number;
  if (dims < minDims)
    throw new RadiomicsError(
      'ERR_RADIOMICS_EMPTY_ROI',
      `the ROI spans ${dims} dimension(s), fewer than minimumROIDimensions (${minDims})`,
    );
  const minSize = plan.settings.minimumROISize as number | null;
  if (minSize !== null && summary.count < minSize)
    throw new RadiomicsError(
      'ERR_RADIOMICS_EMPTY_ROI',
      `the ROI has ${summary.count} voxels, fewer than minimumROISize (${minSize})`,
    );

  // SimpleITK resamples in the input pixel type (normalisation makes it float64): 2 = truncate toward zero
  // (integer types), 3 = round to float32.
  let rounding = 0;
  if (plan.resampling) {
    // PyRadiomics resampleImage: 0 keeps an axis, so does an axis the ROI spans with one slice.
    const target = plan.resampling.spacing.map((s, a) =>
      s === 0 || summary.box[3 + a] === 1 ? mask.spacing[a]! : s,
    ) as [number, number, number];
    const same = target.every((t, a) => Math.abs(mask.spacing[a]! - t) <= 1e-8 + 1e-5 * Math.abs(t));
    if (!same) {
      config.interpolation = {
        spacing: target,
        method: plan.resampling.method,
        gridAlignment: 'corner',
        mask: { method: 'nearest' },
      };
      if (!config.normalisation)
        rounding = INTEGER_TYPES.includes(image.data.constructor) ? 2 : image.data instanceof Float32Array ? 3 : 0;
    }
  }
  // The sections adjusted below are objects (toNativeSettings); other entries are left as they are.
  const settings = toNativeSettings(config) as Record<string, Record<string, unknown> | undefined>;
  // PyRadiomics bins from the ROI minimum (anchored at a multiple of binWidth), never from the re-segmentation
  // bound that IBSI mode takes as X_min.
  settings.discretisation = { ...settings.discretisation, min: undefined, anchorAtZero: plan.native.anchorAtZero };
  settings.resegmentation = {
    ...settings.resegmentation,
    mode: plan.native.resegmentMode,
    shape: plan.native.resegmentShape,
  };
  if (settings.interpolation) {
    settings.interpolation.rounding = rounding;
    settings.interpolation.sitkPadDistance = plan.settings.padDistance;
  }
  settings.texture = { ...settings.texture, chebyshevShells: plan.native.chebyshevShells };
  return { plan, image, mask, config, settings };
}

function finish(job: PreparedCompat, raw: NativeResult): ExtractionResult<string> {
  const { plan, config } = job;
  const label = config.label ?? 1;
  const features = pyFeatureValues({
    raw,
    features: plan.features,
    force2D: plan.settings.force2D === true,
    voxelArrayShift: plan.settings.voxelArrayShift as number,
    diameters: () => shapeMaskDiameters(job, label),
  });
  const diagnostics =
    plan.settings.additionalInfo === false
      ? {}
      : pyDiagnostics({
          image: job.image,
          mask: job.mask,
          label,
          settings: plan.settings,
          imageTypes: plan.imageTypes,
          raw,
          resampled: config.interpolation !== undefined,
          resegmented: config.resegmentation !== undefined,
          version: packageVersion(),
        });
  // What the readers fixed in the files, then the computation's own warnings (as IBSI mode reports them).
  const warnings = [
    ...(job.image.warnings ?? []).map((w) => `image: ${w}`),
    ...(job.mask.warnings ?? []).map((w) => `mask: ${w}`),
    ...raw.warnings,
  ];
  if (warnings.length) (diagnostics as Record<string, string>).warnings = warnings.join('; ');
  return { features, diagnostics: diagnostics as ExtractionResult['diagnostics'], warnings };
}

/** Plane diameters of the shape mask on the grid the features are computed on (resampled like the native step). */
function shapeMaskDiameters(job: PreparedCompat, label: number): { slice: number; column: number; row: number } {
  const ip = job.config.interpolation;
  if (!ip) return planeDiameters((i) => job.mask.data[i] === label, job.mask.shape, job.mask.spacing);
  const b = maskSummary(job.mask, label).box;
  const r = native().resampleVolume(job.mask, {
    spacing: ip.spacing,
    method: 0,
    alignment: 1,
    sitkMaskBox: [b[0], b[1], b[2], b[0]! + b[3]!, b[1]! + b[4]!, b[2]! + b[5]!],
    sitkPadDistance: job.plan.settings.padDistance,
  });
  return planeDiameters((i) => r.data[i] === label, r.shape, r.spacing);
}

let version: string | undefined;
function packageVersion(): string {
  if (version === undefined) {
    try {
      version = String(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

/** PyRadiomics-compatible extraction, synchronous. `params`: a parsed PyRadiomics parameter file. */
export function extractPyRadiomics(volume: Volume, mask: Volume, params: unknown): ExtractionResult<string> {
  const job = prepare(volume, mask, params);
  let raw: NativeResult;
  try {
    raw = native().extractSync(job.image, job.mask, job.settings);
  } catch (e) {
    throw fromNative(e);
  }
  return finish(job, raw);
}

/** PyRadiomics-compatible extraction on the libuv pool. */
export async function extractPyRadiomicsAsync(
  volume: Volume,
  mask: Volume,
  params: unknown,
): Promise<ExtractionResult<string>> {
  const callerStack = new Error().stack;
  const job = prepare(volume, mask, params);
  let raw: NativeResult;
  try {
    raw = await native().extractAsync(job.image, job.mask, job.settings);
  } catch (e) {
    throw fromNative(e, callerStack);
  }
  return finish(job, raw);
}
