/**
 * DICOM (Part 10) on top of dicom-parser: scanning a folder, classifying its objects (image slices, RTSTRUCT,
 * SEG), and reading one image series into a volume in LPS patient coordinates (DICOM's own frame, as ITK).
 *
 * Series: the files of one folder (not its subfolders) with the same SeriesInstanceUID; `series` picks one
 * when there are several (by SeriesInstanceUID or SeriesNumber). Slices are sorted by their position along the
 * slice normal (ImagePositionPatient · (row cosine × column cosine)); the z spacing comes from those positions.
 * Irregular spacing, duplicate positions and gantry tilt (slice offsets not along the normal) are refused
 * with ERR_RADIOMICS_FILE_FORMAT: the voxels would not sit on a regular grid. RescaleSlope / Intercept are
 * applied per frame; integer results stay integer (int16 where they fit).
 *
 * Transfer syntaxes: native (implicit/explicit VR little endian, explicit big endian, deflated) and the
 * compressed ones of codecs/index.ts, decoded by dicom-pixels.ts; lossy ones add a warning to the volume.
 * Multi-frame files (enhanced CT/MR/PET, RT dose, classic multi-frame) give one slice per frame, placed by
 * dicom-frames.ts; their frames are sorted and checked like the slices of a series.
 */
import { promises as fs } from 'node:fs';
import * as pathlib from 'node:path';
import * as dicomParser from 'dicom-parser';
import { inflateRawSync } from 'node:zlib';
import { RadiomicsError } from '../errors.js';
import type { NormalisedVolume, VoxelArray } from '../volume.js';
import { decodedFrames, decodePixelData, isEncapsulated, lossyCompression, transferSyntaxOf } from './dicom-pixels.js';
import { frameGeometries, type FrameGeometry } from './dicom-frames.js';
import { rememberDicomSeriesInfo } from './dicom-series-info.js';
import { isDicomBytes } from './sniff.js';
import { suvFactors, type SuvMode } from './suv.js';

export type DataSet = dicomParser.DataSet;

export const SOP_CLASS = {
  RTSTRUCT: '1.2.840.10008.5.1.4.1.1.481.3',
  SEG: '1.2.840.10008.5.1.4.1.1.66.4',
  LABELMAP_SEG: '1.2.840.10008.5.1.4.1.1.66.7',
} as const;

/** Tags used here, as dicom-parser names them (xGGGGEEEE). */
export const TAG = {
  TransferSyntaxUID: 'x00020010',
  SOPClassUID: 'x00080016',
  SOPInstanceUID: 'x00080018',
  Modality: 'x00080060',
  SeriesDescription: 'x0008103e',
  SliceThickness: 'x00180050',
  SpacingBetweenSlices: 'x00180088',
  SeriesInstanceUID: 'x0020000e',
  SeriesNumber: 'x00200011',
  ImagePositionPatient: 'x00200032',
  ImageOrientationPatient: 'x00200037',
  FrameOfReferenceUID: 'x00200052',
  SamplesPerPixel: 'x00280002',
  NumberOfFrames: 'x00280008',
  Rows: 'x00280010',
  Columns: 'x00280011',
  PixelSpacing: 'x00280030',
  BitsAllocated: 'x00280100',
  BitsStored: 'x00280101',
  HighBit: 'x00280102',
  PixelRepresentation: 'x00280103',
  RescaleIntercept: 'x00281052',
  RescaleSlope: 'x00281053',
  PixelData: 'x7fe00010',
} as const;

export interface DicomFile {
  path: string;
  ds: DataSet;
  sopClassUid: string;
  modality: string;
  seriesUid: string;
}

export { dicomSeriesInfo, type DicomSeriesInfo } from './dicom-series-info.js';
export { isDicomBytes };

