// Compressed DICOM transfer syntaxes: pydicom's test files (test/fixtures/dicom, see NOTICE.md) — every MR_small
// variant reads to the same pixels as the uncompressed MR_small.dcm — and files written here around those
// codestreams: frames split over fragments, with and without a Basic Offset Table, multi-frame RLE, deflate,
// lossy syntaxes (warning), bad data (clear errors).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import * as dicomParser from 'dicom-parser';
import t from 'tap';
import { extractFeatures, readImage } from '../dist/cjs/index.js';
import { ctSlice, el, encapsulatedPixelData, rleEncode, uid, writeDicom, type El } from './helpers/dicom-writer';

const FIX = path.join(__dirname, 'fixtures', 'dicom');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-dicom-codecs-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

const bytesOf = (v: { data: ArrayBufferView }) => Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);

/** The compressed frame (fragments concatenated) of a single-frame pydicom file. */
function codestream(file: string): Uint8Array {
  const ds = dicomParser.parseDicom(fs.readFileSync(path.join(FIX, file)));
  const el = ds.elements.x7fe00010!;
  return Buffer.concat(el.fragments!.map((f) => ds.byteArray.subarray(f.position, f.position + f.length)));
}

t.test('pydicom MR_small: every transfer syntax variant reads to identical pixels and geometry', async (t) => {
  const ref = await readImage(path.join(FIX, 'MR_small.dcm'));
  t.same(ref.shape, [64, 64, 1]);
  t.type(ref.data, Int16Array);
  const variants = [
    'MR_small_implicit.dcm',
    'MR_small_bigendian.dcm',
    'MR_small_expb.dcm',
    'MR_small_padded.dcm',
    'MR_small_RLE.dcm',
    'MR_small_jpeg_ls_lossless.dcm',
    'MR_small_jp2klossless.dcm',
  ];
  for (const f of variants) {
    const v = await readImage(path.join(FIX, f));
    t.same(v.shape, ref.shape, `${f}: shape`);
    t.ok(bytesOf(v).equals(bytesOf(ref)), `${f}: identical pixels`);
    t.same([v.spacing, v.origin, v.direction], [ref.spacing, ref.origin, ref.direction], `${f}: geometry`);
    t.equal(v.warnings, undefined, `${f}: lossless, no warning`);
  }
  // The reference itself: a few known stored values (signed 16-bit MR, PixelRepresentation 1).
  let min = Infinity,
    max = -Infinity;
  for (const x of ref.data) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  t.ok(min >= 0 && max > 1000, `value range ${min}..${max}`);
});

/** The MR_small header around another pixel data element and transfer syntax. */
function mrLike(pixelData: El, rows = 64, cols = 64, extra: El[] = []): El[] {
  const base = ctSlice({
    seriesUid: uid(),
    frameOfReference: uid(),
    position: [0, 0, 0],
    rows,
    cols,
    pixels: new Int16Array(rows * cols),
  });
  return [
    ...base.filter((e) => e.tag !== el('7FE0,0010', 'OB', '').tag && !extra.some((x) => x.tag === e.tag)),
    ...extra,
    pixelData,
  ];
}

t.test('fragments: a frame split over several fragments, frames with and without a Basic Offset Table', async (t) => {
  const ref = await readImage(path.join(FIX, 'MR_small.dcm'));
  const refFrame = bytesOf(ref);
  const j2k = codestream('MR_small_jp2klossless.dcm');
  const TS = '1.2.840.10008.1.2.4.90';
  // Fragments of even length (a padding byte would join the codestream), the last one taking the rest.
  const cut = (b: Uint8Array, k: number, n: number) => (k === n ? b.length : 2 * Math.floor((k * b.length) / n / 2));
  const split = (b: Uint8Array, n: number) =>
    Array.from({ length: n }, (_, k) => b.subarray(cut(b, k, n), cut(b, k + 1, n)));
  // One frame in three fragments, no offset table.
  const f1 = path.join(dir, 'frag1.dcm');
  writeDicom(f1, mrLike(encapsulatedPixelData([split(j2k, 3)])), TS);
  t.ok(bytesOf(await readImage(f1)).equals(refFrame), 'single frame from 3 fragments');
  // Three frames (positions 0, 2, 4 mm through classic SpacingBetweenSlices) of two fragments each.
  for (const bot of [true, false]) {
    const f = path.join(dir, `frag3-${bot}.dcm`);
    const extra = [el('0028,0008', 'IS', 3), el('0018,0088', 'DS', 2)];
    writeDicom(f, mrLike(encapsulatedPixelData([split(j2k, 2), split(j2k, 2), split(j2k, 2)], bot), 64, 64, extra), TS);
    const v = await readImage(f);
    t.same(v.shape, [64, 64, 3], `3 frames, offset table ${bot}`);
    t.equal(v.spacing[2], 2);
    for (let z = 0; z < 3; z++)
      t.ok(
        Buffer.from(v.data.buffer, v.data.byteOffset + z * refFrame.length, refFrame.length).equals(refFrame),
        `frame ${z + 1} (offset table ${bot})`,
      );
  }
  // Fragments that cannot be split into the frames: a clear error.
  const bad = path.join(dir, 'fragbad.dcm');
  writeDicom(
    bad,
    mrLike(encapsulatedPixelData([[j2k.subarray(0, 100), j2k.subarray(100, 200), j2k.subarray(200)]]), 64, 64, [
      el('0028,0008', 'IS', 2),
      el('0018,0088', 'DS', 2),
    ]),
    TS,
  );
  await t.rejects(readImage(bad), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /3 fragments could not be split into the 2 frames/,
  });
});

