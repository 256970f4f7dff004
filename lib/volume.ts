/** Volumes: image and mask data with physical geometry, as typed arrays or ndarrays. */
import { RadiomicsError } from './errors.js';

/** The typed arrays a volume's data may be. */
export type VoxelArray =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Three numbers [x, y, z]. */
export type Vec3 = readonly [number, number, number];
/** Row-major 3x3 matrix; column j is the physical direction of grid axis j (ITK convention). */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

/** An image or mask: voxel data with its physical geometry (LPS, as ITK). */
export interface Volume {
  /** Voxel values, x fastest (index = x + nx*(y + ny*z)), or an ndarray of shape [x, y, z]. */
  data: VoxelArray | NdArrayLike<VoxelArray>;
  /** [nx, ny, nz]. Optional when data is an ndarray (taken from it). */
  shape?: Vec3 | number[];
  /** Voxel size in mm; default [1, 1, 1]. */
  spacing?: Vec3 | number[];
  /** Physical position (mm) of the centre of voxel (0, 0, 0); default [0, 0, 0]. */
  origin?: Vec3 | number[];
  /** Direction cosines, row-major 3x3; default identity. */
  direction?: Mat3 | number[];
  /**
   * What the reader fixed or ignored in the file (naming the field, e.g. `vox_offset`, `pixdim[2]`); extraction
   * carries these into `diagnostics.warnings`.
   */
  warnings?: string[];
}

/** A volume with every field present and data as a flat x-fastest typed array. */
export interface NormalisedVolume {
  /** Voxel values, x fastest (index = x + nx*(y + ny*z)). */
  data: VoxelArray;
  /** [nx, ny, nz]. */
  shape: [number, number, number];
  /** Voxel size in mm. */
  spacing: [number, number, number];
  /** Physical position (mm) of the centre of voxel (0, 0, 0). */
  origin: [number, number, number];
  /** Direction cosines, row-major 3x3. */
  direction: [number, number, number, number, number, number, number, number, number];
  /** What the reader fixed or ignored in the file (see Volume.warnings). */
  warnings?: string[];
  /** Reader metadata worth reporting with the features (e.g. the PET SUV factor and the DICOM tags it came from). */
  metadata?: Record<string, string | number>;
}

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1] as const;

function isTypedVoxelArray(x: unknown): x is VoxelArray {
  return (
    x instanceof Uint8Array ||
    x instanceof Int8Array ||
    x instanceof Uint16Array ||
    x instanceof Int16Array ||
    x instanceof Uint32Array ||
    x instanceof Int32Array ||
    x instanceof Float32Array ||
    x instanceof Float64Array ||
    x instanceof Uint8ClampedArray
  );
}

/**
 * The part of an ndarray (npm `ndarray`) that volumes use, written out so that the published typings need no
 * `@types/ndarray`: any ndarray over a typed array fits.
 */
export interface NdArrayLike<T = VoxelArray> {
  /** The underlying typed array. */
  data: T;
  /** Size per axis, [x, y, z] for a volume. */
  shape: number[];
  /** Element step per axis. */
  stride: number[];
  /** Index of element (0, 0, 0) in data. */
  offset: number;
  /** The element at an index. */
  get(...index: number[]): number;
}

function isNdArray(x: unknown): x is NdArrayLike {
  return typeof x === 'object' && x !== null && 'shape' in x && 'stride' in x && 'data' in x && 'offset' in x;
}