export function formatError(path: string, message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${path}: ${message}`);
}

/**
 * Deflated Explicit VR Little Endian: the data set after the file meta inflated with node:zlib, the output
 * bounded by deflate's largest ratio (1032:1) so a corrupt stream cannot exhaust memory.
 */
function boundedInflater(bytes: Uint8Array, position: number): Uint8Array {
  const body = bytes.subarray(position);
  const inflated = inflateRawSync(body, { maxOutputLength: Math.min(1032 * body.length + 65536, 2 ** 31 - 1) });
  const out = new Uint8Array(position + inflated.length);
  out.set(bytes.subarray(0, position), 0);
  out.set(inflated, position);
  return out;
}

/**
 * dicom-parser reads element values lazily and throws a bare string when one runs past the end of the
 * file (found by the dicom-masks fuzz target): every element's extent is checked once, here, instead.
 */
function checkElementExtents(path: string, ds: DataSet, size: number): void {
  for (const [tag, el] of Object.entries(ds.elements)) {
    if (el.length !== 0xffffffff && el.dataOffset + el.length > size)
      formatError(
        path,
        `element (${tag.slice(1, 5)},${tag.slice(5)}) runs past the end of the file (truncated or corrupt)`,
      );
    for (const item of el.items ?? []) if (item.dataSet) checkElementExtents(path, item.dataSet, size);
  }
}

/** Parses a DICOM Part 10 file (or, without the preamble, an implicit little-endian data set). */
export function parseDicomBytes(path: string, bytes: Uint8Array): DataSet {
  try {
    const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ds = isDicomBytes(u8)
      ? dicomParser.parseDicom(u8, {
          inflater: boundedInflater as unknown as (arr: Uint8Array, position: number) => void,
        })
      : dicomParser.parseDicom(u8, { TransferSyntaxUID: '1.2.840.10008.1.2' });
    // A deflated data set is checked against its inflated bytes.
    checkElementExtents(path, ds, ds.byteArray?.byteLength ?? u8.byteLength);
    return ds;
  } catch (e) {
    if (e instanceof RadiomicsError) throw e;
    const msg =
      e instanceof Error
        ? e.message
        : typeof e === 'object' && e && 'exception' in e
          ? String((e as { exception: unknown }).exception)
          : String(e);
    formatError(path, `not a readable DICOM file (${msg})`);
  }
}

export function str(ds: DataSet, tag: string): string | undefined {
  const s = ds.string(tag);
  return s === undefined || s === '' ? undefined : s;
}

/** A multi-valued decimal string (DS) as numbers; undefined when absent. */
export function numbers(ds: DataSet, tag: string): number[] | undefined {
  const s = ds.string(tag);
  if (s === undefined || s.trim() === '') return undefined;
  return s.split('\\').map((x) => Number(x.trim()));
}

export function classify(path: string, ds: DataSet): DicomFile {
  return {
    path,
    ds,
    sopClassUid: str(ds, TAG.SOPClassUID) ?? '',
    modality: str(ds, TAG.Modality) ?? '',
    seriesUid: str(ds, TAG.SeriesInstanceUID) ?? '',
  };
}

export function isRtstruct(f: DicomFile): boolean {
  return f.sopClassUid === SOP_CLASS.RTSTRUCT || f.modality === 'RTSTRUCT';
}
export function isSeg(f: DicomFile): boolean {
  return f.sopClassUid === SOP_CLASS.SEG || f.sopClassUid === SOP_CLASS.LABELMAP_SEG || f.modality === 'SEG';
}
function isImageSlice(f: DicomFile): boolean {
  return !isRtstruct(f) && !isSeg(f) && f.ds.elements[TAG.PixelData] !== undefined;
}

export interface DicomFolder {
  dir: string;
  images: DicomFile[];
  rtstructs: DicomFile[];
  segs: DicomFile[];
  /** Files that are not DICOM or hold no image, RTSTRUCT or SEG. */
  skipped: string[];
}

/** Reads and classifies the files of a folder (not its subfolders). */
export async function scanDicomFolder(dir: string): Promise<DicomFolder> {
  let names: string[];
  try {
    names = (await fs.readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort();
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_FILE_READ',
      `${dir}: cannot list the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
  const out: DicomFolder = { dir, images: [], rtstructs: [], segs: [], skipped: [] };
  const BATCH = 32;
  for (let i = 0; i < names.length; i += BATCH) {
    const parsed = await Promise.all(
      names.slice(i, i + BATCH).map(async (name) => {
        const p = pathlib.join(dir, name);
        if (name.toUpperCase() === 'DICOMDIR') return { name, f: undefined };
        const bytes = await fs.readFile(p).catch((e: NodeJS.ErrnoException) => {
          throw new RadiomicsError('ERR_RADIOMICS_FILE_READ', `${p}: cannot read (${e.code ?? e.message})`, {
            cause: e,
          });
        });
        // Only files with the Part 10 preamble count: a folder may hold notes, thumbnails, etc.
        if (!isDicomBytes(bytes)) return { name, f: undefined };
        return { name, f: classify(p, parseDicomBytes(p, bytes)) };
      }),
    );
    for (const { name, f } of parsed) {
      if (!f) out.skipped.push(name);
      else if (isRtstruct(f)) out.rtstructs.push(f);
      else if (isSeg(f)) out.segs.push(f);
      else if (isImageSlice(f)) out.images.push(f);
      else out.skipped.push(name);
    }
  }
  return out;
}

