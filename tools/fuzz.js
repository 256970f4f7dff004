#!/usr/bin/env node
// `npm run fuzz`: runs every fuzz target for FUZZ_SECONDS (default 60) each, one after the other.
//
// - C++ targets (fuzz/native/*.cc): libFuzzer + ASan + UBSan, built with clang (clang++-14 from Debian's
//   clang-14 and libclang-rt-14-dev, or CXX_FUZZ) into build-fuzz/ by CMake option RADIOMICS_FUZZ.
// - JS targets (fuzz/js/targets/*.js): fuzz/js/engine.js, coverage-guided by V8 block coverage. The
//   native-boundary target runs against the sanitized addon when build-asan/ has one (`npm run
//   test:sanitize` builds it), so undefined behaviour in the binding becomes a finding.
//
// Seeds: fuzz/corpus/<target>/ (committed, small); what the runs add goes to build-fuzz/corpus/<target>/
// (kept between local runs, never committed). Findings: fuzz/findings/<target>/ (crash-*, hang-*, oom-*,
// not committed); once fixed, the input moves to fuzz/regressions/<target>/ (committed), which every run
// replays first and test/fuzz-regressions.test.ts replays in the tap suite (JS targets). Statistics: one line
// per target and run in build-fuzz/stats/history.jsonl; the summary gives this run's and the summed totals.
//
// Env: FUZZ_SECONDS (per target), FUZZ_TARGETS (comma-separated names; default all), FUZZ_SKIP_NATIVE=1
// (no clang: JS targets only), FUZZ_JOBS (targets run at once, default 2: each target is one process on one
// core, so on CI's two cores the pass takes half the wall time for the same seconds per target). Exit 1 on
// any finding or failed build.
'use strict';
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const seconds = Number(process.env.FUZZ_SECONDS || 60);
const only = process.env.FUZZ_TARGETS ? new Set(process.env.FUZZ_TARGETS.split(',').map((s) => s.trim())) : undefined;
const out = path.join(root, 'build-fuzz');
const statsDir = path.join(out, 'stats');
fs.mkdirSync(statsDir, { recursive: true });
const wanted = (name) => !only || only.has(name);
const jobs = Math.max(
  1,
  Number(process.env.FUZZ_JOBS || Math.min(2, require('node:os').availableParallelism?.() ?? 2)),
);

