// An extraction configuration file, YAML (first byte even) or JSON (odd), as `--config FILE` reads it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { load, scratchDir } = require('./_lib');
const { loadConfigFile } = load('config-file.js');
module.exports = {
  dictionary: [
    'label: ',
    'families: [',
    'glcm',
    'glrlm',
    'glszm',
    'gldzm',
    'ngtdm',
    'ngldm',
    'morphology',
    'intensity_histogram',
    'discretisation:\n  method: ',
    'fbs',
    'fbn',
    'binWidth: ',
    'nBins: ',
    'interpolation:\n  spacing: [',
    'method: bspline',
    'gridAlignment: corner',
    'mask: {method: linear, threshold: 0.5}',
    'normalisation: {method: zscore, scope: roi}',
    'resegmentation: {range: [',
    'outlierSigma: ',
    'texture: {distances: [',
    'aggregations: [',
    'maxLevels: ',
    'maxMatrixBytes: ',
    'moranExactMaxVoxels: ',
    'sphereVolumeCm3: ',
    'null',
    'true',
    '1e308',
    '-1',
    'NaN',
    '.inf',
    '&a ',
    '*a',
    '!!binary',
    '"__proto__"',
    'constructor',
  ],
  async run(bytes) {
    const json = bytes.length > 0 && (bytes[0] & 1) === 1;
    const file = path.join(scratchDir(), json ? 'config.json' : 'config.yaml');
    fs.writeFileSync(file, bytes.subarray(1));
    await loadConfigFile(file);
  },
};
