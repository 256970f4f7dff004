/**
 * Resampling of an image to a new voxel spacing (native/resample.cc): nearest, linear or cubic B-spline
 * (prefiltered: it interpolates), IBSI centre-aligned grid (default) or the SimpleITK / PyRadiomics corner
 * alignment, multi-threaded (identical results for any thread count). Returns float32 intensities.
 * extractFeatures applies the same step through `config.interpolation`. resampleAsync runs it off the event loop.
 */
import { validateResampleOptions, type InterpolationConfig } from './config.js';
import { fromNative } from './errors.js';
import { native, type NativeResampled } from './native.js';
import { normaliseVolume, type NormalisedVolume, type Volume } from './volume.js';

/** Options of resample(): the image part of the extraction's interpolation settings. */
export type ResampleOptions = Omit<InterpolationConfig, 'mask'>;

/** The binding's encoding of the options. */
function nativeOptions(options: ResampleOptions): object {
  return {
    spacing: options.spacing,
    inPlane: options.inPlane ?? false,
    method: { nearest: 0, linear: 1, bspline: 2 }[options.method ?? 'linear'],
    alignment: options.gridAlignment === 'corner' ? 1 : 0,
    rounding: options.roundIntensities ? 1 : 0,
    threads: options.threads ?? 0,
  };
}

function toVolume(r: NativeResampled): NormalisedVolume {
  return {
    data: r.data,
    shape: r.shape,
    spacing: r.spacing,
    origin: r.origin,
    direction: r.direction as NormalisedVolume['direction'],
  };
}

/** Resamples `volume` to `options.spacing` (mm); options are validated like the extraction config. */
export function resample(volume: Volume, options: ResampleOptions): NormalisedVolume {
  validateResampleOptions(options);
  const v = normaliseVolume(volume, 'volume');
  try {
    return toVolume(native().resampleVolume(v, nativeOptions(options)));
  } catch (e) {
    throw fromNative(e);
  }
}

/**
 * Like resample, on the libuv thread pool: the event loop stays free. The input voxels are copied before
 * the promise is returned, so the caller may modify, transfer or detach the volume's buffer at once.
 */
export async function resampleAsync(volume: Volume, options: ResampleOptions): Promise<NormalisedVolume> {
  const callerStack = new Error().stack;
  validateResampleOptions(options);
  const v = normaliseVolume(volume, 'volume');
  try {
    return toVolume(await native().resampleVolumeAsync(v, nativeOptions(options)));
  } catch (e) {
    throw fromNative(e, callerStack);
  }
}
