/**
 * The bad-input corpus: every input a new user can get wrong that once crashed, hung, blew up memory or was
 * silently "fixed", each with the outcome it must have now. test/bad-inputs.test.ts runs them all; the
 * sanitizer CI job runs the same list against the ASan/UBSan addon.
 *
 *   { name, run, expectCode }: run() must throw an error whose `code` is expectCode (a RadiomicsError code, or
 *   'USAGE' for a CLI usage error, exit 2), or resolve when expectCode is null (an accepted input; run()
 *   itself checks the warning it must carry).
 *
 * The generators are cheap: the gzip bombs are built from one deflated block of zeros repeated (see
 * gzipBomb), never by compressing gigabytes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import {
  extractFeatures,
  extractFeaturesAsync,
  readImage,
  readMask,
  type ExtractionConfig,
  type Volume,
} from '../../dist/cjs/index.js';
import { PHANTOM_IMAGE, PHANTOM_MASK, ROOT } from './ibsi';
import { phantomImage, phantomMask } from './phantom';

export interface BadInput {
  name: string;
  run(): Promise<void>;
  /** The error code run() must throw; 'USAGE' for a CLI usage error (exit 2); null: must succeed. */
  expectCode: string | null;
  /** When set, the error message must match. */
  expectMessage?: RegExp;
}

export const BIN = path.join(ROOT, 'bin', 'radiomics.js');

let scratch: string | undefined;
/** A scratch folder for the corpus' files (removed by cleanupBadInputs). */
export function scratchDir(): string {
  scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-bad-inputs-'));
  return scratch;
}
export function cleanupBadInputs(): void {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}
function file(name: string, bytes: Buffer | string): string {
  const p = path.join(scratchDir(), name);
  fs.writeFileSync(p, bytes);
  return p;
}

// ---- NIfTI-1 bytes with any header field set ----------------------------------------------------------------

export interface NiftiFields {
  shape: [number, number, number];
  /** int16 voxels, x fastest; default i % 100. */
  data?: Int16Array;
  pixdim?: [number, number, number];
  voxOffset?: number;
  /** Where the voxels really are (default 352). */
  dataAt?: number;
  qform?: { b: number; c: number; d: number };
  /** sform rows (RAS), 3 x 4; default none (sform_code 0). */
  srow?: number[][];
  /** Bytes appended after the voxels. */
  trailing?: number;
}

export function niftiBytes(f: NiftiFields): Buffer {
  const n = f.shape[0] * f.shape[1] * f.shape[2];
  const data = f.data ?? Int16Array.from({ length: n }, (_, i) => i % 100);
  const dataAt = f.dataAt ?? 352;
  const h = Buffer.alloc(Math.max(348, dataAt));
  h.writeInt32LE(348, 0);
  h.writeInt16LE(3, 40);
  f.shape.forEach((d, k) => h.writeInt16LE(d, 42 + 2 * k));
  for (let k = 4; k < 8; k++) h.writeInt16LE(1, 40 + 2 * k);
  h.writeInt16LE(4, 70); // int16
  h.writeInt16LE(16, 72);
  h.writeFloatLE(1, 76); // pixdim[0] = qfac
  (f.pixdim ?? [1, 1, 1]).forEach((p, k) => h.writeFloatLE(p, 80 + 4 * k));
  h.writeFloatLE(f.voxOffset ?? 352, 108);
  h.writeFloatLE(1, 112); // scl_slope
  if (f.qform) {
    h.writeInt16LE(1, 252);
    h.writeFloatLE(f.qform.b, 256);
    h.writeFloatLE(f.qform.c, 260);
    h.writeFloatLE(f.qform.d, 264);
  }
  if (f.srow) {
    h.writeInt16LE(1, 254);
    f.srow.forEach((row, r) => row.forEach((x, c) => h.writeFloatLE(x, 280 + 16 * r + 4 * c)));
  }
  h.write('n+1\0', 344, 'latin1');
  return Buffer.concat([h, Buffer.from(data.buffer, data.byteOffset, data.byteLength), Buffer.alloc(f.trailing ?? 0)]);
}

