// Child process of test/async-detach.test.ts (run with node --expose-gc): starts every async entry point,
// detaches or transfers the input buffers while the job runs, forces garbage collection and memory reuse,
// then prints one JSON line per case: { name, outcome: 'ok' | 'error', code?, same? }.
// A crash of the addon (the defect this guards against) shows as a non-zero exit or a signal.
'use strict';
const path = require('node:path');
const { MessageChannel } = require('node:worker_threads');
const lib = require(path.join(__dirname, '..', '..', 'dist', 'cjs', 'index.js'));
const { native } = require(path.join(__dirname, '..', '..', 'dist', 'cjs', 'native.js'));

const N = Number(process.env.DETACH_SIZE || 80);

function volumes() {
  const n = N * N * N;
  const img = new Float32Array(n);
  const msk = new Uint8Array(n);
  const lo = Math.floor(N / 4),
    hi = N - lo;
  for (let z = 0; z < N; z++)
    for (let y = 0; y < N; y++)
      for (let x = 0; x < N; x++) {
        const i = x + N * (y + N * z);
        img[i] = 100 + 50 * Math.sin(x * 0.7) * Math.cos(y * 0.3) + 3 * z;
        if (x >= lo && x < hi && y >= lo && y < hi && z >= lo && z < hi) msk[i] = 1;
      }
  return { image: { data: img, shape: [N, N, N] }, mask: { data: msk, shape: [N, N, N] } };
}

// Ways a caller can take a buffer away from a running job.
const detachers = {
  structuredClone: (buf) => structuredClone(buf, { transfer: [buf] }),
  postMessage: (buf) => {
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(buf, [buf]);
    port1.close();
    port2.close();
  },
  // Not a detachment: the caller reuses its buffer at once. The job must still see the original voxels.
  overwrite: (buf) => new Uint8Array(buf).fill(0),
  transfer: (buf) => (typeof buf.transfer === 'function' ? buf.transfer() : structuredClone(buf, { transfer: [buf] })),
};

function churn() {
  // Free the detached memory and hand it to someone else: a dangling reader then sees garbage or faults.
  for (let i = 0; i < 3; i++) {
    global.gc();
    new Float64Array(N * N * N).fill(-1e300);
  }
  global.gc();
}

const config = {
  families: ['intensity_statistics', 'glcm'],
  discretisation: { method: 'fbn', nBins: 16 },
  interpolation: { spacing: [0.7, 0.7, 0.7], method: 'bspline' },
};
// No processing step before cropping: the job copies only the ROI box (with the local-intensity margin).
const boxConfig = { discretisation: { method: 'fbn', nBins: 16 } };
const resampleOpts = { spacing: [0.6, 0.6, 0.6], method: 'bspline' };

const cases = {
  extractFeaturesAsync: {
    run: (v) => lib.extractFeaturesAsync(v.image, v.mask, config),
    reference: (v) => lib.extractFeatures(v.image, v.mask, config).features,
    value: (r) => r.features,
  },
  'extractFeaturesAsync (ROI box copy)': {
    run: (v) => lib.extractFeaturesAsync(v.image, v.mask, boxConfig),
    reference: (v) => lib.extractFeatures(v.image, v.mask, boxConfig).features,
    value: (r) => r.features,
  },
  resampleAsync: {
    run: (v) => lib.resampleAsync(v.image, resampleOpts),
    reference: (v) => Array.from(lib.resample(v.image, resampleOpts).data.subarray(0, 4096)),
    value: (r) => Array.from(r.data.subarray(0, 4096)),
  },
  dilateAsync: {
    run: (v) => lib.dilateAsync(v.mask, 3),
    reference: (v) => Array.from(lib.dilate(v.mask, 3).data),
    value: (r) => Array.from(r.data),
  },
  peritumoralRoisAsync: {
    run: (v) => lib.peritumoralRoisAsync(v.mask, [2, 4]),
    reference: (v) => lib.peritumoralRois(v.mask, [2, 4]).map((r) => r.count),
    value: (r) => r.map((x) => x.count),
  },
  'binding extractAsync': {
    run: (v) =>
      native().extractAsync(v.image, v.mask, {
        discretisation: { method: 'fbn', nBins: 8 },
        families: { glcm: true },
        interpolation: { spacing: [0.7, 0.7, 0.7], method: 2 },
      }),
    reference: null,
    value: (r) => r.features,
  },
};

async function main() {
  const only = process.argv[2];
  for (const [name, c] of Object.entries(cases)) {
    if (only && name !== only) continue;
    for (const [how, detach] of Object.entries(detachers)) {
      const v = volumes();
      const expected = c.reference ? c.reference(volumes()) : null;
      const pending = c.run(v);
      detach(v.image.data.buffer);
      detach(v.mask.data.buffer);
      churn();
      let line;
      try {
        const r = await pending;
        line = {
          name,
          how,
          outcome: 'ok',
          same: expected === null ? null : JSON.stringify(c.value(r)) === JSON.stringify(expected),
        };
      } catch (e) {
        line = { name, how, outcome: 'error', code: e && e.code, message: String(e && e.message) };
      }
      console.log(JSON.stringify(line));
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
