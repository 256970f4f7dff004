// DICOM series and RTSTRUCT: the IBSI CT phantom (DICOM vs its NIfTI, voxel for voxel; RTSTRUCT vs the NIfTI
// mask, Dice), and generated series: sorting, rescale, several series, irregular spacing, gantry tilt,
// oblique orientation, even-odd contours with holes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { dicomSeriesInfo, extractFeatures, readImage, readMask } from '../dist/cjs/index.js';
import { ctSlice, el, uid, writeDicom, type El } from './helpers/dicom-writer';
import { SHARED, ibsiDataMissing } from './helpers/ibsi-data';

// Non-commercial data: used in place, never copied into the repository.
const CT = path.join(SHARED, 'ibsi', 'ibsi1_ct_radiomics_phantom');
const ctSkip = ibsiDataMissing(t, 'the IBSI CT radiomics phantom (DICOM and NIfTI)', [
  path.join(CT, 'dicom', 'image'),
  path.join(CT, 'dicom', 'mask'),
  path.join(CT, 'nifti', 'image', 'phantom.nii.gz'),
  path.join(CT, 'nifti', 'mask', 'mask.nii.gz'),
]);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-dicom-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
let folderCount = 0;
function folder(): string {
  const d = path.join(dir, `s${++folderCount}`);
  fs.mkdirSync(d);
  return d;
}

t.test(
  'IBSI CT phantom: the DICOM series equals its NIfTI voxel for voxel, same geometry',
  { skip: ctSkip },
  async (t) => {
    const dcm = await readImage(path.join(CT, 'dicom', 'image'));
    const nii = await readImage(path.join(CT, 'nifti', 'image', 'phantom.nii.gz'));
    t.same(dcm.shape, [204, 201, 60]);
    t.same(dcm.shape, nii.shape);
    let differing = 0;
    for (let i = 0; i < nii.data.length; i++) if (Math.round(nii.data[i]!) !== dcm.data[i]) differing++;
    t.equal(differing, 0, 'every voxel equals the rounded NIfTI value (IBSI note)');
    t.type(dcm.data, Int16Array, 'HU as int16 (slope 1, integer intercept)');
    for (const k of ['spacing', 'origin', 'direction'] as const)
      t.ok(
        dcm[k].every((x, i) => Math.abs(x - nii[k][i]!) < 1e-3),
        `${k}: DICOM [${dcm[k].map((x) => +x.toFixed(4))}] vs NIfTI [${nii[k].map((x) => +x.toFixed(4))}]`,
      );
    const info = dicomSeriesInfo(dcm)!;
    t.equal(info.modality, 'CT');
    t.equal(info.sopInstanceUids.length, 60);
  },
);

t.test('IBSI CT phantom: RTSTRUCT GTV-1 rasterised vs the NIfTI mask (Dice >= 0.99)', { skip: ctSkip }, async (t) => {
  const image = await readImage(path.join(CT, 'dicom', 'image'));
  const rt = await readMask(path.join(CT, 'dicom', 'mask'), { image, roi: 'GTV-1' });
  const ref = await readImage(path.join(CT, 'nifti', 'mask', 'mask.nii.gz'));
  let a = 0,
    b = 0,
    both = 0,
    agree = 0;
  for (let i = 0; i < ref.data.length; i++) {
    const x = rt.data[i]! > 0,
      y = ref.data[i]! > 0;
    a += +x;
    b += +y;
    both += +(x && y);
    agree += +(x === y);
  }
  const dice = (2 * both) / (a + b);
  t.comment(
    `RTSTRUCT: ${a} voxels, NIfTI mask: ${b}, overlap ${both}; Dice ${dice.toFixed(6)}, voxel agreement ${((100 * agree) / ref.data.length).toFixed(4)}%`,
  );
  t.ok(dice >= 0.99, `Dice ${dice}`);
  t.same(rt.shape, image.shape);
  // Also through the file path, the ROI picked case-insensitively, and the image given as a path.
  const again = await readMask(path.join(CT, 'dicom', 'mask', 'DCM_RS_00060.dcm'), {
    image: path.join(CT, 'dicom', 'image'),
    roi: 'gtv-1',
  });
  t.same(Buffer.from(again.data.buffer), Buffer.from(rt.data.buffer));
  await t.rejects(readMask(path.join(CT, 'dicom', 'mask'), { image, roi: 'GTV-9' }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /no ROI named 'GTV-9'.*'GTV-1'/,
  });
  await t.rejects(readMask(path.join(CT, 'dicom', 'mask'), { roi: 'GTV-1' }), { message: /give the image/ });
  // Features from the RTSTRUCT mask match the NIfTI mask's.
  const cfg = { families: ['morphology' as const, 'intensity_statistics' as const] };
  t.same(extractFeatures(image, rt, cfg).features, extractFeatures(image, ref, cfg).features);
});

