/**
 * NIfTI-1 writer (.nii or gzip-compressed .nii.gz): a volume with its full geometry (sform and qform both
 * set from the LPS spacing/origin/direction, converted to NIfTI's RAS). float32 / float64 / integer types.
 */
import { promises as fs } from 'node:fs';
import * as zlib from 'node:zlib';
import { RadiomicsError } from '../errors.js';
import { normaliseVolume, type Volume } from '../volume.js';

/** Typed-array class, NIfTI datatype code, bits per voxel. */
const TYPES: [abstract new (...args: never[]) => ArrayLike<number>, number, number][] = [
  [Uint8Array, 2, 8],
  [Int16Array, 4, 16],
  [Int32Array, 8, 32],
  [Float32Array, 16, 32],
  [Float64Array, 64, 64],
  [Int8Array, 256, 8],
  [Uint16Array, 512, 16],
  [Uint32Array, 768, 32],
];

/** Quaternion (b, c, d) and qfac of a rotation matrix R (rows, RAS), as in the NIfTI-1 reference code. */
function quaternion(R: number[][]): { b: number; c: number; d: number; qfac: number } {
  let r = R.map((row) => [...row]);
  let det =
    r[0]![0]! * (r[1]![1]! * r[2]![2]! - r[1]![2]! * r[2]![1]!) -
    r[0]![1]! * (r[1]![0]! * r[2]![2]! - r[1]![2]! * r[2]![0]!) +
    r[0]![2]! * (r[1]![0]! * r[2]![1]! - r[1]![1]! * r[2]![0]!);
  let qfac = 1;
  if (det < 0) {
    qfac = -1;
    r = r.map((row) => [row[0]!, row[1]!, -row[2]!]);
    det = -det;
  }
  const [r11, r12, r13] = r[0]!,
    [r21, r22, r23] = r[1]!,
    [r31, r32, r33] = r[2]!;
  let a = r11! + r22! + r33! + 1,
    b: number,
    c: number,
    d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32! - r23!)) / a;
    c = (0.25 * (r13! - r31!)) / a;
    d = (0.25 * (r21! - r12!)) / a;
  } else {
    const xd = 1 + r11! - (r22! + r33!),
      yd = 1 + r22! - (r11! + r33!),
      zd = 1 + r33! - (r11! + r22!);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r12! + r21!)) / b;
      d = (0.25 * (r13! + r31!)) / b;
      a = (0.25 * (r32! - r23!)) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r12! + r21!)) / c;
      d = (0.25 * (r23! + r32!)) / c;
      a = (0.25 * (r13! - r31!)) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r13! + r31!)) / d;
      c = (0.25 * (r23! + r32!)) / d;
      a = (0.25 * (r21! - r12!)) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return { b, c, d, qfac };
}

/** The bytes of a NIfTI-1 single file (header + data), uncompressed. */
export function niftiBytes(volume: Volume): Buffer {
  const v = normaliseVolume(volume, 'volume');
  const type = TYPES.find(([ctor]) => v.data instanceof ctor);
  if (!type)
    throw new RadiomicsError('ERR_RADIOMICS_UNSUPPORTED_DTYPE', `cannot write ${v.data.constructor.name} as NIfTI`);
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  h.writeInt16LE(3, 40);
  v.shape.forEach((n, k) => {
    if (n > 32767)
      throw new RadiomicsError('ERR_RADIOMICS_BAD_DIMENSIONS', `NIfTI-1 dimensions are at most 32767, got ${n}`);
    h.writeInt16LE(n, 42 + 2 * k);
  });
  for (let k = 4; k < 8; k++) h.writeInt16LE(1, 40 + 2 * k);
  h.writeInt16LE(type[1], 70);
  h.writeInt16LE(type[2], 72);
  // RAS affine: flip the LPS x and y rows.
  const flip = [-1, -1, 1];
  const A = [0, 1, 2].map((r) => [0, 1, 2].map((j) => flip[r]! * v.direction[3 * r + j]! * v.spacing[j]!));
  const off = [0, 1, 2].map((r) => flip[r]! * v.origin[r]!);
  const R = A.map((row) => row.map((x, j) => x / v.spacing[j]!));
  const q = quaternion(R);
  h.writeFloatLE(q.qfac, 76);
  v.spacing.forEach((s, k) => h.writeFloatLE(s, 80 + 4 * k));
  h.writeFloatLE(352, 108);
  h.writeFloatLE(1, 112); // scl_slope
  h.writeInt8(2 | 8, 123); // xyzt_units: mm, s
  h.writeInt16LE(1, 252); // qform_code: scanner
  h.writeInt16LE(1, 254); // sform_code: scanner
  h.writeFloatLE(q.b, 256);
  h.writeFloatLE(q.c, 260);
  h.writeFloatLE(q.d, 264);
  off.forEach((o, k) => h.writeFloatLE(o, 268 + 4 * k));
  A.forEach((row, r) => [...row, off[r]!].forEach((x, c) => h.writeFloatLE(x, 280 + 16 * r + 4 * c)));
  h.write('n+1\0', 344, 'latin1');
  let raw = Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    raw = Buffer.from(raw);
    const b = v.data.BYTES_PER_ELEMENT;
    for (let i = 0; i < raw.length; i += b) raw.subarray(i, i + b).reverse();
  }
  return Buffer.concat([h, raw]);
}

/** Writes a volume as NIfTI-1; gzip-compressed when the path ends in .gz. */
export async function writeNifti(path: string, volume: Volume): Promise<void> {
  const bytes = niftiBytes(volume);
  await fs.writeFile(path, path.toLowerCase().endsWith('.gz') ? zlib.gzipSync(bytes, { level: 6 }) : bytes);
}