function numbers(what: string, v: unknown, n: number, fallback: readonly number[]): number[] {
  if (v === undefined) return [...fallback];
  if (!Array.isArray(v) && !ArrayBuffer.isView(v))
    throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', `${what} must be an array of ${n} numbers`);
  const a = Array.from(v as ArrayLike<unknown>);
  if (a.length !== n || !a.every((x) => typeof x === 'number'))
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${what} must be an array of ${n} numbers, got ${JSON.stringify(a)}`,
    );
  return a as number[];
}

/** Checks a Volume and returns it normalised. Throws RadiomicsError with a specific code on bad input. */
export function normaliseVolume(v: Volume, what: string): NormalisedVolume {
  if (typeof v !== 'object' || v === null)
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${what} must be a volume object { data, shape, spacing, origin, direction }`,
    );
  let data: VoxelArray;
  let shape: number[];
  if (isNdArray(v.data)) {
    const nd = v.data;
    if (nd.shape.length !== 3)
      throw new RadiomicsError(
        'ERR_RADIOMICS_BAD_DIMENSIONS',
        `${what} ndarray must be 3-dimensional [x, y, z], got shape [${nd.shape.join(', ')}]`,
      );
    shape = [...nd.shape];
    if (!isTypedVoxelArray(nd.data))
      throw new RadiomicsError('ERR_RADIOMICS_UNSUPPORTED_DTYPE', `${what} ndarray data must be a typed array`);
    const [nx, ny, nz] = shape as [number, number, number];
    const contiguous =
      nd.offset === 0 &&
      nd.stride[0] === 1 &&
      nd.stride[1] === nx &&
      nd.stride[2] === nx * ny &&
      nd.data.length === nx * ny * nz;
    if (contiguous) data = nd.data;
    else {
      const Ctor = nd.data.constructor as new (n: number) => VoxelArray;
      data = new Ctor(nx * ny * nz);
      let i = 0;
      for (let z = 0; z < nz; z++)
        for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data[i++] = nd.get(x, y, z) as number;
    }
    if (v.shape !== undefined) {
      const s = numbers(`${what}.shape`, v.shape, 3, [0, 0, 0]);
      if (s.some((d, k) => d !== shape[k]))
        throw new RadiomicsError(
          'ERR_RADIOMICS_SHAPE_MISMATCH',
          `${what}.shape [${s.join(', ')}] differs from the ndarray shape [${shape.join(', ')}]`,
        );
    }
  } else {
    if (ArrayBuffer.isView(v.data) && !isTypedVoxelArray(v.data))
      throw new RadiomicsError(
        'ERR_RADIOMICS_UNSUPPORTED_DTYPE',
        `${what}.data has an unsupported type ${(v.data as object).constructor.name}; use (U)Int8/16/32Array or Float32/64Array`,
      );
    if (!isTypedVoxelArray(v.data))
      throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', `${what}.data must be a typed array or an ndarray`);
    data = v.data;
    if (v.shape === undefined)
      throw new RadiomicsError(
        'ERR_RADIOMICS_INVALID_ARGUMENT',
        `${what}.shape is required when data is a typed array`,
      );
    shape = numbers(`${what}.shape`, v.shape, 3, [0, 0, 0]);
  }
  if (!shape.every((d) => Number.isInteger(d) && d >= 1 && d <= 1 << 20))
    throw new RadiomicsError(
      'ERR_RADIOMICS_BAD_DIMENSIONS',
      `${what}.shape [${shape.join(', ')}] is invalid: each dimension must be an integer in 1..${1 << 20}`,
    );
  const expected = shape[0]! * shape[1]! * shape[2]!;
  if (data.length !== expected)
    throw new RadiomicsError(
      'ERR_RADIOMICS_DATA_LENGTH',
      `${what}.data has ${data.length} elements but shape [${shape.join(', ')}] needs ${expected}`,
    );
  const spacing = numbers(`${what}.spacing`, v.spacing, 3, [1, 1, 1]);
  if (!spacing.every((s) => Number.isFinite(s) && s > 0))
    throw new RadiomicsError(
      'ERR_RADIOMICS_BAD_SPACING',
      `${what}.spacing [${spacing.join(', ')}] must be finite and positive`,
    );
  const origin = numbers(`${what}.origin`, v.origin, 3, [0, 0, 0]);
  if (!origin.every(Number.isFinite))
    throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', `${what}.origin must be finite`);
  const direction = numbers(`${what}.direction`, v.direction, 9, IDENTITY);
  const problem = directionProblem(direction);
  if (problem) throw new RadiomicsError('ERR_RADIOMICS_BAD_DIRECTION', `${what}.direction ${problem}`);
  if (v.warnings !== undefined && !(Array.isArray(v.warnings) && v.warnings.every((w) => typeof w === 'string')))
    throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', `${what}.warnings must be an array of strings`);
  return {
    data,
    shape: shape as [number, number, number],
    spacing: spacing as [number, number, number],
    origin: origin as [number, number, number],
    direction: direction as NormalisedVolume['direction'],
    ...(v.warnings?.length ? { warnings: [...v.warnings] } : {}),
  };
}