/**
 * A gzip stream of `head` followed by `zeroMiB` MiB of zeros, built without compressing them: one
 * full-flushed deflate segment of 1 MiB of zeros (independent, byte-aligned) repeated, then an empty final
 * block and the gzip trailer (CRC-32 and length of the whole content, so the stream is valid).
 */
export function gzipBomb(head: Buffer, zeroMiB: number): Buffer {
  const zeros = Buffer.alloc(1 << 20);
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), zlib.deflateRawSync(head, flush)];
  const block = zlib.deflateRawSync(zeros, { ...flush, level: 9 });
  let crc = zlib.crc32(head);
  for (let i = 0; i < zeroMiB; i++) {
    parts.push(block);
    crc = zlib.crc32(zeros, crc);
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((head.length + zeroMiB * (1 << 20)) % 2 ** 32, 4);
  parts.push(trailer);
  return Buffer.concat(parts);
}

/** A valid 40x40x20 int16 NIfTI header + voxels, then `zeroMiB` MiB of zeros, gzipped (the bomb). */
export function niftiBomb(zeroMiB: number): Buffer {
  return gzipBomb(niftiBytes({ shape: [40, 40, 20] }), zeroMiB);
}

/** The same bomb as NRRD gzip data after a valid 40x40x20 short header. */
export function nrrdBomb(zeroMiB: number): Buffer {
  const header =
    'NRRD0004\ntype: short\ndimension: 3\nsizes: 40 40 20\nspace: left-posterior-superior\nspace directions: (1,0,0) (0,1,0) (0,0,1)\nendian: little\nencoding: gzip\n\n';
  const voxels = Buffer.from(Int16Array.from({ length: 32000 }, (_, i) => i % 100).buffer);
  return Buffer.concat([Buffer.from(header, 'latin1'), gzipBomb(voxels, zeroMiB)]);
}

// ---- Outcome checks -----------------------------------------------------------------------------------------

function expectWarning(warnings: string[] | undefined, re: RegExp): void {
  if (!warnings?.some((w) => re.test(w)))
    throw new Error(`expected a warning matching ${re}, got ${JSON.stringify(warnings)}`);
}

/** Runs the CLI; throws { code } from its stderr (the RadiomicsError code, or 'USAGE' on exit 2). */
export function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}
function cliOutcome(args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = cli(args, env);
  if (r.status === 0) return;
  const code = r.status === 2 ? 'USAGE' : /radiomics: (ERR_RADIOMICS_[A-Z_]+)/.exec(r.stderr)?.[1];
  throw Object.assign(new Error(r.stderr.trim()), {
    code: code ?? `exit ${r.status}`,
    status: r.status,
    stdout: r.stdout,
  });
}

const phantomArgs = ['extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--preset', 'ibsi1-phantom'];
const image = phantomImage();
const mask = phantomMask();
const familiesFast: ExtractionConfig = { families: ['intensity_statistics'] };

/** A 10x10x10 image with one mask voxel of label 5: resampled to 4 mm, the ROI vanishes. */
export function singleVoxelLabel5(): { image: Volume; mask: Volume } {
  const data = new Int16Array(1000).map((_, i) => i % 37);
  const m = new Uint8Array(1000);
  m[5 + 10 * (5 + 10 * 5)] = 5;
  return { image: { data, shape: [10, 10, 10] }, mask: { data: m, shape: [10, 10, 10] } };
}
export const VANISHING_CONFIG: ExtractionConfig = {
  label: 5,
  families: ['intensity_statistics'],
  interpolation: { spacing: [4, 4, 4] },
};

// ---- The corpus ---------------------------------------------------------------------------------------------

