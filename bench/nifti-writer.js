'use strict';
// Minimal NIfTI-1 writer for the bench cases (uncompressed .nii, LPS identity orientation via sform).
const fs = require('node:fs');

/** The 352-byte header (NIfTI-1 + 4 bytes of extension flag). datatype/bitpix: 2/8 uint8, 4/16 int16, 16/32 float32. */
function niftiHeader(shape, spacing, datatype, bitpix) {
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  h.writeInt16LE(3, 40);
  shape.forEach((d, k) => h.writeInt16LE(d, 42 + 2 * k));
  for (let k = 4; k < 8; k++) h.writeInt16LE(1, 40 + 2 * k);
  h.writeInt16LE(datatype, 70);
  h.writeInt16LE(bitpix, 72);
  h.writeFloatLE(1, 76);
  spacing.forEach((s, k) => h.writeFloatLE(s, 80 + 4 * k));
  h.writeFloatLE(352, 108);
  h.writeFloatLE(1, 112);
  h.writeInt16LE(1, 254); // sform RAS diag(-s, -s, s) = identity direction in LPS
  [
    [-spacing[0], 0, 0, 0],
    [0, -spacing[1], 0, 0],
    [0, 0, spacing[2], 0],
  ].forEach((row, r) => row.forEach((v, c) => h.writeFloatLE(v, 280 + 16 * r + 4 * c)));
  h.write('n+1\0', 344, 'latin1');
  return h;
}

/** An uncompressed .nii file of `data` (see niftiHeader for datatype/bitpix). */
function writeNifti(file, shape, spacing, datatype, bitpix, data) {
  const h = niftiHeader(shape, spacing, datatype, bitpix);
  fs.writeFileSync(file, Buffer.concat([h, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

module.exports = { niftiHeader, writeNifti };
