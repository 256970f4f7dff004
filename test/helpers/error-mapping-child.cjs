// Child process of test/error-mapping.test.ts: calls every native entry point once on valid input and
// prints { entry: code | 'ok' } as JSON. The parent sets RADIOMICS_TEST_INJECT_FAILURE (the work stage of
// every task then throws that C++ exception) or runs a genuinely huge allocation (argv[2] === 'huge').
'use strict';
const path = require('node:path');
const { native } = require(path.join(__dirname, '..', '..', 'dist', 'cjs', 'native.js'));

const n = 6;
const image = { data: new Float32Array(n * n * n).map((_, i) => (i * 37) % 11), shape: [n, n, n] };
const mask = { data: new Uint8Array(n * n * n).map((_, i) => (i % 3 === 0 ? 1 : 0)), shape: [n, n, n] };
const settings = { discretisation: { method: 'fbn', nBins: 4 } };
const entries = {
  extractSync: () => native().extractSync(image, mask, settings),
  extractAsync: () => native().extractAsync(image, mask, settings),
  resampleVolume: () => native().resampleVolume(image, { spacing: [0.5, 0.5, 0.5] }),
  resampleVolumeAsync: () => native().resampleVolumeAsync(image, { spacing: [0.5, 0.5, 0.5] }),
  roiOperation: () => native().roiOperation(mask, { op: 'dilate', radiusMm: 1, allowClip: true }),
  roiOperationAsync: () => native().roiOperationAsync(mask, { op: 'peritumoral', radiiMm: [1], allowClip: true }),
  roiPass: () => native().roiPass(image, mask, { label: 1 }),
};

// One GLCM of 10^6 grey levels returned as a dense matrix: 8 TB, more than any machine (and than the
// parent's address-space limit) can give: a real std::bad_alloc inside the core.
const huge = () => {
  const img = new Int32Array(27);
  img[0] = 999999;
  img[13] = 5;
  const off = {
    diagnostics: false,
    morphology: false,
    local_intensity: false,
    intensity_statistics: false,
    intensity_histogram: false,
    intensity_volume_histogram: false,
    glrlm: false,
    glszm: false,
    gldzm: false,
    ngtdm: false,
    ngldm: false,
  };
  return {
    image: { data: img, shape: [3, 3, 3] },
    mask: { data: new Uint8Array(27).fill(1), shape: [3, 3, 3] },
    settings: {
      families: { ...off, glcm: true },
      discretisation: { method: 'fbs', binWidth: 1 },
      maxLevels: 4294967295,
      texture: { returnMatrices: true, maxMatrixBytes: 1e15 },
    },
  };
};
const hugeEntries = {
  extractSync: () => {
    const h = huge();
    return native().extractSync(h.image, h.mask, h.settings);
  },
  extractAsync: () => {
    const h = huge();
    return native().extractAsync(h.image, h.mask, h.settings);
  },
};

async function main() {
  const out = {};
  for (const [name, call] of Object.entries(process.argv[2] === 'huge' ? hugeEntries : entries)) {
    try {
      await call();
      out[name] = 'ok';
    } catch (e) {
      out[name] = typeof e?.code === 'string' ? e.code : `no code: ${e}`;
    }
  }
  console.log(JSON.stringify(out));
}
main();
