// A DICOM image series: input = up to 3 files separated by "\0SEP\0", written to a folder read by readImage.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { load, scratchDir, split } = require('./_lib');
const { readImage } = load('io/index.js');
let n = 0;
module.exports = {
  dictionary: [
    'DICM',
    '\0SEP\0',
    '\x28\0\x10\0',
    '\x28\0\x11\0',
    '\x28\0\x30\0',
    '\x20\0\x32\0',
    '\x20\0\x37\0',
    '\x28\0\x52\x10',
    '\x28\0\x53\x10',
    '\x28\0\x00\x01',
    '\x28\0\x03\x01',
    '\xe0\x7f\x10\0',
    '1.2.840.10008.1.2.1\0',
    '1.2.840.10008.1.2.2\0',
    '1.2.840.10008.1.2\0',
    'US',
    'DS',
    'IS',
    'UI',
    'OW',
  ],
  async run(bytes) {
    const dir = path.join(scratchDir(), `s${n++ % 4}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    split(bytes, Buffer.from('\0SEP\0', 'latin1'), 3).forEach((part, i) =>
      fs.writeFileSync(path.join(dir, `f${i}.dcm`), part),
    );
    await readImage(dir);
  },
};
