/**
 * Typed options of the IBSI 2 convolutional filters (native/filters/), validated before the native call.
 * One filter per variant of FilterConfig, discriminated by `type`; lengths in mm, supports in voxels.
 */
import { RadiomicsError } from '../errors.js';

/** How a filter reads outside the image: IBSI 2 "zero", "nearest", "periodic", "mirror" (mirror = d c b a | a b c d, scipy 'reflect'). */
export type Boundary = 'zero' | 'nearest' | 'periodic' | 'mirror';
/** '3D' filters the volume; '2D' filters every axial slice on its own (never mixing slices). */
export type FilterDims = '2D' | '3D';
/** Rotation-invariant pooling over the right-angle rotations (Laws, wavelets) or orientations (Gabor). */
export type Pooling = 'max' | 'mean';

interface FilterCommon {
  dims?: FilterDims;
  boundary?: Boundary;
  /** Worker threads (0 or absent: all cores). Results are identical for any thread count. */
  threads?: number;
}

/** Mean over an M x M (x M) window; M odd (IBSI 2 mean filter). */
export interface MeanFilter extends FilterCommon {
  type: 'mean';
  support: number;
}
/** Laplacian of Gaussian, sigma in mm, kernel radius truncate * sigma (default 4). */
export interface LogFilter extends FilterCommon {
  type: 'log';
  sigmaMm: number;
  truncate?: number;
}
/** Laws kernels such as 'E5L5S5' (x, y, z); optional rotation invariance and energy map. */
export interface LawsFilter extends FilterCommon {
  type: 'laws';
  kernel: string;
  pooling?: Pooling;
  energy?: boolean;
  /** Energy window half-size in voxels (default 7). */
  energyDelta?: number;
}
/** Gabor modulus, sigma and lambda in mm; pooled over theta, theta + step, ... when pooling is set. */
export interface GaborFilter extends FilterCommon {
  type: 'gabor';
  sigmaMm: number;
  lambdaMm: number;
  gamma: number;
  thetaDeg?: number;
  thetaStepDeg?: number;
  pooling?: Pooling;
  /**
   * 3D: 'orthogonal' averages the 2D filter over the axial, coronal and sagittal planes (the default with
   * pooling: IBSI 2 rotation invariance); 'axial' filters the axial planes only (the default without pooling).
   */
  planes?: 'orthogonal' | 'axial';
}
/** Undecimated separable wavelet sub-band (e.g. 'LLH' = x low, y low, z high) at a level (a trous). */
export interface WaveletFilter extends FilterCommon {
  type: 'wavelet';
  wavelet: 'haar' | 'db1' | 'db2' | 'db3' | 'coif1';
  subband: string;
  level?: number;
  pooling?: Pooling;
}
/** Simoncelli non-separable (Fourier-domain, periodic) band-pass wavelet at a level. */
export interface SimoncelliFilter extends FilterCommon {
  type: 'simoncelli';
  level?: number;
}

/**
 * Riesz transform of order `order` of a LoG or Simoncelli filter (IBSI 2 phase-1 tests 9 and 10). Not
 * IBSI-compliant: IBSI 2 reached no consensus on Riesz filters. Fourier domain; zero, nearest and mirror
 * boundaries first extend each axis by the boundary condition: LoG by its kernel radius on each side (n + 2 r,
 * rounded up to a smooth size), Simoncelli to twice its size (memory: about the rows' extension, 0.1-0.2 x
 * the image for the LoG; periodic: none beyond the output).
 */
export interface RieszFilter extends FilterCommon {
  type: 'riesz';
  /** Order along each axis: [x, y, z] in 3D, [x, y] in 2D, integers >= 0 summing to <= 8 (e.g. [1, 0, 0]). */
  order: number[];
  /** The filter transformed, with its own options (dims, boundary and threads are the Riesz filter's). */
  of: { type: 'log'; sigmaMm: number; truncate?: number } | { type: 'simoncelli'; level?: number };
}

