#!/usr/bin/env node
// npm run bench:batch — a cohort of generated clinical-size cases through `radiomics batch`, --jobs 1 vs
// --jobs 2 in the same run: speed-up and peak RSS (of the whole process tree, /usr/bin/time).
//   node bench/batch.js [--cases 50] [--size 160x160x80]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeNifti } = require('./nifti-writer.js');
const { parseArgs } = require('node:util');

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '50' }, size: { type: 'string', default: '160x160x80' } },
});
const nCases = Number(values.cases);
const shape = values.size.split('x').map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-batch-bench-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

// Clinical-size MR-like cases: 160 x 160 x 80 at 0.8 x 0.8 x 3 mm, a tumour ellipsoid of ~30-60k voxels.
const n = shape[0] * shape[1] * shape[2];
const rows = ['PatientID,Image,Mask'];
let seed = 3;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
for (let c = 0; c < nCases; c++) {
  const img = new Int16Array(n),
    m = new Uint8Array(n);
  const r = [18 + 8 * rnd(), 16 + 8 * rnd(), 6 + 3 * rnd()];
  const ctr = shape.map((d) => d / 2 + (rnd() - 0.5) * 10);
  for (let z = 0, i = 0; z < shape[2]; z++)
    for (let y = 0; y < shape[1]; y++)
      for (let x = 0; x < shape[0]; x++, i++) {
        const q = ((x - ctr[0]) / r[0]) ** 2 + ((y - ctr[1]) / r[1]) ** 2 + ((z - ctr[2]) / r[2]) ** 2;
        img[i] = Math.round(300 + 200 * Math.sin(x * 0.1 + c) * Math.cos(y * 0.07) + (q <= 1 ? 400 : 0) + 60 * rnd());
        if (q <= 1) m[i] = 1;
      }
  writeNifti(path.join(dir, `img${c}.nii`), shape, [0.8, 0.8, 3], 4, 16, img);
  writeNifti(path.join(dir, `mask${c}.nii`), shape, [0.8, 0.8, 3], 2, 8, m);
  rows.push(`P${c},img${c}.nii,mask${c}.nii`);
}
fs.writeFileSync(path.join(dir, 'cases.csv'), rows.join('\n') + '\n');
fs.writeFileSync(
  path.join(dir, 'params.yaml'),
  'dimensionality: 3D\ninterpolation:\n  spacing: [1, 1, 3]\n  method: bspline\nresegmentation:\n  range: [0, null]\ndiscretisation:\n  method: fbs\n  binWidth: 25\n',
);

const bin = path.join(__dirname, '..', 'bin', 'radiomics.js');
function run(jobs) {
  const out = path.join(dir, `out-${jobs}.csv`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'RSS_KB %M',
      process.execPath,
      bin,
      'batch',
      path.join(dir, 'cases.csv'),
      '--config',
      path.join(dir, 'params.yaml'),
      '--out',
      out,
      '--jobs',
      String(jobs),
      '--log-format',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`batch --jobs ${jobs} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rss = Number(/RSS_KB (\d+)/.exec(r.stderr)[1]) / 1024;
  const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
  return { seconds, rss, rows: lines.length - 1, columns: lines[0].split(',').length };
}
console.log(`${nCases} cases of ${shape.join('x')} int16 (B-spline to 1x1x3 mm, every family, 3D)`);
const one = run(1);
const two = run(2);
console.log(
  `--jobs 1: ${one.seconds.toFixed(1)} s (${(nCases / one.seconds).toFixed(2)} cases/s), peak RSS ${one.rss.toFixed(0)} MiB, ${one.rows} rows x ${one.columns} columns`,
);
console.log(
  `--jobs 2: ${two.seconds.toFixed(1)} s (${(nCases / two.seconds).toFixed(2)} cases/s), peak RSS ${two.rss.toFixed(0)} MiB`,
);
console.log(`speed-up --jobs 2 / --jobs 1: ${(one.seconds / two.seconds).toFixed(2)}x`);
