// NIfTI reading: the phantom, gzip vs plain, datatypes, scl_slope/inter, sform/qform -> LPS geometry.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import t from 'tap';
import { readImage } from '../dist/cjs/index.js';
import { PHANTOM_IMAGE, PHANTOM_MASK } from './helpers/ibsi';
import { PHANTOM_MASK as MASK_VALUES, PHANTOM_VALUES } from './helpers/phantom';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-nifti-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

interface NiftiSpec {
  shape: [number, number, number];
  datatype: number;
  bitpix: number;
  data: Buffer;
  pixdim?: [number, number, number];
  slope?: number;
  inter?: number;
  qform?: { b: number; c: number; d: number; offset: [number, number, number]; qfac?: number };
  sform?: number[][];
}

/** Writes a minimal NIfTI-1 single file (348-byte header + 4 bytes extension flag + data). */
function writeNifti(file: string, s: NiftiSpec, gzip = false) {
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  h.writeInt16LE(3, 40);
  s.shape.forEach((d, k) => h.writeInt16LE(d, 42 + 2 * k));
  for (let k = 4; k < 8; k++) h.writeInt16LE(1, 40 + 2 * k);
  h.writeInt16LE(s.datatype, 70);
  h.writeInt16LE(s.bitpix, 72);
  h.writeFloatLE(s.qform?.qfac ?? 1, 76);
  (s.pixdim ?? [1, 1, 1]).forEach((p, k) => h.writeFloatLE(p, 80 + 4 * k));
  h.writeFloatLE(352, 108);
  h.writeFloatLE(s.slope ?? 1, 112);
  h.writeFloatLE(s.inter ?? 0, 116);
  h.writeInt16LE(s.qform ? 1 : 0, 252);
  h.writeInt16LE(s.sform ? 1 : 0, 254);
  if (s.qform) {
    h.writeFloatLE(s.qform.b, 256);
    h.writeFloatLE(s.qform.c, 260);
    h.writeFloatLE(s.qform.d, 264);
    s.qform.offset.forEach((o, k) => h.writeFloatLE(o, 268 + 4 * k));
  }
  if (s.sform) s.sform.forEach((row, r) => row.forEach((v, c) => h.writeFloatLE(v, 280 + 16 * r + 4 * c)));
  h.write('n+1\0', 344, 'latin1');
  const bytes = Buffer.concat([h, s.data]);
  fs.writeFileSync(file, gzip ? zlib.gzipSync(bytes) : bytes);
}

t.test('the bundled phantom', async (t) => {
  const img = await readImage(PHANTOM_IMAGE);
  const mask = await readImage(PHANTOM_MASK);
  t.same(img.shape, [5, 4, 4]);
  t.same(img.spacing, [2, 2, 2]);
  t.type(img.data, Int16Array);
  t.same(Array.from(img.data), PHANTOM_VALUES);
  t.same(Array.from(mask.data), MASK_VALUES);
});

t.test('plain and gzipped files give the same volume; every integer/float datatype', async (t) => {
  const types: [number, number, (n: number) => Buffer][] = [
    [2, 8, (n) => Buffer.from(Uint8Array.from({ length: n }, (_, i) => i))],
    [256, 8, (n) => Buffer.from(Int8Array.from({ length: n }, (_, i) => i - 5).buffer)],
    [4, 16, (n) => Buffer.from(Int16Array.from({ length: n }, (_, i) => i - 5).buffer)],
    [512, 16, (n) => Buffer.from(Uint16Array.from({ length: n }, (_, i) => i).buffer)],
    [8, 32, (n) => Buffer.from(Int32Array.from({ length: n }, (_, i) => i - 5).buffer)],
    [768, 32, (n) => Buffer.from(Uint32Array.from({ length: n }, (_, i) => i).buffer)],
    [16, 32, (n) => Buffer.from(Float32Array.from({ length: n }, (_, i) => i / 4).buffer)],
    [64, 64, (n) => Buffer.from(Float64Array.from({ length: n }, (_, i) => i / 8).buffer)],
  ];
  for (const [datatype, bitpix, make] of types) {
    const spec: NiftiSpec = { shape: [3, 2, 2], datatype, bitpix, data: make(12), pixdim: [0.5, 0.7, 3] };
    writeNifti(path.join(dir, `t${datatype}.nii`), spec);
    writeNifti(path.join(dir, `t${datatype}.nii.gz`), spec, true);
    const a = await readImage(path.join(dir, `t${datatype}.nii`));
    const b = await readImage(path.join(dir, `t${datatype}.nii.gz`));
    t.same(Array.from(a.data), Array.from(b.data), `datatype ${datatype}`);
    t.same(
      a.spacing.map((x) => +x.toFixed(5)),
      [0.5, 0.7, 3],
    );
  }
});

