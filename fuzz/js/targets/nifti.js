// NIfTI-1 / NIfTI-2, plain or gzip: the bytes of one file as readImage / readMask see them.
'use strict';
const { load } = require('./_lib');
const { readNifti } = load('io/nifti.js');
module.exports = {
  dictionary: ['n+1\0', 'ni1\0', 'n+2\0', '\x5c\x01\0\0', '\x1c\x02\0\0', '\0\0\xb0\x43', '\x1f\x8b\x08'],
  async run(bytes) {
    await readNifti('fuzz.nii', bytes);
  },
};
