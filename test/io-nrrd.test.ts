// NRRD: round trips through writeNrrd for every type and encoding, hand-written headers (RAS -> LPS, big
// endian, ascii, detached LIST / pattern files, byte skip -1, size-1 vector axis), and clear errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import t from 'tap';
import {
  extractFeatures,
  presetConfig,
  readImage,
  readMask,
  writeNrrd,
  type NormalisedVolume,
} from '../dist/cjs/index.js';
import { PHANTOM_IMAGE, PHANTOM_MASK } from './helpers/ibsi';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-nrrd-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
const p = (name: string) => path.join(dir, name);
const round = (a: readonly number[], d = 9) => a.map((x) => +x.toFixed(d) + 0);

function oblique(data: NormalisedVolume['data']): NormalisedVolume {
  // 30 degrees about z, then a flip of z: a left-handed, non-axis-aligned frame.
  const c = Math.cos(Math.PI / 6),
    s = Math.sin(Math.PI / 6);
  return {
    data,
    shape: [4, 3, 2],
    spacing: [0.5, 0.75, 2.5],
    origin: [-10.25, 3.5, 100.125],
    direction: [c, -s, 0, s, c, 0, 0, 0, -1],
  };
}

t.test('writeNrrd -> readImage round trip: every type, raw/gzip, attached/detached, LPS/RAS', async (t) => {
  const arrays = [
    Uint8Array.from({ length: 24 }, (_, i) => i * 10),
    Int8Array.from({ length: 24 }, (_, i) => i - 12),
    Int16Array.from({ length: 24 }, (_, i) => -1000 + 97 * i),
    Uint16Array.from({ length: 24 }, (_, i) => 60000 - i),
    Int32Array.from({ length: 24 }, (_, i) => -(2 ** 30) + i),
    Uint32Array.from({ length: 24 }, (_, i) => 2 ** 31 + i),
    Float32Array.from({ length: 24 }, (_, i) => i / 3),
    Float64Array.from({ length: 24 }, (_, i) => Math.PI * i),
  ];
  for (const data of arrays)
    for (const encoding of ['raw', 'gzip'] as const)
      for (const ext of ['nrrd', 'nhdr'])
        for (const space of ['LPS', 'RAS'] as const) {
          const v = oblique(data);
          const file = p(`rt-${data.constructor.name}-${encoding}-${space}.${ext}`);
          await writeNrrd(file, v, { encoding, space });
          const r = await readImage(file);
          const what = `${data.constructor.name} ${encoding} ${ext} ${space}`;
          t.equal(r.data.constructor, data.constructor, `${what}: type`);
          t.same(Array.from(r.data), Array.from(data), `${what}: data`);
          t.same(r.shape, v.shape);
          t.same(round(r.spacing), round(v.spacing), `${what}: spacing`);
          t.same(round(r.origin), round(v.origin), `${what}: origin`);
          t.same(round(r.direction), round(v.direction), `${what}: direction`);
        }
  t.ok(fs.existsSync(p('rt-Uint8Array-gzip-LPS.raw.gz')), 'a .nhdr has its data file beside it');
});

t.test('the IBSI digital phantom through NRRD gives the same features as through NIfTI', async (t) => {
  const image = await readImage(PHANTOM_IMAGE),
    mask = await readMask(PHANTOM_MASK);
  await writeNrrd(p('phantom.nrrd'), image);
  await writeNrrd(p('phantom-mask.nhdr'), mask, { encoding: 'raw' });
  const a = extractFeatures(image, mask, presetConfig('ibsi1-phantom'));
  const b = extractFeatures(
    await readImage(p('phantom.nrrd')),
    await readMask(p('phantom-mask.nhdr')),
    presetConfig('ibsi1-phantom'),
  );
  t.same(b.features, a.features);
});

function header(lines: string[]): string {
  return ['NRRD0004', ...lines].join('\n') + '\n';
}

t.test('RAS space, big endian, header comments and key/values', async (t) => {
  const data = Buffer.alloc(2 * 8);
  for (let i = 0; i < 8; i++) data.writeInt16BE(i * 100 - 300, 2 * i);
  fs.writeFileSync(
    p('ras.nrrd'),
    Buffer.concat([
      Buffer.from(
        header([
          '# a comment',
          'type: short',
          'dimension: 3',
          'space: right-anterior-superior',
          'sizes: 2 2 2',
          'space directions: (-2,0,0) (0,-3,0) (0,0,4)',
          'kinds: domain domain domain',
          'endian: big',
          'encoding: raw',
          'space origin: (10,20,30)',
          'Segment0_Name:=tumour',
        ]) + '\n',
      ),
      data,
    ]),
  );
  const v = await readImage(p('ras.nrrd'));
  t.same(Array.from(v.data), [-300, -200, -100, 0, 100, 200, 300, 400]);
  t.same(v.spacing, [2, 3, 4]);
  t.same(v.origin, [-10, -20, 30], 'RAS origin -> LPS');
  t.same(
    v.direction.map((x) => x + 0),
    [1, 0, 0, 0, 1, 0, 0, 0, 1],
    'RAS (-x, -y) axes are LPS +x, +y',
  );
});

