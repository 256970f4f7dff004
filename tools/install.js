#!/usr/bin/env node
// npm install hook: use a prebuilt binary when one matches this platform (prebuilds/, via node-gyp-build);
// otherwise build from source — with cmake-js when it is installed (a development checkout), else with
// node-gyp and binding.gyp (bundled with npm) — and say clearly what is missing when no compiler is found.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function hasWorkingBinary() {
  try {
    const binding = require('node-gyp-build')(root);
    return typeof binding.extractSync === 'function';
  } catch {
    return false;
  }
}

function which(cmd) {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'sh', process.platform === 'win32' ? [cmd] : ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0;
}

function run(cmd, args, env) {
  console.error(`radiomics: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  return r.status === 0;
}

function resolveFrom(id) {
  try {
    return require.resolve(id, { paths: [root] });
  } catch {
    return null;
  }
}

function main() {
  if (process.env.RADIOMICS_BUILD_FROM_SOURCE !== '1' && hasWorkingBinary()) return 0;

  const compiler = process.platform === 'win32' || ['c++', 'g++', 'clang++'].some(which);
  if (!compiler) {
    console.error(
      [
        (process.env.RADIOMICS_BUILD_FROM_SOURCE === '1'
          ? 'radiomics: a build from source was requested (RADIOMICS_BUILD_FROM_SOURCE=1) '
          : 'radiomics: no prebuilt binary matches this platform ') + `(${process.platform}-${process.arch}, Node ${process.version}),`,
        'and no C++ compiler was found to build one from source.',
        'Install a C++17 compiler and CMake (e.g. `apt-get install g++ cmake`, Xcode command line tools,',
        'or Visual Studio Build Tools), then run `npm rebuild radiomics`.',
      ].join('\n'),
    );
    return 1;
  }

  const cmakeJs = resolveFrom('cmake-js/bin/cmake-js');
  if (cmakeJs && which('cmake')) {
    if (run(process.execPath, [cmakeJs, 'compile', '--out', 'build'])) return 0;
    console.error('radiomics: the cmake-js build failed (output above).');
    return 1;
  }

  // Fallback: node-gyp (bundled with npm) on binding.gyp, with a local nodedir so nothing is downloaded.
  const nodeGyp = process.env.npm_config_node_gyp || resolveFrom('node-gyp/bin/node-gyp.js');
  if (!nodeGyp) {
    console.error('radiomics: neither cmake-js nor node-gyp is available to build the native addon.');
    return 1;
  }
  const nodedir = require('./synth-nodedir.js').findOrSynthesiseNodedir(root);
  const ok = run(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodedir}`]);
  if (!ok) console.error('radiomics: the node-gyp build failed (output above).');
  return ok ? 0 : 1;
}

process.exitCode = main();