/** Writes a series of `nz` slices of nx x ny (values z*100 + y*nx + x) and returns its folder. */
function writeSeries(
  d: string,
  opts: {
    nx?: number;
    ny?: number;
    positions: [number, number, number][];
    orientation?: number[];
    intercept?: number;
    slope?: number;
    seriesUid?: string;
    seriesNumber?: number;
    frameOfReference?: string;
    prefix?: string;
  },
): { seriesUid: string; frameOfReference: string; sopUids: string[] } {
  const nx = opts.nx ?? 4,
    ny = opts.ny ?? 3;
  const seriesUid = opts.seriesUid ?? uid(),
    frameOfReference = opts.frameOfReference ?? uid();
  const sopUids: string[] = [];
  opts.positions.forEach((position, z) => {
    const pixels = Int16Array.from({ length: nx * ny }, (_, i) => z * 100 + i);
    const sop = uid();
    sopUids.push(sop);
    // File names in reverse order of z: the reader must sort by position, not by name.
    const name = `${opts.prefix ?? 'IMG'}${String(opts.positions.length - z).padStart(3, '0')}.dcm`;
    writeDicom(
      path.join(d, name),
      ctSlice({
        seriesUid,
        frameOfReference,
        position,
        orientation: opts.orientation,
        rows: ny,
        cols: nx,
        pixels,
        intercept: opts.intercept,
        slope: opts.slope,
        seriesNumber: opts.seriesNumber,
        sopInstanceUid: sop,
        pixelSpacing: [0.8, 0.6],
      }),
    );
  });
  return { seriesUid, frameOfReference, sopUids };
}

