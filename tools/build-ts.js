#!/usr/bin/env node
// Compiles lib/ to CommonJS (dist/cjs) and writes the ESM entry (dist/esm/index.mjs + .d.mts) as a thin
// wrapper over it, so both module systems share one instance (no dual-package hazard).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', root], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

const cjs = require(path.join(root, 'dist/cjs/index.js'));
const names = Object.keys(cjs).filter((k) => k !== '__esModule' && k !== 'default');
const esm = path.join(root, 'dist/esm');
fs.mkdirSync(esm, { recursive: true });
fs.writeFileSync(
  path.join(esm, 'index.mjs'),
  `// ESM entry: re-exports the CommonJS build.\nimport cjs from '../cjs/index.js';\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs;\n`,
);
// Types of the ESM entry: the named exports and the default export (the whole API, as at run time).
fs.writeFileSync(
  path.join(esm, 'index.d.mts'),
  `export * from '../cjs/index.js';\nimport * as api from '../cjs/index.js';\nexport default api;\n`,
);
