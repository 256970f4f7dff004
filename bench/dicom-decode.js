#!/usr/bin/env node
// node bench/dicom-decode.js [slices] — decoding speed of a JPEG 2000 lossless CT series: a synthetic
// 512 x 512 x N (default 200) int16 CT written as uncompressed slices, compressed with GDCM (`gdcmconv --j2k`),
// then read (decoded into a volume) by readImage against GDCM decompressing the same files (`gdcmconv --raw`,
// one process per slice as a user would run it, two at a time as the reader runs on the same 2 cores) in the
// same run. Reports the ratio and checks that the decoded volume equals the uncompressed series voxel for voxel.
// Needs the Debian package libgdcm-tools and a built library (npm run build:ts).
'use strict';
const { execFile, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { readImage } = require('../dist/cjs/index.js');

const run = promisify(execFile);
if (spawnSync('gdcmconv', ['--version']).error) {
  console.error('gdcmconv not found: apt-get install libgdcm-tools');
  process.exit(1);
}
const N = Number(process.argv[2] ?? 200);
const nx = 512,
  ny = 512;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-dicom-bench-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

// --- a minimal explicit VR little endian writer (enough for a CT slice) ---
function element(group, elem, vr, value) {
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  let v = Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'latin1');
  if (typeof value === 'number' && vr === 'US') {
    v = Buffer.alloc(2);
    v.writeUInt16LE(value);
  }
  if (typeof value === 'number' && vr === 'UL') {
    v = Buffer.alloc(4);
    v.writeUInt32LE(value);
  }
  if (v.length % 2) v = Buffer.concat([v, Buffer.from(vr === 'UI' ? [0] : [0x20])]);
  const h = Buffer.alloc(long ? 12 : 8);
  h.writeUInt16LE(group, 0);
  h.writeUInt16LE(elem, 2);
  h.write(vr, 4, 'latin1');
  if (long) h.writeUInt32LE(v.length, 8);
  else h.writeUInt16LE(v.length, 6);
  return Buffer.concat([h, v]);
}
function slice(z, pixels, seriesUid, forUid) {
  const sop = `1.2.826.0.1.3680043.9.7433.9.${process.pid}.${z + 1}`;
  const meta = Buffer.concat([
    element(2, 1, 'OB', Buffer.from([0, 1])),
    element(2, 2, 'UI', '1.2.840.10008.5.1.4.1.1.2'),
    element(2, 3, 'UI', sop),
    element(2, 0x10, 'UI', '1.2.840.10008.1.2.1'),
    element(2, 0x12, 'UI', '1.2.826.0.1.3680043.9.7433.1'),
  ]);
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM'),
    element(2, 0, 'UL', meta.length),
    meta,
    element(8, 0x16, 'UI', '1.2.840.10008.5.1.4.1.1.2'),
    element(8, 0x18, 'UI', sop),
    element(8, 0x60, 'CS', 'CT'),
    element(0x20, 0x0d, 'UI', '1.2.826.0.1.3680043.9.7433.9.1'),
    element(0x20, 0x0e, 'UI', seriesUid),
    element(0x20, 0x13, 'IS', z + 1),
    element(0x20, 0x32, 'DS', `-179.2\\-179.2\\${(2.5 * z).toFixed(1)}`),
    element(0x20, 0x37, 'DS', '1\\0\\0\\0\\1\\0'),
    element(0x20, 0x52, 'UI', forUid),
    element(0x28, 2, 'US', 1),
    element(0x28, 4, 'CS', 'MONOCHROME2'),
    element(0x28, 0x10, 'US', ny),
    element(0x28, 0x11, 'US', nx),
    element(0x28, 0x30, 'DS', '0.7\\0.7'),
    element(0x28, 0x100, 'US', 16),
    element(0x28, 0x101, 'US', 16),
    element(0x28, 0x102, 'US', 15),
    element(0x28, 0x103, 'US', 1),
    element(0x28, 0x1052, 'DS', 0),
    element(0x28, 0x1053, 'DS', 1),
    element(0x7fe0, 0x10, 'OW', Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength)),
  ]);
}