function groupBySeries(files: DicomFile[]): Map<string, DicomFile[]> {
  const m = new Map<string, DicomFile[]>();
  for (const f of files) {
    const list = m.get(f.seriesUid) ?? [];
    list.push(f);
    m.set(f.seriesUid, list);
  }
  return m;
}

function seriesSummary(uid: string, files: DicomFile[]): string {
  const ds = files[0]!.ds;
  const num = str(ds, TAG.SeriesNumber);
  const desc = str(ds, TAG.SeriesDescription);
  return `${uid || '(no SeriesInstanceUID)'} (${files[0]!.modality || '?'}${num ? `, number ${num}` : ''}${desc ? `, '${desc}'` : ''}, ${files.length} file${files.length === 1 ? '' : 's'})`;
}

/** Picks the files of one series: the only one, or the one `series` names (SeriesInstanceUID or SeriesNumber). */
export function pickSeries(
  where: string,
  files: DicomFile[],
  series: string | undefined,
  what = 'image series',
): DicomFile[] {
  const groups = groupBySeries(files);
  if (groups.size === 0) formatError(where, `holds no DICOM ${what}`);
  if (series !== undefined) {
    const byUid = groups.get(series);
    if (byUid) return byUid;
    const byNumber = [...groups.values()].filter((g) => str(g[0]!.ds, TAG.SeriesNumber) === series);
    if (byNumber.length === 1) return byNumber[0]!;
    formatError(
      where,
      `no ${what} ${byNumber.length > 1 ? `uniquely ` : ''}matches series '${series}'; it holds: ${[...groups].map(([u, g]) => seriesSummary(u, g)).join('; ')}`,
    );
  }
  if (groups.size > 1)
    formatError(
      where,
      `holds ${groups.size} ${what.endsWith('series') ? what : `${what}s`}; choose one with the series option (--series UID or number): ${[...groups].map(([u, g]) => seriesSummary(u, g)).join('; ')}`,
    );
  return [...groups.values()][0]!;
}

type V3 = [number, number, number];
export const dot = (a: readonly number[], b: readonly number[]): number =>
  a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
export const cross = (a: readonly number[], b: readonly number[]): V3 => [
  a[1]! * b[2]! - a[2]! * b[1]!,
  a[2]! * b[0]! - a[0]! * b[2]!,
  a[0]! * b[1]! - a[1]! * b[0]!,
];
export const sub = (a: readonly number[], b: readonly number[]): V3 => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
export function normalise(a: readonly number[]): V3 {
  const n = Math.hypot(a[0]!, a[1]!, a[2]!);
  return [a[0]! / n, a[1]! / n, a[2]! / n];
}

/** Checks the transfer syntax of a data set; compressed pixel data must have been decoded (decodePixelData). */
export function checkTransferSyntax(f: { path: string; ds: DataSet }): { bigEndian: boolean } {
  const ts = transferSyntaxOf(f);
  if (isEncapsulated(f.ds) && !decodedFrames(f.ds))
    formatError(f.path, `pixel data in ${ts.name} has not been decoded`);
  return { bigEndian: !!ts.bigEndian && !isEncapsulated(f.ds) };
}

