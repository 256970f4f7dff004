// PyRadiomics parameter files (issue 13): a hook. Once lib/ has the reader, point `reader` at it and add
// seeds under fuzz/corpus/params-pyradiomics/; until then the target is skipped by tools/fuzz.js.
'use strict';
module.exports = {
  pending: 'the PyRadiomics parameter-file reader (issue 13) has not landed',
  async run() {},
};