t.test('RLE written here: 8-bit unsigned and 16-bit signed, multi-frame; corrupt data is a clear error', async (t) => {
  const TS = '1.2.840.10008.1.2.5';
  // 8-bit unsigned, runs and literals.
  const u8 = Uint8Array.from({ length: 7 * 5 }, (_, i) => (i < 12 ? 200 : (i * 37) % 256));
  const f8 = path.join(dir, 'rle8.dcm');
  const hdr8 = [el('0028,0100', 'US', 8), el('0028,0101', 'US', 8), el('0028,0102', 'US', 7), el('0028,0103', 'US', 0)];
  writeDicom(f8, mrLike(encapsulatedPixelData([[rleEncode(u8)]]), 5, 7, hdr8), TS);
  const v8 = await readImage(f8);
  t.same(Array.from(v8.data), Array.from(u8), '8-bit values');
  // 16-bit signed with negative values, two frames (RT-dose-like GridFrameOffsetVector).
  const s16a = Int16Array.from({ length: 6 * 4 }, (_, i) => (i % 5 === 0 ? -1024 : i * 300 - 3000));
  const s16b = Int16Array.from(s16a, (x) => -x);
  const f16 = path.join(dir, 'rle16.dcm');
  const hdr16 = [el('0028,0008', 'IS', 2), el('3004,000C', 'DS', [0, 3])];
  writeDicom(f16, mrLike(encapsulatedPixelData([[rleEncode(s16a)], [rleEncode(s16b)]]), 4, 6, hdr16), TS);
  const v16 = await readImage(f16);
  t.same(v16.shape, [6, 4, 2]);
  t.equal(v16.spacing[2], 3);
  t.same(Array.from(v16.data), [...s16a, ...s16b], '16-bit signed values, both frames');
  // Truncated RLE data.
  const cut = rleEncode(s16a).subarray(0, 70);
  const fc = path.join(dir, 'rlecut.dcm');
  writeDicom(fc, mrLike(encapsulatedPixelData([[cut]]), 4, 6), TS);
  await t.rejects(readImage(fc), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /cannot decode the pixel data \(RLE Lossless.*(truncated|invalid offset)/,
  });
});

t.test('pydicom RT dose: multi-frame RLE equals the uncompressed file; GridFrameOffsetVector gives z', async (t) => {
  const raw = await readImage(path.join(FIX, 'rtdose.dcm'));
  const rle = await readImage(path.join(FIX, 'rtdose_rle.dcm'));
  t.same(raw.shape, [10, 10, 15]);
  t.same(rle.shape, raw.shape);
  t.ok(bytesOf(rle).equals(bytesOf(raw)), 'identical dose values');
  t.equal(raw.spacing[2], 5, 'GridFrameOffsetVector steps of 5 mm');
  t.type(raw.data, Float64Array, 'DoseGridScaling applied');
});

t.test(
  'deflated explicit VR little endian: MR_small deflated here reads to the same pixels; pydicom image_dfl parses',
  async (t) => {
    const src = fs.readFileSync(path.join(FIX, 'MR_small.dcm'));
    const ds = dicomParser.parseDicom(src);
    // The data set starts after the file meta group: the last meta element's end.
    const metaEnd = Math.max(
      ...Object.values(ds.elements)
        .filter((e) => e.tag.startsWith('x0002'))
        .map((e) => e.dataOffset + e.length),
    );
    const metaTs = ds.elements.x00020010!;
    const meta = Buffer.from(src.subarray(0, metaEnd));
    // Same length UID: 1.2.840.10008.1.2.1 (19, padded to 20) -> 1.2.840.10008.1.2.1.99 (22): rebuild the meta element.
    const tsValue = Buffer.from('1.2.840.10008.1.2.1.99\0', 'latin1').subarray(0, 22);
    const before = meta.subarray(0, metaTs.dataOffset - 2),
      after = meta.subarray(metaTs.dataOffset + metaTs.length);
    const len = Buffer.alloc(2);
    len.writeUInt16LE(tsValue.length);
    const newMeta = Buffer.concat([before, len, tsValue, after]);
    // Fix the group length (0002,0000) UL value.
    const gl = ds.elements.x00020000!;
    newMeta.writeUInt32LE(ds.uint32('x00020000')! + tsValue.length - metaTs.length, gl.dataOffset);
    const f = path.join(dir, 'dfl.dcm');
    fs.writeFileSync(f, Buffer.concat([newMeta, deflateRawSync(src.subarray(metaEnd))]));
    const v = await readImage(f);
    t.ok(bytesOf(v).equals(bytesOf(await readImage(path.join(FIX, 'MR_small.dcm')))), 'identical pixels after inflate');
    // pydicom's deflated secondary capture inflates and parses; it has no patient geometry, which is then the error.
    await t.rejects(readImage(path.join(FIX, 'image_dfl.dcm')), { message: /ImagePositionPatient/ });
    // A corrupt deflate stream: a clear format error.
    const broken = path.join(dir, 'dflbad.dcm');
    fs.writeFileSync(broken, Buffer.concat([newMeta, Buffer.from('not deflate data at all')]));
    await t.rejects(readImage(broken), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /not a readable DICOM file/ });
  },
);