/** Sort key and checks shared by image series and SEG frames: returns the sorted positions' regular spacing. */
export function sliceSpacing(
  where: string,
  positions: { position: readonly number[]; label: string }[],
  normal: V3,
): number {
  const proj = positions.map((p) => dot(p.position, normal));
  if (positions.length < 2) return NaN;
  const gaps: number[] = [];
  for (let k = 1; k < positions.length; k++) gaps.push(proj[k]! - proj[k - 1]!);
  const dup = gaps.findIndex((g) => Math.abs(g) < 1e-4);
  if (dup >= 0)
    formatError(
      where,
      `two slices share the position ${positions[dup]!.position.map((x) => +x.toFixed(3)).join('\\')} (${positions[dup]!.label} and ${positions[dup + 1]!.label}): ` +
        'the series holds several volumes (e.g. temporal phases or echoes); split it first',
    );
  const mean = (proj[proj.length - 1]! - proj[0]!) / gaps.length;
  const tol = Math.max(0.01, 1e-3 * mean);
  const worst = gaps.reduce((w, g, k) => (Math.abs(g - mean) > Math.abs(gaps[w]! - mean) ? k : w), 0);
  if (Math.abs(gaps[worst]! - mean) > tol) {
    const distinct = [...new Set(gaps.map((g) => +g.toFixed(3)))].sort((a, b) => a - b);
    // Gaps that are whole multiples of the smallest (the usual) spacing: slices missing there.
    const usual = Math.min(...gaps);
    const missing = gaps
      .map((g, k) => ({ k, times: g / usual }))
      .filter((m) => Math.round(m.times) >= 2 && Math.abs(m.times - Math.round(m.times)) < 0.05)
      .map(
        (m) =>
          `${Math.round(m.times) - 1} missing between ${positions[m.k]!.label} and ${positions[m.k + 1]!.label} (a ${+gaps[m.k]!.toFixed(4)} mm gap)`,
      );
    formatError(
      where,
      `irregular slice spacing: gaps between consecutive slices range over ${distinct.slice(0, 6).join(', ')}${distinct.length > 6 ? ', ...' : ''} mm ` +
        (missing.length
          ? `(slices ${missing.slice(0, 3).join('; ')}${missing.length > 3 ? `; and ${missing.length - 3} more gaps` : ''}, where the usual spacing is ${+usual.toFixed(4)} mm); `
          : `(e.g. ${+gaps[worst]!.toFixed(4)} mm between ${positions[worst]!.label} and ${positions[worst + 1]!.label}, mean ${+mean.toFixed(4)} mm); `) +
        'missing slices or a variable-spacing acquisition cannot be read as a regular grid: resample it first (e.g. with SimpleITK or dcm2niix)',
    );
  }
  // Gantry tilt / shear: consecutive slices must be offset along the normal only.
  for (let k = 1; k < positions.length; k++) {
    const d = sub(positions[k]!.position, positions[k - 1]!.position);
    const along = dot(d, normal);
    const off = Math.hypot(d[0] - along * normal[0], d[1] - along * normal[1], d[2] - along * normal[2]);
    if (off > Math.max(0.01, 1e-3 * Math.abs(along))) {
      const angle = (Math.atan2(off, Math.abs(along)) * 180) / Math.PI;
      formatError(
        where,
        `gantry tilt or sheared slices: consecutive slices are offset by ${+off.toFixed(3)} mm across the slice plane (about ${+angle.toFixed(2)} degrees off the ` +
          `slice normal, between ${positions[k - 1]!.label} and ${positions[k]!.label}); such a series has no regular voxel grid: resample it first (e.g. dcm2niix corrects gantry tilt)`,
      );
    }
  }
  return mean;
}

/** Reads the stored values of one frame as numbers (bits-stored masking and sign extension applied). */
export function readFrameInto(
  f: { path: string; ds: DataSet },
  frameIndex: number,
  n: number,
  out: (i: number, v: number) => void,
): void {
  const ds = f.ds;
  const { bigEndian } = checkTransferSyntax(f);
  const spp = ds.uint16(TAG.SamplesPerPixel) ?? 1;
  if (spp !== 1) formatError(f.path, `has ${spp} samples per pixel (colour); only greyscale images are supported`);
  const ba = ds.uint16(TAG.BitsAllocated) ?? 16;
  const bs = ds.uint16(TAG.BitsStored) ?? ba;
  const signed = (ds.uint16(TAG.PixelRepresentation) ?? 0) === 1;
  if (ba !== 8 && ba !== 16 && ba !== 32)
    throw new RadiomicsError(
      'ERR_RADIOMICS_UNSUPPORTED_DTYPE',
      `${f.path}: BitsAllocated ${ba} is not supported (8, 16 or 32)`,
    );
  const bytes = ba / 8;
  let dv: DataView;
  const decoded = decodedFrames(ds);
  if (decoded) {
    const frame = decoded[frameIndex];
    if (!frame || frame.length < n * bytes)
      formatError(
        f.path,
        `decoded frame ${frameIndex + 1} holds ${frame?.length ?? 0} bytes, fewer than the ${n * bytes} its header needs`,
      );
    dv = new DataView(frame.buffer, frame.byteOffset, n * bytes);
  } else {
    const el = ds.elements[TAG.PixelData]!;
    const start = el.dataOffset + frameIndex * n * bytes;
    if ((frameIndex + 1) * n * bytes > el.length)
      formatError(
        f.path,
        `pixel data holds ${el.length} bytes, fewer than the ${(frameIndex + 1) * n * bytes} its header needs`,
      );
    const ba8 = ds.byteArray;
    dv = new DataView(ba8.buffer, ba8.byteOffset + start, n * bytes);
  }
  const le = !bigEndian;
  const mask = bs >= 32 ? 0xffffffff : 2 ** bs - 1;
  const signBit = 2 ** (bs - 1);
  const needMask = bs < ba;
  for (let i = 0; i < n; i++) {
    let v: number;
    if (ba === 8) v = dv.getUint8(i);
    else if (ba === 16) v = dv.getUint16(2 * i, le);
    else v = dv.getUint32(4 * i, le);
    if (needMask) v = v % (mask + 1);
    if (signed && v >= signBit) v -= 2 * signBit;
    out(i, v);
  }
}