export function badInputs(): BadInput[] {
  const cases: BadInput[] = [
    // test/errors.test.ts, as corpus entries (same inputs, same codes).
    {
      name: 'data length differs from the shape',
      expectCode: 'ERR_RADIOMICS_DATA_LENGTH',
      run: async () => void extractFeatures({ ...image, data: new Int16Array(79) }, mask),
    },
    {
      name: 'image and mask shapes differ',
      expectCode: 'ERR_RADIOMICS_SHAPE_MISMATCH',
      run: async () => void extractFeatures(image, { ...mask, shape: [4, 5, 4] }),
    },
    {
      name: 'mask spacing differs',
      expectCode: 'ERR_RADIOMICS_GEOMETRY_MISMATCH',
      run: async () => void extractFeatures(image, { ...mask, spacing: [2, 2, 2.5] }),
    },
    {
      name: 'mask direction differs',
      expectCode: 'ERR_RADIOMICS_GEOMETRY_MISMATCH',
      run: async () => void extractFeatures(image, { ...mask, direction: [0, 1, 0, 1, 0, 0, 0, 0, 1] }),
    },
    {
      name: 'empty mask',
      expectCode: 'ERR_RADIOMICS_EMPTY_ROI',
      run: async () => void extractFeatures(image, { ...mask, data: new Int16Array(80) }),
    },
    {
      name: 'label absent',
      expectCode: 'ERR_RADIOMICS_EMPTY_ROI',
      expectMessage: /label 2/,
      run: async () => void extractFeatures(image, mask, { label: 2 }),
    },
    {
      name: 're-segmentation removes every voxel',
      expectCode: 'ERR_RADIOMICS_EMPTY_ROI',
      run: async () => void extractFeatures(image, mask, { resegmentation: { range: [100, 200] } }),
    },
    {
      name: 'NaN inside the ROI',
      expectCode: 'ERR_RADIOMICS_NON_FINITE',
      run: async () =>
        void extractFeatures(
          { ...image, data: Float32Array.from(image.data as Int16Array, (v, i) => (i === 7 ? NaN : v)) },
          mask,
        ),
    },
    {
      name: 'zero spacing',
      expectCode: 'ERR_RADIOMICS_BAD_SPACING',
      run: async () => void extractFeatures({ ...image, spacing: [0, 2, 2] }, { ...mask, spacing: [0, 2, 2] }),
    },
    {
      name: 'BigInt64Array data',
      expectCode: 'ERR_RADIOMICS_UNSUPPORTED_DTYPE',
      run: async () => void extractFeatures({ ...image, data: new BigInt64Array(80) as never }, mask),
    },
    {
      name: 'absurd dimensions',
      expectCode: 'ERR_RADIOMICS_BAD_DIMENSIONS',
      run: async () => void extractFeatures({ ...image, shape: [1e7, 1e7, 1e7] }, mask),
    },
    {
      name: 'bin width that would exhaust memory',
      expectCode: 'ERR_RADIOMICS_MATRIX_TOO_LARGE',
      run: async () =>
        void extractFeatures({ ...image, data: new Float32Array(80).map((_, i) => -1000 + i * 17.5) }, mask, {
          discretisation: { method: 'fbs', binWidth: 0.0001 },
        }),
    },
    {
      name: 'misspelt config key',
      expectCode: 'ERR_RADIOMICS_INVALID_CONFIG',
      run: async () => void extractFeatures(image, mask, { discretisaton: {} } as ExtractionConfig),
    },
    {
      name: 'async: absent label',
      expectCode: 'ERR_RADIOMICS_EMPTY_ROI',
      run: async () => void (await extractFeaturesAsync(image, mask, { label: 3 })),
    },
    {
      name: 'missing file',
      expectCode: 'ERR_RADIOMICS_FILE_READ',
      run: async () => void (await readImage(path.join(scratchDir(), 'missing.nii.gz'))),
    },
    {
      name: 'corrupt gzip',
      expectCode: 'ERR_RADIOMICS_FILE_FORMAT',
      expectMessage: /gzip/,
      run: async () =>
        void (await readImage(file('corrupt.nii.gz', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(50, 7)])))),
    },
    {
      name: 'unknown format',
      expectCode: 'ERR_RADIOMICS_FILE_FORMAT',
      run: async () => void (await readImage(file('x.png', Buffer.alloc(10)))),
    },

    // Gzip bombs: inflated only as far as the header needs; the data after it is reported, not decompressed.
    {
      name: 'NIfTI gzip bomb (40x40x20 header, 256 MiB of zeros after it)',
      expectCode: null,
      run: async () => {
        const v = await readImage(file('bomb.nii.gz', niftiBomb(256)));
        if (v.shape.join() !== '40,40,20') throw new Error(`shape ${v.shape}`);
        expectWarning(v.warnings, /more than \d+ bytes \(not decompressed\) after the 40x40x20 int16 voxels/);
      },
    },
    {
      name: 'NRRD gzip bomb (40x40x20 header, 256 MiB of zeros after it)',
      expectCode: null,
      run: async () => {
        const v = await readImage(file('bomb.nrrd', nrrdBomb(256)));
        expectWarning(v.warnings, /more than \d+ bytes \(not decompressed\) after the 32000 samples/);
      },
    },
    {
      name: 'NIfTI gzip truncated inside the voxels',
      expectCode: 'ERR_RADIOMICS_FILE_FORMAT',
      run: async () => {
        const gz = zlib.gzipSync(
          niftiBytes({ shape: [40, 40, 20], data: Int16Array.from({ length: 32000 }, (_, i) => (i * 7919) % 3001) }),
        );
        await readImage(file('cut.nii.gz', gz.subarray(0, gz.length >> 1)));
      },
    },

    {
      name: 'NIfTI gzip with a damaged CRC',
      expectCode: 'ERR_RADIOMICS_FILE_FORMAT',
      expectMessage: /corrupt gzip/,
      run: async () => {
        const gz = zlib.gzipSync(niftiBytes({ shape: [4, 4, 4] }));
        gz.writeUInt32LE((gz.readUInt32LE(gz.length - 8) ^ 1) >>> 0, gz.length - 8);
        await readImage(file('crc.nii.gz', gz));
      },
    },

    // NIfTI header fields read as nifti1_io reads them, with a warning naming the field.
    ...[0, -100].map((voxOffset) => ({
      name: `NIfTI vox_offset ${voxOffset}`,
      expectCode: null,
      run: async () =>
        expectWarning(
          (await readImage(file(`vox${voxOffset}.nii`, niftiBytes({ shape: [4, 4, 4], voxOffset, dataAt: 348 }))))
            .warnings,
          /^vox_offset = -?\d+ is below 352.*byte 348, as nifti1_io/,
        ),
    })),
    {
      name: 'NIfTI vox_offset NaN',
      expectCode: 'ERR_RADIOMICS_FILE_FORMAT',
      expectMessage: /vox_offset/,
      run: async () => void (await readImage(file('voxnan.nii', niftiBytes({ shape: [4, 4, 4], voxOffset: NaN })))),
    },
    {
      name: 'NIfTI pixdim 0',
      expectCode: null,
      run: async () =>
        expectWarning(
          (await readImage(file('pix0.nii', niftiBytes({ shape: [4, 4, 4], pixdim: [1, 0, 1] })))).warnings,
          /^pixdim\[2\] = 0 .*1 mm used, as nifti1_io/,
        ),
    },
    {
      name: 'NIfTI pixdim negative',
      expectCode: null,
      run: async () =>
        expectWarning(
          (await readImage(file('pixneg.nii', niftiBytes({ shape: [4, 4, 4], pixdim: [-2, 1, 1] })))).warnings,
          /^pixdim\[1\] = -2 is negative; its absolute value 2 mm/,
        ),
    },
    {
      name: 'NIfTI sform with sheared axes and no qform',
      expectCode: 'ERR_RADIOMICS_BAD_DIRECTION',
      expectMessage: /sform/,
      run: async () =>
        void (await readImage(
          file(
            'shear.nii',
            niftiBytes({
              shape: [4, 4, 4],
              srow: [
                [1, 0.5, 0, 0],
                [0, 1, 0, 0],
                [0, 0, 1, 0],
              ],
            }),
          ),
        )),
    },
    {
      name: 'NIfTI trailing bytes after the voxels',
      expectCode: null,
      run: async () =>
        expectWarning(
          (await readImage(file('trail.nii', niftiBytes({ shape: [4, 4, 4], trailing: 10 })))).warnings,
          /^10 bytes after the 4x4x4 int16 voxels/,
        ),
    },

    // NRRD fixes with a warning.
    {
      name: 'NRRD spacings negative and nan, no endian',
      expectCode: null,
      run: async () => {
        const v = await readImage(
          file(
            'sp.nrrd',
            Buffer.concat([
              Buffer.from(
                'NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nspacings: -2 nan 1\nencoding: raw\n\n',
                'latin1',
              ),
              Buffer.alloc(16),
            ]),
          ),
        );
        expectWarning(v.warnings, /^spacings: axis 0 has spacing -2/);
        expectWarning(v.warnings, /^spacings: axis 1 has spacing 'nan'/);
        expectWarning(v.warnings, /^endian: missing/);
      },
    },

    // Direction matrices that are no rotation.
    {
      name: 'all-zero direction',
      expectCode: 'ERR_RADIOMICS_BAD_DIRECTION',
      expectMessage: /column 0.*length 0/,
      run: async () =>
        void extractFeatures(
          { ...image, direction: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
          { ...mask, direction: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
        ),
    },
    {
      name: 'non-orthogonal direction',
      expectCode: 'ERR_RADIOMICS_BAD_DIRECTION',
      expectMessage: /not orthogonal/,
      run: async () =>
        void extractFeatures(
          { ...image, direction: [1, 0.6, 0, 0, 0.8, 0, 0, 0, 1] },
          { ...mask, direction: [1, 0.6, 0, 0, 0.8, 0, 0, 0, 1] },
        ),
    },

    // An ROI lost by mask interpolation names the label and what happened.
    {
      name: 'ROI vanishes after mask interpolation',
      expectCode: 'ERR_RADIOMICS_EMPTY_ROI',
      expectMessage:
        /label 5: the ROI had 1 voxel and none after interpolating the mask onto the new 4 x 4 x 4 mm grid \(linear, threshold 0.5\)/,
      run: async () => {
        const { image: img, mask: m } = singleVoxelLabel5();
        extractFeatures(img, m, VANISHING_CONFIG);
      },
    },
    {
      name: 'absent label with interpolation names that label',
      expectCode: 'ERR_RADIOMICS_EMPTY_ROI',
      expectMessage: /no voxel with label 7/,
      run: async () =>
        void extractFeatures(image, mask, { ...familiesFast, label: 7, interpolation: { spacing: [1, 1, 1] } }),
    },

    // Reader options that only DICOM inputs use.
    {
      name: 'readMask roi option on a NIfTI mask',
      expectCode: 'ERR_RADIOMICS_INVALID_ARGUMENT',
      expectMessage: /NIfTI file/,
      run: async () => void (await readMask(PHANTOM_MASK, { roi: 'GTV' })),
    },
    {
      name: 'readImage series option on a NIfTI image',
      expectCode: 'ERR_RADIOMICS_INVALID_ARGUMENT',
      expectMessage: /NIfTI file/,
      run: async () => void (await readImage(PHANTOM_IMAGE, { series: '3' })),
    },

    // The CLI.
    {
      name: 'CLI --out into a missing folder',
      expectCode: 'ERR_RADIOMICS_OUTPUT_PATH',
      expectMessage: /does not exist/,
      run: async () => cliOutcome([...phantomArgs, '--out', path.join(scratchDir(), 'no', 'such', 'dir', 'f.json')]),
    },
    {
      name: 'CLI --out onto a folder',
      expectCode: 'ERR_RADIOMICS_OUTPUT_PATH',
      expectMessage: /is a folder/,
      run: async () => cliOutcome([...phantomArgs, '--out', scratchDir()]),
    },
    {
      name: 'CLI --roi with a NIfTI mask',
      expectCode: 'USAGE',
      expectMessage: /--roi .*NIfTI file/,
      run: async () => cliOutcome([...phantomArgs, '--roi', 'GTV']),
    },
    {
      name: 'CLI --series with a NIfTI image',
      expectCode: 'USAGE',
      expectMessage: /--series .*NIfTI file/,
      run: async () => cliOutcome([...phantomArgs, '--series', '2']),
    },
    {
      name: 'batch ROI column pointing at a NIfTI mask',
      expectCode: 'ERR_RADIOMICS_INVALID_ARGUMENT',
      expectMessage: /the ROI .*'GTV'.*NIfTI file/,
      run: async () => {
        const cases = file('roi-cases.csv', `Image,Mask,ROI\n${PHANTOM_IMAGE},${PHANTOM_MASK},GTV\n`);
        const out = path.join(scratchDir(), 'roi-out.jsonl');
        fs.rmSync(out, { force: true });
        const r = cli(['batch', cases, '--preset', 'ibsi1-phantom', '--out', out, '--jobs', '1']);
        const row = JSON.parse(fs.readFileSync(out, 'utf8').trim().split('\n')[0]!);
        if (r.status !== 1 || row.status !== 'error')
          throw new Error(`batch exit ${r.status}, row status ${row.status}`);
        throw Object.assign(new Error(row.error_message), { code: row.error_code });
      },
    },
    {
      name: 'CLI --label 0',
      expectCode: 'USAGE',
      expectMessage: /label 0 is the background/,
      run: async () => cliOutcome([...phantomArgs, '--label', '0']),
    },
    {
      name: 'CLI --labels 0,1',
      expectCode: 'USAGE',
      expectMessage: /label 0 is the background/,
      run: async () => cliOutcome([...phantomArgs, '--labels', '0,1']),
    },
    {
      name: 'CLI RADIOMICS_ISA=bogus',
      expectCode: 'ERR_RADIOMICS_INVALID_ARGUMENT',
      expectMessage: /RADIOMICS_ISA='bogus'.*baseline, x86-64-v2, x86-64-v3, x86-64-v4/,
      run: async () => cliOutcome(phantomArgs, { RADIOMICS_ISA: 'bogus' }),
    },
    ...(['--label', '--all-labels'] as const).map((how) => ({
      name: `CLI float mask with ${how}`,
      expectCode: 'ERR_RADIOMICS_INVALID_ARGUMENT',
      expectMessage: /the mask holds the non-integer value 0\.5 \(voxel \[1, 0, 0\]\): labels must be integers/,
      run: async () => {
        const m = Float32Array.from(phantomMask().data as Int16Array, (v, i) => (i === 1 ? 0.5 : v));
        // On the phantom's grid (2 mm, origin 0, LPS identity = RAS sform diag(-2, -2, 2)), so only the labels differ.
        const hdr = niftiBytes({
          shape: [5, 4, 4],
          pixdim: [2, 2, 2],
          srow: [
            [-2, 0, 0, 0],
            [0, -2, 0, 0],
            [0, 0, 2, 0],
          ],
        });
        // Float32 mask: datatype 16, 32 bits per voxel.
        const h = Buffer.from(hdr.subarray(0, 352));
        h.writeInt16LE(16, 70);
        h.writeInt16LE(32, 72);
        const maskFile = file(`floatmask${how}.nii`, Buffer.concat([h, Buffer.from(m.buffer)]));
        cliOutcome([
          'extract',
          '--image',
          PHANTOM_IMAGE,
          '--mask',
          maskFile,
          '--preset',
          'ibsi1-phantom',
          ...(how === '--label' ? ['--label', '1'] : ['--all-labels']),
        ]);
      },
    })),
  ];
  return cases;
}
