#!/usr/bin/env node
// npm install hook: use a prebuilt binary when one matches this platform (prebuilds/, via node-gyp-build);
// otherwise build from source — with cmake-js when it is installed (a development checkout), else with
// node-gyp and binding.gyp (bundled with npm) — and say exactly what each route needs and which of those tools
// were found when neither can run.
'use strict';
const { spawnSync } = require('node:child_process');
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
  const r = spawnSync(
    process.platform === 'win32' ? 'where' : 'sh',
    process.platform === 'win32' ? [cmd] : ['-c', `command -v ${cmd}`],
    { encoding: 'utf8' },
  );
  return r.status === 0;
}

function run(cmd, args, env) {
  console.error(`radiomics: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  return r.status === 0;
}

function resolveFrom(id) {
  try {
    return require.resolve(id, { paths: [root] });
  } catch {
    return null;
  }
}

/** A Python 3 for node-gyp: $PYTHON / npm_config_python, else python3, else python reporting 3.x. */
function findPython3() {
  for (const cmd of [process.env.npm_config_python, process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
    if (r.status === 0 && /Python 3\./.test(`${r.stdout}${r.stderr}`)) return cmd;
  }
  return null;
}

/** The tools each build route needs, found or not. */
function survey() {
  const win = process.platform === 'win32';
  return {
    compiler: win || ['c++', 'g++', 'clang++'].some(which),
    cmake: which('cmake'),
    make: win || ['make', 'gmake'].some(which),
    ninja: which('ninja'),
    python3: win ? true : findPython3() !== null,
    cmakeJs: resolveFrom('cmake-js/bin/cmake-js'),
    nodeGyp: process.env.npm_config_node_gyp || resolveFrom('node-gyp/bin/node-gyp.js'),
  };
}

/** What each route needs, with found / MISSING beside each tool. */
function routesReport(t) {
  const mark = (ok) => (ok ? 'found' : 'MISSING');
  const compilerHint =
    'a C++17 compiler (g++ 8+ or clang++ 7+; `apt-get install g++`, Xcode command line tools, or Visual Studio Build Tools)';
  return [
    'Two ways to build from source; either is enough:',
    `  1. cmake-js (a development checkout): cmake-js [${mark(t.cmakeJs)}], CMake 3.15+ [${mark(t.cmake)}], make or ninja [${mark(t.make || t.ninja)}], ${compilerHint} [${mark(t.compiler)}]`,
    `  2. node-gyp (bundled with npm; what an npm install uses): node-gyp [${mark(t.nodeGyp)}], Python 3 [${mark(t.python3)}], make [${mark(t.make)}], ${compilerHint} [${mark(t.compiler)}]`,
    'Install what is missing for one of them (e.g. `apt-get install g++ make python3`), then run `npm rebuild radiomics`.',
  ].join('\n');
}

function main() {
  if (process.env.RADIOMICS_BUILD_FROM_SOURCE !== '1' && hasWorkingBinary()) return 0;

  const t = survey();
  const why =
    (process.env.RADIOMICS_BUILD_FROM_SOURCE === '1'
      ? 'radiomics: a build from source was requested (RADIOMICS_BUILD_FROM_SOURCE=1) '
      : 'radiomics: no prebuilt binary matches this platform ') +
    `(${process.platform}-${process.arch}, Node ${process.version}),`;
  const cmakeRoute = t.cmakeJs && t.cmake && (t.make || t.ninja) && t.compiler;
  const gypRoute = t.nodeGyp && t.python3 && t.make && t.compiler;
  if (!cmakeRoute && !gypRoute) {
    const missing = !t.compiler
      ? 'and no C++ compiler was found to build one from source.'
      : 'and the tools to build one from source are incomplete.';
    console.error([why, missing, routesReport(t)].join('\n'));
    return 1;
  }

  if (cmakeRoute) {
    if (run(process.execPath, [t.cmakeJs, 'compile', '--out', 'build'])) return 0;
    console.error('radiomics: the cmake-js build failed (output above).');
    return 1;
  }

  // node-gyp on binding.gyp, with a local nodedir so nothing is downloaded.
  const nodedir = require('./synth-nodedir.js').findOrSynthesiseNodedir(root);
  const ok = run(process.execPath, [t.nodeGyp, 'rebuild', `--nodedir=${nodedir}`]);
  if (!ok) console.error(`radiomics: the node-gyp build failed (output above).\n${routesReport(t)}`);
  return ok ? 0 : 1;
}

if (require.main === module) process.exitCode = main();
module.exports = { survey, routesReport };