t.test('series: sorted by position along the normal, rescale applied, geometry from positions', async (t) => {
  const d = folder();
  writeSeries(d, {
    positions: [
      [10, 20, -5],
      [10, 20, -2.5],
      [10, 20, 0],
    ],
    intercept: -1024,
  });
  fs.writeFileSync(path.join(d, 'README.txt'), 'not DICOM');
  const v = await readImage(d);
  t.same(v.shape, [4, 3, 3]);
  t.same(
    v.spacing.map((x) => +x.toFixed(6)),
    [0.6, 0.8, 2.5],
    'x spacing = PixelSpacing[1] (columns), y = PixelSpacing[0] (rows)',
  );
  t.same(v.origin, [10, 20, -5]);
  t.same(v.direction, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  t.same(Array.from(v.data.slice(0, 3)), [-1024, -1023, -1022]);
  t.equal(v.data[12 * 2 + 5], 200 + 5 - 1024);
  // A fractional slope gives float64 values.
  const d2 = folder();
  writeSeries(d2, {
    positions: [
      [0, 0, 0],
      [0, 0, 1],
    ],
    slope: 0.5,
    intercept: 1.25,
  });
  const f = await readImage(d2);
  t.type(f.data, Float64Array);
  t.equal(f.data[13], (100 + 1) * 0.5 + 1.25);
  // One slice read from its file.
  const one = await readImage(path.join(d, 'IMG001.dcm'));
  t.same(one.shape, [4, 3, 1]);
});

t.test('oblique orientation: direction columns are row, column and normal cosines', async (t) => {
  const d = folder();
  const c = Math.SQRT1_2;
  // Rows along (c, c, 0), columns along (0, 0, -1): normal = row x col = (-c, c, 0).
  const normal = [-c, c, 0];
  writeSeries(d, {
    positions: [0, 1, 2].map((k) => [5 + 2 * k * normal[0]!, 6 + 2 * k * normal[1]!, 7] as [number, number, number]),
    orientation: [c, c, 0, 0, 0, -1],
  });
  const v = await readImage(d);
  t.same(
    v.direction.map((x) => +x.toFixed(6) + 0),
    [+c.toFixed(6), 0, -c.toFixed(6), +c.toFixed(6), 0, +c.toFixed(6), 0, -1, 0],
  );
  t.same(
    v.spacing.map((x) => +x.toFixed(6)),
    [0.6, 0.8, 2],
  );
});

t.test('several series: an error listing them, then picked by UID or number', async (t) => {
  const d = folder();
  const a = writeSeries(d, {
    positions: [
      [0, 0, 0],
      [0, 0, 1],
    ],
    seriesNumber: 3,
    prefix: 'A',
  });
  writeSeries(d, {
    positions: [
      [0, 0, 0],
      [0, 0, 2],
      [0, 0, 4],
    ],
    seriesNumber: 7,
    prefix: 'B',
  });
  await t.rejects(readImage(d), {
    code: 'ERR_RADIOMICS_FILE_FORMAT',
    message: /holds 2 image series; choose one.*number 3.*2 files.*number 7.*3 files/,
  });
  t.same((await readImage(d, { series: a.seriesUid })).shape, [4, 3, 2]);
  t.same((await readImage(d, { series: '7' })).shape, [4, 3, 3]);
  await t.rejects(readImage(d, { series: '9' }), { message: /no image series matches series '9'/ });
});

t.test('irregular spacing, duplicate positions and gantry tilt are refused with clear messages', async (t) => {
  const d = folder();
  writeSeries(d, {
    positions: [
      [0, 0, 0],
      [0, 0, 2],
      [0, 0, 4],
      [0, 0, 7],
    ],
  });
  await t.rejects(readImage(d), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /irregular slice spacing.*2, 3 mm/ });
  const d2 = folder();
  writeSeries(d2, {
    positions: [
      [0, 0, 0],
      [0, 0, 2],
      [0, 0, 2],
    ],
  });
  await t.rejects(readImage(d2), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /share the position/ });
  const d3 = folder();
  // 15 degrees of tilt: each slice 2 mm along z and 0.536 mm along y.
  writeSeries(d3, {
    positions: [0, 1, 2, 3].map((k) => [0, k * 2 * Math.tan(Math.PI / 12), 2 * k] as [number, number, number]),
  });
  await t.rejects(readImage(d3), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /gantry tilt.*15 degrees/ });
  const d4 = folder();
  fs.writeFileSync(path.join(d4, 'x.txt'), 'nothing here');
  await t.rejects(readImage(d4), { code: 'ERR_RADIOMICS_FILE_FORMAT', message: /no DICOM image slices/ });
});

/** An RTSTRUCT with one ROI per entry, each a list of closed planar contours (mm). */
function rtstruct(frameOfReference: string, rois: { name: string; contours: number[][] }[]): El[] {
  return [
    el('0008,0016', 'UI', '1.2.840.10008.5.1.4.1.1.481.3'),
    el('0008,0018', 'UI', uid()),
    el('0008,0060', 'CS', 'RTSTRUCT'),
    el('0020,000E', 'UI', uid()),
    el('0020,0052', 'UI', frameOfReference),
    el(
      '3006,0020',
      'SQ',
      rois.map((r, k) => [
        el('3006,0022', 'IS', k + 1),
        el('3006,0024', 'UI', frameOfReference),
        el('3006,0026', 'LO', r.name),
      ]),
    ),
    el(
      '3006,0039',
      'SQ',
      rois.map((r, k) => [
        el(
          '3006,0040',
          'SQ',
          r.contours.map((c) => [
            el('3006,0042', 'CS', 'CLOSED_PLANAR'),
            el('3006,0046', 'IS', c.length / 3),
            el('3006,0050', 'DS', c),
          ]),
        ),
        el('3006,0084', 'IS', k + 1),
      ]),
    ),
  ];
}