export type FilterConfig =
  MeanFilter | LogFilter | LawsFilter | GaborFilter | WaveletFilter | SimoncelliFilter | RieszFilter;
export const FILTER_TYPES = ['mean', 'log', 'laws', 'gabor', 'wavelet', 'simoncelli', 'riesz'] as const;
export const WAVELETS = ['haar', 'db1', 'db2', 'db3', 'coif1'] as const;

function bad(message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_INVALID_CONFIG', `filter: ${message}`);
}
function num(
  o: Record<string, unknown>,
  key: string,
  opts: { min?: number; int?: boolean; required?: boolean; positive?: boolean } = {},
): number | undefined {
  const v = o[key];
  if (v === undefined) {
    if (opts.required) bad(`${key} is required for a ${String(o.type)} filter`);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v))
    bad(`expected a finite number for ${key}, received ${JSON.stringify(v)}`);
  if (opts.int && !Number.isInteger(v)) bad(`expected an integer for ${key}, received ${v}`);
  if (opts.positive && !(v > 0)) bad(`expected ${key} > 0, received ${v}`);
  if (opts.min !== undefined && v < opts.min) bad(`expected ${key} >= ${opts.min}, received ${v}`);
  return v;
}
function oneOf<T extends string>(o: Record<string, unknown>, key: string, allowed: readonly T[]): T | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    bad(`expected one of ${allowed.join(', ')} for ${key}, received ${JSON.stringify(v)}`);
  return v as T;
}

/** Checks a filter configuration; throws ERR_RADIOMICS_INVALID_CONFIG naming the option. */
export function validateFilterConfig(config: unknown): FilterConfig {
  if (typeof config !== 'object' || config === null) bad('expected an object { type, ... }');
  const o = config as Record<string, unknown>;
  const type = oneOf(o, 'type', FILTER_TYPES);
  if (!type) bad(`type is required (${FILTER_TYPES.join(', ')})`);
  oneOf(o, 'dims', ['2D', '3D'] as const);
  oneOf(o, 'boundary', ['zero', 'nearest', 'periodic', 'mirror'] as const);
  oneOf(o, 'pooling', ['max', 'mean'] as const);
  num(o, 'threads', { int: true, min: 0 });
  switch (type) {
    case 'mean': {
      const m = num(o, 'support', { required: true, int: true, min: 1 })!;
      if (m % 2 === 0) bad(`support must be odd, received ${m}`);
      break;
    }
    case 'log':
      num(o, 'sigmaMm', { required: true, positive: true });
      num(o, 'truncate', { positive: true });
      break;
    case 'laws': {
      if (typeof o.kernel !== 'string' || !/^([LESWR][35])+$/i.test(o.kernel))
        bad(`kernel must name Laws kernels like 'E5L5S5', received ${JSON.stringify(o.kernel)}`);
      const axes = (o.kernel as string).length / 2,
        want = o.dims === '2D' ? 2 : 3;
      if (axes !== want) bad(`kernel '${o.kernel}' names ${axes} axes; a ${want}D filter needs ${want}`);
      num(o, 'energyDelta', { int: true, min: 0 });
      if (o.energy !== undefined && typeof o.energy !== 'boolean') bad('energy must be a boolean');
      break;
    }
    case 'gabor':
      num(o, 'sigmaMm', { required: true, positive: true });
      num(o, 'lambdaMm', { required: true, positive: true });
      num(o, 'gamma', { required: true, positive: true });
      num(o, 'thetaDeg');
      if (o.pooling !== undefined) num(o, 'thetaStepDeg', { required: true, positive: true });
      oneOf(o, 'planes', ['orthogonal', 'axial'] as const);
      break;
    case 'wavelet': {
      if (oneOf(o, 'wavelet', WAVELETS) === undefined) bad(`wavelet is required (${WAVELETS.join(', ')})`);
      const want = o.dims === '2D' ? 2 : 3;
      if (typeof o.subband !== 'string' || !new RegExp(`^[LH]{${want}}$`, 'i').test(o.subband))
        bad(
          `subband must be ${want} letters L/H (e.g. ${want === 3 ? 'LLH' : 'LH'}), received ${JSON.stringify(o.subband)}`,
        );
      num(o, 'level', { int: true, min: 1 });
      if ((o.level as number) > 8) bad('level must be <= 8');
      break;
    }
    case 'simoncelli':
      num(o, 'level', { int: true, min: 1 });
      if ((o.level as number) > 8) bad('level must be <= 8');
      if (o.boundary !== undefined && o.boundary !== 'periodic')
        bad('the Simoncelli filter is defined with the periodic boundary (leave boundary out)');
      break;
    case 'riesz': {
      const want = o.dims === '2D' ? 2 : 3;
      const order = o.order;
      if (!Array.isArray(order) || order.length !== want || !order.every((l) => Number.isInteger(l) && l >= 0))
        bad(
          `order must list ${want} integers >= 0 (${want === 3 ? 'x, y, z' : 'x, y'}), received ${JSON.stringify(order)}`,
        );
      if ((order as number[]).reduce((a, b) => a + b, 0) > 8)
        bad(`the orders must sum to <= 8, received ${JSON.stringify(order)}`);
      if (typeof o.of !== 'object' || o.of === null)
        bad("of is required: the filter transformed, { type: 'log', sigmaMm } or { type: 'simoncelli', level }");
      const of = o.of as Record<string, unknown>;
      if (of.type === 'log') {
        num(of, 'sigmaMm', { required: true, positive: true });
        num(of, 'truncate', { positive: true });
      } else if (of.type === 'simoncelli') {
        num(of, 'level', { int: true, min: 1 });
        if ((of.level as number) > 8) bad('level must be <= 8');
      } else bad(`of.type must be 'log' or 'simoncelli', received ${JSON.stringify(of.type)}`);
      break;
    }
  }
  return o as unknown as FilterConfig;
}

