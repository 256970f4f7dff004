#!/usr/bin/env node
// prebuildify has no cmake-js backend: it calls `<node-gyp> rebuild --target=V [--arch=A] --release`
// and then takes the .node file from build/Release. This shim answers that call with cmake-js.
//
// Incremental (`cmake-js compile`) when build/ already holds this platform's release build (what `npm ci` or
// `npm run build:native` made), so packing does not compile the core again; a clean `cmake-js rebuild` when
// there is no such folder, another architecture or a debug build is asked for, the folder was configured with
// the sanitizer or fuzz options, or RADIOMICS_PREBUILD_CLEAN=1 (e.g. for a release).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const arch = args.find((a) => a.startsWith('--arch='))?.slice('--arch='.length);
const debug = args.includes('--debug');
const cachePath = path.join(root, 'build', 'CMakeCache.txt');
const cache = fs.existsSync(cachePath) ? fs.readFileSync(cachePath, 'utf8') : '';
const reusable =
  process.env.RADIOMICS_PREBUILD_CLEAN !== '1' &&
  !debug &&
  (!arch || arch === process.arch) &&
  /^CMAKE_JS_VERSION:/m.test(cache) &&
  /^CMAKE_BUILD_TYPE:STRING=Release$/m.test(cache) &&
  !/^RADIOMICS_(SANITIZE|FUZZ):BOOL=ON$/m.test(cache);
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const cmd = [cmakeJs, reusable ? 'compile' : 'rebuild', '--out', 'build'];
if (arch) cmd.push('--arch', arch);
if (debug) cmd.push('--debug');
console.error(`prebuildify-cmake: ${reusable ? 'incremental build in build/' : 'clean rebuild of build/'}`);
const r = spawnSync(process.execPath, cmd, { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