/** Largest deviation of a direction matrix from orthonormal columns (unit length, pairwise orthogonal). */
export const DIRECTION_TOLERANCE = 1e-3;

/**
 * Why a row-major 3x3 direction matrix is unusable, or undefined when it is fine: every entry finite, each
 * column (the physical direction of one grid axis) of unit length and the columns pairwise orthogonal, within
 * DIRECTION_TOLERANCE. A mirrored frame (determinant -1) is allowed, as in ITK.
 */
export function directionProblem(d: readonly number[]): string | undefined {
  const fmt = (x: number) => String(+x.toPrecision(6));
  const show = () => `[${d.map(fmt).join(', ')}]`;
  if (!d.every(Number.isFinite)) return `${show()} must be finite`;
  const col = (j: number) => [d[j]!, d[3 + j]!, d[6 + j]!];
  const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  for (let j = 0; j < 3; j++) {
    const len = Math.sqrt(dot(col(j), col(j)));
    if (Math.abs(len - 1) > DIRECTION_TOLERANCE)
      return `${show()} is not a rotation: column ${j} (the direction of grid axis ${'xyz'[j]}) has length ${fmt(len)}, not 1 (tolerance ${DIRECTION_TOLERANCE})`;
  }
  for (const [i, j] of [
    [0, 1],
    [0, 2],
    [1, 2],
  ] as const) {
    const c = dot(col(i), col(j));
    if (Math.abs(c) > DIRECTION_TOLERANCE)
      return `${show()} is not a rotation: columns ${i} and ${j} (grid axes ${'xyz'[i]} and ${'xyz'[j]}) are not orthogonal (dot product ${fmt(c)}, tolerance ${DIRECTION_TOLERANCE})`;
  }
  return undefined;
}

/**
 * Image and mask must share shape and geometry. Spacing and origin are compared with an absolute
 * tolerance of `tolerance` x the smallest spacing (mm); direction cosines with `tolerance`.
 */
export function checkSameGeometry(image: NormalisedVolume, mask: NormalisedVolume, tolerance = 1e-3): void {
  if (image.shape.some((d, k) => d !== mask.shape[k]))
    throw new RadiomicsError(
      'ERR_RADIOMICS_SHAPE_MISMATCH',
      `mask shape [${mask.shape.join(', ')}] differs from image shape [${image.shape.join(', ')}]`,
    );
  const mm = tolerance * Math.min(...image.spacing);
  const fmt = (a: readonly number[]) => `[${a.map((x) => +x.toFixed(6)).join(', ')}]`;
  if (image.spacing.some((s, k) => Math.abs(s - mask.spacing[k]!) > mm))
    throw new RadiomicsError(
      'ERR_RADIOMICS_GEOMETRY_MISMATCH',
      `mask spacing ${fmt(mask.spacing)} differs from image spacing ${fmt(image.spacing)} (tolerance ${mm} mm)`,
    );
  if (image.origin.some((o, k) => Math.abs(o - mask.origin[k]!) > mm))
    throw new RadiomicsError(
      'ERR_RADIOMICS_GEOMETRY_MISMATCH',
      `mask origin ${fmt(mask.origin)} differs from image origin ${fmt(image.origin)} (tolerance ${mm} mm)`,
    );
  if (image.direction.some((d, k) => Math.abs(d - mask.direction[k]!) > tolerance))
    throw new RadiomicsError(
      'ERR_RADIOMICS_GEOMETRY_MISMATCH',
      `mask direction ${fmt(mask.direction)} differs from image direction ${fmt(image.direction)} (tolerance ${tolerance})`,
    );
}
