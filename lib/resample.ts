/**
 * Resampling of an image to a new voxel spacing (native/resample.cc): nearest, linear or cubic B-spline
 * (prefiltered: it interpolates), IBSI centre-aligned grid (default) or the SimpleITK / PyRadiomics corner
 * alignment, multi-threaded (identical results for any thread count). Returns float32 intensities.
 * extractFeatures applies the same step through `config.interpolation`.
 */
import { validateResampleOptions, type InterpolationConfig } from './config.js';
import { fromNative } from './errors.js';
import { native } from './native.js';
import { normaliseVolume, type NormalisedVolume, type Volume } from './volume.js';

/** Options of resample(): the image part of the extraction's interpolation settings. */
export type ResampleOptions = Omit<InterpolationConfig, 'mask'>;

/** Resamples `volume` to `options.spacing` (mm); options are validated like the extraction config. */
export function resample(volume: Volume, options: ResampleOptions): NormalisedVolume {
  validateResampleOptions(options);
  const v = normaliseVolume(volume, 'volume');
  try {
    const r = native().resampleVolume(v, {
      spacing: options.spacing,
      inPlane: options.inPlane ?? false,
      method: { nearest: 0, linear: 1, bspline: 2 }[options.method ?? 'linear'],
      alignment: options.gridAlignment === 'corner' ? 1 : 0,
      rounding: options.roundIntensities ? 1 : 0,
      threads: options.threads ?? 0,
    });
    return { data: r.data, shape: r.shape, spacing: r.spacing, origin: r.origin, direction: r.direction as NormalisedVolume['direction'] };
  } catch (e) {
    throw fromNative(e);
  }
}
