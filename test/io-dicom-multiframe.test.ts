// Enhanced multi-frame images (written here): frames placed by their per-frame functional groups, sorted by
// position whatever their order in the file, rescaled per frame, and equal voxel for voxel to the same slices
// written as a classic single-frame series; compressed (RLE) frames; gaps and duplicates are clear errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { dicomSeriesInfo, readImage } from '../dist/cjs/index.js';
import {
  ctSlice,
  el,
  encapsulatedPixelData,
  enhancedMultiFrame,
  rleEncode,
  uid,
  writeDicom,
  type FrameSpec,
} from './helpers/dicom-writer';

const FIXTURES = path.join(__dirname, 'fixtures', 'dicom');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-dicom-mf-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const folder = () => {
  const d = path.join(dir, `f${++n}`);
  fs.mkdirSync(d);
  return d;
};

const nx = 5,
  ny = 4;
// Oblique slices: rows along (c, c, 0), columns along (0, 0, -1), normal (-c, c, 0); 2.5 mm apart.
const c = Math.SQRT1_2;
const orientation = [c, c, 0, 0, 0, -1];
const normal = [-c, c, 0];
const frames: FrameSpec[] = [0, 1, 2, 3].map((k) => ({
  position: [10 + 2.5 * k * normal[0]!, -4 + 2.5 * k * normal[1]!, 30] as [number, number, number],
  pixels: Int16Array.from({ length: nx * ny }, (_, i) => k * 100 + i - 7),
  intercept: -1024 + k,
  slope: 1,
}));
// Stored out of order in the file: the reader sorts by position along the normal.
const order = [2, 0, 3, 1];

t.test(
  'enhanced CT: frames sorted by position, per-frame rescale, equal to the same slices as a classic series',
  async (t) => {
    const seriesUid = uid(),
      frameOfReference = uid();
    const mf = path.join(dir, 'enhanced.dcm');
    writeDicom(
      mf,
      enhancedMultiFrame({
        seriesUid,
        frameOfReference,
        rows: ny,
        cols: nx,
        orientation,
        pixelSpacing: [0.8, 0.6],
        frames: order.map((k) => frames[k]!),
      }),
    );
    const classic = folder(),
      classicUid = uid();
    frames.forEach((f, k) =>
      writeDicom(
        path.join(classic, `s${k}.dcm`),
        ctSlice({
          seriesUid: classicUid,
          frameOfReference,
          position: f.position,
          orientation,
          rows: ny,
          cols: nx,
          pixels: f.pixels,
          intercept: f.intercept,
          slope: f.slope,
          pixelSpacing: [0.8, 0.6],
        }),
      ),
    );
    const a = await readImage(mf),
      b = await readImage(classic);
    t.same(a.shape, [nx, ny, 4]);
    t.same(Array.from(a.data), Array.from(b.data), 'voxels equal the classic series');
    t.equal(a.data[0], -7 - 1024, 'first voxel: stored -7, intercept -1024 (frame 0)');
    t.equal(a.data[3 * nx * ny + 1], 300 + 1 - 7 - 1024 + 3, 'frame 3, its own intercept');
    for (const k of ['spacing', 'origin', 'direction'] as const)
      t.ok(
        a[k].every((x, i) => Math.abs(x - b[k][i]!) < 1e-9),
        `${k}: [${a[k].map((x) => +x.toFixed(4))}]`,
      );
    t.ok(Math.abs(a.spacing[2] - 2.5) < 1e-9, 'z spacing from the frame positions');
    t.equal(dicomSeriesInfo(a)!.sopInstanceUids.length, 4);
    // A fractional slope on one frame: float values, that frame scaled.
    const mf2 = path.join(dir, 'enhanced-slope.dcm');
    writeDicom(
      mf2,
      enhancedMultiFrame({
        seriesUid: uid(),
        frameOfReference,
        rows: ny,
        cols: nx,
        orientation,
        frames: frames.map((f, k) => ({ ...f, slope: k === 1 ? 0.5 : 1 })),
      }),
    );
    const s = await readImage(mf2);
    t.type(s.data, Float64Array);
    t.equal(s.data[nx * ny + 2], (100 + 2 - 7) * 0.5 + (-1024 + 1));
  },
);

t.test('enhanced multi-frame in RLE: the same voxels', async (t) => {
  const frameOfReference = uid();
  const plain = path.join(dir, 'mf-plain.dcm'),
    rle = path.join(dir, 'mf-rle.dcm');
  const spec = {
    seriesUid: uid(),
    frameOfReference,
    rows: ny,
    cols: nx,
    orientation,
    frames: order.map((k) => frames[k]!),
  };
  writeDicom(plain, enhancedMultiFrame(spec));
  writeDicom(
    rle,
    enhancedMultiFrame({
      ...spec,
      pixelData: encapsulatedPixelData(
        spec.frames.map((f) => [rleEncode(f.pixels)]),
        true,
      ),
    }),
    '1.2.840.10008.1.2.5',
  );
  t.same(Array.from((await readImage(rle)).data), Array.from((await readImage(plain)).data));
});

