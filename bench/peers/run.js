#!/usr/bin/env node
// npm run bench:peers -- head to head with PyRadiomics and MIRP 2.7 (Pictologics: not yet) on the
// three seeded cases of generate.js, same settings in every tool:
//   B-spline resampling to 1 x 1 x 1 mm (corner-aligned grid as SimpleITK; mask nearest neighbour), 3D
//   texture, CT: fixed bin size 25 HU, MR: fixed bin number 32; PyRadiomics' default classes
//   (firstorder, shape, glcm, glrlm, glszm, gldm, ngtdm) vs the matching IBSI families (intensity
//   statistics + intensity histogram, morphology, GLCM, GLRLM, GLSZM, NGLDM, NGTDM).
//   Not matched: IBSI FBS starts bins at the ROI minimum, PyRadiomics at a multiple of the bin width;
//   radiomics' morphology also computes Moran's I / Geary's C, OMBB/MVEE and hull features PyRadiomics lacks.
//   MIRP (mirp_case.py, the same IBSI families one to one) cannot match: the corner-aligned grid (its grid is the
//   IBSI centre-aligned one), FBS from the ROI minimum (it starts CT bins at -1000 HU), exact Moran's I / Geary's C
//   (it estimates them by Monte Carlo above 1000 voxels); a MIRP run past --mirp-timeout seconds (default 300) or
//   out of memory is recorded as such.
// Measures (median of `--reps` interleaved runs, default 3): each CLI process from start to exit (wall
// time, peak RSS from /usr/bin/time), radiomics on 1 thread and on all cores, two floors (gunzip of both
// files; a Node process inflating both with node:zlib in one go), and in-process compute per family for radiomics (inprocess.js), PyRadiomics and MIRP (--per-family).
// Writes bench/results/peers.json, peers.md and peers.svg. Python peers: bash bench/setup-python.sh
// (bench/.venv, bench-only); without it only radiomics and the floor are measured.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CASES, PEER_FAMILIES, ensure } = require('./generate.js');

const ROOT = path.join(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const PY = path.join(ROOT, 'bench', '.venv', 'bin', 'python');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const reps = Number(opt('--reps', 3));
const mirpTimeoutS = Number(opt('--mirp-timeout', 300));
const only = opt('--cases', Object.keys(CASES).join(',')).split(',');
const casesDir = opt('--dir', path.join(os.tmpdir(), 'radiomics-peers-cases'));
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
// The floor of any Node reader: a Node process that reads both files and inflates each in one go into a buffer
// of the size the gzip trailer gives (node:zlib, as radiomics' reader), one after the other.
const NODE_INFLATE = `const fs = require('node:fs'), zlib = require('node:zlib');
for (const p of process.argv.slice(1)) {
  const b = fs.readFileSync(p);
  const size = b.readUInt32LE(b.length - 4);
  zlib.gunzipSync(b, { chunkSize: Math.max(64 * 1024, size + 1) });
}`;
// Smallest per-family time taken at face value (inprocess.js batches its samples): below it, a lower bound.
const MIN_FAMILY_S = 1e-4;
// Seconds for the Markdown tables: milliseconds with two decimals below 0.1 s.
const secs = (s) => (s < 0.1 ? `${(1000 * s).toFixed(2)} ms` : `${s.toFixed(3)} s`);

const FAMILIES = PEER_FAMILIES;
// PyRadiomics class <- radiomics families (firstorder = statistics + histogram entropy / uniformity).
const PEER_CLASS = {
  firstorder: ['intensity_statistics', 'intensity_histogram'],
  shape: ['morphology_without_moran'],
  glcm: ['glcm'],
  glrlm: ['glrlm'],
  glszm: ['glszm'],
  gldm: ['ngldm'],
  ngtdm: ['ngtdm'],
};

function config(kind, threads) {
  return {
    interpolation: {
      spacing: [1, 1, 1],
      method: 'bspline',
      gridAlignment: 'corner',
      mask: { method: 'nearest' },
      threads,
    },
    dimensionality: '3D',
    discretisation: kind === 'ct' ? { method: 'fbs', binWidth: 25 } : { method: 'fbn', nBins: 32 },
    families: FAMILIES,
    threads,
  };
}

// Wall seconds and peak RSS (MiB) of one process.
function timed(cmd, cmdArgs, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', cmd, ...cmdArgs], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 << 20,
  });
  const m = /__TIME__ ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return { s: Number(m[1]), rssMiB: Number(m[2]) / 1024, stdout: r.stdout };
}

