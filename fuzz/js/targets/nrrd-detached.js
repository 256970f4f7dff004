// NRRD with a detached header (.nhdr) and its data file(s): input = header \0\0 data-1 \0\0 data-2; the data
// parts are written beside the header as d1.raw and d2.raw (a fuzzed header may name them, a LIST, a
// %d pattern, or files that do not exist).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { load, scratchDir, split } = require('./_lib');
const { readNrrd } = load('io/nrrd.js');
module.exports = {
  dictionary: [
    'data file: d1.raw\n',
    'data file: LIST\nd1.raw\nd2.raw\n',
    'data file: d%d.raw 1 2 1\n',
    'data file: d%d.raw 1 2 1 2\n',
    'byte skip: -1\n',
    'line skip: 1\n',
    'encoding: gzip\n',
    'encoding: ascii\n',
    'sizes: ',
    'type: ',
    'dimension: ',
    '\0\0',
  ],
  async run(bytes) {
    const dir = scratchDir();
    const [header, d1 = Buffer.alloc(0), d2 = Buffer.alloc(0)] = split(bytes, Buffer.from([0, 0]), 3);
    fs.writeFileSync(path.join(dir, 'd1.raw'), d1);
    fs.writeFileSync(path.join(dir, 'd2.raw'), d2);
    const nhdr = path.join(dir, 'fuzz.nhdr');
    fs.writeFileSync(nhdr, header);
    await readNrrd(nhdr, header);
  },
};
