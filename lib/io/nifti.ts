/**
 * NIfTI-1/2 reader (.nii, .nii.gz) on top of nifti-reader-js (header parsing), returning a Volume in
 * ITK/DICOM LPS physical coordinates — the convention of SimpleITK and PyRadiomics — so geometry and
 * positions agree with them. Orientation: sform when sform_code > 0, else qform when qform_code > 0,
 * else the voxel sizes alone (NIfTI "method 1"). scl_slope / scl_inter are applied (float64 result).
 *
 * Damaged headers are read as nifti1_io (the NIfTI reference library, used by ITK and SimpleITK) reads them,
 * and every such fix is reported in the volume's `warnings`, naming the field:
 * - `vox_offset` below the header size + 4 in a single file: voxels read from max(vox_offset, header size)
 *   (348 for NIfTI-1, 540 for NIfTI-2), as nifti1_io does; a non-finite vox_offset is rejected;
 * - `pixdim[k]` (used by the qform and by method 1) zero or non-finite: 1 mm, as nifti1_io; negative: its
 *   absolute value (nibabel's fix; nifti1_io keeps the sign in method 1 and takes 1 mm in the qform);
 * - a qform quaternion with b² + c² + d² > 1: (b, c, d) normalised (a 180° rotation), as nifti1_io;
 * - an sform whose axes are not orthogonal: the qform when there is one (as ITK), else an error;
 * - data after the voxels: ignored (nifti1_io reads what the header describes). Compressed files are inflated
 *   only as far as the header needs (see inflate.ts), so a gzip bomb costs what its header says.
 * What nifti1_io rejects is rejected: bad magic or header size, dim[0] outside 1..7, dim[k] < 1, an unknown
 * datatype.
 */
import { RadiomicsError } from '../errors.js';
import { directionProblem, type NormalisedVolume, type VoxelArray } from '../volume.js';
import { BoundedGunzip, describeTrailing, isGzip, type Trailing } from './inflate.js';

type NiftiModule = typeof import('nifti-reader-js', { with: { 'resolution-mode': 'import' } });
let niftiModule: Promise<NiftiModule> | undefined;
function loadNifti(): Promise<NiftiModule> {
  // nifti-reader-js is ESM-only: load it with a dynamic import (kept as import() by the node16 module setting).
  niftiModule ??= import('nifti-reader-js');
  return niftiModule;
}

const DTYPES: Record<number, { ctor: new (buf: ArrayBuffer) => VoxelArray; bytes: number; name: string }> = {
  2: { ctor: Uint8Array, bytes: 1, name: 'uint8' },
  4: { ctor: Int16Array, bytes: 2, name: 'int16' },
  8: { ctor: Int32Array, bytes: 4, name: 'int32' },
  16: { ctor: Float32Array, bytes: 4, name: 'float32' },
  64: { ctor: Float64Array, bytes: 8, name: 'float64' },
  256: { ctor: Int8Array, bytes: 1, name: 'int8' },
  512: { ctor: Uint16Array, bytes: 2, name: 'uint16' },
  768: { ctor: Uint32Array, bytes: 4, name: 'uint32' },
};