t.test('scl_slope / scl_inter are applied', async (t) => {
  writeNifti(path.join(dir, 's.nii'), {
    shape: [2, 1, 1],
    datatype: 4,
    bitpix: 16,
    data: Buffer.from(Int16Array.from([10, 20]).buffer),
    slope: 0.5,
    inter: -1024,
  });
  const v = await readImage(path.join(dir, 's.nii'));
  t.same(Array.from(v.data), [-1019, -1014]);
});

t.test('sform -> LPS spacing, origin and direction', async (t) => {
  // RAS affine: x axis along -y (RAS), spacing 2; y along +x, spacing 3; z along +z, spacing 4.
  const sform = [
    [0, 3, 0, 10],
    [-2, 0, 0, 20],
    [0, 0, 4, 30],
  ];
  writeNifti(path.join(dir, 'a.nii'), {
    shape: [2, 2, 2],
    datatype: 2,
    bitpix: 8,
    data: Buffer.alloc(8),
    pixdim: [2, 3, 4],
    sform,
  });
  const v = await readImage(path.join(dir, 'a.nii'));
  t.same(v.spacing, [2, 3, 4]);
  t.same(v.origin, [-10, -20, 30]);
  // LPS direction = diag(-1,-1,1) * RAS direction; columns are axis directions.
  t.same(
    v.direction.map((x) => x + 0),
    [0, -1, 0, 1, 0, 0, 0, 0, 1],
  );
});

t.test('qform only (quaternion with qfac) -> geometry', async (t) => {
  // 90 degrees about z: b = c = 0, d = sin(45deg); qfac -1 flips the third axis.
  const d = Math.SQRT1_2;
  writeNifti(path.join(dir, 'q.nii'), {
    shape: [2, 2, 2],
    datatype: 2,
    bitpix: 8,
    data: Buffer.alloc(8),
    pixdim: [1, 2, 3],
    qform: { b: 0, c: 0, d, offset: [5, 6, 7], qfac: -1 },
  });
  const v = await readImage(path.join(dir, 'q.nii'));
  t.same(
    v.spacing.map((x) => +x.toFixed(5)),
    [1, 2, 3],
  );
  t.same(
    v.origin.map((x) => +x.toFixed(5)),
    [-5, -6, 7],
  );
  // RAS R = [[0,-1,0],[1,0,0],[0,0,1]] with the 3rd column negated by qfac; LPS negates rows 0 and 1.
  t.same(
    v.direction.map((x) => +x.toFixed(5) + 0),
    [0, 1, 0, -1, 0, 0, 0, 0, -1],
  );
});

t.test('4D files with more than one volume and unsupported datatypes are rejected', async (t) => {
  const f = path.join(dir, 'rgb.nii');
  writeNifti(f, { shape: [2, 1, 1], datatype: 128, bitpix: 24, data: Buffer.alloc(6) });
  await t.rejects(readImage(f), { code: 'ERR_RADIOMICS_UNSUPPORTED_DTYPE' });
});
