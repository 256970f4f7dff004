#!/usr/bin/env node
// node bench/seed-workflow.js [--reps 3] [--dir D] — the seed study workflow per case (README example,
// test/filters-seed-workflow.test.ts) against PyRadiomics 3.1 (pyradiomics-bhklab, bench/.venv) with its
// equivalent settings, in the same run, on the seeded case `seed-mr` of bench/peers/generate.js
// (192 x 192 x 36 int16, 0.9 x 0.9 x 3.5 mm, a 15 mm tumour).
//   radiomics: read image and tumour mask, peritumoralRois (tumour, rings 0-2 / 2-4 / 4-6 mm, 3 combined),
//     extractFeatures per ROI with the README's seed config (z-score, B-spline to 1 x 1 x 3 mm, original +
//     LoG sigma 1-5 mm + coif1 level 1 (8 sub-bands), FBS 0.25, every family, every aggregation, morphology
//     on every image type), and the same config with PyRadiomics' work (`radiomics_equiv`): dimensionality
//     '3D', the IBSI families matching PyRadiomics' 7 classes (as bench/peers/run.js), morphology on the
//     original only (PyRadiomics computes shape once per ROI).
//   PyRadiomics (bench/peers/pyradiomics_seed.py): read the image and the same 7 ROI masks (written by this
//     script before timing), execute() per ROI with normalize, resampledPixelSpacing [1, 1, 3] B-spline,
//     binWidth 0.25, imageType Original + LoG sigma [1..5] + Wavelet coif1, all feature classes.
// Both in process (each in its own process, timed inside it from reading the files to the last ROI's
// features, interpreter start and imports excluded), 1 thread each; median of --reps interleaved runs; peak
// RSS of each process from /usr/bin/time. Writes bench/results/seed-workflow.json.
// Not the same: PyRadiomics resamples the mask nearest neighbour (ours: linear, >= 0.5), crops image and
// mask to the ROI box + 5 voxels before resampling and filtering (IBSI 2 says never crop before filtering:
// ours filters the ROI box plus the filter's support only where that equals filtering the whole image),
// LoG by SimpleITK's recursive Gaussian (ours: sampled kernel, 4 sigma), its wavelet pads the box to an
// even size by wrapping (PyWavelets swtn), FBS bins from a multiple of the bin width (IBSI: from the ROI
// minimum), and it computes its 7 classes (shape on the original only) where ours computes every IBSI family.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const { readImage, readMask, peritumoralRois, extractFeatures } = require(path.join(ROOT, 'dist', 'cjs', 'index.js'));

const SEED_CONFIG = {
  normalisation: { method: 'zscore' },
  interpolation: { spacing: [1, 1, 3], method: 'bspline', mask: { method: 'linear', threshold: 0.5 }, threads: 1 },
  discretisation: { method: 'fbs', binWidth: 0.25 },
  imageTypes: [
    { type: 'original' },
    { type: 'log', sigmaMm: [1, 2, 3, 4, 5] },
    { type: 'wavelet', wavelet: 'coif1', level: 1 },
  ],
  threads: 1,
};
// PyRadiomics' default classes as IBSI families (bench/peers/generate.js).
const { PEER_FAMILIES } = require('./peers/generate.js');
const VARIANTS = {
  radiomics: SEED_CONFIG,
  radiomics_equiv: {
    ...SEED_CONFIG,
    dimensionality: '3D',
    families: PEER_FAMILIES,
    filteredFamilies: PEER_FAMILIES.filter((f) => f !== 'morphology'),
  },
};

async function worker([imagePath, maskPath, configJson]) {
  const config = JSON.parse(configJson);
  const t0 = performance.now();
  const image = await readImage(imagePath);
  const tumour = await readMask(maskPath);
  const table = peritumoralRois(tumour, [2, 4, 6], { threads: 1 }).map((roi) => ({
    roi: roi.name,
    ...extractFeatures(image, roi.mask, config).features,
  }));
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({ seconds, rois: table.length, featuresPerRoi: table.map((row) => Object.keys(row).length - 1) }),
  );
}

// Wall seconds of the process, peak RSS (MiB) and the JSON line it prints.
function timed(cmd, args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', cmd, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  const m = /__TIME__ ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), processS: Number(m[1]), rssMiB: Number(m[2]) / 1024 };
}

