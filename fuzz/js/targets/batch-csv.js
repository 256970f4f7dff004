// The batch cases file (PyRadiomics CSV: Image, Mask, Label, ROI, extra columns) as `radiomics batch` reads it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { load, scratchDir } = require('./_lib');
const { readCases } = load('batch/cases.js');
module.exports = {
  dictionary: [
    'Image,Mask',
    ',Label',
    ',ROI',
    ',status',
    ',features',
    '"',
    '""',
    '\r\n',
    '\n',
    ',',
    'a.nii.gz',
    '../x.nrrd',
    '1',
    '-1',
    '1.5',
    '0x10',
    ' ',
    '\ufeff',
    'ID',
  ],
  async run(bytes) {
    const file = path.join(scratchDir(), 'cases.csv');
    fs.writeFileSync(file, bytes);
    await readCases(file);
  },
};
