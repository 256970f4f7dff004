/**
 * ROI operations (native/roi_ops.cc): 3D dilation and erosion by a radius in mm with a ball structuring
 * element in physical space (anisotropic spacing honoured; exact Euclidean distance transform, linear in
 * the volume), rings, and the peritumoral ROI set of the seed workflow. Results are 0/1 uint8 masks on the
 * input grid. A dilation that would reach beyond the image fails with ERR_RADIOMICS_OUT_OF_IMAGE unless
 * `allowClip` is set.
 */
import { validateRoiOptions } from './config.js';
import { fromNative } from './errors.js';
import { native } from './native.js';
import { normaliseVolume, type NormalisedVolume, type Volume } from './volume.js';

/** Options of the ROI operations. */
export interface RoiOpOptions {
  /** Label of the ROI in the mask; default 1. */
  label?: number;
  /** Clip results to the image instead of failing when they would leave it. */
  allowClip?: boolean;
  /** Keep added voxels only inside this mask (value 1), e.g. the body. Tumour voxels are never removed. */
  clipTo?: Volume;
  /** Threads for the distance transform; default all cores (results identical for any count). */
  threads?: number;
}

/** One ROI of peritumoralRois. */
export interface NamedRoi {
  /** Which ROI, e.g. 'intratumoral' or a ring / dilation band. */
  name: string;
  /** Inner radius of the band in mm. */
  innerMm: number;
  /** Outer radius of the band in mm. */
  outerMm: number;
  /** Number of voxels in the ROI. */
  count: number;
  /** The ROI as a 0/1 mask on the input grid. */
  mask: NormalisedVolume;
}

function run(mask: Volume, options: Record<string, unknown>): ReturnType<ReturnType<typeof native>['roiOperation']> {
  const { op, radiusMm, innerMm, outerMm, radiiMm, ...rest } = options;
  validateRoiOptions(rest, Object.fromEntries(Object.entries({ radiusMm, innerMm, outerMm, radiiMm }).filter(([, v]) => v !== undefined)));
  void op;
  const m = normaliseVolume(mask, 'mask');
  const clipTo = options.clipTo ? normaliseVolume(options.clipTo as Volume, 'clipTo') : undefined;
  try {
    return native().roiOperation(m, { ...options, clipTo });
  } catch (e) {
    throw fromNative(e);
  }
}

function asVolume(like: Volume, data: Uint8Array): NormalisedVolume {
  const n = normaliseVolume(like, 'mask');
  return { ...n, data };
}

/** Voxels within radiusMm (physical distance) of the ROI. */
export function dilate(mask: Volume, radiusMm: number, options: RoiOpOptions = {}): NormalisedVolume {
  return asVolume(mask, run(mask, { ...options, op: 'dilate', radiusMm }) as Uint8Array);
}

/** ROI voxels farther than radiusMm from the background. */
export function erode(mask: Volume, radiusMm: number, options: RoiOpOptions = {}): NormalisedVolume {
  return asVolume(mask, run(mask, { ...options, op: 'erode', radiusMm }) as Uint8Array);
}

/** The band dilate(outerMm) minus dilate(innerMm) (innerMm 0: minus the ROI itself); never includes the ROI. */
export function ring(mask: Volume, innerMm: number, outerMm: number, options: RoiOpOptions = {}): NormalisedVolume {
  return asVolume(mask, run(mask, { ...options, op: 'ring', innerMm, outerMm }) as Uint8Array);
}

/**
 * The seed workflow's ROIs: the intratumoral ROI, one ring per radius band (0-2, 2-4, 4-6 mm for
 * [2, 4, 6]) and the ROI dilated by each radius (combined): 7 masks for 3 radii.
 */
export function peritumoralRois(mask: Volume, radiiMm: number[] = [2, 4, 6], options: RoiOpOptions = {}): NamedRoi[] {
  const list = run(mask, { ...options, op: 'peritumoral', radiiMm }) as { name: string; innerMm: number; outerMm: number; count: number; data: Uint8Array }[];
  return list.map((r) => ({ name: r.name, innerMm: r.innerMm, outerMm: r.outerMm, count: r.count, mask: asVolume(mask, r.data) }));
}
