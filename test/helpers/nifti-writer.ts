/** A minimal NIfTI-1 writer for tests (single .nii / .nii.gz file, sform = spacing and origin, RAS). */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

const CODES = new Map<unknown, [number, number]>([
  [Uint8Array, [2, 8]],
  [Int16Array, [4, 16]],
  [Int32Array, [8, 32]],
  [Float32Array, [16, 32]],
  [Float64Array, [64, 64]],
]);

export function writeNifti(
  file: string,
  v: {
    data: Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array;
    shape: [number, number, number];
    spacing?: [number, number, number];
    origin?: [number, number, number];
  },
): void {
  const [datatype, bitpix] = CODES.get(v.data.constructor)!;
  const sp = v.spacing ?? [1, 1, 1],
    o = v.origin ?? [0, 0, 0];
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  h.writeInt16LE(3, 40);
  v.shape.forEach((d, k) => h.writeInt16LE(d, 42 + 2 * k));
  for (let k = 4; k < 8; k++) h.writeInt16LE(1, 40 + 2 * k);
  h.writeInt16LE(datatype, 70);
  h.writeInt16LE(bitpix, 72);
  h.writeFloatLE(1, 76);
  sp.forEach((p, k) => h.writeFloatLE(p, 80 + 4 * k));
  h.writeFloatLE(352, 108);
  h.writeFloatLE(1, 112);
  h.writeInt16LE(0, 252);
  h.writeInt16LE(1, 254);
  // sform rows (RAS): LPS origin o -> RAS (-o0, -o1, o2); axes x -> -R... keep axes along +RAS for simplicity.
  const rows = [
    [sp[0], 0, 0, o[0]],
    [0, sp[1], 0, o[1]],
    [0, 0, sp[2], o[2]],
  ];
  rows.forEach((row, r) => row.forEach((x, c) => h.writeFloatLE(x, 280 + 16 * r + 4 * c)));
  h.write('n+1\0', 344, 'latin1');
  const bytes = Buffer.concat([h, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength)]);
  fs.writeFileSync(file, file.endsWith('.gz') ? zlib.gzipSync(bytes) : bytes);
}
