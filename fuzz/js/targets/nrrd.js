// NRRD with attached data (header, blank line, payload), any encoding the reader knows.
'use strict';
const { load } = require('./_lib');
const { readNrrd } = load('io/nrrd.js');
module.exports = {
  dictionary: [
    'NRRD0004\n',
    'type: ',
    'float',
    'short',
    'uchar',
    'double',
    'int',
    'dimension: 3\n',
    'sizes: ',
    'spacings: ',
    'space directions: ',
    'space origin: ',
    'encoding: ',
    'raw',
    'gzip',
    'ascii',
    'hex',
    'bzip2',
    'endian: big\n',
    'endian: little\n',
    'byte skip: ',
    'line skip: ',
    'kinds: ',
    'domain',
    'vector',
    'space: ',
    'left-posterior-superior',
    'RAS',
    'none',
    '(1,0,0)',
    '\n\n',
    'data file: ',
    'LIST',
    '%d',
  ],
  async run(bytes) {
    await readNrrd('fuzz.nrrd', bytes);
  },
};
