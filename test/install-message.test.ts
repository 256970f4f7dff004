// tools/install.js without a usable prebuild: the message names both source-build routes (cmake-js: CMake,
// make or ninja, a C++17 compiler; node-gyp: Python 3, make, a C++17 compiler) and marks each tool found or
// MISSING. Run as tools/check-package.sh does: a PATH holding only node and sh (plus a stand-in compiler),
// RADIOMICS_BUILD_FROM_SOURCE=1, so nothing is ever built here.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { ROOT } from './helpers/ibsi';

const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-install-'));
t.teardown(() => fs.rmSync(bin, { recursive: true, force: true }));
fs.symlinkSync(process.execPath, path.join(bin, 'node'));
const sh = spawnSync('sh', ['-c', 'command -v sh'], { encoding: 'utf8' }).stdout.trim();
fs.symlinkSync(sh, path.join(bin, 'sh'));

function install(): { status: number | null; text: string } {
  // npm sets npm_config_node_gyp during an install: node-gyp is there, its Python and make may not be.
  const env = {
    HOME: os.homedir(),
    PATH: bin,
    RADIOMICS_BUILD_FROM_SOURCE: '1',
    npm_config_node_gyp: path.join(bin, 'node-gyp.js'),
  };
  const r = spawnSync(path.join(bin, 'node'), [path.join(ROOT, 'tools', 'install.js')], { encoding: 'utf8', env });
  return { status: r.status, text: `${r.stdout}${r.stderr}` };
}

t.test('no compiler at all: both routes, each tool found or MISSING', async (t) => {
  const r = install();
  t.equal(r.status, 1);
  t.match(r.text, /no C\+\+ compiler was found/);
  t.match(r.text, /1\. cmake-js .*CMake 3\.15\+ \[MISSING\].*make or ninja \[MISSING\].*C\+\+17 compiler.*\[MISSING\]/);
  t.match(
    r.text,
    /2\. node-gyp .*node-gyp \[found\], Python 3 \[MISSING\], make \[MISSING\].*C\+\+17 compiler.*\[MISSING\]/,
  );
  t.notMatch(r.text, /Install a C\+\+17 compiler and CMake/, 'no longer asks for CMake alone');
});

t.test(
  'a compiler but no Python 3 and no make (an npm user without build tools): says exactly what is missing',
  async (t) => {
    fs.writeFileSync(path.join(bin, 'c++'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const r = install();
    t.equal(r.status, 1);
    t.match(r.text, /tools to build one from source are incomplete/);
    t.match(r.text, /2\. node-gyp .*Python 3 \[MISSING\], make \[MISSING\].*\[found\]/);
    t.notMatch(r.text, /radiomics: .*node-gyp rebuild/, 'no build is attempted');
  },
);
