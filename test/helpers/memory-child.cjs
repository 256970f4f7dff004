// Child process of test/memory-bound.test.ts: builds a 512 x 512 x 300 int16 CT-like volume (0.7 x 0.7 x
// 2.5 mm) with an ellipsoid ROI (semi-axes RX x RX x RZ voxels; about 10^6 voxels by default), runs one
// operation and prints { op, baselineBytes, peakBytes, boxVoxels, roiVoxels, outputVoxels } as JSON:
// peak RSS of the process during the operation minus the RSS before it (inputs already resident).
'use strict';
const path = require('node:path');
const lib = require(path.join(__dirname, '..', '..', 'dist', 'cjs', 'index.js'));

const op = process.argv[2] || 'extract';
const RX = Number(process.argv[3] || 80),
  RZ = Number(process.argv[4] || 37.3);
const shape = [512, 512, 300],
  spacing = [0.7, 0.7, 2.5];
const n = shape[0] * shape[1] * shape[2];
const img = new Int16Array(n),
  msk = new Uint8Array(n);
let seed = 1,
  roi = 0;
const lo = [1e9, 1e9, 1e9],
  hi = [-1, -1, -1];
for (let z = 0, i = 0; z < shape[2]; z++)
  for (let y = 0; y < shape[1]; y++)
    for (let x = 0; x < shape[0]; x++, i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      img[i] = 40 + (((x >> 3) ^ (y >> 2) ^ (z >> 1)) % 50) + (seed % 25); // blocky texture + noise, cheap to make
      const q = ((x - 256) / RX) ** 2 + ((y - 256) / RX) ** 2 + ((z - 150) / RZ) ** 2;
      if (q <= 1) {
        msk[i] = 1;
        roi++;
        const p = [x, y, z];
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a], p[a]);
          hi[a] = Math.max(hi[a], p[a]);
        }
      }
    }
const image = { data: img, shape, spacing },
  mask = { data: msk, shape, spacing };
const boxVoxels = (hi[0] - lo[0] + 1) * (hi[1] - lo[1] + 1) * (hi[2] - lo[2] + 1);

async function main() {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  let outputVoxels = 0;
  const config = { discretisation: { method: 'fbn', nBins: 32 } }; // every family
  if (op === 'extract') lib.extractFeatures(image, mask, config);
  else if (op === 'extractFft')
    lib.extractFeatures(image, mask, { ...config, morphology: { moranFftMaxPoints: 2 ** 21 } });
  else if (op === 'extractAsync') await lib.extractFeaturesAsync(image, mask, config);
  else if (op.startsWith('resample')) {
    // resample | resampleBspline | resampleCoarse (B-spline to 2 x 2 x 5 mm) | resampleAsync (linear, 1 mm)
    const options = {
      spacing: op === 'resampleCoarse' ? [2, 2, 5] : [1, 1, 1],
      method: op === 'resample' || op === 'resampleAsync' ? 'linear' : 'bspline',
    };
    const r = op === 'resampleAsync' ? await lib.resampleAsync(image, options) : lib.resample(image, options);
    outputVoxels = r.data.length;
  } else throw new Error(`unknown op ${op}`);
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      op,
      baselineBytes: baseline,
      peakBytes: peak,
      peakBeforeBytes: peakBefore,
      boxVoxels,
      roiVoxels: roi,
      inputVoxels: n,
      outputVoxels,
    }),
  );
}
main();
