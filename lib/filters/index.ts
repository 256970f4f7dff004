/**
 * IBSI 2 convolutional filters: the response map of an image (float32, same grid), multi-threaded with
 * identical results for any thread count. See lib/filters/config.ts for the options of each filter.
 *
 *   const map = filterImage(image, { type: 'log', sigmaMm: 2 });
 */
import { fromNative } from '../errors.js';
import { native } from '../native.js';
import { normaliseVolume, type NormalisedVolume, type Volume } from '../volume.js';
import { toNativeFilterOptions, validateFilterConfig, type FilterConfig } from './config.js';

export * from './config.js';

/** The filter's response map on the image's grid (data: Float32Array). */
export function filterImage(image: Volume, config: FilterConfig): NormalisedVolume & { data: Float32Array } {
  const v = normaliseVolume(image, 'image');
  const c = validateFilterConfig(config);
  try {
    const data = native().filterVolume(v, toNativeFilterOptions(c));
    return { ...v, data };
  } catch (e) {
    throw fromNative(e, new Error().stack);
  }
}