async function pool(items, width, fn) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

(async () => {
  // Synthetic CT (as bench/processing.js): body ellipse, lungs, bone ring, noise; int16 HU.
  const raw = path.join(dir, 'raw'),
    j2k = path.join(dir, 'j2k'),
    gdcmOut = path.join(dir, 'gdcm');
  for (const d of [raw, j2k, gdcmOut]) fs.mkdirSync(d);
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const names = [];
  for (let z = 0; z < N; z++) {
    const px = new Int16Array(nx * ny);
    for (let y = 0, i = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const u = (x - 256) / 220,
          v = (y - 256) / 160,
          body = u * u + v * v;
        let hu = -1000;
        if (body < 1) hu = 40 + 20 * Math.sin(z * 0.05);
        if (body > 0.85 && body < 1) hu = 700;
        const l1 = ((x - 160) / 70) ** 2 + ((y - 240) / 90) ** 2,
          l2 = ((x - 352) / 70) ** 2 + ((y - 240) / 90) ** 2;
        if (l1 < 1 || l2 < 1) hu = -850;
        px[i] = Math.round(hu + 25 * (rnd() - 0.5));
      }
    const name = `ct${String(z).padStart(4, '0')}.dcm`;
    names.push(name);
    fs.writeFileSync(
      path.join(raw, name),
      slice(z, px, '1.2.826.0.1.3680043.9.7433.9.2', '1.2.826.0.1.3680043.9.7433.9.3'),
    );
  }
  let t0 = Date.now();
  await pool(names, 2, (n) => run('gdcmconv', ['--j2k', path.join(raw, n), path.join(j2k, n)]));
  const encodeS = (Date.now() - t0) / 1000;
  const bytes = (d) => names.reduce((s, n) => s + fs.statSync(path.join(d, n)).size, 0);
  console.log(
    `series: ${nx} x ${ny} x ${N} int16, ${(bytes(raw) / 2 ** 20).toFixed(1)} MiB raw, ${(bytes(j2k) / 2 ** 20).toFixed(1)} MiB as JPEG 2000 lossless (gdcmconv --j2k, ${encodeS.toFixed(1)} s)`,
  );

  const reference = await readImage(raw);
  const times = { ours: [], gdcm: [] };
  let volume;
  for (let rep = 0; rep < 3; rep++) {
    t0 = process.hrtime.bigint();
    volume = await readImage(j2k);
    times.ours.push(Number(process.hrtime.bigint() - t0) / 1e9);
    t0 = process.hrtime.bigint();
    await pool(names, 2, (n) => run('gdcmconv', ['--raw', path.join(j2k, n), path.join(gdcmOut, n)]));
    times.gdcm.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const same = Buffer.from(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength).equals(
    Buffer.from(reference.data.buffer, reference.data.byteOffset, reference.data.byteLength),
  );
  const best = (a) => Math.min(...a);
  console.log(
    `readImage (OpenJPEG WASM, one thread, into a volume): ${best(times.ours).toFixed(2)} s  (runs: ${times.ours.map((x) => x.toFixed(2)).join(', ')})`,
  );
  console.log(
    `gdcmconv --raw (native OpenJPEG, a process per slice, 2 at a time, to files): ${best(times.gdcm).toFixed(2)} s  (runs: ${times.gdcm.map((x) => x.toFixed(2)).join(', ')})`,
  );
  console.log(
    `ratio readImage / gdcmconv --raw: ${(best(times.ours) / best(times.gdcm)).toFixed(2)}  (${(N / best(times.ours)).toFixed(1)} vs ${(N / best(times.gdcm)).toFixed(1)} slices/s)`,
  );
  console.log(`decoded volume equals the uncompressed series voxel for voxel: ${same}`);
  if (!same) process.exit(1);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
