#!/usr/bin/env node
// `npm run test:sanitize`: the C++ unit tests and the Node addon built with AddressSanitizer and
// UndefinedBehaviorSanitizer (float-cast-overflow included; -fno-sanitize-recover=all: the first report
// aborts), then the C++ tests and the
// whole tap suite (every test/**/*.test.ts, the bad-input corpus included) run against that addon.
// Passes only with zero sanitizer reports.
//
// - Build folder build-asan/ (cmake-js, CMake option RADIOMICS_SANITIZE and RADIOMICS_NATIVE_TESTS in one
//   build, so the core is compiled once); build/ (the normal addon) is never touched.
// - lib/native.ts loads the addon named by RADIOMICS_NATIVE_PATH; the test processes inherit it, so CLI and
//   batch children and worker threads load the sanitized addon too.
// - Node itself is not instrumented, so the sanitizer runtimes are LD_PRELOADed into every process the
//   suite starts (they must come first in the library list).
// - ASAN_OPTIONS detect_leaks=0 for the Node processes: LeakSanitizer would report what Node and V8
//   deliberately never free at exit (isolate heaps, static caches), reports about Node, not about us. Leaks in
//   our own code are still caught: the C++ unit tests run with detect_leaks=1 (a plain executable that frees
//   everything), and every use-after-free / overflow / UB in the addon is still reported in the tap run.
// - ASan reports go to files under build-asan/reports/ (log_path), so a report in a child process whose
//   failure a test might have expected (a CLI run that must exit non-zero) still fails this script; UBSan
//   (whose GCC runtime ignores log_path beside ASan) aborts the process and prints to stderr, which is
//   scanned too. Proven once with a deliberate heap overflow and a deliberate float-cast overflow in
//   buildInfo() (both made the run fail; removed).
'use strict';
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'build-asan');
const reports = path.join(out, 'reports');
const jobs = String(Math.min(2, require('node:os').availableParallelism?.() ?? 2));
const started = Date.now();
// Optional test files (default: the whole suite, as tap's config includes it): `node tools/sanitize.js test/x.test.ts`.
const tapFiles = process.argv.slice(2);

// Sanitizer reports printed to a stream rather than to build-asan/reports/ (GCC's libubsan ignores log_path
// when libasan is loaded too: its reports go to stderr, then it aborts).
const REPORT_TEXT = /runtime error: |ERROR: AddressSanitizer|ERROR: LeakSanitizer|UndefinedBehaviorSanitizer/;
let printedReports = 0;

function step(name, cmd, args, env = process.env) {
  const t0 = Date.now();
  console.log(`\n== sanitize: ${name}\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env, maxBuffer: 1 << 30 });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  const printed = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => REPORT_TEXT.test(l));
  printedReports += printed.length;
  for (const l of printed) console.error(`== sanitizer report in the output: ${l}`);
  console.log(`== sanitize: ${name}: exit ${r.status ?? r.signal}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return printed.length ? 1 : (r.status ?? 1);
}

function runtimeLibrary(name) {
  const p = execFileSync(process.env.CXX || 'g++', [`-print-file-name=${name}`], { encoding: 'utf8' }).trim();
  if (!path.isAbsolute(p) || !fs.existsSync(p))
    throw new Error(`sanitizer runtime ${name} not found (g++ -print-file-name=${name} gave '${p}')`);
  return fs.realpathSync(p);
}

function collectReports() {
  if (!fs.existsSync(reports)) return [];
  return fs.readdirSync(reports).map((f) => path.join(reports, f));
}

if (process.platform !== 'linux') {
  console.error('test:sanitize runs on Linux only (LD_PRELOAD of the GCC sanitizer runtimes)');
  process.exit(1);
}

// 1. Build: core, C++ tests and addon, instrumented.
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
let status = step('build (ASan + UBSan)', process.execPath, [
  cmakeJs,
  'compile',
  '--out',
  out,
  '--parallel',
  jobs,
  '--CDRADIOMICS_SANITIZE=ON',
  '--CDRADIOMICS_NATIVE_TESTS=ON',
]);
if (status !== 0) process.exit(status);
const addon = path.join(out, 'Release', 'radiomics.node');
const testsExe = [path.join(out, 'radiomics_native_tests'), path.join(out, 'Release', 'radiomics_native_tests')].find(
  (p) => fs.existsSync(p),
);
if (!fs.existsSync(addon) || !testsExe) {
  console.error(`sanitized build incomplete: ${addon} / radiomics_native_tests missing`);
  process.exit(1);
}
// The addon really is instrumented (a build that silently lost the flags would pass everything).
const symbols = execFileSync('nm', ['-D', '--undefined-only', addon], { encoding: 'utf8' });
if (
  !/__asan_report_load/.test(symbols) ||
  !/__ubsan_handle_.*_abort/.test(symbols) ||
  !/__ubsan_handle_float_cast_overflow/.test(symbols)
) {
  console.error(`${addon} is not instrumented with ASan and UBSan (float-cast-overflow included, no recovery)`);
  process.exit(1);
}

fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const common = 'abort_on_error=1:print_stacktrace=1:halt_on_error=1';
const baseEnv = { ...process.env, UBSAN_OPTIONS: `${common}:log_path=${reports}/ubsan` };

// 2. The C++ unit tests (leak detection on: we own the whole process).
status = step('C++ unit tests', testsExe, [], {
  ...baseEnv,
  ASAN_OPTIONS: `${common}:detect_leaks=1:log_path=${reports}/asan-native-tests`,
});

// 3. The whole tap suite against the sanitized addon.
if (status === 0) {
  status = step(
    'tap suite against the sanitized addon',
    process.execPath,
    [
      path.join(path.dirname(require.resolve('tap/package.json')), 'dist', 'esm', 'run.mjs'),
      '--jobs',
      jobs,
      '--timeout',
      '900',
      ...tapFiles,
    ],
    {
      ...baseEnv,
      RADIOMICS_NATIVE_PATH: addon,
      LD_PRELOAD: [runtimeLibrary('libasan.so'), runtimeLibrary('libubsan.so'), process.env.LD_PRELOAD]
        .filter(Boolean)
        .join(' '),
      ASAN_OPTIONS: `${common}:detect_leaks=0:log_path=${reports}/asan`,
    },
  );
}

const found = collectReports();
for (const f of found) {
  console.error(`\n== sanitizer report ${path.relative(root, f)}:`);
  console.error(fs.readFileSync(f, 'utf8').slice(0, 20000));
}
const minutes = ((Date.now() - started) / 60000).toFixed(1);
if (found.length || printedReports || status !== 0) {
  console.error(
    `\ntest:sanitize FAILED: ${found.length + printedReports} sanitizer report(s), exit ${status} (${minutes} min)`,
  );
  process.exit(1);
}
console.log(`\ntest:sanitize: 0 sanitizer reports, C++ unit tests and tap suite green (${minutes} min)`);
