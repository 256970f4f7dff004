// One DICOM RTSTRUCT or SEG file against a small fixed image (4 x 4 x 3, 1 mm, axial at z = 0, 1, 2).
'use strict';
const { load } = require('./_lib');
const dicom = load('io/dicom.js');
const { rasteriseRtstruct } = load('io/rtstruct.js');
const { readSeg } = load('io/seg.js');
const image = {
  data: new Float32Array(48),
  shape: [4, 4, 3],
  spacing: [1, 1, 1],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
module.exports = {
  dictionary: [
    'DICM',
    '1.2.840.10008.5.1.4.1.1.481.3\0',
    '1.2.840.10008.5.1.4.1.1.66.4\0',
    '\x06\x30\x20\0',
    '\x06\x30\x39\0',
    '\x06\x30\x40\0',
    '\x06\x30\x50\0',
    '\x06\x30\x46\0',
    '\x06\x30\x22\0',
    '\x06\x30\x84\0',
    '\x62\0\x02\0',
    '\x62\0\x04\0',
    '\x52\0\x29\x92',
    '\x20\0\x30\x92',
    '\x28\0\x10\0',
    '\x28\0\x11\0',
    '\x28\0\x08\0',
    '\xe0\x7f\x10\0',
    'CLOSED_PLANAR',
    'POINT',
    'BINARY',
    'FRACTIONAL',
    'GTV-1',
    '\xfe\xff\0\xe0',
    '\xfe\xff\xdd\xe0',
  ],
  async run(bytes) {
    const ds = dicom.parseDicomBytes('fuzz.dcm', new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    const file = dicom.classify('fuzz.dcm', ds);
    if (dicom.isRtstruct(file)) rasteriseRtstruct(file, image, {});
    else if (dicom.isSeg(file)) await readSeg(file, { image }); // async since compressed frames (codecs load on use)
  },
};