t.test('enhanced multi-frame: a missing frame, duplicate positions, missing positions are clear errors', async (t) => {
  const f = path.join(dir, 'gap.dcm');
  // Frames at 0, 2.5 and 7.5 mm along the normal: the 5 mm slice is missing.
  writeDicom(
    f,
    enhancedMultiFrame({
      seriesUid: uid(),
      frameOfReference: uid(),
      rows: ny,
      cols: nx,
      orientation,
      frames: [frames[0]!, frames[1]!, frames[3]!],
    }),
  );
  await t.rejects(readImage(f), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message:
      /irregular slice spacing.*2\.5, 5 mm \(slices 1 missing between gap\.dcm frame 2 and gap\.dcm frame 3 \(a 5 mm gap\), where the usual spacing is 2\.5 mm\)/,
  });
  const d = path.join(dir, 'dup.dcm');
  writeDicom(
    d,
    enhancedMultiFrame({
      seriesUid: uid(),
      frameOfReference: uid(),
      rows: ny,
      cols: nx,
      orientation,
      frames: [frames[0]!, frames[1]!, frames[1]!],
    }),
  );
  await t.rejects(readImage(d), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /share the position.*dup\.dcm frame 2 and dup\.dcm frame 3.*split it first/,
  });
  // No PlanePositionSequence in frame 2 and no top-level position.
  const m = path.join(dir, 'nopos.dcm');
  const els = enhancedMultiFrame({
    seriesUid: uid(),
    frameOfReference: uid(),
    rows: ny,
    cols: nx,
    orientation,
    frames: frames.slice(0, 2),
  });
  const perFrame = els.find((e) => e.tag === el('5200,9230', 'SQ', []).tag)!;
  (perFrame.value as ReturnType<typeof el>[][])[1] = (perFrame.value as ReturnType<typeof el>[][])[1]!.filter(
    (e) => e.tag !== el('0020,9113', 'SQ', []).tag,
  );
  writeDicom(m, els);
  await t.rejects(readImage(m), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /nopos\.dcm \(frame 2\): has no valid ImagePositionPatient.*PlanePositionSequence/,
  });
  // A classic multi-frame file with nothing to place its frames.
  const cm = path.join(dir, 'classic-mf.dcm');
  const slice = ctSlice({
    seriesUid: uid(),
    frameOfReference: uid(),
    position: [0, 0, 0],
    rows: ny,
    cols: nx,
    pixels: new Int16Array(2 * nx * ny),
  });
  writeDicom(cm, [...slice, el('0028,0008', 'IS', 2)]);
  await t.rejects(readImage(cm), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /multi-frame image of 2 frames without per-frame positions/,
  });
});

t.test(
  'Philips private MR scale factors (option philipsScale): FP = (SV * RS + RI) / (RS * SS), per file and per frame',
  async (t) => {
    const d = folder();
    const seriesUid = uid(),
      frameOfReference = uid();
    const pixels = Int16Array.from({ length: nx * ny }, (_, i) => 100 + i);
    const creator = el('2005,0010', 'LO', 'Philips MR Imaging DD 001');
    for (let k = 0; k < 2; k++) {
      const base = ctSlice({
        seriesUid,
        frameOfReference,
        position: [0, 0, 3 * k],
        rows: ny,
        cols: nx,
        pixels,
        slope: 2,
        intercept: 10,
      });
      writeDicom(path.join(d, `mr${k}.dcm`), [
        ...base.filter((e) => e.tag !== el('0008,0060', 'CS', '').tag),
        el('0008,0060', 'CS', 'MR'),
        creator,
        el('2005,100E', 'FL', 4 + k),
      ]);
    }
    const plain = await readImage(d);
    t.equal(plain.data[0], 100 * 2 + 10, 'by default: RS * SV + RI');
    const fp = await readImage(d, { philipsScale: true });
    // Slice 0: SS 4 -> (100 * 2 + 10) / (2 * 4) = 26.25; slice 1: SS 5 -> (101 * 2 + 10) / (2 * 5) = 21.2.
    t.equal(fp.data[0], 26.25);
    t.ok(Math.abs(fp.data[nx * ny + 1]! - 21.2) < 1e-12, `${fp.data[nx * ny + 1]}`);
    t.same(fp.metadata, { philips_mr_scale_slope_min: 4, philips_mr_scale_slope_max: 5 });
    // Enhanced: the scale slope in each frame's private (2005,140F) item.
    const mf = path.join(dir, 'philips-enhanced.dcm');
    const els = enhancedMultiFrame({
      seriesUid: uid(),
      frameOfReference,
      rows: ny,
      cols: nx,
      frames: [0, 1].map((k) => ({
        position: [0, 0, 3 * k] as [number, number, number],
        pixels,
        slope: 2,
        intercept: 10,
      })),
      modality: 'MR',
    });
    const perFrame = els.find((e) => e.tag === el('5200,9230', 'SQ', []).tag)!.value as ReturnType<typeof el>[][];
    perFrame.forEach((item, k) => item.push(el('2005,140F', 'SQ', [[creator, el('2005,100E', 'FL', 4 + k)]])));
    writeDicom(mf, els);
    t.same(
      Array.from((await readImage(mf, { philipsScale: true })).data),
      Array.from(fp.data),
      'enhanced: same values',
    );
    // Without the private tag: a clear error.
    await t.rejects(readImage(path.join(FIXTURES, 'MR_small.dcm'), { philipsScale: true }), {
      code: 'ERR_RADIOMICS_FILE_FORMAT',
      message: /no valid Philips private MR Scale Slope \(2005,100E\)/,
    });
  },
);
