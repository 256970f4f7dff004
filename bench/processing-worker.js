'use strict';
// Node side of bench/processing.js: one operation per process so peak RSS can be measured per tool.
//   node processing-worker.js resample IMAGE.nii THREADS SX SY SZ | dilate MASK.nii THREADS RADIUS_MM
const path = require('node:path');
const { readImage, resample, dilate } = require(path.join(__dirname, '..', 'dist', 'cjs', 'index.js'));

(async () => {
  const [op, file, threads, ...rest] = process.argv.slice(2);
  const vol = await readImage(file);
  const t0 = process.hrtime.bigint();
  let voxels;
  if (op === 'idle') {
    voxels = vol.data.length; // the package loaded and the input read: the baseline of the other runs
  } else if (op === 'resample') {
    const out = resample(vol, { spacing: rest.map(Number), method: 'bspline', threads: Number(threads) });
    voxels = out.data.length;
  } else {
    const out = dilate(vol, Number(rest[0]), { threads: Number(threads) });
    voxels = out.data.reduce((a, b) => a + b, 0);
  }
  console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, voxels }));
})();