async function main(args) {
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const reps = Number(opt('--reps', 3));
  const dir = opt('--dir', path.join(os.tmpdir(), 'radiomics-peers-cases'));
  const { ensure, writeNiiGz } = require('./peers/generate.js');
  const c = ensure('seed-mr', dir);
  // The 7 ROI masks for PyRadiomics, on the case's grid and header (not timed).
  const rois = peritumoralRois(await readMask(c.mask), [2, 4, 6]);
  const maskFiles = rois.map((roi, k) => {
    const file = path.join(dir, `seed-mr-roi${k}-${roi.name}.nii.gz`);
    writeNiiGz(file, c.shape, c.spacing, roi.mask.data);
    return file;
  });
  const python = path.join(__dirname, '.venv', 'bin', 'python');
  const hasPy =
    fs.existsSync(python) && spawnSync(python, ['-c', 'import radiomics'], { encoding: 'utf8' }).status === 0;
  if (!hasPy)
    console.error('bench/.venv without PyRadiomics: run `bash bench/setup-python.sh`; measuring radiomics only');
  const runs = { radiomics: [], radiomics_equiv: [], pyradiomics: [] };
  for (let r = 0; r < reps; r++) {
    for (const [name, config] of Object.entries(VARIANTS))
      runs[name].push(timed(process.execPath, [__filename, '--worker', c.image, c.mask, JSON.stringify(config)]));
    if (hasPy)
      runs.pyradiomics.push(
        timed(python, [path.join(__dirname, 'peers', 'pyradiomics_seed.py'), c.image, ...maskFiles], {
          OMP_NUM_THREADS: '1',
          OPENBLAS_NUM_THREADS: '1',
        }),
      );
  }
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const out = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model}`,
    node: process.version,
    reps,
    case: { name: c.name, shape: c.shape, spacing: c.spacing, tumourVoxels: c.roiVoxels },
    results: {},
  };
  console.log(
    `seed workflow, case ${c.name} ${c.shape.join('x')} (${c.spacing.join(' x ')} mm), 7 ROIs, 1 thread each, median of ${reps}`,
  );
  for (const [name, v] of Object.entries(runs)) {
    if (!v.length) continue;
    const res = {
      seconds: median(v.map((x) => x.seconds)),
      runs: v.map((x) => x.seconds),
      processS: median(v.map((x) => x.processS)),
      rssMiB: median(v.map((x) => x.rssMiB)),
      featuresPerRoi: v[0].featuresPerRoi[0],
      featuresPerCase: v[0].featuresPerRoi.reduce((s, n) => s + n, 0),
    };
    out.results[name] = res;
    console.log(
      `${name.padEnd(13)} ${res.seconds.toFixed(2).padStart(7)} s per case in process (${res.processS.toFixed(2)} s process), ${res.rssMiB.toFixed(0)} MiB peak RSS, ${res.featuresPerRoi} features per ROI, ${res.featuresPerCase} per case`,
    );
  }
  const py = out.results.pyradiomics;
  if (py)
    for (const name of Object.keys(VARIANTS)) {
      out.results[name].ratioToPyRadiomics = out.results[name].seconds / py.seconds;
      console.log(
        `${name} / PyRadiomics time ratio ${out.results[name].ratioToPyRadiomics.toFixed(3)} (${(py.seconds / out.results[name].seconds).toFixed(1)}x faster)`,
      );
    }
  const results = path.join(__dirname, 'results');
  fs.mkdirSync(results, { recursive: true });
  // Arrays of numbers on one line, as prettier writes them (npm run lint checks bench/results).
  const json = JSON.stringify(out, null, 2).replace(
    /\[\s+([-\d.e+,\s]+?)\s+\]/g,
    (_, inner) => `[${inner.split(/,\s*/).join(', ')}]`,
  );
  fs.writeFileSync(path.join(results, 'seed-workflow.json'), json + '\n');
  console.log('wrote bench/results/seed-workflow.json');
}

const argv = process.argv.slice(2);
(argv[0] === '--worker' ? worker(argv.slice(1)) : main(argv)).catch((e) => {
  console.error(e);
  process.exit(1);
});
