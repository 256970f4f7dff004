#!/usr/bin/env node
// node bench/async-copy.js — what the async API's private copy of its inputs costs (README "Async rules").
// extractFeaturesAsync, resampleAsync and dilateAsync copy the voxels they read before returning their
// promise, on the JS thread. Reported per operation: that synchronous part (call -> promise returned), the
// whole job (call -> settled), and their ratio; a plain JS copy of the same buffers as the reference unit
// of the same run. Case: a 512 x 512 x 300 int16 CT (0.7 x 0.7 x 2.5 mm) with a ~10^6-voxel ROI.
// RUNS=n repeats each measure (median reported); default 3.
'use strict';
const path = require('node:path');
const lib = require(path.join(__dirname, '..', 'dist', 'cjs', 'index.js'));

const RUNS = Number(process.env.RUNS || 3);
const shape = [512, 512, 300],
  spacing = [0.7, 0.7, 2.5];
const n = shape[0] * shape[1] * shape[2];
const img = new Int16Array(n),
  msk = new Uint8Array(n);
let seed = 1,
  roi = 0;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
// Ellipsoid ROI of about 10^6 voxels: semi-axes 80 x 80 x 37.3 voxels.
for (let z = 0, i = 0; z < shape[2]; z++)
  for (let y = 0; y < shape[1]; y++)
    for (let x = 0; x < shape[0]; x++, i++) {
      img[i] = Math.round(
        40 + 30 * Math.sin(x * 0.05) * Math.cos(y * 0.07) + 10 * Math.sin(z * 0.1) + 25 * (rnd() - 0.5),
      );
      const q = ((x - 256) / 80) ** 2 + ((y - 256) / 80) ** 2 + ((z - 150) / 37.3) ** 2;
      if (q <= 1) {
        msk[i] = 1;
        roi++;
      }
    }
const image = { data: img, shape, spacing },
  mask = { data: msk, shape, spacing };

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function measure(name, start) {
  const syncPart = [],
    whole = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const p = start();
    const t1 = performance.now();
    await p;
    const t2 = performance.now();
    syncPart.push(t1 - t0);
    whole.push(t2 - t0);
  }
  return { name, syncPartMs: median(syncPart), wholeMs: median(whole) };
}

async function main() {
  const ref = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    img.slice();
    msk.slice();
    ref.push(performance.now() - t0);
  }
  const copyRef = median(ref);
  const rows = [
    await measure('extractFeaturesAsync, intensity statistics', () =>
      lib.extractFeaturesAsync(image, mask, { families: ['intensity_statistics'] }),
    ),
    await measure('extractFeaturesAsync, every family (fbn 32)', () =>
      lib.extractFeaturesAsync(image, mask, { discretisation: { method: 'fbn', nBins: 32 } }),
    ),
    await measure('resampleAsync, linear to 1 mm', () => lib.resampleAsync(image, { spacing: [1, 1, 1] })),
    await measure('dilateAsync, 6 mm', () => lib.dilateAsync(mask, 6)),
  ];
  console.log(
    `image ${shape.join(' x ')} int16 + uint8 mask (${((n * 3) / 2 ** 20).toFixed(0)} MiB), ROI ${roi} voxels, median of ${RUNS}`,
  );
  console.log(`reference: JS copy of image + mask (TypedArray.slice) ${copyRef.toFixed(1)} ms`);
  for (const r of rows)
    console.log(
      `${r.name.padEnd(46)} sync part (copy) ${r.syncPartMs.toFixed(1).padStart(7)} ms = ${(r.syncPartMs / copyRef).toFixed(2)} x reference; ` +
        `whole job ${r.wholeMs.toFixed(0).padStart(6)} ms; copy / job = ${((100 * r.syncPartMs) / r.wholeMs).toFixed(1)} %`,
    );
}
main();
