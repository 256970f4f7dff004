// `radiomics filter`: the response map written as float32 NIfTI with the image's geometry, equal to the
// API's map; usage errors exit 2, bad presets / configs exit 1 with the error code.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { filterImage, readImage } from '../dist/cjs/index.js';
import { PHANTOM_IMAGE, ROOT } from './helpers/ibsi';

const BIN = path.join(ROOT, 'bin', 'radiomics.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-filter-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[]) => spawnSync(process.execPath, [BIN, 'filter', ...args], { encoding: 'utf8' });

t.test('writes the response map with the image geometry', async (t) => {
  const config = path.join(dir, 'log.json'),
    out = path.join(dir, 'map.nii.gz');
  fs.writeFileSync(config, JSON.stringify({ type: 'log', sigmaMm: 1.5, boundary: 'nearest' }));
  const r = cli(['--image', PHANTOM_IMAGE, '--config', config, '--out', out, '--threads', '2']);
  t.equal(r.status, 0, r.stderr);
  const [map, image] = [await readImage(out), await readImage(PHANTOM_IMAGE)];
  t.ok(map.data instanceof Float32Array, 'float32');
  t.same(
    [map.shape, map.spacing.map((s) => Math.fround(s)), map.origin.map((s) => Math.fround(s)), map.direction],
    [image.shape, image.spacing.map((s) => Math.fround(s)), image.origin.map((s) => Math.fround(s)), image.direction],
    'same geometry',
  );
  const api = filterImage(image, { type: 'log', sigmaMm: 1.5, boundary: 'nearest' });
  t.same(
    Buffer.from(map.data.buffer, map.data.byteOffset, map.data.byteLength),
    Buffer.from(api.data.buffer),
    'the API map, bit for bit',
  );
});

t.test('errors', async (t) => {
  t.equal(
    cli(['--image', PHANTOM_IMAGE, '--out', path.join(dir, 'x.nii')]).status,
    2,
    'neither --preset nor --config: usage error',
  );
  const r = cli(['--image', PHANTOM_IMAGE, '--preset', 'ibsi2-phase1-9z', '--out', path.join(dir, 'x.nii')]);
  t.equal(r.status, 1);
  t.match(r.stderr, /ERR_RADIOMICS_INVALID_CONFIG.*unknown filter preset/);
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ type: 'mean', support: 4 }));
  const b = cli(['--image', PHANTOM_IMAGE, '--config', bad, '--out', path.join(dir, 'x.nii')]);
  t.equal(b.status, 1);
  t.match(b.stderr, /support must be odd/);
  t.equal(cli(['--help']).status, 0, '--help');
});
