#!/usr/bin/env node
// Builds and runs the C++ unit tests (native/tests/) with plain CMake, without Node headers.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dir = path.join(root, 'build', 'native-tests');
const jobs = String(Math.max(1, require('node:os').availableParallelism?.() ?? 2));
function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
run('cmake', ['-S', '.', '-B', dir, '-DRADIOMICS_NATIVE_TESTS=ON', '-DCMAKE_BUILD_TYPE=Release']);
// --config Release: multi-config generators (Visual Studio) build Debug by default; the binary is run from Release/.
run('cmake', ['--build', dir, '--config', 'Release', '-j', jobs]);
run(path.join(dir, process.platform === 'win32' ? 'Release/radiomics_native_tests.exe' : 'radiomics_native_tests'), process.argv.slice(2));