/** The plain options object of native filterVolume. */
export function toNativeFilterOptions(c: FilterConfig): Record<string, unknown> {
  const periodic = c.type === 'simoncelli' || (c.type === 'riesz' && c.of.type === 'simoncelli');
  const common = {
    filter: c.type,
    dims: c.dims ?? '3D',
    boundary: c.boundary ?? (periodic ? 'periodic' : 'mirror'),
    threads: c.threads ?? 0,
  };
  switch (c.type) {
    case 'mean':
      return { ...common, support: c.support };
    case 'log':
      return { ...common, sigmaMm: c.sigmaMm, truncate: c.truncate ?? 4 };
    case 'laws':
      return {
        ...common,
        kernel: c.kernel.toUpperCase(),
        pooling: c.pooling ?? 'none',
        energy: c.energy ?? false,
        energyDelta: c.energyDelta ?? 7,
      };
    case 'gabor':
      return {
        ...common,
        sigmaMm: c.sigmaMm,
        lambdaMm: c.lambdaMm,
        gamma: c.gamma,
        thetaDeg: c.thetaDeg ?? 0,
        thetaStepDeg: c.thetaStepDeg ?? 0,
        pooling: c.pooling ?? 'none',
        orthogonalPlanes: (c.planes ?? (c.pooling ? 'orthogonal' : 'axial')) === 'orthogonal',
      };
    case 'wavelet':
      return {
        ...common,
        wavelet: c.wavelet,
        subband: c.subband.toUpperCase(),
        level: c.level ?? 1,
        pooling: c.pooling ?? 'none',
      };
    case 'simoncelli':
      return { ...common, level: c.level ?? 1 };
    case 'riesz': {
      const [x, y, z = 0] = c.order;
      const base =
        c.of.type === 'log' ? { sigmaMm: c.of.sigmaMm, truncate: c.of.truncate ?? 4 } : { level: c.of.level ?? 1 };
      return { ...common, rieszOf: c.of.type, rieszOrderX: x, rieszOrderY: y, rieszOrderZ: z, ...base };
    }
  }
}