t.test('RTSTRUCT: even-odd rule with holes, nearest slice, ROI choice, frame of reference check', async (t) => {
  const d = folder();
  // 12 x 10 voxels of 1 mm (PixelSpacing 1\1 below), slices at z = 0, 2, 4.
  const seriesUid = uid(),
    frameOfReference = uid();
  for (let z = 0; z < 3; z++)
    writeDicom(
      path.join(d, `im${z}.dcm`),
      ctSlice({
        seriesUid,
        frameOfReference,
        position: [0, 0, 2 * z],
        rows: 10,
        cols: 12,
        pixels: new Int16Array(120),
        pixelSpacing: [1, 1],
      }),
    );
  const square = (x0: number, y0: number, x1: number, y1: number, z: number) => [
    x0,
    y0,
    z,
    x1,
    y0,
    z,
    x1,
    y1,
    z,
    x0,
    y1,
    z,
  ];
  const rs = path.join(dir, 'rs.dcm');
  writeDicom(
    rs,
    rtstruct(frameOfReference, [
      // Slice 1 (z = 2, drawn at 2.3 mm): an outer square [1.5, 9.5] x [1.5, 7.5] with a hole [3.5, 6.5] x [3.5, 5.5]
      // (centres 2..9 x 2..7 minus 4..6 x 4..5): 8*6 - 3*2 = 42 voxels; an island inside the hole adds 1.
      {
        name: 'Ring',
        contours: [square(1.5, 1.5, 9.5, 7.5, 2.3), square(3.5, 3.5, 6.5, 5.5, 2.3), square(4.6, 4.6, 5.4, 5.4, 2.3)],
      },
      // A triangle on slice 0 and a square off the grid (z = 9).
      { name: 'Other', contours: [[0, 0, 0, 4, 0, 0, 0, 4, 0], square(0, 0, 3, 3, 9)] },
    ]),
  );
  const image = await readImage(d);
  const ring = await readMask(rs, { image, roi: 'Ring', label: 3 });
  const count = (v: { data: ArrayLike<number> }, z: number, val: number) => {
    let n = 0;
    for (let i = 0; i < 120; i++) n += +(v.data[z * 120 + i] === val);
    return n;
  };
  t.equal(count(ring, 1, 3), 42 + 1, 'outer minus hole plus island');
  t.equal(count(ring, 0, 3) + count(ring, 2, 3), 0);
  t.equal(ring.data[1 * 120 + 5 + 12 * 4], 0, 'centre (5, 4) is in the hole');
  t.equal(ring.data[1 * 120 + 2 + 12 * 2], 3, 'centre (2, 2) is inside');
  const other = await readMask(rs, { image, roi: '2' });
  // Triangle (0,0) (4,0) (0,4): centres with x + y < 4 (on the left and bottom edges in, on the hypotenuse out).
  t.equal(count(other, 0, 1), 4 + 3 + 2 + 1, 'triangle, half-open edges');
  await t.rejects(readMask(rs, { image }), {
    code: 'ERR_RADIOMICS_INVALID_ARGUMENT',
    message: /defines 2 ROIs.*'Ring' \(1\), 'Other' \(2\)/,
  });
  // Another frame of reference.
  const rs2 = path.join(dir, 'rs2.dcm');
  writeDicom(rs2, rtstruct(uid(), [{ name: 'Ring', contours: [square(1.5, 1.5, 9.5, 7.5, 2)] }]));
  await t.rejects(readMask(rs2, { image }), { code: 'ERR_RADIOMICS_GEOMETRY_MISMATCH', message: /frame of reference/ });
  // Contours that miss the grid entirely.
  const rs3 = path.join(dir, 'rs3.dcm');
  writeDicom(rs3, rtstruct(frameOfReference, [{ name: 'Far', contours: [square(0, 0, 3, 3, 50)] }]));
  await t.rejects(readMask(rs3, { image }), {
    code: 'ERR_RADIOMICS_GEOMETRY_MISMATCH',
    message: /none of the 1 contours/,
  });
  // An RTSTRUCT is no image.
  await t.rejects(readImage(rs), { message: /is an RTSTRUCT/ });
});