/** spawnSync's result shape, without blocking the other targets: output captured (capture) or inherited. */
function run(cmd, args, { capture = false, ...opts } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const out = [],
      err = [];
    if (capture) {
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => err.push(d));
    }
    child.on('error', (e) => resolve({ status: null, signal: null, error: e, stdout: '', stderr: String(e) }));
    child.on('close', (status, signal) =>
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** Runs fn over items, at most `jobs` at a time; results in item order. */
async function pool(items, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

function findClang() {
  for (const c of [process.env.CXX_FUZZ, 'clang++-14', 'clang++'].filter(Boolean)) {
    try {
      execFileSync(c, ['--version'], { stdio: 'ignore' });
      return c;
    } catch {
      /* next */
    }
  }
  return undefined;
}

function buildNative(names) {
  const cxx = findClang();
  if (!cxx)
    throw new Error(
      'no clang++ for the libFuzzer targets: apt-get install -y clang-14 libclang-rt-14-dev (or FUZZ_SKIP_NATIVE=1)',
    );
  const cfg = spawnSync(
    'cmake',
    ['-S', '.', '-B', out, '-DRADIOMICS_FUZZ=ON', `-DCMAKE_CXX_COMPILER=${cxx}`, '-DCMAKE_BUILD_TYPE=Release'],
    { cwd: root, stdio: 'inherit' },
  );
  if (cfg.status !== 0) throw new Error('cmake configure of build-fuzz/ failed');
  const b = spawnSync('cmake', ['--build', out, '-j', '2', '--target', ...names], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('build of the libFuzzer targets failed');
}

async function runNative(name) {
  const corpus = path.join(out, 'corpus', name);
  const findings = path.join(root, 'fuzz', 'findings', name);
  fs.mkdirSync(corpus, { recursive: true });
  fs.mkdirSync(findings, { recursive: true });
  const extra = ['corpus', 'regressions'].map((d) => path.join(root, 'fuzz', d, name)).filter((d) => fs.existsSync(d));
  // fuzz_extract reads at most ~1 KB in practice (8 x 8 x 6 voxels of image and mask plus the settings): a
  // smaller -max_len keeps mutations where the bytes are read.
  const maxLen = name === 'fuzz_extract' ? 2048 : 4096;
  const args = [
    corpus,
    ...extra,
    `-max_total_time=${seconds}`,
    '-timeout=20',
    '-rss_limit_mb=2048',
    `-max_len=${maxLen}`,
    '-print_final_stats=1',
    `-artifact_prefix=${findings}/`,
  ];
  const started = Date.now();
  const r = await run(path.join(out, name), args, {
    capture: true,
    cwd: root,
    env: {
      ...process.env,
      ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1',
      UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
    },
  });
  const log = `${r.stdout}${r.stderr}`;
  fs.writeFileSync(path.join(statsDir, `${name}.log`), log);
  const num = (re) => {
    const m = [...log.matchAll(re)].pop();
    return m ? Number(m[1]) : undefined;
  };
  const crashes = fs
    .readdirSync(findings)
    .filter((f) => /^(crash|leak|timeout|oom|slow-unit)-/.test(f) && !f.startsWith('slow-unit')).length;
  if (fs.readdirSync(findings).length === 0) fs.rmdirSync(findings);
  const ok = r.status === 0;
  if (!ok) console.error(log.split('\n').slice(-60).join('\n'));
  return {
    target: name,
    engine: 'libFuzzer+ASan+UBSan',
    execs: num(/stat::number_of_executed_units:\s*(\d+)/g) ?? 0,
    seconds: Math.round((Date.now() - started) / 1000),
    edges: num(/cov: (\d+)/g),
    features: num(/ft: (\d+)/g),
    corpus: num(/corp: (\d+)/g),
    crashes: ok ? 0 : Math.max(1, crashes),
  };
}

async function runJs(name) {
  const target = require(path.join(root, 'fuzz', 'js', 'targets', `${name}.js`));
  if (target.pending) return { target: name, engine: 'js-v8-coverage', skipped: target.pending, execs: 0, crashes: 0 };
  const statsFile = path.join(statsDir, `${name}.json`);
  fs.rmSync(statsFile, { force: true });
  const env = { ...process.env };
  const asanAddon = path.join(root, 'build-asan', 'Release', 'radiomics.node');
  // The input about to run is written there before each run (the process may die of a sanitizer abort): in
  // memory (/dev/shm) where there is one, ~70x cheaper per write than build-fuzz/ on an overlay disk.
  const shm = fs.existsSync('/dev/shm') ? '/dev/shm' : out;
  const current = path.join(shm, `radiomics-fuzz-current-${process.pid}-${name}`);
  if (name === 'native-boundary' && fs.existsSync(asanAddon) && process.platform === 'linux') {
    const lib = (n) => fs.realpathSync(execFileSync('g++', [`-print-file-name=${n}`], { encoding: 'utf8' }).trim());
    Object.assign(env, {
      RADIOMICS_NATIVE_PATH: asanAddon,
      LD_PRELOAD: `${lib('libasan.so')} ${lib('libubsan.so')}`,
      ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1', // Node's own allocations: see tools/sanitize.js
      UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1:abort_on_error=1',
      FUZZ_CURRENT_FILE: current,
    });
  }
  // --no-warnings: the YAML parser warns (process.emitWarning) on most mutated configs; thousands of lines of noise.
  const r = await run(
    process.execPath,
    [
      '--no-warnings',
      path.join(root, 'fuzz', 'js', 'engine.js'),
      name,
      '--seconds',
      String(seconds),
      '--stats',
      statsFile,
      '--corpus-out',
      path.join(out, 'corpus', name),
    ],
    { cwd: root, env },
  );
  const stats = fs.existsSync(statsFile)
    ? JSON.parse(fs.readFileSync(statsFile, 'utf8'))
    : { target: name, engine: 'js-v8-coverage', execs: 0 };
  if (r.status !== 0) {
    const engineSavedIt = (stats.crashes ?? 0) > 0;
    stats.crashes = Math.max(1, stats.crashes ?? 0);
    if (env.FUZZ_CURRENT_FILE && fs.existsSync(current) && (r.signal || !engineSavedIt)) {
      const dir = path.join(root, 'fuzz', 'findings', name);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(
        dir,
        `crash-${require('node:crypto').createHash('sha1').update(fs.readFileSync(current)).digest('hex').slice(0, 16)}`,
      );
      fs.copyFileSync(current, file);
      console.error(
        `${name}: the process died (${r.signal ?? `exit ${r.status}`}); the input that ran is saved to ${path.relative(root, file)}`,
      );
    }
  }
  fs.rmSync(current, { force: true });
  return stats;
}

const nativeTargets = fs
  .readdirSync(path.join(root, 'fuzz', 'native'))
  .filter((f) => f.endsWith('.cc'))
  .map((f) => f.replace(/\.cc$/, ''))
  .filter(wanted);
const jsTargets = fs
  .readdirSync(path.join(root, 'fuzz', 'js', 'targets'))
  .filter((f) => f.endsWith('.js') && !f.startsWith('_'))
  .map((f) => f.replace(/\.js$/, ''))
  .filter(wanted);

let nativeBuilt = false;
if (!fs.existsSync(path.join(root, 'dist', 'cjs', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build:ts` first');
  process.exit(1);
}
const results = [];
let failed = false;
if (nativeTargets.length && process.env.FUZZ_SKIP_NATIVE !== '1') {
  try {
    buildNative(nativeTargets);
    nativeBuilt = true;
  } catch (e) {
    console.error(e.message);
    failed = true;
  }
}
(async () => {
  const all = [
    ...(nativeBuilt ? nativeTargets : []).map((name) => () => runNative(name)),
    ...jsTargets.map((name) => () => runJs(name)),
  ];
  results.push(...(await pool(all, (start) => start())));
  const history = path.join(statsDir, 'history.jsonl');
  const when = new Date().toISOString();
  for (const r of results)
    if (!r.skipped) fs.appendFileSync(history, JSON.stringify({ when, seconds: r.seconds, ...r }) + '\n');
  const totals = {};
  for (const line of fs.readFileSync(history, 'utf8').trim().split('\n')) {
    const r = JSON.parse(line);
    totals[r.target] = (totals[r.target] ?? 0) + (r.execs ?? 0);
  }
  console.log(`\nfuzz summary (${seconds} s per target; totals summed over build-fuzz/stats/history.jsonl):`);
  console.log(
    'target'.padEnd(20),
    'engine'.padEnd(22),
    'execs'.padStart(10),
    'exec/s'.padStart(8),
    'coverage'.padStart(22),
    'crashes'.padStart(8),
    'total execs'.padStart(12),
  );
  for (const r of results) {
    const cov =
      r.edges !== undefined
        ? `${r.edges} edges ${r.features} ft`
        : r.blocks !== undefined
          ? `${r.blocks} JS blocks`
          : '';
    const rate = r.seconds ? Math.round(r.execs / r.seconds) : '';
    console.log(
      r.target.padEnd(20),
      r.engine.padEnd(22),
      String(r.execs).padStart(10),
      String(rate).padStart(8),
      cov.padStart(22),
      String(r.skipped ? 'skipped' : (r.crashes ?? 0)).padStart(8),
      String(totals[r.target] ?? 0).padStart(12),
    );
    if (r.crashes) failed = true;
  }
  for (const r of results) if (r.skipped) console.log(`${r.target}: skipped (${r.skipped})`);
  const findings = results.filter((r) => r.crashes).length;
  console.log(
    failed
      ? `fuzz: FAILED (${findings} target(s) with findings, see fuzz/findings/)`
      : 'fuzz: 0 crashes, hangs or OOMs',
  );
  process.exitCode = failed ? 1 : 0;
})();