// One MIRP process (mirp_case.py), single-threaded, under coreutils `timeout` (TERM at --mirp-timeout seconds,
// KILL 5 s later; inside /usr/bin/time so that the Python process itself is stopped). A run past the limit or
// killed (e.g. out of memory) gives { error } instead of throwing, so the other tools' figures are kept.
const ONE_THREAD = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
function mirpRun(c, extra = []) {
  const script = path.join(__dirname, 'mirp_case.py');
  try {
    return timed(
      'timeout',
      ['-k', '5', String(mirpTimeoutS), PY, script, c.image, c.mask, c.kind, ...extra],
      ONE_THREAD,
    );
  } catch (e) {
    const msg = String(e.message);
    if (/non-zero status 124\b/.test(msg)) return { error: `over ${mirpTimeoutS} s (stopped)` };
    if (/signal 9\b|non-zero status 137\b/.test(msg)) return { error: 'killed (out of memory?)' };
    if (/MemoryError/.test(msg)) return { error: 'out of memory (MemoryError)' };
    return { error: msg.split('\n').slice(-3).join(' ').slice(0, 300) };
  }
}

function main() {
  const hasPy = fs.existsSync(PY) && spawnSync(PY, ['-c', 'import radiomics'], { encoding: 'utf8' }).status === 0;
  const hasMirp = fs.existsSync(PY) && spawnSync(PY, ['-c', 'import mirp'], { encoding: 'utf8' }).status === 0;
  if (!hasMirp) console.log('MIRP not installed in bench/.venv (bash bench/setup-python.sh): MIRP skipped');
  const out = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model}`,
    node: process.version,
    reps,
    cases: {},
  };
  for (const name of only) {
    const c = ensure(name, casesDir);
    const cfgFile1 = path.join(casesDir, `${name}-1.json`),
      cfgFileN = path.join(casesDir, `${name}-n.json`);
    fs.writeFileSync(cfgFile1, JSON.stringify(config(c.kind, 1)));
    fs.writeFileSync(cfgFileN, JSON.stringify(config(c.kind, 0)));
    const cli = (cfg) =>
      timed(process.execPath, [
        path.join(ROOT, 'bin', 'radiomics.js'),
        'extract',
        '--image',
        c.image,
        '--mask',
        c.mask,
        '--config',
        cfg,
        '--out',
        path.join(casesDir, `${name}.json`),
      ]);
    const runs = { radiomics_1: [], radiomics_all: [], pyradiomics: [], floor: [], floorNode: [] };
    const mirpRuns = [];
    for (let r = 0; r < reps; r++) {
      runs.floor.push(timed('sh', ['-c', `gunzip -c '${c.image}' > /dev/null && gunzip -c '${c.mask}' > /dev/null`]));
      runs.floorNode.push(timed(process.execPath, ['-e', NODE_INFLATE, c.image, c.mask]));
      runs.radiomics_1.push(cli(cfgFile1));
      runs.radiomics_all.push(cli(cfgFileN));
      if (hasPy)
        runs.pyradiomics.push(
          timed(PY, [path.join(__dirname, 'pyradiomics_case.py'), c.image, c.mask, c.kind], {
            OMP_NUM_THREADS: '1',
            OPENBLAS_NUM_THREADS: '1',
          }),
        );
      // After a failed MIRP run (time limit, memory) the case's remaining MIRP runs are skipped.
      if (hasMirp && !mirpRuns.some((x) => x.error)) mirpRuns.push(mirpRun(c));
    }
    const summary = (v) =>
      v.length
        ? { s: median(v.map((x) => x.s)), rssMiB: median(v.map((x) => x.rssMiB)), runs: v.map((x) => x.s) }
        : null;
    const rec = { shape: c.shape, spacing: c.spacing, roiVoxels: c.roiVoxels, roiMm3: c.roiMm3 };
    for (const k of Object.keys(runs)) rec[k] = summary(runs[k]);
    if (hasMirp) rec.mirp = mirpRuns.find((x) => x.error) ?? summary(mirpRuns);
    const inproc = JSON.parse(
      timed(process.execPath, [
        path.join(__dirname, 'inprocess.js'),
        c.image,
        c.mask,
        JSON.stringify(config(c.kind, 1)),
        String(Math.max(7, reps)),
      ])
        .stdout.trim()
        .split('\n')
        .pop(),
    );
    rec.inProcess = { radiomics: inproc };
    if (hasPy) {
      const py = JSON.parse(
        timed(PY, [path.join(__dirname, 'pyradiomics_case.py'), c.image, c.mask, c.kind, '--per-family'], {
          OMP_NUM_THREADS: '1',
        })
          .stdout.trim()
          .split('\n')
          .pop(),
      );
      const perClass = {};
      for (const [cls, fams] of Object.entries(PEER_CLASS)) {
        const ours = fams.reduce((s, f) => s + (inproc.families[f] ?? 0), 0);
        // Below 0.1 ms the subtraction is within the batched samples' noise: the speed-up is a lower bound.
        const floorS = Math.max(ours, MIN_FAMILY_S);
        perClass[cls] = {
          pyradiomics_s: py.families?.[cls] ?? null,
          radiomics_s: ours,
          speedup: py.families?.[cls] ? py.families[cls] / floorS : null,
          lowerBound: ours < MIN_FAMILY_S,
        };
      }
      rec.inProcess.pyradiomics = py;
      rec.inProcess.perClass = perClass;
    }
    if (hasMirp && !rec.mirp.error) {
      const r = mirpRun(c, ['--per-family']);
      const mirp = r.error ? r : JSON.parse(r.stdout.trim().split('\n').pop());
      // MIRP's families are the IBSI ones: compared one to one (morphology with Moran's I / Geary's C on both sides:
      // MIRP's Monte Carlo estimate against radiomics' exact FFT).
      const perFamily = {};
      for (const f of FAMILIES) {
        const ours = inproc.families[f] ?? 0,
          theirs = mirp.families?.[f] ?? null;
        perFamily[f] = {
          mirp_s: theirs,
          radiomics_s: ours,
          speedup: theirs ? theirs / Math.max(ours, MIN_FAMILY_S) : null,
          lowerBound: ours < MIN_FAMILY_S,
        };
      }
      rec.inProcess.mirp = mirp;
      rec.inProcess.perFamilyMirp = perFamily;
    }
    out.cases[name] = rec;
    console.log(
      `${name}: radiomics ${rec.radiomics_1.s.toFixed(2)} s (1 thread), ${rec.radiomics_all.s.toFixed(2)} s (all), ${rec.radiomics_1.rssMiB.toFixed(0)} MiB; floor ${rec.floor.s.toFixed(2)} s (gunzip), ${rec.floorNode.s.toFixed(2)} s (Node zlib)` +
        (rec.pyradiomics
          ? `; PyRadiomics ${rec.pyradiomics.s.toFixed(2)} s, ${rec.pyradiomics.rssMiB.toFixed(0)} MiB (${(rec.pyradiomics.s / rec.radiomics_1.s).toFixed(1)}x)`
          : '') +
        (rec.mirp
          ? rec.mirp.error
            ? `; MIRP ${rec.mirp.error}`
            : `; MIRP ${rec.mirp.s.toFixed(2)} s, ${rec.mirp.rssMiB.toFixed(0)} MiB (${(rec.mirp.s / rec.radiomics_1.s).toFixed(1)}x)`
          : ''),
    );
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'peers.json'), JSON.stringify(out, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS, 'peers.md'), markdown(out));
  fs.writeFileSync(path.join(RESULTS, 'peers.svg'), svg(out));
  console.log(`wrote ${path.relative(ROOT, RESULTS)}/peers.{json,md,svg}`);
}

function markdown(out) {
  const f = (x) => (!x ? 'n/a' : x.error ? x.error : `${x.s.toFixed(2)} s, ${x.rssMiB.toFixed(0)} MiB`);
  const up = (x, c) => (x && !x.error ? (x.s / c.radiomics_1.s).toFixed(1) + '×' : 'n/a');
  let md = `# Head to head (${out.date.slice(0, 10)}, ${out.machine}, median of ${out.reps})\n\n`;
  md +=
    '| case | radiomics 1 thread | radiomics all cores | PyRadiomics 3.1 | speed-up | MIRP 2.7 | speed-up | floor: gunzip | floor: Node zlib |\n|---|---|---|---|---|---|---|---|---|\n';
  for (const [name, c] of Object.entries(out.cases))
    md += `| ${name} ${c.shape.join('×')}, ROI ${c.roiVoxels} vox | ${f(c.radiomics_1)} | ${f(c.radiomics_all)} | ${f(c.pyradiomics)} | ${up(c.pyradiomics, c)} | ${f(c.mirp)} | ${up(c.mirp, c)} | ${c.floor.s.toFixed(2)} s | ${c.floorNode ? c.floorNode.s.toFixed(2) + ' s' : 'n/a'} |\n`;
  md +=
    "\nFloors: `gunzip -c` of both files; and a Node process that reads both files and inflates each in one go with node:zlib (what radiomics' reader does), start-up included.\n";
  if (Object.values(out.cases).some((c) => c.mirp))
    md +=
      "\nMIRP 2.7 (`mirp.extract_features`, sequential, 1 thread; the IBSI families one to one) cannot match three settings: its grid is the IBSI centre-aligned one (radiomics and PyRadiomics here: corner-aligned, as SimpleITK), its fixed bin size starts CT bins at -1000 HU (radiomics: at the ROI minimum), and above 1000 ROI voxels it estimates Moran's I / Geary's C by Monte Carlo sampling (radiomics: exact).\n";
  md +=
    "\nradiomics morphology includes the IBSI-only Moran's I / Geary's C (exact, FFT), OMBB / MVEE and convex-hull features.\n";
  md +=
    '\nIn process, per family, CPU time (radiomics 1 thread: fastest of 7 samples minus the fastest sample without families, a sample being the mean of a batch of extractions that lasts at least 0.1 s; PyRadiomics: fastest of 3 runs of each class on its own preprocessed ROI).\n';
  md +=
    "\nshape is compared with radiomics' morphology without Moran's I / Geary's C (which PyRadiomics lacks); their exact FFT is timed on its own:\n\n| case | Moran's I + Geary's C | share of the case's compute (all families, 1 thread) |\n|---|---|---|\n";
  for (const [name, c] of Object.entries(out.cases)) {
    const r = c.inProcess.radiomics;
    if (r.moran_s !== null && r.moran_s !== undefined)
      md += `| ${name} | ${secs(r.moran_s)} | ${((100 * r.moran_s) / r.total_s).toFixed(0)} % |\n`;
  }
  md += '\n| case | class | PyRadiomics | radiomics | speed-up |\n|---|---|---|---|---|\n';
  for (const [name, c] of Object.entries(out.cases)) {
    if (!c.inProcess.perClass) {
      md += `| ${name} | (radiomics only) ${Object.entries(c.inProcess.radiomics.families)
        .map(([k, v]) => `${k} ${v.toFixed(3)} s`)
        .join(', ')} | | | |\n`;
      continue;
    }
    for (const [cls, v] of Object.entries(c.inProcess.perClass))
      md += `| ${name} | ${cls} | ${v.pyradiomics_s != null ? secs(v.pyradiomics_s) : 'n/a'} | ${v.lowerBound ? '< 0.10 ms' : secs(v.radiomics_s)} | ${v.speedup ? (v.lowerBound ? '> ' : '') + v.speedup.toFixed(1) + '×' : 'n/a'} |\n`;
  }
  const withMirp = Object.entries(out.cases).filter(([, c]) => c.mirp);
  if (withMirp.length) {
    md +=
      "\nMIRP per IBSI family, CPU time (fastest of 3 runs of each family alone on MIRP's own preprocessed image and mask; morphology includes Moran's I / Geary's C on both sides, estimated by MIRP, exact in radiomics):\n";
    md += '\n| case | family | MIRP | radiomics | speed-up |\n|---|---|---|---|---|\n';
    for (const [name, c] of withMirp) {
      if (!c.inProcess.perFamilyMirp) {
        md += `| ${name} | (not measured: ${c.mirp.error ?? c.inProcess.mirp?.error ?? 'n/a'}) | | | |\n`;
        continue;
      }
      for (const [fam, v] of Object.entries(c.inProcess.perFamilyMirp))
        md += `| ${name} | ${fam} | ${v.mirp_s != null ? secs(v.mirp_s) : 'n/a'} | ${v.lowerBound ? '< 0.10 ms' : secs(v.radiomics_s)} | ${v.speedup ? (v.lowerBound ? '> ' : '') + v.speedup.toFixed(1) + '×' : 'n/a'} |\n`;
    }
  }
  return md;
}

