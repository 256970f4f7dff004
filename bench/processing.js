#!/usr/bin/env node
// npm run bench:processing — B-spline resampling of a 512 x 512 x 300 int16 CT (0.7 x 0.7 x 2.5 mm) to 1 mm
// isotropic, and 3D dilation of a ~1 M-voxel mask by 6 mm: this library vs SimpleITK, in the same run, same
// thread count, each operation in its own process (time of the operation alone; peak RSS of the process).
// Needs the bench-only Python environment: bash bench/setup-python.sh.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeNifti } = require('./nifti-writer.js');

const python = path.join(__dirname, '.venv', 'bin', 'python');
if (!fs.existsSync(python)) {
  console.error('bench/.venv missing: run `bash bench/setup-python.sh` first (installs SimpleITK for the comparison)');
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-bench-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

// Synthetic CT: body ellipse of soft tissue with lungs, bone ring and noise, int16 HU.
const ct = [512, 512, 300],
  ctSpacing = [0.7, 0.7, 2.5];
const img = new Int16Array(ct[0] * ct[1] * ct[2]);
let seed = 1;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
for (let z = 0, i = 0; z < ct[2]; z++)
  for (let y = 0; y < ct[1]; y++)
    for (let x = 0; x < ct[0]; x++, i++) {
      const u = (x - 256) / 220,
        v = (y - 256) / 160,
        body = u * u + v * v;
      let hu = -1000;
      if (body < 1) hu = 40 + 20 * Math.sin(z * 0.05);
      if (body > 0.85 && body < 1) hu = 700;
      const l1 = ((x - 160) / 70) ** 2 + ((y - 240) / 90) ** 2,
        l2 = ((x - 352) / 70) ** 2 + ((y - 240) / 90) ** 2;
      if (l1 < 1 || l2 < 1) hu = -850;
      img[i] = Math.round(hu + 25 * (rnd() - 0.5));
    }
const ctFile = path.join(dir, 'ct.nii');
writeNifti(ctFile, ct, ctSpacing, 4, 16, img);

// ~1 M-voxel sphere mask in a 160^3 grid at 1 mm.
const mk = [160, 160, 160],
  mask = new Uint8Array(mk[0] ** 3);
let maskCount = 0;
for (let z = 0, i = 0; z < 160; z++)
  for (let y = 0; y < 160; y++)
    for (let x = 0; x < 160; x++, i++)
      if ((x - 79.5) ** 2 + (y - 79.5) ** 2 + (z - 79.5) ** 2 <= 62 ** 2) {
        mask[i] = 1;
        maskCount++;
      }
const maskFile = path.join(dir, 'mask.nii');
writeNifti(maskFile, mk, [1, 1, 1], 2, 8, mask);

function measure(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'RSS_KB %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  out.rssMb = Number(/RSS_KB (\d+)/.exec(r.stderr)[1]) / 1024;
  return out;
}
function best(n, fn) {
  const runs = Array.from({ length: n }, fn);
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

const worker = path.join(__dirname, 'processing-worker.js');
const sitk = path.join(__dirname, 'sitk_processing.py');
const inputMb = img.byteLength / 2 ** 20;
console.log(
  `CT ${ct.join('x')} int16 (${inputMb.toFixed(0)} MiB) at ${ctSpacing.join('x')} mm -> 1 mm B-spline; mask ${maskCount} voxels dilated by 6 mm`,
);
const idle = measure(process.execPath, [worker, 'idle', ctFile, '1']);
console.log(`node baseline (package loaded, input read): peak RSS ${idle.rssMb.toFixed(0)} MiB`);
for (const threads of [1, 2]) {
  const ours = best(3, () => measure(process.execPath, [worker, 'resample', ctFile, String(threads), '1', '1', '1']));
  const theirs = best(3, () => measure(python, [sitk, 'resample', ctFile, String(threads), '1', '1', '1']));
  const outMb = (ours.voxels * 4) / 2 ** 20;
  console.log(
    `resample, ${threads} thread(s): radiomics ${ours.seconds.toFixed(2)} s, SimpleITK ${theirs.seconds.toFixed(2)} s -> time ratio ${(ours.seconds / theirs.seconds).toFixed(2)} ` +
      `(output ${ours.voxels} vs ${theirs.voxels} voxels); peak RSS ${ours.rssMb.toFixed(0)} vs ${theirs.rssMb.toFixed(0)} MiB (ratio ${(ours.rssMb / theirs.rssMb).toFixed(2)}); input + output = ${(inputMb + outMb).toFixed(0)} MiB; ` +
      `resampling's own peak (RSS - baseline) ${(ours.rssMb - idle.rssMb).toFixed(0)} MiB for ${outMb.toFixed(0)} MiB of output (${(((ours.rssMb - idle.rssMb) / outMb - 1) * 100).toFixed(1)} % over)`,
  );
}
for (const threads of [1, 2]) {
  const ours = best(3, () => measure(process.execPath, [worker, 'dilate', maskFile, String(threads), '6']));
  const theirs = best(3, () => measure(python, [sitk, 'dilate', maskFile, String(threads), '6']));
  console.log(
    `dilate 6 mm, ${threads} thread(s): radiomics ${ours.seconds.toFixed(3)} s (${ours.voxels} voxels), SimpleITK BinaryDilate ball ${theirs.seconds.toFixed(3)} s (${theirs.voxels} voxels) -> time ratio ${(ours.seconds / theirs.seconds).toFixed(2)}; peak RSS ${ours.rssMb.toFixed(0)} vs ${theirs.rssMb.toFixed(0)} MiB`,
  );
}
