#!/usr/bin/env node
// Seeded generator of the three head-to-head bench cases (npm run bench:peers), written as .nii.gz
// (int16 image, uint8 mask) into the folder given (default bench/peers/cases). Same seed, same bytes.
//   ct-phantom   512 x 512 x 52, 0.98 x 0.98 x 3 mm: a phantom-like CT (body, lungs, inserts), ROI an insert
//   clinical-ct  512 x 512 x 200, 0.8 x 0.8 x 1.25 mm: body, lungs, bone ring, a lobulated lesion whose
//                ROI holds ~2e5 voxels at 1 mm (~2e5 mm^3)
//   mr           256 x 256 x 60, 0.7 x 0.7 x 4 mm: smooth bias field, Rician-like noise, ROI ~1e5 voxels
//                at 1 mm
// and, not part of bench:peers, SEED_CASES: the seed workflow's case (node bench/seed-workflow.js)
//   seed-mr      192 x 192 x 36, 0.9 x 0.9 x 3.5 mm: an MR-like volume with a 15 mm lobulated tumour
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { niftiHeader } = require('../nifti-writer.js');

const CASES = {
  'ct-phantom': {
    shape: [512, 512, 52],
    spacing: [0.98, 0.98, 3],
    kind: 'ct',
    lesion: { c: [300, 250, 26], r: 22, lobes: 0.1 },
  },
  'clinical-ct': {
    shape: [512, 512, 200],
    spacing: [0.8, 0.8, 1.25],
    kind: 'ct',
    lesion: { c: [330, 230, 100], r: 36, lobes: 0.25 },
  },
  mr: { shape: [256, 256, 60], spacing: [0.7, 0.7, 4], kind: 'mr', lesion: { c: [140, 120, 30], r: 29, lobes: 0.2 } },
};

const SEED_CASES = {
  'seed-mr': {
    shape: [192, 192, 36],
    spacing: [0.9, 0.9, 3.5],
    kind: 'mr',
    lesion: { c: [100, 90, 18], r: 15, lobes: 0.2 },
  },
};

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function writeNiiGz(file, shape, spacing, data) {
  const [dt, bp] = data instanceof Int16Array ? [4, 16] : [2, 8];
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  fs.writeFileSync(file, zlib.gzipSync(Buffer.concat([niftiHeader(shape, spacing, dt, bp), body]), { level: 6 }));
}

function generate(name, outDir, seed = 20261128) {
  const { shape, spacing, kind, lesion } = CASES[name] ?? SEED_CASES[name];
  const [nx, ny, nz] = shape;
  const rnd = rng(seed + name.length);
  const img = new Int16Array(nx * ny * nz),
    mask = new Uint8Array(nx * ny * nz);
  // Lesion radius (mm) modulated by low-order lobes: r(theta, phi) = r0 (1 + a sin(3 theta) cos(2 phi)).
  const [cx, cy, cz] = lesion.c;
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const dx = (x - cx) * spacing[0],
          dy = (y - cy) * spacing[1],
          dz = (z - cz) * spacing[2];
        const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        const inLesion =
          d <= lesion.r * (1 + lesion.lobes) &&
          d <=
            lesion.r * (1 + lesion.lobes * Math.sin(3 * Math.atan2(dy, dx)) * Math.cos(2 * Math.acos(d ? dz / d : 0)));
        let v;
        if (kind === 'ct') {
          const u = (x - nx / 2) / (nx * 0.43),
            w = (y - ny / 2) / (ny * 0.31),
            body = u * u + w * w;
          v = -1000;
          if (body < 1) v = 40 + 15 * Math.sin(z * 0.07 + x * 0.01);
          if (body > 0.86 && body < 1) v = 650 + 80 * Math.sin(y * 0.05);
          const l1 = ((x - nx * 0.31) / (nx * 0.14)) ** 2 + ((y - ny * 0.47) / (ny * 0.18)) ** 2;
          const l2 = ((x - nx * 0.69) / (nx * 0.14)) ** 2 + ((y - ny * 0.47) / (ny * 0.18)) ** 2;
          if (l1 < 1 || l2 < 1) v = -850 + 30 * Math.sin(x * 0.2) * Math.cos(y * 0.15);
          if (inLesion) v = 20 + 60 * Math.sin(dx * 0.25) * Math.cos(dy * 0.2) + 40 * Math.sin(dz * 0.3) - 0.8 * d;
          v += 30 * (rnd() - 0.5);
        } else {
          const bias = 1 + 0.3 * Math.sin((x / nx) * Math.PI) * Math.cos((y / ny - 0.5) * Math.PI);
          const u = (x - nx / 2) / (nx * 0.42),
            w = (y - ny / 2) / (ny * 0.45),
            head = u * u + w * w;
          v = head < 1 ? 400 + 80 * Math.sin(x * 0.1) * Math.sin(y * 0.08 + z * 0.3) : 10;
          if (inLesion) v = 700 + 150 * Math.sin(dx * 0.2 + dz * 0.1) * Math.cos(dy * 0.25) - 3 * d;
          v = Math.abs(v * bias + 25 * (rnd() - 0.5) + 25 * (rnd() - 0.5));
        }
        img[i] = Math.round(v);
        if (inLesion) mask[i] = 1;
      }
  fs.mkdirSync(outDir, { recursive: true });
  const image = path.join(outDir, `${name}-image.nii.gz`),
    maskFile = path.join(outDir, `${name}-mask.nii.gz`);
  writeNiiGz(image, shape, spacing, img);
  writeNiiGz(maskFile, shape, spacing, mask);
  let roi = 0;
  for (let i = 0; i < mask.length; i++) roi += mask[i];
  const meta = {
    name,
    seed,
    image,
    mask: maskFile,
    shape,
    spacing,
    kind,
    roiVoxels: roi,
    roiMm3: roi * spacing[0] * spacing[1] * spacing[2],
  };
  fs.writeFileSync(path.join(outDir, `${name}.meta.json`), JSON.stringify(meta));
  return meta;
}

// The case from an earlier generate() of the same seed when its files are there, else a new one.
function ensure(name, outDir, seed = 20261128) {
  const metaFile = path.join(outDir, `${name}.meta.json`);
  if (fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    if (meta.seed === seed && fs.existsSync(meta.image) && fs.existsSync(meta.mask)) return meta;
  }
  return generate(name, outDir, seed);
}

// The IBSI families that match PyRadiomics' default classes (firstorder <- statistics + histogram, shape <-
// morphology, glcm, glrlm, glszm, gldm <- ngldm, ngtdm): the work both tools do in bench:peers and bench:seed.
const PEER_FAMILIES = [
  'intensity_statistics',
  'intensity_histogram',
  'morphology',
  'glcm',
  'glrlm',
  'glszm',
  'ngldm',
  'ngtdm',
];

module.exports = { CASES, SEED_CASES, PEER_FAMILIES, generate, ensure, writeNiiGz };

if (require.main === module) {
  const out = process.argv[2] ?? path.join(__dirname, 'cases');
  for (const name of Object.keys(CASES)) {
    const t0 = Date.now();
    const c = generate(name, out);
    console.log(
      `${name}: ${c.shape.join('x')}, ROI ${c.roiVoxels} voxels (${(c.roiMm3 / 1000).toFixed(0)} cm^3), ${Date.now() - t0} ms`,
    );
  }
}