function formatError(path: string, message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${path}: ${message}`);
}

/** Affine (4x4 rows, RAS) -> spacing, LPS origin and LPS direction. */
function geometryFromAffine(a: number[][]): Pick<NormalisedVolume, 'spacing' | 'origin' | 'direction'> {
  const spacing = [0, 1, 2].map((j) => Math.hypot(a[0]![j]!, a[1]![j]!, a[2]![j]!)) as [number, number, number];
  const dir = new Array<number>(9);
  const flip = [-1, -1, 1]; // RAS -> LPS
  for (let r = 0; r < 3; r++) for (let j = 0; j < 3; j++) dir[3 * r + j] = (flip[r]! * a[r]![j]!) / (spacing[j] || 1);
  const origin = [flip[0]! * a[0]![3]!, flip[1]! * a[1]![3]!, a[2]![3]!] as [number, number, number];
  return { spacing, origin, direction: dir as NormalisedVolume['direction'] };
}

function qformAffine(
  h: {
    quatern_b: number;
    quatern_c: number;
    quatern_d: number;
    qoffset_x: number;
    qoffset_y: number;
    qoffset_z: number;
    pixDims: number[];
  },
  voxelSize: [number, number, number],
  warnings: string[],
): number[][] {
  let b = h.quatern_b,
    c = h.quatern_c,
    d = h.quatern_d;
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    // nifti1_io: (b, c, d) normalised, a = 0 (a 180-degree rotation).
    const norm = Math.hypot(b, c, d);
    if (!(norm > 0) || !Number.isFinite(norm))
      throw new Error(`the qform quaternion (${b}, ${c}, ${d}) is not a rotation`);
    if (a < -1e-6)
      warnings.push(
        `quatern_b/c/d: b² + c² + d² = ${+(1 - a).toPrecision(6)} exceeds 1; (b, c, d) normalised (a 180° rotation), as nifti1_io does`,
      );
    b /= norm;
    c /= norm;
    d /= norm;
    a = 0;
  } else a = Math.sqrt(a);
  const qfac = (h.pixDims[0] ?? 1) < 0 ? -1 : 1;
  const R = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
  const s = [voxelSize[0], voxelSize[1], voxelSize[2] * qfac];
  const off = [h.qoffset_x, h.qoffset_y, h.qoffset_z];
  return [0, 1, 2].map((r) => [R[r]![0]! * s[0]!, R[r]![1]! * s[1]!, R[r]![2]! * s[2]!, off[r]!]);
}

/** pixdim[1..3] as voxel sizes: zero or non-finite -> 1 mm (nifti1_io), negative -> |pixdim| (nibabel), each fix warned. */
function voxelSizes(pixDims: number[], warnings: string[]): [number, number, number] {
  return [1, 2, 3].map((k) => {
    const p = pixDims[k];
    if (p === undefined || p === 0 || !Number.isFinite(p)) {
      warnings.push(`pixdim[${k}] = ${p} is not a voxel size; 1 mm used, as nifti1_io does`);
      return 1;
    }
    if (p < 0) {
      warnings.push(`pixdim[${k}] = ${p} is negative; its absolute value ${-p} mm used`);
      return -p;
    }
    return p;
  }) as [number, number, number];
}

/** Where the voxels start: vox_offset, at least the header size in a single file (nifti1_io). */
function voxelOffset(
  path: string,
  voxOffset: number,
  headerSize: number,
  singleFile: boolean,
  warnings: string[],
): number {
  if (!Number.isFinite(voxOffset)) formatError(path, `vox_offset = ${voxOffset} is not a byte offset`);
  let offset = Math.floor(voxOffset);
  if (offset !== voxOffset)
    warnings.push(`vox_offset = ${voxOffset} is not an integer; byte ${offset} used, as nifti1_io does`);
  if (singleFile && offset < headerSize + 4) {
    const used = Math.max(offset, headerSize);
    warnings.push(
      `vox_offset = ${voxOffset} is below ${headerSize + 4} (the ${headerSize}-byte header and its 4-byte extension flag come first); ` +
        `voxels read from byte ${used}, as nifti1_io (ITK, SimpleITK) does: check that the image looks right`,
    );
    offset = used;
  }
  return offset;
}

/** The decompressed bytes a reader asks for: the whole file, or a bounded inflation of a .gz. */
interface Source {
  prefix(n: number): Promise<Buffer>;
  /** What follows byte n (call last). */
  trailing(n: number): Promise<{ trailing: Trailing; error?: Error }>;
  /** Stops the inflation (a reader that throws early). */
  close(): void;
}

function sourceOf(path: string, bytes: Buffer): Source {
  if (!isGzip(bytes))
    return {
      prefix: async (n) => (bytes.length > n ? bytes.subarray(0, n) : bytes),
      trailing: async (n) => ({
        trailing: bytes.length > n ? { kind: 'bytes', count: bytes.length - n } : { kind: 'none' },
      }),
      close: () => {},
    };
  const gz = new BoundedGunzip(bytes);
  return {
    prefix: async (n) => {
      try {
        return await gz.prefix(n);
      } catch (e) {
        gz.close();
        formatError(path, `corrupt gzip stream (${(e as Error).message})`);
      }
    },
    trailing: (n) => gz.trailing(n),
    close: () => gz.close(),
  };
}

export async function readNifti(path: string, bytes: Buffer): Promise<NormalisedVolume> {
  const source = sourceOf(path, bytes);
  try {
    return await readFrom(path, bytes, source);
  } finally {
    source.close();
  }
}

async function readFrom(path: string, bytes: Buffer, source: Source): Promise<NormalisedVolume> {
  const warnings: string[] = [];
  // The header parser gets the first bytes only (never a copy of a large volume); more of the file only
  // when the header does not parse from them (large extensions).
  const head = await source.prefix(65536);
  const headerBytes = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  const nifti = await loadNifti();
  if (head.length < 348 || !nifti.isNIFTI(headerBytes(head.subarray(0, 4096))))
    formatError(path, 'not a NIfTI-1/2 file (bad header size or magic)');
  let h: ReturnType<NiftiModule['readHeader']>;
  try {
    try {
      h = nifti.readHeader(headerBytes(head));
    } catch {
      h = nifti.readHeader(headerBytes(await source.prefix(64 * 1024 * 1024)));
    }
  } catch (e) {
    formatError(path, `unreadable NIfTI header (${(e as Error).message})`);
  }
  const ndim = h.dims[0]!;
  if (!(ndim >= 1 && ndim <= 7)) formatError(path, `invalid dim[0] = ${ndim}`);
  const shape = [1, 2, 3].map((k) => (k <= ndim ? h.dims[k]! : 1)) as [number, number, number];
  for (let k = 4; k <= ndim; k++)
    if (h.dims[k]! > 1)
      formatError(
        path,
        `has ${ndim} dimensions (dim = [${h.dims.slice(1, ndim + 1).join(', ')}]); only 3D volumes are supported`,
      );
  if (!shape.every((d) => Number.isInteger(d) && d >= 1)) formatError(path, `invalid dimensions [${shape.join(', ')}]`);
  const dt = DTYPES[h.datatypeCode];
  if (!dt)
    throw new RadiomicsError(
      'ERR_RADIOMICS_UNSUPPORTED_DTYPE',
      `${path}: NIfTI datatype ${h.datatypeCode} is not supported (use uint8/int8/(u)int16/(u)int32/float32/float64)`,
    );
  const n = shape[0] * shape[1] * shape[2];
  const headerSize = head.readInt32LE(0) === 540 || head.readInt32BE(0) === 540 ? 540 : 348;
  const singleFile = !('isHDR' in h && h.isHDR);
  const offset = voxelOffset(path, Number(h.vox_offset), headerSize, singleFile, warnings);
  const need = offset + n * dt.bytes;
  const buf = await source.prefix(need);
  if (buf.length < need)
    formatError(
      path,
      `truncated: the header needs ${need} bytes for ${shape.join('x')} ${dt.name} voxels, the ${isGzip(bytes) ? 'decompressed ' : ''}file has ${buf.length}`,
    );
  const after = await source.trailing(need);
  if (after.trailing.kind !== 'none')
    warnings.push(
      `${describeTrailing(after.trailing)} after the ${shape.join('x')} ${dt.name} voxels the header describes; ignored, as nifti1_io does`,
    );
  // A stream that ends within the look-ahead is checked to its end (CRC, length): damage there is an error.
  if (after.error) formatError(path, `corrupt gzip stream (${after.error.message})`);
  const start = buf.byteOffset + offset;
  let data: VoxelArray;
  if (h.littleEndian && start % dt.bytes === 0) {
    // Aligned little-endian data: a view on the file buffer, no copy (large CTs).
    data = new (dt.ctor as unknown as new (b: ArrayBufferLike, o: number, l: number) => VoxelArray)(
      buf.buffer,
      start,
      n,
    );
  } else {
    const raw = buf.buffer.slice(start, start + n * dt.bytes) as ArrayBuffer;
    if (!h.littleEndian && dt.bytes > 1) {
      const u8 = new Uint8Array(raw);
      for (let i = 0; i < u8.length; i += dt.bytes) u8.subarray(i, i + dt.bytes).reverse();
    }
    data = new dt.ctor(raw);
  }
  const slope = h.scl_slope,
    inter = h.scl_inter;
  if (Number.isFinite(slope) && slope !== 0 && (slope !== 1 || (Number.isFinite(inter) && inter !== 0))) {
    const scaled = new Float64Array(n);
    const b = Number.isFinite(inter) ? inter : 0;
    for (let i = 0; i < n; i++) scaled[i] = data[i]! * slope + b;
    data = scaled;
  }
  const geometry = niftiGeometry(path, h, warnings);
  return { data, shape, ...geometry, ...(warnings.length ? { warnings } : {}) };
}

type Geometry = Pick<NormalisedVolume, 'spacing' | 'origin' | 'direction'>;

/** sform (when its axes are orthogonal), else qform, else the voxel sizes (method 1). */
function niftiGeometry(
  path: string,
  h: Parameters<typeof qformAffine>[0] & { sform_code: number; qform_code: number; affine: number[][] },
  warnings: string[],
): Geometry {
  const checked = (g: Geometry, what: string): Geometry => {
    if (!g.spacing.every((s) => Number.isFinite(s) && s > 0))
      formatError(path, `invalid voxel spacing [${g.spacing.join(', ')}] from the ${what}`);
    return g;
  };
  const fromQform = () => {
    try {
      return checked(geometryFromAffine(qformAffine(h, voxelSizes(h.pixDims, warnings), warnings)), 'qform');
    } catch (e) {
      if (e instanceof RadiomicsError) throw e;
      formatError(path, (e as Error).message);
    }
  };
  if (h.sform_code > 0) {
    const g = checked(geometryFromAffine(h.affine), 'sform (srow_x/y/z)');
    const problem = directionProblem(g.direction);
    if (!problem) return g;
    if (h.qform_code > 0) {
      warnings.push(
        `srow_x/y/z: the sform's axes are not orthogonal (direction ${problem}); the qform used instead, as ITK does`,
      );
      return fromQform();
    }
    throw new RadiomicsError(
      'ERR_RADIOMICS_BAD_DIRECTION',
      `${path}: the sform (srow_x/y/z) cannot be a voxel grid: direction ${problem}; and there is no qform to fall back on`,
    );
  }
  if (h.qform_code > 0) return fromQform();
  const sp = voxelSizes(h.pixDims, warnings);
  return checked(
    geometryFromAffine([
      [sp[0], 0, 0, 0],
      [0, sp[1], 0, 0],
      [0, 0, sp[2], 0],
    ]),
    'pixdim',
  );
}
