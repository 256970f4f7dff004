// The IBSI CT phantom's DICOM series re-encoded here by dcmtk and GDCM (JPEG lossless SV1 and process 14 SV6,
// JPEG-LS lossless, RLE, JPEG 2000 lossless): each reads to the same voxels as the uncompressed series and gives
// configuration A's features equal to the NIfTI phantom's. The phantom is read in place (../shared/ibsi), never
// copied into the repository; the re-encoded files live in a temporary folder.
// Needs the Debian packages dcmtk and libgdcm-tools: skipped without them, unless RADIOMICS_REQUIRE_IBSI_DATA=1.
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as dicomParser from 'dicom-parser';
import t from 'tap';
import { extractFeatures, presetConfig, readImage } from '../dist/cjs/index.js';
import { ctSlice, el, uid, writeDicom } from './helpers/dicom-writer';
import { ROOT } from './helpers/ibsi';

const run = promisify(execFile);
const CT = path.join(ROOT, '..', 'shared', 'ibsi', 'ibsi1_ct_radiomics_phantom');
const SERIES = path.join(CT, 'dicom', 'image');
const NIFTI = path.join(CT, 'nifti', 'image', 'phantom.nii.gz');
const MASK = path.join(CT, 'nifti', 'mask', 'mask.nii.gz');
const require_ = process.env.RADIOMICS_REQUIRE_IBSI_DATA === '1';

const have = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).error === undefined;
const missing = [
  !fs.existsSync(SERIES) || !fs.existsSync(NIFTI) ? `the IBSI CT phantom (${CT})` : '',
  ...['dcmcjpeg', 'dcmcjpls', 'dcmcrle', 'gdcmconv'].filter((x) => !have(x)),
].filter(Boolean);

/** Encoders: output transfer syntax and the command for one file. */
const ENCODINGS: { name: string; ts: string; cmd: (src: string, dst: string) => [string, string[]] }[] = [
  { name: 'JPEG lossless SV1 (dcmcjpeg)', ts: '1.2.840.10008.1.2.4.70', cmd: (s, d) => ['dcmcjpeg', ['+e1', s, d]] },
  {
    name: 'JPEG lossless process 14, SV6 (dcmcjpeg +el)',
    ts: '1.2.840.10008.1.2.4.57',
    cmd: (s, d) => ['dcmcjpeg', ['+el', '+sv', '6', s, d]],
  },
  { name: 'JPEG-LS lossless (dcmcjpls)', ts: '1.2.840.10008.1.2.4.80', cmd: (s, d) => ['dcmcjpls', [s, d]] },
  { name: 'RLE lossless (dcmcrle)', ts: '1.2.840.10008.1.2.5', cmd: (s, d) => ['dcmcrle', [s, d]] },
  {
    name: 'JPEG 2000 lossless (gdcmconv --j2k)',
    ts: '1.2.840.10008.1.2.4.90',
    cmd: (s, d) => ['gdcmconv', ['--j2k', s, d]],
  },
];

