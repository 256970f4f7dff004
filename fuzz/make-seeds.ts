// Writes the committed seed corpora fuzz/corpus/<target>/ from the project's own test data (the bundled
// IBSI digital phantom, the presets, the test helpers' DICOM writer). Small on purpose: the fuzzers grow
// their own corpus (build-fuzz/corpus/, not committed). Rerun after a format change:
//   npm run build:ts && node --import @tapjs/typescript/import fuzz/make-seeds.ts
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { PRESETS, readImage, writeNrrd } from '../dist/cjs/index.js';
import { ctSlice, dicomBytes, el, uid, type El } from '../test/helpers/dicom-writer';

const ROOT = path.resolve(__dirname, '..');
const CORPUS = path.join(ROOT, 'fuzz', 'corpus');

function put(target: string, name: string, bytes: Buffer | string): void {
  const dir = path.join(CORPUS, target);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
}

async function main(): Promise<void> {
  fs.rmSync(CORPUS, { recursive: true, force: true });
  // NIfTI: the bundled phantom, plain (mutations reach the header) and gzip.
  for (const f of ['image', 'mask']) {
    const gz = fs.readFileSync(path.join(ROOT, 'ibsi-phantom', `${f}.nii.gz`));
    put('nifti', `phantom-${f}.nii`, zlib.gunzipSync(gz));
  }
  put('nifti', 'phantom-mask.nii.gz', fs.readFileSync(path.join(ROOT, 'ibsi-phantom', 'mask.nii.gz')));

  // NRRD: the phantom written by writeNrrd (raw and gzip, attached); detached: header \0\0 data.
  const phantom = await readImage(path.join(ROOT, 'ibsi-phantom', 'image.nii.gz'));
  const tmp = fs.mkdtempSync(path.join(ROOT, 'build-fuzz-seeds-'));
  try {
    await writeNrrd(path.join(tmp, 'raw.nrrd'), phantom, { encoding: 'raw' });
    await writeNrrd(path.join(tmp, 'gz.nrrd'), phantom);
    put('nrrd', 'phantom-raw.nrrd', fs.readFileSync(path.join(tmp, 'raw.nrrd')));
    put('nrrd', 'phantom-gzip.nrrd', fs.readFileSync(path.join(tmp, 'gz.nrrd')));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  put(
    'nrrd',
    'ascii.nrrd',
    'NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 2 2 2\nspace directions: (1,0,0) (0,1,0) (0,0,2)\nspace origin: (0,0,0)\nencoding: ascii\n\n1 2 3 4 5 6 7 8\n',
  );
  const raw = Buffer.alloc(16);
  for (let i = 0; i < 8; i++) raw.writeInt16LE(i * 3 - 4, 2 * i);
  put(
    'nrrd-detached',
    'single.nhdr',
    Buffer.concat([
      Buffer.from(
        'NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nspacings: 1 1 2\nencoding: raw\nendian: little\ndata file: d1.raw\n',
      ),
      Buffer.from([0, 0]),
      raw,
    ]),
  );
  put(
    'nrrd-detached',
    'list.nhdr',
    Buffer.concat([
      Buffer.from(
        'NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nspacings: 1 1 2\nencoding: raw\nendian: little\ndata file: LIST 2\nd1.raw\nd2.raw\n',
      ),
      Buffer.from([0, 0]),
      raw.subarray(0, 8),
      Buffer.from([0, 0]),
      raw.subarray(8),
    ]),
  );
  put(
    'nrrd-detached',
    'pattern.nhdr',
    Buffer.concat([
      Buffer.from(
        'NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nspacings: 1 1 2\nencoding: gzip\nendian: little\nbyte skip: -1\ndata file: d%d.raw 1 2 1 2\n',
      ),
      Buffer.from([0, 0]),
      zlib.gzipSync(raw.subarray(0, 8)),
      Buffer.from([0, 0]),
      zlib.gzipSync(raw.subarray(8)),
    ]),
  );

  // DICOM: a 3-slice CT series (files joined by \0SEP\0), an RTSTRUCT and a SEG on the same 4 x 4 grid.
  const series = uid(),
    frame = '1.2.826.0.1.3680043.9.7433.1.99';
  const slices = [0, 1, 2].map((z) =>
    dicomBytes(
      ctSlice({
        seriesUid: series,
        frameOfReference: frame,
        position: [0, 0, z],
        rows: 4,
        cols: 4,
        pixels: Int16Array.from({ length: 16 }, (_, i) => i * 5 - 20 + z),
        slope: 1,
        intercept: -10,
      }),
    ),
  );
  put(
    'dicom-series',
    'ct3.bin',
    Buffer.concat([
      slices[0]!,
      Buffer.from('\0SEP\0', 'latin1'),
      slices[1]!,
      Buffer.from('\0SEP\0', 'latin1'),
      slices[2]!,
    ]),
  );
  put('dicom-series', 'ct1.dcm', slices[0]!);
  const square = (z: number) => [0.5, 0.5, z, 2.5, 0.5, z, 2.5, 2.5, z, 0.5, 2.5, z];
  const rt: El[] = [
    el('0008,0016', 'UI', '1.2.840.10008.5.1.4.1.1.481.3'),
    el('0008,0018', 'UI', uid()),
    el('0008,0060', 'CS', 'RTSTRUCT'),
    el('0020,000E', 'UI', uid()),
    el('0020,0052', 'UI', frame),
    el('3006,0020', 'SQ', [[el('3006,0022', 'IS', 1), el('3006,0024', 'UI', frame), el('3006,0026', 'LO', 'GTV-1')]]),
    el('3006,0039', 'SQ', [
      [
        el(
          '3006,0040',
          'SQ',
          [0, 1].map((z) => [
            el('3006,0042', 'CS', 'CLOSED_PLANAR'),
            el('3006,0046', 'IS', 4),
            el('3006,0050', 'DS', square(z)),
          ]),
        ),
        el('3006,0084', 'IS', 1),
      ],
    ]),
  ];
  put('dicom-masks', 'rtstruct.dcm', dicomBytes(rt));
  const segPixels = Buffer.alloc(4);
  segPixels[0] = 0b01100110;
  segPixels[1] = 0b00000110;
  const seg: El[] = [
    el('0008,0016', 'UI', '1.2.840.10008.5.1.4.1.1.66.4'),
    el('0008,0018', 'UI', uid()),
    el('0008,0060', 'CS', 'SEG'),
    el('0020,000E', 'UI', uid()),
    el('0020,0052', 'UI', frame),
    el('0028,0002', 'US', 1),
    el('0028,0008', 'IS', 2),
    el('0028,0010', 'US', 4),
    el('0028,0011', 'US', 4),
    el('0028,0100', 'US', 1),
    el('0028,0101', 'US', 1),
    el('0028,0102', 'US', 0),
    el('0028,0103', 'US', 0),
    el('0062,0001', 'CS', 'BINARY'),
    el('0062,0002', 'SQ', [[el('0062,0004', 'US', 1), el('0062,0005', 'LO', 'GTV-1')]]),
    el('5200,9229', 'SQ', [
      [
        el('0028,9110', 'SQ', [[el('0028,0030', 'DS', [1, 1]), el('0018,0050', 'DS', 1)]]),
        el('0020,9116', 'SQ', [[el('0020,0037', 'DS', [1, 0, 0, 0, 1, 0])]]),
      ],
    ]),
    el(
      '5200,9230',
      'SQ',
      [0, 1].map((z) => [
        el('0020,9113', 'SQ', [[el('0020,0032', 'DS', [0, 0, z])]]),
        el('0062,000A', 'SQ', [[el('0062,000B', 'US', 1)]]),
      ]),
    ),
    el('7FE0,0010', 'OB', segPixels),
  ];
  put('dicom-masks', 'seg.dcm', dicomBytes(seg));

  // Configuration files: every preset as YAML (first byte even) and JSON (odd), see targets/config.js.
  for (const [name, preset] of Object.entries(PRESETS)) {
    put('config', `${name}.json`, Buffer.concat([Buffer.from([1]), Buffer.from(JSON.stringify(preset))]));
  }
  put(
    'config',
    'small.yaml',
    '\0label: 2\nfamilies: [glcm, morphology]\ndiscretisation: {method: fbs, binWidth: 25}\ninterpolation:\n  spacing: [2, 2, 2]\n  method: bspline\n  mask: {method: linear, threshold: 0.5}\nnormalisation: {method: zscore, scope: roi}\nresegmentation: {range: [-1000, 400], outlierSigma: 3}\n',
  );

  // Batch cases files.
  put('batch-csv', 'basic.csv', 'Image,Mask,Label\na.nii.gz,m.nii.gz,1\nb.nrrd,m2.nrrd,2\n');
  put('batch-csv', 'quoted.csv', 'ID,Image,Mask,ROI,Note\r\n1,"dir with, comma/a.nii",m.nii,GTV-1,"say ""hi"""\r\n');

  // Binary choice streams for the native boundary and the libFuzzer targets.
  for (const t of ['native-boundary', 'fuzz_extract', 'fuzz_resample', 'fuzz_roi_ops'])
    for (let k = 0; k < 4; k++) put(t, `random-${k}`, randomBytes(256 + 256 * k));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