t.test('ascii encoding, spacings without space directions, 2D image', async (t) => {
  fs.writeFileSync(
    p('a.nrrd'),
    header(['type: float', 'dimension: 2', 'sizes: 3 2', 'spacings: 0.5 0.25', 'encoding: ascii']) +
      '\n1 2 3\n4.5 5 6\n',
  );
  const v = await readImage(p('a.nrrd'));
  t.same(Array.from(v.data), [1, 2, 3, 4.5, 5, 6]);
  t.same(v.shape, [3, 2, 1]);
  t.same(v.spacing, [0.5, 0.25, 1]);
  t.same(
    v.direction.map((x) => x + 0),
    [1, 0, 0, 0, 1, 0, 0, 0, 1],
  );
});

t.test(
  'detached data: single file with byte skip -1, LIST of gzip slabs, %d pattern, size-1 vector axis',
  async (t) => {
    const vals = Uint16Array.from({ length: 12 }, (_, i) => i + 1);
    fs.writeFileSync(p('d.raw'), Buffer.concat([Buffer.from('junk header bytes'), Buffer.from(vals.buffer)]));
    fs.writeFileSync(
      p('d.nhdr'),
      header([
        'type: uint16',
        'dimension: 4',
        'space: left-posterior-superior',
        'sizes: 1 3 2 2',
        'space directions: none (1,0,0) (0,1,0) (0,0,1)',
        'kinds: vector domain domain domain',
        'endian: little',
        'encoding: raw',
        'byte skip: -1',
        'data file: d.raw',
      ]),
    );
    const v = await readImage(p('d.nhdr'));
    t.same(v.shape, [3, 2, 2]);
    t.same(Array.from(v.data), Array.from(vals));
    for (const z of [0, 1]) fs.writeFileSync(p(`slab${z}.raw.gz`), zlib.gzipSync(Buffer.from(vals.buffer, 12 * z, 12)));
    fs.writeFileSync(
      p('l.nhdr'),
      header([
        'type: uint16',
        'dimension: 3',
        'sizes: 3 2 2',
        'endian: little',
        'encoding: gzip',
        'data file: LIST',
        'slab0.raw.gz',
        'slab1.raw.gz',
      ]),
    );
    t.same(Array.from((await readImage(p('l.nhdr'))).data), Array.from(vals));
    fs.writeFileSync(
      p('f.nhdr'),
      header([
        'type: uint16',
        'dimension: 3',
        'sizes: 3 2 2',
        'endian: little',
        'encoding: gzip',
        'data file: slab%d.raw.gz 0 1 1 2',
      ]),
    );
    t.same(Array.from((await readImage(p('f.nhdr'))).data), Array.from(vals));
  },
);

t.test('errors: truncated data, bzip2, vector images, unknown type and space, missing data file', async (t) => {
  const base = ['dimension: 3', 'sizes: 2 2 2', 'endian: little'];
  fs.writeFileSync(p('trunc.nrrd'), header(['type: int16', ...base, 'encoding: raw']) + '\n' + 'abc');
  await t.rejects(readImage(p('trunc.nrrd')), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /truncated/ });
  fs.writeFileSync(p('bz.nrrd'), header(['type: int16', ...base, 'encoding: bzip2']) + '\nBZh');
  await t.rejects(readImage(p('bz.nrrd')), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /bzip2/ });
  fs.writeFileSync(
    p('vec.nrrd'),
    header(['type: float', 'dimension: 4', 'sizes: 3 2 2 2', 'kinds: vector domain domain domain', 'encoding: raw']) +
      '\n' +
      '\0'.repeat(96),
  );
  await t.rejects(readImage(p('vec.nrrd')), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /multi-component/ });
  fs.writeFileSync(p('blk.nrrd'), header(['type: block', ...base, 'encoding: raw']) + '\n');
  await t.rejects(readImage(p('blk.nrrd')), { code: 'ERR_RADIOMICS_UNSUPPORTED_DTYPE' });
  fs.writeFileSync(
    p('sp.nrrd'),
    header(['type: uint8', ...base, 'space: right-anterior-superior-time', 'encoding: raw']) + '\n' + '\0'.repeat(8),
  );
  await t.rejects(readImage(p('sp.nrrd')), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /space/ });
  fs.writeFileSync(p('nodata.nhdr'), header(['type: uint8', ...base, 'encoding: raw', 'data file: missing.raw']));
  await t.rejects(readImage(p('nodata.nhdr')), { code: 'ERR_RADIOMICS_FILE_READ', message: /missing\.raw/ });
  fs.writeFileSync(p('garbage.bin'), 'hello');
  await t.rejects(readImage(p('garbage.bin')), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /unknown image format/ });
});

t.test('format sniffing: a NRRD file without the suffix', async (t) => {
  await writeNrrd(p('sniffed.nrrd'), oblique(Uint8Array.from({ length: 24 }, (_, i) => i)));
  fs.copyFileSync(p('sniffed.nrrd'), p('sniffed.img'));
  t.same(
    Array.from((await readImage(p('sniffed.img'))).data),
    Array.from({ length: 24 }, (_, i) => i),
  );
});
