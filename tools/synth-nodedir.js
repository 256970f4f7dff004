'use strict';
// node-gyp needs a "nodedir" with include/node/*.h. Use the running Node's own headers when they are
// installed; otherwise synthesise one from the node-api-headers package (Node-API only, which is all this
// addon uses), so a source build never downloads anything.
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

function findOrSynthesiseNodedir(root) {
  const prefix = path.resolve(process.execPath, '..', '..');
  if (
    fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) &&
    fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi'))
  )
    return prefix;
  let headers;
  try {
    headers = require(require.resolve('node-api-headers', { paths: [root] }));
  } catch {
    throw new Error('radiomics: Node headers not found and node-api-headers is not installed');
  }
  const dir = path.join(os.tmpdir(), `radiomics-nodedir-${process.versions.node}`);
  const include = path.join(dir, 'include', 'node');
  fs.mkdirSync(include, { recursive: true });
  for (const src of [headers.include_dir]) {
    for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(include, f));
  }
  // A minimal common.gypi: node-gyp includes it; Node-API addons need no V8 settings.
  fs.writeFileSync(
    path.join(include, 'common.gypi'),
    "{ 'variables': { 'node_shared': 'false' }, 'target_defaults': { 'default_configuration': 'Release', 'configurations': { 'Release': {} } } }\n",
  );
  fs.writeFileSync(path.join(include, 'config.gypi'), "{ 'variables': {} }\n");
  if (process.platform === 'win32' && headers.def_paths) {
    const lib = path.join(dir, process.arch === 'ia32' ? 'Release' : `${process.arch}`);
    fs.mkdirSync(lib, { recursive: true });
  }
  return dir;
}

module.exports = { findOrSynthesiseNodedir };
