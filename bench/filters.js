#!/usr/bin/env node
// npm run bench:filters — the IBSI 2 filters on a 256^3 float32 volume (1 mm): each filter, all 8 coif1
// sub-bands (level 1), LoG sigma = 1..5 mm; this library against SimpleITK, SciPy (ndimage), PyWavelets,
// numpy's FFT and MIRP 2.x's filters (bench/filters_mirp.py: checked to give our maps within 2e-7 of the
// range, Riesz 3e-3) doing the same in the same run with the same threads, each operation in its own process.
// Time: the operation alone (reading excluded). Memory: the process's extra peak RSS over the operation
// (peak RSS during it - RSS when it starts, the peak reset after reading), against the output maps
// (64 MiB each): the input is already in memory on both sides. Threads: BENCH_THREADS
// (default 1: SciPy, PyWavelets, numpy and MIRP, which has no thread option, run single-threaded).
// MIRP returns float64 maps from its FFT filters (LoG, Simoncelli, Gabor, Riesz): shown as "f64".
// Needs bash bench/setup-python.sh.
'use strict';
const { spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const N = Number(process.env.BENCH_SIZE || 256);
const THREADS = Number(process.env.BENCH_THREADS || 1);
const CASES = {
  mean5: [{ type: 'mean', support: 5, boundary: 'mirror' }],
  'log1-5': [1, 2, 3, 4, 5].map((s) => ({ type: 'log', sigmaMm: s, truncate: 4, boundary: 'mirror' })),
  lawsE5L5S5: [{ type: 'laws', kernel: 'E5L5S5', boundary: 'mirror' }],
  'coif1-8': ['LLL', 'LLH', 'LHL', 'LHH', 'HLL', 'HLH', 'HHL', 'HHH'].map((b) => ({
    type: 'wavelet',
    wavelet: 'coif1',
    subband: b,
    boundary: 'periodic',
  })),
  simoncelli1: [{ type: 'simoncelli', level: 1 }],
  'gabor-axial': [
    { type: 'gabor', sigmaMm: 5, lambdaMm: 2, gamma: 1.5, thetaDeg: 30, planes: 'axial', boundary: 'mirror' },
  ],
  'laws-pooled': [{ type: 'laws', kernel: 'E5L5S5', pooling: 'max', boundary: 'mirror' }],
  'riesz-log': [{ type: 'riesz', order: [1, 0, 0], of: { type: 'log', sigmaMm: 3 }, boundary: 'mirror' }],
};
const REFERENCES = {
  mean5: ['sitk', 'scipy', 'mirp'],
  'log1-5': ['sitk', 'scipy', 'mirp'],
  lawsE5L5S5: ['scipy', 'mirp'],
  'coif1-8': ['pywt', 'mirp'],
  simoncelli1: ['numpy', 'mirp'],
  'gabor-axial': ['mirp'],
  'laws-pooled': ['mirp'],
  'riesz-log': ['mirp'],
};
// MIRP 2.x's own filter classes (bench/filters_mirp.py); the others through bench/filters_reference.py.
const referenceScript = (lib) => path.join(__dirname, lib === 'mirp' ? 'filters_mirp.py' : 'filters_reference.py');
const referenceArgs = (lib, name, file) =>
  lib === 'mirp' ? [name, file, String(THREADS)] : [lib, name, file, String(THREADS)];

const fs = require('node:fs');
if (process.argv[2] === '--worker') {
  // Our side, in its own process: node bench/filters.js --worker CASE IMAGE THREADS
  const { readImage, filterImage } = require('..');
  (async () => {
    const [, , , name, file, threads] = process.argv;
    const image = await readImage(file);
    // Peak RSS from here on (Linux: clear_refs 5 resets VmHWM), so reading the file does not count.
    const status = (field) =>
      Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
    global.gc?.();
    try {
      fs.writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      // Resetting the peak RSS (VmHWM) is Linux-only; elsewhere the peak includes earlier allocations.
    }
    const base = status('VmRSS');
    const keep = [];
    const t0 = process.hrtime.bigint();
    for (const c of CASES[name]) keep.push(filterImage(image, { ...c, threads: Number(threads) }));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(JSON.stringify({ seconds, baseMb: base, peakMb: status('VmHWM'), maps: keep.length }));
  })();
  return;
}

const python = path.join(__dirname, '.venv', 'bin', 'python');
const havePython = fs.existsSync(python);
if (!havePython)
  console.error(
    'bench/.venv missing: run `bash bench/setup-python.sh` for the SimpleITK / SciPy / PyWavelets comparison',
  );
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-bench-filters-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

// A smooth random texture plus noise, float32, 1 mm isotropic.
const { writeNifti } = require('./nifti-writer.js');
const data = new Float32Array(N * N * N);
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
for (let z = 0, i = 0; z < N; z++)
  for (let y = 0; y < N; y++)
    for (let x = 0; x < N; x++, i++)
      data[i] = 100 * Math.sin(x / 7) * Math.cos(y / 11) + 50 * Math.sin((x + z) / 5) + 20 * (rnd() - 0.5);
const file = path.join(dir, 'volume.nii');
writeNifti(file, [N, N, N], [1, 1, 1], 16, 32, data);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || '').trim().split('\n').pop() };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
const mb = (x) => `${x.toFixed(0)} MiB`;
const volMb = (N ** 3 * 4) / 2 ** 20;
console.log(
  `IBSI 2 filters, ${N}^3 float32 (${mb(volMb)} per volume), threads ${THREADS}, median of ${Number(process.env.BENCH_REPS || 3)}, ${os.cpus().length} cores (${os.cpus()[0].model})`,
);
console.log(
  'case          ours: time  extra peak memory (x the output maps)   |  reference: time  extra peak memory  time ratio  memory ratio',
);
const only = process.argv.slice(2);
// Median of REPS runs (BENCH_REPS, default 3), ours and the references interleaved, each in a fresh process:
// time and extra peak memory are the medians of the runs.
const REPS = Number(process.env.BENCH_REPS || 3);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
function repeated(runs) {
  const failed = runs.find((x) => x.error);
  if (failed) return failed;
  return {
    ...runs[0],
    seconds: median(runs.map((x) => x.seconds)),
    extra: median(runs.map((x) => x.peakMb - x.baseMb)),
  };
}
for (const name of Object.keys(CASES)) {
  if (only.length && !only.includes(name)) continue;
  const libs = havePython ? (REFERENCES[name] ?? []) : [];
  const runs = { ours: [], ...Object.fromEntries(libs.map((lib) => [lib, []])) };
  for (let r = 0; r < REPS; r++) {
    runs.ours.push(run(process.execPath, [__filename, '--worker', name, file, String(THREADS)]));
    for (const lib of libs) runs[lib].push(run(python, [referenceScript(lib), ...referenceArgs(lib, name, file)]));
  }
  const ours = repeated(runs.ours);
  if (ours.error) {
    console.log(`${name}: ours failed: ${ours.error}`);
    continue;
  }
  const extra = ours.extra,
    outputs = volMb * CASES[name].length;
  const line = `${name.padEnd(12)} ${ours.seconds.toFixed(2).padStart(7)} s  ${mb(extra).padStart(9)} (${(extra / outputs).toFixed(2)} x the ${CASES[name].length} output map${CASES[name].length > 1 ? 's' : ''})`;
  console.log(line);
  for (const lib of libs) {
    const ref = repeated(runs[lib]);
    if (ref.error) {
      console.log(`  ${lib}: failed: ${ref.error}`);
      continue;
    }
    const refExtra = ref.extra;
    const f64 = ref.dtype === 'float64' ? ' f64' : '    ';
    console.log(
      `  vs ${lib.padEnd(6)} ${ref.seconds.toFixed(2).padStart(7)} s  ${mb(refExtra).padStart(9)}${f64} time ratio ${(ours.seconds / ref.seconds).toFixed(2)}  memory ratio ${(extra / Math.max(1, refExtra)).toFixed(2)}`,
    );
  }
}
