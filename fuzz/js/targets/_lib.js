// What the JS fuzz targets share: the built package (dist/cjs, `npm run build:ts` first) and a scratch folder.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist', 'cjs');
const load = (m) => require(path.join(DIST, m));
let scratch;
/** Where scratch folders go: /dev/shm (memory) when there is one, else the temp folder. Writing and reading
 * a small file there takes ~15 us against ~1 ms on an overlay /tmp: the file-based targets ran at 20-50 exec/s
 * because of it. */
function scratchRoot() {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}
/** A per-process scratch folder (removed at exit) for targets whose parser reads files. */
function scratchDir() {
  if (!scratch) {
    scratch = fs.mkdtempSync(path.join(scratchRoot(), 'radiomics-fuzz-'));
    process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
  }
  return scratch;
}
/** Splits an input at the separator bytes into up to `max` parts. */
function split(buf, sep, max) {
  const parts = [];
  let start = 0;
  while (parts.length < max - 1) {
    const i = buf.indexOf(sep, start);
    if (i < 0) break;
    parts.push(buf.subarray(start, i));
    start = i + sep.length;
  }
  parts.push(buf.subarray(start));
  return parts;
}
module.exports = { load, scratchDir, split };
