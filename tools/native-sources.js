#!/usr/bin/env node
// Prints the native sources of the addon, one per line, relative to the package root.
// The single list both builds use: CMakeLists.txt applies the same rule with file(GLOB_RECURSE),
// binding.gyp calls this script. Rule: every .cc under native/ except native/tests/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (rel !== 'native/tests') out.push(...walk(rel));
    } else if (entry.name.endsWith('.cc')) {
      out.push(rel);
    }
  }
  return out.sort();
}
const all = walk('native');
const mode = process.argv[2];
const list = mode === '--core' ? all.filter((f) => !f.startsWith('native/napi/')) : all;
process.stdout.write(list.join('\n') + '\n');
