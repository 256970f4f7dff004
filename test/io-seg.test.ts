// DICOM SEG: binary (bit-packed, frames not byte-aligned) with two overlapping segments -> labels, on the
// image grid and on its own grid; one segment picked by label; fractional frames covering part of the image.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { extractFeatures, readImage, readMask } from '../dist/cjs/index.js';
import { ctSlice, el, uid, writeDicom, type El } from './helpers/dicom-writer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-seg-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

const NX = 7,
  NY = 5,
  NZ = 4;
const frameOfReference = uid();
const imageDir = path.join(dir, 'image');
fs.mkdirSync(imageDir);
for (let z = 0; z < NZ; z++)
  writeDicom(
    path.join(imageDir, `ct${z}.dcm`),
    ctSlice({
      seriesUid: '1.2.3.4',
      frameOfReference,
      position: [-3, 10, 2 * z],
      rows: NY,
      cols: NX,
      pixels: Int16Array.from({ length: NX * NY }, (_, i) => i + 10 * z),
      pixelSpacing: [1, 1],
    }),
  );

interface FrameSpec {
  segment: number;
  position: [number, number, number];
  /** Pixel values, rows x cols. */
  pixels: number[];
}

function seg(opts: {
  type: 'BINARY' | 'FRACTIONAL';
  rows: number;
  cols: number;
  segments: string[];
  frames: FrameSpec[];
  frameOfReference?: string;
}): El[] {
  const n = opts.rows * opts.cols;
  let pixelData: Buffer;
  if (opts.type === 'BINARY') {
    // One continuous bit stream over all frames, first pixel in the lowest bit.
    pixelData = Buffer.alloc(Math.ceil((n * opts.frames.length) / 8));
    opts.frames.forEach((f, k) =>
      f.pixels.forEach((v, i) => v && (pixelData[(k * n + i) >> 3]! |= 1 << ((k * n + i) & 7))),
    );
  } else pixelData = Buffer.from(opts.frames.flatMap((f) => f.pixels));
  const bits = opts.type === 'BINARY' ? 1 : 8;
  return [
    el('0008,0016', 'UI', '1.2.840.10008.5.1.4.1.1.66.4'),
    el('0008,0018', 'UI', uid()),
    el('0008,0060', 'CS', 'SEG'),
    el('0020,000E', 'UI', uid()),
    el('0020,0052', 'UI', opts.frameOfReference ?? frameOfReference),
    el('0028,0002', 'US', 1),
    el('0028,0008', 'IS', opts.frames.length),
    el('0028,0010', 'US', opts.rows),
    el('0028,0011', 'US', opts.cols),
    el('0028,0100', 'US', bits),
    el('0028,0101', 'US', bits),
    el('0028,0102', 'US', bits - 1),
    el('0028,0103', 'US', 0),
    el('0062,0001', 'CS', opts.type),
    ...(opts.type === 'FRACTIONAL' ? [el('0062,000E', 'US', 255), el('0062,0010', 'CS', 'PROBABILITY')] : []),
    el(
      '0062,0002',
      'SQ',
      opts.segments.map((name, k) => [el('0062,0004', 'US', k + 1), el('0062,0005', 'LO', name)]),
    ),
    el('5200,9229', 'SQ', [
      [
        el('0028,9110', 'SQ', [[el('0028,0030', 'DS', [1, 1]), el('0018,0050', 'DS', 2)]]),
        el('0020,9116', 'SQ', [[el('0020,0037', 'DS', [1, 0, 0, 0, 1, 0])]]),
      ],
    ]),
    el(
      '5200,9230',
      'SQ',
      opts.frames.map((f) => [
        el('0020,9113', 'SQ', [[el('0020,0032', 'DS', f.position)]]),
        el('0062,000A', 'SQ', [[el('0062,000B', 'US', f.segment)]]),
      ]),
    ),
    el('7FE0,0010', 'OB', pixelData),
  ];
}

const rect = (x0: number, x1: number, y0: number, y1: number) =>
  Array.from(
    { length: NX * NY },
    (_, i) => +(i % NX >= x0 && i % NX <= x1 && Math.floor(i / NX) >= y0 && Math.floor(i / NX) <= y1),
  );
const LIVER = rect(1, 4, 1, 3),
  TUMOUR = rect(3, 5, 2, 4);
