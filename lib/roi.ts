/**
 * ROI operations (native/roi_ops.cc): 3D dilation and erosion by a radius in mm with a ball structuring
 * element in physical space (anisotropic spacing honoured; exact Euclidean distance transform, linear in
 * the volume), rings, and the peritumoral ROI set of the seed workflow. Results are 0/1 uint8 masks on the
 * input grid. A dilation that would reach beyond the image fails with ERR_RADIOMICS_OUT_OF_IMAGE unless
 * `allowClip` is set.
 */
import { validateRoiOptions } from './config.js';
import { fromNative } from './errors.js';
import { native, type NativeRoiResult } from './native.js';
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

// Validates the options like the extraction config, then normalises the masks (sync and async alike).
function prepare(mask: Volume, options: Record<string, unknown>): [NormalisedVolume, Record<string, unknown>] {
  const { op, radiusMm, innerMm, outerMm, radiiMm, ...rest } = options;
  validateRoiOptions(
    rest,
    Object.fromEntries(Object.entries({ radiusMm, innerMm, outerMm, radiiMm }).filter(([, v]) => v !== undefined)),
  );
  void op;
  const m = normaliseVolume(mask, 'mask');
  const clipTo = options.clipTo ? normaliseVolume(options.clipTo as Volume, 'clipTo') : undefined;
  return [m, { ...options, clipTo }];
}

function run(mask: Volume, options: Record<string, unknown>): [NormalisedVolume, NativeRoiResult] {
  const [m, o] = prepare(mask, options);
  try {
    return [m, native().roiOperation(m, o)];
  } catch (e) {
    throw fromNative(e);
  }
}

// The async form: the masks are read (binarised into private copies) before the promise is returned.
// The geometry is taken before queueing too, so results never read the caller's volume again.
async function runAsync(mask: Volume, options: Record<string, unknown>): Promise<[NormalisedVolume, NativeRoiResult]> {
  const callerStack = new Error().stack;
  const [m, o] = prepare(mask, options);
  try {
    return [m, await native().roiOperationAsync(m, o)];
  } catch (e) {
    throw fromNative(e, callerStack);
  }
}

// A result mask on the input's grid.
function asVolume([geometry, data]: [NormalisedVolume, NativeRoiResult]): NormalisedVolume {
  return { ...geometry, data: data as Uint8Array };
}

type NativeNamedRoi = { name: string; innerMm: number; outerMm: number; count: number; data: Uint8Array };

function asNamedRois([geometry, list]: [NormalisedVolume, NativeRoiResult]): NamedRoi[] {
  return (list as NativeNamedRoi[]).map((r) => ({
    name: r.name,
    innerMm: r.innerMm,
    outerMm: r.outerMm,
    count: r.count,
    mask: { ...geometry, data: r.data },
  }));
}

/** Voxels within radiusMm (physical distance) of the ROI. */
export function dilate(mask: Volume, radiusMm: number, options: RoiOpOptions = {}): NormalisedVolume {
  return asVolume(run(mask, { ...options, op: 'dilate', radiusMm }));
}

/** ROI voxels farther than radiusMm from the background. */
export function erode(mask: Volume, radiusMm: number, options: RoiOpOptions = {}): NormalisedVolume {
  return asVolume(run(mask, { ...options, op: 'erode', radiusMm }));
}

/** The band dilate(outerMm) minus dilate(innerMm) (innerMm 0: minus the ROI itself); never includes the ROI. */
export function ring(mask: Volume, innerMm: number, outerMm: number, options: RoiOpOptions = {}): NormalisedVolume {
  return asVolume(run(mask, { ...options, op: 'ring', innerMm, outerMm }));
}

/**
 * The seed workflow's ROIs: the intratumoral ROI, one ring per radius band (0-2, 2-4, 4-6 mm for
 * [2, 4, 6]) and the ROI dilated by each radius (combined): 7 masks for 3 radii.
 */
export function peritumoralRois(mask: Volume, radiiMm: number[] = [2, 4, 6], options: RoiOpOptions = {}): NamedRoi[] {
  return asNamedRois(run(mask, { ...options, op: 'peritumoral', radiiMm }));
}

// The same operations on the libuv thread pool (the event loop stays free). The masks are copied before
// the promise is returned: the caller may modify, transfer or detach their buffers at once.

/** dilate, off the event loop. */
export async function dilateAsync(
  mask: Volume,
  radiusMm: number,
  options: RoiOpOptions = {},
): Promise<NormalisedVolume> {
  return asVolume(await runAsync(mask, { ...options, op: 'dilate', radiusMm }));
}

/** erode, off the event loop. */
export async function erodeAsync(
  mask: Volume,
  radiusMm: number,
  options: RoiOpOptions = {},
): Promise<NormalisedVolume> {
  return asVolume(await runAsync(mask, { ...options, op: 'erode', radiusMm }));
}

/** ring, off the event loop. */
export async function ringAsync(
  mask: Volume,
  innerMm: number,
  outerMm: number,
  options: RoiOpOptions = {},
): Promise<NormalisedVolume> {
  return asVolume(await runAsync(mask, { ...options, op: 'ring', innerMm, outerMm }));
}

/** peritumoralRois, off the event loop. */
export async function peritumoralRoisAsync(
  mask: Volume,
  radiiMm: number[] = [2, 4, 6],
  options: RoiOpOptions = {},
): Promise<NamedRoi[]> {
  return asNamedRois(await runAsync(mask, { ...options, op: 'peritumoral', radiiMm }));
}