t.test('lossy transfer syntaxes add a warning; colour and unsupported syntaxes are clear errors', async (t) => {
  // pydicom's JPEG-LS near-lossless 16-bit codestream (10 x 50) in a slice with geometry.
  const jls = codestream('JPEGLSNearLossless_16.dcm');
  const f = path.join(dir, 'jlsnear.dcm');
  writeDicom(
    f,
    mrLike(encapsulatedPixelData([[jls]]), 50, 10, [el('0028,0103', 'US', 0), el('0028,0101', 'US', 16)]),
    '1.2.840.10008.1.2.4.81',
  );
  const v = await readImage(f);
  t.same(v.shape, [10, 50, 1]);
  t.equal(v.warnings?.length, 1);
  t.match(v.warnings![0], /lossy-compressed pixel data \(JPEG-LS Near-Lossless, e\.g\. jlsnear\.dcm\)/);
  // Extraction carries the reader's warning into the diagnostics.
  const mask = { ...v, data: new Uint8Array(v.data.length).fill(1), warnings: undefined };
  const r = extractFeatures(v, mask, { families: ['intensity_statistics'] });
  t.match(r.diagnostics.warnings, /image: 1 of 1 DICOM file\(s\) hold lossy-compressed pixel data/);
  await t.rejects(readImage(path.join(FIX, 'SC_rgb_rle.dcm')), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /3 samples per pixel \(colour\)/,
  });
  const g = path.join(dir, 'mpeg.dcm');
  writeDicom(g, mrLike(encapsulatedPixelData([[jls]]), 50, 10), '1.2.840.10008.1.2.4.100');
  await t.rejects(readImage(g), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /transfer syntax 1\.2\.840\.10008\.1\.2\.4\.100 is not supported; supported: .*RLE Lossless/,
  });
  // 12-bit lossy JPEG (process 4): refused, with the way out.
  const j12 = path.join(dir, 'jpeg12.dcm');
  writeDicom(
    j12,
    mrLike(encapsulatedPixelData([[Buffer.from([0xff, 0xd8, 0xff, 0xd9])]]), 64, 64, [el('0028,0101', 'US', 12)]),
    '1.2.840.10008.1.2.4.51',
  );
  await t.rejects(readImage(j12), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /12-bit lossy JPEG.*not supported \(8-bit only\); decompress it first/,
  });
  // A JPEG 2000 codestream declared as JPEG-LS: the decoder's error, naming the file and syntax.
  const h = path.join(dir, 'wrong.dcm');
  writeDicom(h, mrLike(encapsulatedPixelData([[codestream('MR_small_jp2klossless.dcm')]])), '1.2.840.10008.1.2.4.80');
  await t.rejects(readImage(h), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /wrong\.dcm: cannot decode the pixel data \(JPEG-LS Lossless/,
  });
});

t.test(
  'HTJ2K (encoded here with OpenJPH): lossless reads to the MR_small pixels; the lossy syntax warns',
  async (t) => {
    const ref = await readImage(path.join(FIX, 'MR_small.dcm'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const openjph = await require('@cornerstonejs/codec-openjph/wasmjs')({ print() {}, printErr() {} });
    const encoder = new openjph.HTJ2KEncoder();
    encoder
      .getDecodedBuffer({
        width: 64,
        height: 64,
        bitsPerSample: 16,
        componentCount: 1,
        isSigned: true,
        isUsingColorTransform: false,
      })
      .set(bytesOf(ref));
    encoder.encode();
    const ht: Uint8Array = encoder.getEncodedBuffer().slice();
    encoder.delete();
    t.same([...ht.subarray(0, 2)], [0xff, 0x4f], 'a JPEG 2000 codestream (SOC)');
    const signed16 = [el('0028,0101', 'US', 16), el('0028,0103', 'US', 1)];
    for (const ts of ['1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203']) {
      const f = path.join(dir, `ht-${ts}.dcm`);
      writeDicom(f, mrLike(encapsulatedPixelData([[ht]]), 64, 64, signed16), ts);
      const v = await readImage(f);
      t.ok(bytesOf(v).equals(bytesOf(ref)), `${ts}: identical pixels`);
      t.equal(
        v.warnings?.length ?? 0,
        ts.endsWith('203') ? 1 : 0,
        `${ts}: ${ts.endsWith('203') ? 'a lossy-syntax warning' : 'no warning'}`,
      );
    }
  },
);
