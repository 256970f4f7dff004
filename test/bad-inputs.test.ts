// The bad-input corpus (test/helpers/bad-inputs.ts): every case ends in its typed error or is accepted with
// its warning. Then what a single code cannot show: a gzip bomb's memory stays bounded (measured in a child
// process), reader warnings reach the extraction's diagnostics, and a label that fails in --labels /
// --all-labels becomes an error entry while the other labels are still written.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import t from 'tap';
import { extractFeatures, readImage } from '../dist/cjs/index.js';
import { badInputs, cleanupBadInputs, cli, niftiBomb, niftiBytes, nrrdBomb, scratchDir } from './helpers/bad-inputs';
import { ROOT } from './helpers/ibsi';
import { writeNifti } from './helpers/nifti-writer';

t.teardown(cleanupBadInputs);

t.test('every case of the corpus: its code, or accepted with its warning', async (t) => {
  for (const c of badInputs()) {
    let thrown: unknown;
    try {
      await c.run();
    } catch (e) {
      thrown = e;
    }
    const code = (thrown as { code?: string } | undefined)?.code;
    if (c.expectCode === null)
      t.equal(thrown, undefined, `${c.name}: accepted${thrown ? ` (threw ${(thrown as Error).message})` : ''}`);
    else {
      t.equal(
        code,
        c.expectCode,
        `${c.name}: ${c.expectCode}${thrown ? ` (${(thrown as Error).message.split('\n')[0]})` : ' (nothing thrown)'}`,
      );
      if (c.expectMessage) t.match((thrown as Error | undefined)?.message ?? '', c.expectMessage, `${c.name}: message`);
      if (code === 'USAGE' || /^ERR_/.test(code ?? ''))
        t.notMatch((thrown as Error).message, /\n\s+at /, `${c.name}: no JS stack`);
    }
  }
});

