#!/usr/bin/env node
// Peak memory of one large case (issue 15: "a 1024 x 1024 x 400 int16 CT with a 1e6-voxel ROI runs in
// under 2 GB peak RSS"): writes the case as .nii.gz (seeded, to a temp folder), runs the CLI with every
// family and B-spline resampling to 1 mm, and prints wall time and peak RSS (/usr/bin/time).
// usage: node bench/peers/large.js [--scope roi|image]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { niftiHeader } = require('../nifti-writer.js');

const scope = process.argv.includes('--scope') ? process.argv[process.argv.indexOf('--scope') + 1] : 'roi';
const dir = path.join(os.tmpdir(), 'radiomics-large-case');
const shape = [1024, 1024, 400],
  spacing = [0.4, 0.4, 1];
const image = path.join(dir, 'image.nii.gz'),
  mask = path.join(dir, 'mask.nii.gz');

if (!fs.existsSync(mask)) {
  fs.mkdirSync(dir, { recursive: true });
  const [nx, ny, nz] = shape;
  const img = new Int16Array(nx * ny * nz),
    m = new Uint8Array(nx * ny * nz);
  // ROI: ellipsoid of ~1e6 voxels (radii 85 x 85 x 34 voxels = 34 x 34 x 34 mm).
  const c = [600, 480, 200],
    r = [85, 85, 34];
  let seed = 7;
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        img[i] = ((x * 7 + y * 3 + z * 5) & 511) - 300 + (seed & 31);
        const d = ((x - c[0]) / r[0]) ** 2 + ((y - c[1]) / r[1]) ** 2 + ((z - c[2]) / r[2]) ** 2;
        if (d <= 1) m[i] = 1;
      }
  fs.writeFileSync(
    image,
    zlib.gzipSync(Buffer.concat([niftiHeader(shape, spacing, 4, 16), Buffer.from(img.buffer)]), { level: 1 }),
  );
  fs.writeFileSync(
    mask,
    zlib.gzipSync(Buffer.concat([niftiHeader(shape, spacing, 2, 8), Buffer.from(m.buffer)]), { level: 1 }),
  );
}
const cfg = path.join(dir, `config-${scope}.json`);
fs.writeFileSync(
  cfg,
  JSON.stringify({
    processingScope: scope,
    interpolation: { spacing: [1, 1, 1], method: 'bspline' },
    discretisation: { method: 'fbs', binWidth: 25 },
  }),
);
const r = spawnSync(
  '/usr/bin/time',
  [
    '-f',
    '__TIME__ %e %M',
    process.execPath,
    path.join(__dirname, '..', '..', 'bin', 'radiomics.js'),
    'extract',
    '--image',
    image,
    '--mask',
    mask,
    '--config',
    cfg,
    '--out',
    path.join(dir, 'out.json'),
  ],
  { encoding: 'utf8' },
);
const t = /__TIME__ ([\d.]+) (\d+)/.exec(r.stderr);
if (r.status !== 0 || !t) {
  console.error(r.stderr.slice(-2000));
  process.exit(1);
}
const roi = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')).diagnostics.int_mask_vox_count_init_roi;
console.log(
  JSON.stringify({ shape, roiVoxels: roi, scope, wall_s: Number(t[1]), peakRssMiB: Math.round(Number(t[2]) / 1024) }),
);