// One panel of bars (speed-up of radiomics over one tool) from y0; its own linear scale, its goal as a dashed line.
function svgPanel(title, bars, goal, y0) {
  const max = Math.max(1, ...bars.map((b) => b.v)),
    W = 760,
    rowH = 18,
    left = 230;
  const rows = bars.map((b, i) => {
    const w = ((W - left - 60) * b.v) / max,
      y = y0 + 30 + i * rowH;
    return `<text x="${left - 6}" y="${y + 12}" text-anchor="end">${b.label}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="${b.v >= goal ? '#2a7' : '#d84'}"/><text x="${left + w + 4}" y="${y + 12}">${b.v.toFixed(1)}×</text>`;
  });
  const xGoal = left + ((W - left - 60) * goal) / max;
  const body = `<text x="8" y="${y0 + 16}" font-size="13">${title}</text>
${max >= goal ? `<line x1="${xGoal}" y1="${y0 + 24}" x2="${xGoal}" y2="${y0 + 30 + bars.length * rowH}" stroke="#888" stroke-dasharray="3,3"/><text x="${xGoal + 2}" y="${y0 + 28}" fill="#666">${goal}×</text>` : ''}
${rows.join('\n')}`;
  return { body, height: 40 + bars.length * rowH };
}

function svg(out) {
  const bars = [],
    mirpBars = [];
  for (const [name, c] of Object.entries(out.cases)) {
    if (c.pyradiomics) bars.push({ label: `${name}: end to end`, v: c.pyradiomics.s / c.radiomics_1.s });
    for (const [cls, v] of Object.entries(c.inProcess.perClass ?? {}))
      if (v.speedup) bars.push({ label: `${name}: ${cls}`, v: v.speedup });
    if (c.mirp && !c.mirp.error) mirpBars.push({ label: `${name}: end to end`, v: c.mirp.s / c.radiomics_1.s });
    for (const [fam, v] of Object.entries(c.inProcess.perFamilyMirp ?? {}))
      if (v.speedup) mirpBars.push({ label: `${name}: ${fam}`, v: v.speedup });
  }
  if (!bars.length)
    for (const [name, c] of Object.entries(out.cases))
      bars.push({ label: `${name}: gunzip floor / radiomics`, v: c.floor.s / c.radiomics_1.s });
  const panels = [
    svgPanel('Speed-up of radiomics (1 thread) over PyRadiomics 3.1 (bench/results/peers.json)', bars, 10, 0),
  ];
  if (mirpBars.length)
    panels.push(svgPanel('Speed-up of radiomics (1 thread) over MIRP 2.7', mirpBars, 1, panels[0].height + 10));
  const height = panels.reduce((h, p) => h + p.height, 0) + 10 * (panels.length - 1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="${height}" font-family="sans-serif" font-size="11">
${panels.map((p) => p.body).join('\n')}
</svg>
`;
}

main();