// The reader runs in a child process so that its peak resident memory is its own: a bomb of 512 MiB of zeros
// after a 64 kB volume must cost a few MB of inflation, not 512 MiB (before: inflated in full). The peak is
// VmHWM of /proc/self/status where there is one: getrusage's maxRSS survives exec on Linux, so it would
// include the test process' own peak.
function peakRssOfRead(file: string): { maxRssMiB: number; warnings: string[]; shape: number[] } {
  const script = `
    const fs = require('node:fs');
    const { readImage } = require(${JSON.stringify(path.join(ROOT, 'dist', 'cjs', 'index.js'))});
    const peakMiB = () => {
      try {
        return Number(/VmHWM:\\s*(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
      } catch {
        return process.resourceUsage().maxRSS / 1024;
      }
    };
    readImage(${JSON.stringify(file)}).then((v) => {
      process.stdout.write(JSON.stringify({ maxRssMiB: peakMiB(), warnings: v.warnings ?? [], shape: v.shape }));
    }, (e) => { process.stderr.write(String(e && e.stack)); process.exit(3); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

t.test('gzip bombs: only what the header needs is inflated (bounded memory, child process)', async (t) => {
  const baseline = peakRssOfRead(path.join(ROOT, 'ibsi-phantom', 'image.nii.gz')).maxRssMiB;
  for (const [name, bytes] of [
    ['bomb.nii.gz', niftiBomb(512)],
    ['bomb.nrrd', nrrdBomb(512)],
  ] as const) {
    t.ok(
      bytes.length < 2 * 1024 * 1024,
      `${name}: ${(bytes.length / 1024).toFixed(0)} kB on disk for 512 MiB of zeros`,
    );
    const file = path.join(scratchDir(), name);
    fs.writeFileSync(file, bytes);
    const r = peakRssOfRead(file);
    t.same(r.shape, [40, 40, 20]);
    t.match(r.warnings.join('\n'), /not decompressed/, `${name}: the data after the voxels is reported`);
    // The file alone would inflate to 512 MiB; reading it may cost a few MiB above reading the phantom.
    t.ok(
      r.maxRssMiB - baseline < 64,
      `${name}: peak RSS ${r.maxRssMiB.toFixed(0)} MiB vs ${baseline.toFixed(0)} MiB for the phantom (bound: +64 MiB)`,
    );
  }
});

t.test('an ordinary .nii.gz reads in full (CRC checked), without warnings', async (t) => {
  const v = await readImage(path.join(ROOT, 'ibsi-phantom', 'image.nii.gz'));
  t.equal(v.warnings, undefined);
});

t.test('reader warnings reach diagnostics.warnings, prefixed image: / mask:', async (t) => {
  const img = path.join(scratchDir(), 'w-img.nii'),
    msk = path.join(scratchDir(), 'w-mask.nii');
  fs.writeFileSync(img, niftiBytes({ shape: [4, 4, 4], pixdim: [1, 0, 1] }));
  fs.writeFileSync(msk, niftiBytes({ shape: [4, 4, 4], pixdim: [1, 0, 1], data: new Int16Array(64).fill(1) }));
  const r = extractFeatures(await readImage(img), await readImage(msk), { families: ['intensity_statistics'] });
  t.match(
    String(r.diagnostics.warnings),
    /image: pixdim\[2\] = 0 is not a voxel size; 1 mm used.*mask: pixdim\[2\] = 0/,
  );
});

t.test('--labels / --all-labels: a failing label is an error entry, the others are written, exit 1', async (t) => {
  const dir = scratchDir();
  const img = path.join(dir, 'lab-img.nii.gz'),
    msk = path.join(dir, 'lab-mask.nii.gz'),
    cfg = path.join(dir, 'lab.json');
  const S = 10,
    n = S * S * S;
  const data = Int16Array.from({ length: n }, (_, i) => (i * 7) % 23);
  const m = new Uint8Array(n);
  for (let z = 2; z < 8; z++) for (let y = 2; y < 8; y++) for (let x = 2; x < 8; x++) m[x + S * (y + S * z)] = 1;
  m[0] = 5; // one voxel: vanishes on the 4 mm grid
  writeNifti(img, { data, shape: [S, S, S] });
  writeNifti(msk, { data: m, shape: [S, S, S] });
  fs.writeFileSync(cfg, JSON.stringify({ families: ['intensity_statistics'], interpolation: { spacing: [4, 4, 4] } }));
  const args = ['extract', '--image', img, '--mask', msk, '--config', cfg];

  const json = cli([...args, '--all-labels']);
  t.equal(json.status, 1, 'exit 1: a label failed');
  t.match(
    json.stderr,
    /ERR_RADIOMICS_EMPTY_ROI: label 5: the ROI had 1 voxel and none after interpolating the mask onto the new 4 x 4 x 4 mm grid \(linear, threshold 0\.5\)/,
  );
  const arr = JSON.parse(json.stdout);
  t.same(
    arr.map((r: { label: number }) => r.label),
    [1, 5],
  );
  t.ok(Number.isFinite(arr[0].features.stat_mean), 'label 1 still has its features');
  t.same(Object.keys(arr[1]), ['label', 'error']);
  t.equal(arr[1].error.code, 'ERR_RADIOMICS_EMPTY_ROI');

  const out = path.join(dir, 'labels.csv');
  const csv = cli([...args, '--labels', '5,1', '--format', 'csv', '--out', out]);
  t.equal(csv.status, 1);
  const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
  t.equal(lines.length, 3);
  const header = lines[0]!.split(',');
  t.same(header.slice(0, 4), ['label', 'status', 'error_code', 'error_message']);
  const row = (l: string) => Object.fromEntries(header.map((h, k) => [h, l.split(',')[k]]));
  t.equal(row(lines[1]!).status, 'error');
  t.equal(row(lines[1]!).error_code, 'ERR_RADIOMICS_EMPTY_ROI');
  t.equal(row(lines[2]!).status, 'ok');
  t.ok(Number.isFinite(Number(row(lines[2]!).stat_mean)));

  const ok = cli([...args, '--labels', '1']);
  t.equal(ok.status, 0, 'every label fine: exit 0');
  t.same(Object.keys(JSON.parse(ok.stdout)[0]), ['label', 'features', 'diagnostics']);
});

t.test('--out: checked before the computation; a writable path still works', async (t) => {
  const r = cli([
    'extract',
    '--image',
    path.join(ROOT, 'ibsi-phantom', 'image.nii.gz'),
    '--mask',
    path.join(ROOT, 'ibsi-phantom', 'mask.nii.gz'),
    '--preset',
    'ibsi1-phantom',
    '--out',
    path.join(scratchDir(), 'missing', 'f.json'),
  ]);
  t.equal(r.status, 1);
  t.match(
    r.stderr,
    /^radiomics: ERR_RADIOMICS_OUTPUT_PATH: --out .*missing\/f\.json: the folder .*missing does not exist; create it first\n$/,
  );
  t.notMatch(r.stderr, /unexpected error/);
});