if (missing.length && require_) {
  t.fail(`RADIOMICS_REQUIRE_IBSI_DATA=1 but missing: ${missing.join(', ')} (apt-get install dcmtk libgdcm-tools)`);
} else if (missing.length) {
  t.skip(`missing ${missing.join(', ')} (Debian: apt-get install dcmtk libgdcm-tools)`, () => {});
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-ibsi-compressed-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  t.test(
    'IBSI CT phantom re-encoded: same voxels as the uncompressed series, configuration A equal to NIfTI',
    async (t) => {
      const files = fs.readdirSync(SERIES).filter((f) => f.endsWith('.dcm'));
      const raw = await readImage(SERIES);
      const nifti = await readImage(NIFTI);
      const mask = await readImage(MASK);
      const config = presetConfig('ibsi1-ct-a');
      const reference: Record<string, number> = extractFeatures(nifti, mask, config).features;
      for (const enc of ENCODINGS) {
        const out = path.join(dir, enc.ts);
        fs.mkdirSync(out);
        // Two encoders at a time (the CI machine has two cores).
        for (let i = 0; i < files.length; i += 2)
          await Promise.all(
            files.slice(i, i + 2).map((f) => {
              const [cmd, args] = enc.cmd(path.join(SERIES, f), path.join(out, f));
              return run(cmd, args);
            }),
          );
        const ds = dicomParser.parseDicom(fs.readFileSync(path.join(out, files[0]!)));
        t.equal(ds.string('x00020010'), enc.ts, `${enc.name}: transfer syntax ${enc.ts}`);
        t.ok(
          ds.elements.x7fe00010?.encapsulatedPixelData || enc.ts === '1.2.840.10008.1.2.5',
          `${enc.name}: encapsulated pixel data`,
        );
        const v = await readImage(out);
        t.same(v.shape, raw.shape, `${enc.name}: shape`);
        t.ok(
          Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength).equals(
            Buffer.from(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength),
          ),
          `${enc.name}: identical voxels`,
        );
        t.same([v.spacing, v.origin, v.direction], [raw.spacing, raw.origin, raw.direction], `${enc.name}: geometry`);
        t.equal(v.warnings, undefined, `${enc.name}: lossless, no warning`);
        const features: Record<string, number> = extractFeatures(v, mask, config).features;
        // Equal to the NIfTI phantom's up to the last bits of floating point: the DICOM header's spacing and origin
        // are decimal strings, the NIfTI's float32 (measured: 29 of 351 features differ, by at most 1.2e-13 relative).
        const off = Object.keys(reference).filter((k) => {
          const a = reference[k] as number,
            b = features[k] as number;
          return !(
            a === b ||
            (Number.isNaN(a) && Number.isNaN(b)) ||
            Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))
          );
        });
        t.same(Object.keys(features).sort(), Object.keys(reference).sort(), `${enc.name}: same feature set`);
        t.same(
          off,
          [],
          `${enc.name}: ${Object.keys(reference).length} configuration A features equal to the NIfTI phantom's (relative 1e-9)`,
        );
        fs.rmSync(out, { recursive: true, force: true });
      }
    },
  );

  t.test('JPEG baseline 8-bit (dcmcjpeg +eb): the same values as dcmtk decodes, and a lossy warning', async (t) => {
    const nx = 64,
      ny = 48;
    const pixels = Uint8Array.from(
      { length: nx * ny },
      (_, i) => (((i % nx) * 3 + Math.floor(i / nx) * 5) ^ (i % 7)) & 0xff,
    );
    const src = path.join(dir, 'u8.dcm'),
      jpg = path.join(dir, 'u8-jpeg.dcm'),
      back = path.join(dir, 'u8-dcmdjpeg.dcm');
    const slice = ctSlice({
      seriesUid: uid(),
      frameOfReference: uid(),
      position: [0, 0, 0],
      rows: ny,
      cols: nx,
      pixels: new Uint16Array(0),
    });
    const u8 = [
      el('0028,0100', 'US', 8),
      el('0028,0101', 'US', 8),
      el('0028,0102', 'US', 7),
      el('0028,0103', 'US', 0),
      el('7FE0,0010', 'OB', Buffer.from(pixels)),
    ];
    writeDicom(src, [...slice.filter((e) => !u8.some((x) => x.tag === e.tag)), ...u8]);
    await run('dcmcjpeg', ['+eb', src, jpg]);
    await run('dcmdjpeg', [jpg, back]);
    const [a, b] = [await readImage(jpg), await readImage(back)];
    t.equal(dicomParser.parseDicom(fs.readFileSync(jpg)).string('x00020010'), '1.2.840.10008.1.2.4.50');
    let worst = 0;
    for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i]! - b.data[i]!));
    // libjpeg-turbo and dcmtk's IJG decoder share the integer IDCT: identical output.
    t.equal(worst, 0, 'libjpeg-turbo (WASM) decodes as dcmtk does');
    t.match(a.warnings?.[0], /lossy-compressed pixel data \(JPEG Baseline/);
  });

  t.test('JPEG lossless, every predictor (selection values 1-7) and a point transform, against dcmtk', async (t) => {
    const slices = ['DCM_IMG_00000.dcm', 'DCM_IMG_00025.dcm', 'DCM_IMG_00039.dcm'];
    for (let sv = 1; sv <= 7; sv++)
      for (const f of slices) {
        const out = path.join(dir, `sv${sv}_${f}`);
        await run('dcmcjpeg', ['+el', '+sv', String(sv), path.join(SERIES, f), out]);
        const [a, b] = [await readImage(out), await readImage(path.join(SERIES, f))];
        t.ok(
          Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer)),
          `selection value ${sv}, ${f}: identical voxels`,
        );
      }
    // Point transform 2 (low bits dropped): equal to dcmtk's own decoding of the same file.
    const pt = path.join(dir, 'pt2.dcm'),
      ref = path.join(dir, 'pt2-dcmdjpeg.dcm');
    await run('dcmcjpeg', ['+el', '+sv', '1', '+pt', '2', path.join(SERIES, slices[1]!), pt]);
    await run('dcmdjpeg', [pt, ref]);
    const [a, b] = [await readImage(pt), await readImage(ref)];
    t.ok(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer)), 'point transform 2: as dcmdjpeg decodes it');
  });
}
