#!/usr/bin/env node
// Builds and runs the C++ unit tests (native/tests/). Where the addon's build folder exists (build/, made by
// cmake-js: `npm ci`, `npm run build:native`), the tests are one more target there, so the core library is
// compiled once for the addon and the tests; otherwise plain CMake in build/native-tests/, without Node headers.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const jobs = String(Math.max(1, require('node:os').availableParallelism?.() ?? 2));
function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const addonBuild = path.join(root, 'build');
const addonCache = path.join(addonBuild, 'CMakeCache.txt');
const cache = fs.existsSync(addonCache) ? fs.readFileSync(addonCache, 'utf8') : '';
const reuse = /^CMAKE_JS_VERSION:/m.test(cache) && !/^RADIOMICS_(SANITIZE|FUZZ):BOOL=ON$/m.test(cache);
const dir = reuse ? addonBuild : path.join(root, 'build', 'native-tests');
// Re-running CMake on cmake-js's folder keeps its cached settings (Node headers, generator, Release): only the
// option is added, and the core's objects stay up to date.
if (!reuse || !/^RADIOMICS_NATIVE_TESTS:BOOL=ON$/m.test(cache))
  run('cmake', ['-S', '.', '-B', dir, '-DRADIOMICS_NATIVE_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release']);
// --config Release: multi-config generators (Visual Studio) build Debug by default; the binary is run from Release/.
run('cmake', ['--build', dir, '--config', 'Release', '--target', 'radiomics_native_tests', '-j', jobs]);
const exe = process.platform === 'win32' ? 'radiomics_native_tests.exe' : 'radiomics_native_tests';
const binary = [path.join(dir, exe), path.join(dir, 'Release', exe)].find((p) => fs.existsSync(p));
if (!binary) {
  console.error(`radiomics_native_tests was not built in ${dir}`);
  process.exit(1);
}
run(binary, process.argv.slice(2));