// Segment 1 on slices 1 and 2, segment 2 on slices 2 and 3: they overlap on slice 2. 35 bits a frame.
const binaryFile = path.join(dir, 'binary.dcm');
writeDicom(
  binaryFile,
  seg({
    type: 'BINARY',
    rows: NY,
    cols: NX,
    segments: ['Liver', 'Tumour'],
    frames: [
      { segment: 1, position: [-3, 10, 2], pixels: LIVER },
      { segment: 2, position: [-3, 10, 4], pixels: TUMOUR },
      { segment: 1, position: [-3, 10, 4], pixels: LIVER },
      { segment: 2, position: [-3, 10, 6], pixels: TUMOUR },
    ],
  }),
);

function expected(slices: Record<number, number[][]>, nz = NZ): number[] {
  const out = new Array<number>(NX * NY * nz).fill(0);
  for (const [z, layers] of Object.entries(slices))
    for (const [label, ...px] of layers) px.forEach((v, i) => v && (out[Number(z) * NX * NY + i] = label!));
  return out;
}

t.test('binary SEG, two segments -> labels 1 and 2 on the image grid; the higher segment wins overlaps', async (t) => {
  const image = await readImage(imageDir);
  const mask = await readMask(binaryFile, { image });
  t.same(mask.shape, [NX, NY, NZ]);
  t.same(mask.origin, image.origin);
  t.same(
    Array.from(mask.data),
    expected({
      1: [[1, ...LIVER]],
      2: [
        [1, ...LIVER],
        [2, ...TUMOUR],
      ],
      3: [[2, ...TUMOUR]],
    }),
  );
  // Extraction per label works on it.
  const r = extractFeatures(image, mask, { label: 2, families: ['intensity_statistics'] });
  t.equal(r.diagnostics.int_mask_vox_count_init_roi, 2 * 9);
});

t.test("binary SEG on its own grid: the frames' planes", async (t) => {
  const mask = await readMask(binaryFile);
  t.same(mask.shape, [NX, NY, 3]);
  t.same(mask.origin, [-3, 10, 2]);
  t.same(mask.spacing, [1, 1, 2]);
  t.same(
    Array.from(mask.data),
    expected(
      {
        0: [[1, ...LIVER]],
        1: [
          [1, ...LIVER],
          [2, ...TUMOUR],
        ],
        2: [[2, ...TUMOUR]],
      },
      3,
    ),
  );
  t.same(Array.from((await readImage(binaryFile)).data), Array.from(mask.data), 'readImage reads a SEG the same way');
});

t.test('one segment picked by label or number, whole (overlap included), as label 1', async (t) => {
  const image = await readImage(imageDir);
  const liver = await readMask(binaryFile, { image, roi: 'liver' });
  t.same(Array.from(liver.data), expected({ 1: [[1, ...LIVER]], 2: [[1, ...LIVER]] }));
  const tumour = await readMask(binaryFile, { image, roi: '2', label: 5 });
  t.same(Array.from(tumour.data), expected({ 2: [[5, ...TUMOUR]], 3: [[5, ...TUMOUR]] }));
  await t.rejects(readMask(binaryFile, { image, roi: 'Spleen' }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /no segment named 'Spleen'.*'Liver' \(1\), 'Tumour' \(2\)/,
  });
});

t.test('fractional SEG: a 3x2 frame placed at an in-plane offset; fraction >= 0.5 is inside', async (t) => {
  const file = path.join(dir, 'fractional.dcm');
  // Frame origin at voxel (2, 1) of slice 1: pixels (0..2, 0..1) -> voxels (2..4, 1..2).
  writeDicom(
    file,
    seg({
      type: 'FRACTIONAL',
      rows: 2,
      cols: 3,
      segments: ['GTV'],
      frames: [{ segment: 1, position: [-1, 11, 2], pixels: [255, 128, 127, 0, 200, 10] }],
    }),
  );
  const image = await readImage(imageDir);
  const mask = await readMask(file, { image });
  const inside: number[] = [];
  mask.data.forEach((v, i) => v && inside.push(i));
  const at = (x: number, y: number, z: number) => x + NX * (y + NY * z);
  t.same(inside, [at(2, 1, 1), at(3, 1, 1), at(3, 2, 1)]);
  // Another frame of reference is refused.
  const other = path.join(dir, 'other.dcm');
  writeDicom(
    other,
    seg({
      type: 'FRACTIONAL',
      rows: 2,
      cols: 3,
      segments: ['GTV'],
      frames: [{ segment: 1, position: [-1, 11, 2], pixels: [1, 1, 1, 1, 1, 1] }],
      frameOfReference: uid(),
    }),
  );
  await t.rejects(readMask(other, { image }), { code: 'ERR_RADIOMICS_GEOMETRY_MISMATCH' });
});
