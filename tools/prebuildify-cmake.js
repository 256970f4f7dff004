#!/usr/bin/env node
// prebuildify has no cmake-js backend: it calls `<node-gyp> rebuild --target=V [--arch=A] --release`
// and then takes the .node file from build/Release. This shim answers that call with cmake-js.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const args = process.argv.slice(2);
const arch = args.find((a) => a.startsWith('--arch='));
const debug = args.includes('--debug');
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const cmd = [cmakeJs, 'rebuild', '--out', 'build'];
if (arch) cmd.push('--arch', arch.slice('--arch='.length));
if (debug) cmd.push('--debug');
const r = spawnSync(process.execPath, cmd, { stdio: 'inherit', cwd: path.join(__dirname, '..') });
process.exit(r.status ?? 1);