/** Narrowest typed array holding integers in [min, max]. */
export function integerArray(values: Int32Array | Float64Array, min: number, max: number): VoxelArray {
  if (min >= 0 && max <= 255) return Uint8Array.from(values);
  if (min >= -32768 && max <= 32767) return Int16Array.from(values);
  if (min >= 0 && max <= 65535) return Uint16Array.from(values);
  if (min >= -(2 ** 31) && max < 2 ** 31) return values instanceof Int32Array ? values : Int32Array.from(values);
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

export interface SeriesReadOptions {
  /** PET: convert activity concentration (BQML) to SUV (suv.ts); 'none' or undefined keeps the stored values. */
  suv?: SuvMode;
  /**
   * Philips MR: give the floating-point values of the private scale factors, FP = (SV · RS + RI) / (RS · SS), with
   * SV the stored value, RS / RI the rescale slope / intercept and SS the private MR Scale Slope (2005,100E),
   * per frame (enhanced: in the frame's (2005,140F) item) or per file. Default: off (the rescaled values RS·SV + RI).
   */
  philipsScale?: boolean;
}

/** Philips private MR Scale Slope (2005,100E, FL) of a frame: in its per-frame private item (2005,140F), else the file's. */
function philipsScaleSlope(g: FrameGeometry): number | undefined {
  const item = g.perFrame?.elements['x2005140f']?.items?.[0]?.dataSet;
  for (const ds of [item, g.ds]) {
    const el = ds?.elements['x2005100e'];
    if (el && el.length === 4) return ds!.float('x2005100e');
  }
  return undefined;
}

/** Builds the volume of one series: its files' frames (one per single-frame file, or each frame of a multi-frame one). */
export async function seriesToVolume(
  where: string,
  files: DicomFile[],
  options: SeriesReadOptions = {},
): Promise<NormalisedVolume> {
  for (const f of files) await decodePixelData(f);
  const geo: FrameGeometry[] = files.flatMap((f) => frameGeometries(f.path, f.ds));
  const g0 = geo[0]!;
  for (const g of geo) {
    if (g.rows !== g0.rows || g.cols !== g0.cols)
      formatError(
        where,
        `slices differ in size: ${g0.label} is ${g0.cols}x${g0.rows}, ${g.label} is ${g.cols}x${g.rows}`,
      );
    if (Math.abs(dot(g.row, g0.row) - 1) > 1e-4 || Math.abs(dot(g.col, g0.col) - 1) > 1e-4)
      formatError(where, `slices differ in orientation (ImageOrientationPatient): ${g0.label} and ${g.label}`);
    if (g.pixelSpacing.some((s, k) => Math.abs(s - g0.pixelSpacing[k]!) > 1e-4))
      formatError(
        where,
        `slices differ in pixel spacing: ${g0.pixelSpacing.join('\\')} (${g0.label}) and ${g.pixelSpacing.join('\\')} (${g.label})`,
      );
  }
  const normal = normalise(cross(g0.row, g0.col));
  geo.sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  let dz = sliceSpacing(
    where,
    geo.map((g) => ({ position: g.position, label: g.label })),
    normal,
  );
  if (Number.isNaN(dz)) {
    const ds = g0.ds;
    dz = ds.floatString(TAG.SpacingBetweenSlices) ?? ds.floatString(TAG.SliceThickness) ?? 1;
    if (!(dz > 0)) dz = 1;
  }
  const nx = g0.cols,
    ny = g0.rows,
    nz = geo.length,
    plane = nx * ny;
  // PET SUV: a factor per frame, folded into the rescale.
  const suv = options.suv && options.suv !== 'none' ? suvFactors(where, geo, options.suv) : undefined;
  const rescale = geo.map((g, z) => ({
    slope: g.slope * (suv?.factors[z] ?? 1),
    inter: g.intercept * (suv?.factors[z] ?? 1),
  }));
  const philips = options.philipsScale ? geo.map(philipsScaleSlope) : undefined;
  if (philips) {
    const missing = philips.findIndex((ss) => !(ss !== undefined && Number.isFinite(ss) && ss !== 0));
    if (missing >= 0)
      formatError(
        where,
        `${geo[missing]!.label}: no valid Philips private MR Scale Slope (2005,100E) for the philipsScale option (found ${philips[missing]})`,
      );
    // FP = (SV·RS + RI) / (RS·SS): slope 1/SS, intercept RI/(RS·SS).
    rescale.forEach((r, z) => {
      const ss = philips[z]!;
      rescale[z] = { slope: r.slope / (geo[z]!.slope * ss), inter: r.inter / (geo[z]!.slope * ss) };
    });
  }
  // Integer output when every frame's slope is 1 and intercept an integer.
  const integer = rescale.every((r) => r.slope === 1 && Number.isInteger(r.inter));
  const values = integer ? new Int32Array(plane * nz) : new Float64Array(plane * nz);
  let min = Infinity,
    max = -Infinity;
  geo.forEach((g, z) => {
    const { slope, inter } = rescale[z]!;
    const base = z * plane;
    readFrameInto(g, g.frame, plane, (i, v) => {
      const x = v * slope + inter;
      values[base + i] = x;
      if (x < min) min = x;
      if (x > max) max = x;
    });
  });
  const data = integer ? integerArray(values, min, max) : values;
  const volume: NormalisedVolume = {
    data,
    shape: [nx, ny, nz],
    // PixelSpacing is (row spacing = between rows, along the column direction; column spacing = along a row).
    spacing: [g0.pixelSpacing[1], g0.pixelSpacing[0], dz],
    origin: [...geo[0]!.position],
    direction: [g0.row[0], g0.col[0], normal[0], g0.row[1], g0.col[1], normal[1], g0.row[2], g0.col[2], normal[2]],
  };
  const lossy = files.map((f) => ({ f, how: lossyCompression(f.ds) })).filter((x) => x.how);
  if (lossy.length)
    volume.warnings = [
      `${lossy.length} of ${files.length} DICOM file(s) hold lossy-compressed pixel data (${[...new Set(lossy.map((x) => x.how))].join('; ')}, e.g. ${pathlib.basename(lossy[0]!.f.path)}): ` +
        'features of lossy data can differ from those of the original image',
    ];
  if (suv) volume.metadata = suv.metadata;
  if (philips) {
    const lo = Math.min(...philips.map(Number)),
      hi = Math.max(...philips.map(Number));
    volume.metadata = {
      ...volume.metadata,
      ...(lo === hi
        ? { philips_mr_scale_slope: lo }
        : { philips_mr_scale_slope_min: lo, philips_mr_scale_slope_max: hi }),
    };
  }
  rememberDicomSeriesInfo(volume, {
    seriesInstanceUid: files[0]!.seriesUid,
    frameOfReferenceUid: str(g0.ds, TAG.FrameOfReferenceUID),
    modality: files[0]!.modality,
    sopInstanceUids: geo.map((g) => str(g.ds, TAG.SOPInstanceUID) ?? ''),
  });
  return volume;
}

/** Reads the image series of a folder (the only one, or the one `series` names). */
export async function readDicomSeries(
  dir: string,
  options: { series?: string } & SeriesReadOptions = {},
): Promise<NormalisedVolume> {
  const folder = await scanDicomFolder(dir);
  if (folder.images.length === 0) {
    const held = [
      folder.rtstructs.length && `${folder.rtstructs.length} RTSTRUCT`,
      folder.segs.length && `${folder.segs.length} SEG`,
      folder.skipped.length && `${folder.skipped.length} other file(s)`,
    ].filter(Boolean);
    formatError(dir, `holds no DICOM image slices${held.length ? ` (it holds ${held.join(', ')})` : ''}`);
  }
  return seriesToVolume(dir, pickSeries(dir, folder.images, options.series), options);
}
