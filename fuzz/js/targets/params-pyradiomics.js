// A PyRadiomics parameter file (YAML) as `--config FILE` reads it in compatibility mode: the file reader
// (lib/config-file.ts: YAML, then validatePyParams) and the translation into the library's settings
// (planPyRadiomics, lib/pyradiomics/translate.ts). Seeds: PyRadiomics' example files and the parity cases.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { load, scratchDir } = require('./_lib');
const { loadConfigFile } = load('config-file.js');
const { isPyRadiomicsParams, planPyRadiomics } = load('pyradiomics/index.js');
module.exports = {
  dictionary: [
    'setting:\n',
    'imageType:\n  Original: {}\n',
    'featureClass:\n',
    'voxelSetting:\n',
    'compat: pyradiomics\n',
    '  binWidth: ',
    '  binCount: ',
    '  resampledPixelSpacing: [',
    '  interpolator: sitkBSpline',
    '  interpolator: sitkNearestNeighbor',
    '  padDistance: ',
    '  normalize: true',
    '  normalizeScale: ',
    '  removeOutliers: ',
    '  resegmentRange: [',
    '  resegmentMode: sigma',
    '  resegmentMode: relative',
    '  resegmentShape: true',
    '  force2D: true',
    '  force2Ddimension: ',
    '  distances: [',
    '  label: ',
    '  minimumROIDimensions: ',
    '  minimumROISize: ',
    '  preCrop: true',
    '  voxelArrayShift: ',
    '  symmetricalGLCM: false',
    '  gldm_a: ',
    '  shape:',
    '  glcm: [',
    '  firstorder:',
    'null',
    '~',
    '.nan',
    '-.inf',
    '1e308',
    '-1',
    '0',
  ],
  async run(bytes) {
    const file = path.join(scratchDir(), 'params.yaml');
    fs.writeFileSync(file, bytes);
    const params = await loadConfigFile(file);
    if (isPyRadiomicsParams(params)) planPyRadiomics(params);
  },
};
