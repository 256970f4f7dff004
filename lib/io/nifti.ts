/**
 * NIfTI-1/2 reader (.nii, .nii.gz) on top of nifti-reader-js (header parsing), returning a Volume in
 * ITK/DICOM LPS physical coordinates — the convention of SimpleITK and PyRadiomics — so geometry and
 * positions agree with them. Orientation: sform when sform_code > 0, else qform when qform_code > 0,
 * else the voxel sizes alone (NIfTI "method 1"). scl_slope / scl_inter are applied (float64 result).
 */
import { gunzip } from './inflate.js';
import { RadiomicsError } from '../errors.js';
import type { NormalisedVolume, VoxelArray } from '../volume.js';

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

function qformAffine(h: { quatern_b: number; quatern_c: number; quatern_d: number; qoffset_x: number; qoffset_y: number; qoffset_z: number; pixDims: number[] }): number[][] {
  const b = h.quatern_b, c = h.quatern_c, d = h.quatern_d;
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const qfac = (h.pixDims[0] ?? 1) < 0 ? -1 : 1;
  const R = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
  const s = [Math.abs(h.pixDims[1] || 1), Math.abs(h.pixDims[2] || 1), Math.abs(h.pixDims[3] || 1) * qfac];
  const off = [h.qoffset_x, h.qoffset_y, h.qoffset_z];
  return [0, 1, 2].map((r) => [R[r]![0]! * s[0]!, R[r]![1]! * s[1]!, R[r]![2]! * s[2]!, off[r]!]);
}

export async function readNifti(path: string, bytes: Buffer): Promise<NormalisedVolume> {
  let buf: Buffer = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzip(buf);
    } catch (e) {
      formatError(path, `corrupt gzip stream (${(e as Error).message})`);
    }
  }
  // The header parser gets the first bytes only (never a copy of a large volume); the whole file only
  // when the header does not parse from them (large extensions).
  const headerBytes = (n: number) => buf.buffer.slice(buf.byteOffset, buf.byteOffset + Math.min(buf.byteLength, n)) as ArrayBuffer;
  const nifti = await loadNifti();
  if (buf.length < 348 || !nifti.isNIFTI(headerBytes(4096))) formatError(path, 'not a NIfTI-1/2 file (bad header size or magic)');
  let h: ReturnType<NiftiModule['readHeader']>;
  try {
    try {
      h = nifti.readHeader(headerBytes(65536));
    } catch {
      h = nifti.readHeader(headerBytes(buf.byteLength));
    }
  } catch (e) {
    formatError(path, `unreadable NIfTI header (${(e as Error).message})`);
  }
  const ndim = h.dims[0]!;
  if (!(ndim >= 1 && ndim <= 7)) formatError(path, `invalid dim[0] = ${ndim}`);
  const shape = [1, 2, 3].map((k) => (k <= ndim ? h.dims[k]! : 1)) as [number, number, number];
  for (let k = 4; k <= ndim; k++)
    if (h.dims[k]! > 1) formatError(path, `has ${ndim} dimensions (dim = [${h.dims.slice(1, ndim + 1).join(', ')}]); only 3D volumes are supported`);
  if (!shape.every((d) => Number.isInteger(d) && d >= 1)) formatError(path, `invalid dimensions [${shape.join(', ')}]`);
  const dt = DTYPES[h.datatypeCode];
  if (!dt) throw new RadiomicsError('ERR_RADIOMICS_UNSUPPORTED_DTYPE', `${path}: NIfTI datatype ${h.datatypeCode} is not supported (use uint8/int8/(u)int16/(u)int32/float32/float64)`);
  const n = shape[0] * shape[1] * shape[2];
  const offset = Math.max(Number(h.vox_offset) || 0, 'isHDR' in h && h.isHDR ? 0 : 348);
  const need = offset + n * dt.bytes;
  if (buf.length < need) formatError(path, `truncated: the header needs ${need} bytes for ${shape.join('x')} ${dt.name} voxels, the file has ${buf.length}`);
  const start = buf.byteOffset + offset;
  let data: VoxelArray;
  if (h.littleEndian && start % dt.bytes === 0) {
    // Aligned little-endian data: a view on the file buffer, no copy (large CTs).
    data = new (dt.ctor as unknown as new (b: ArrayBufferLike, o: number, l: number) => VoxelArray)(buf.buffer, start, n);
  } else {
    const raw = buf.buffer.slice(start, start + n * dt.bytes) as ArrayBuffer;
    if (!h.littleEndian && dt.bytes > 1) {
      const u8 = new Uint8Array(raw);
      for (let i = 0; i < u8.length; i += dt.bytes) u8.subarray(i, i + dt.bytes).reverse();
    }
    data = new dt.ctor(raw);
  }
  const slope = h.scl_slope, inter = h.scl_inter;
  if (Number.isFinite(slope) && slope !== 0 && (slope !== 1 || (Number.isFinite(inter) && inter !== 0))) {
    const scaled = new Float64Array(n);
    const b = Number.isFinite(inter) ? inter : 0;
    for (let i = 0; i < n; i++) scaled[i] = data[i]! * slope + b;
    data = scaled;
  }
  let geometry: Pick<NormalisedVolume, 'spacing' | 'origin' | 'direction'>;
  if (h.sform_code > 0) geometry = geometryFromAffine(h.affine);
  else if (h.qform_code > 0) geometry = geometryFromAffine(qformAffine(h));
  else {
    const sp = [1, 2, 3].map((k) => Math.abs(h.pixDims[k] || 1)) as [number, number, number];
    geometry = geometryFromAffine([[sp[0], 0, 0, 0], [0, sp[1], 0, 0], [0, 0, sp[2], 0]]);
  }
  if (!geometry.spacing.every((s) => Number.isFinite(s) && s > 0)) formatError(path, `invalid voxel spacing [${geometry.spacing.join(', ')}]`);
  return { data, shape, ...geometry };
}
