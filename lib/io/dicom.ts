/**
 * DICOM (Part 10) on top of dicom-parser: scanning a folder, classifying its objects (image slices, RTSTRUCT,
 * SEG), and reading one image series into a volume in LPS patient coordinates (DICOM's own frame, as ITK).
 *
 * Series: the files of one folder (not its subfolders) with the same SeriesInstanceUID; `series` picks one
 * when there are several (by SeriesInstanceUID or SeriesNumber). Slices are sorted by their position along the
 * slice normal (ImagePositionPatient · (row cosine × column cosine)); the z spacing comes from those positions.
 * Irregular spacing, duplicate positions and gantry tilt (slice offsets not along the normal) are refused
 * with ERR_RADIOMICS_FILE_FORMAT: the voxels would not sit on a regular grid. RescaleSlope / Intercept are
 * applied per slice; integer results stay integer (int16 where they fit).
 * Uncompressed transfer syntaxes only (implicit/explicit VR little endian, explicit big endian, deflated).
 */
import { promises as fs } from 'node:fs';
import * as pathlib from 'node:path';
import * as dicomParser from 'dicom-parser';
import { RadiomicsError } from '../errors.js';
import type { NormalisedVolume, VoxelArray } from '../volume.js';

export type DataSet = dicomParser.DataSet;

export const SOP_CLASS = {
  RTSTRUCT: '1.2.840.10008.5.1.4.1.1.481.3',
  SEG: '1.2.840.10008.5.1.4.1.1.66.4',
  LABELMAP_SEG: '1.2.840.10008.5.1.4.1.1.66.7',
} as const;

/** Uncompressed transfer syntaxes dicom-parser reads (deflate through node:zlib). */
const TRANSFER_SYNTAXES: Record<string, { bigEndian: boolean }> = {
  '1.2.840.10008.1.2': { bigEndian: false },
  '1.2.840.10008.1.2.1': { bigEndian: false },
  '1.2.840.10008.1.2.1.99': { bigEndian: false },
  '1.2.840.10008.1.2.2': { bigEndian: true },
};

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

/** What a volume read from DICOM came from; RTSTRUCT and SEG readers check the frame of reference with it. */
export interface DicomSeriesInfo {
  seriesInstanceUid: string;
  frameOfReferenceUid: string | undefined;
  modality: string;
  /** SOPInstanceUIDs in slice order (z index). */
  sopInstanceUids: string[];
}
const SERIES_INFO = new WeakMap<object, DicomSeriesInfo>();

/** The DICOM provenance of a volume returned by readImage for a DICOM series (undefined for other volumes). */
export function dicomSeriesInfo(volume: object): DicomSeriesInfo | undefined {
  return SERIES_INFO.get(volume);
}

export function formatError(path: string, message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${path}: ${message}`);
}

export function isDicomBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/**
 * dicom-parser reads element values lazily and throws a bare string when one runs past the end of the
 * file (found by the dicom-masks fuzz target): every element's extent is checked once, here, instead.
 */
function checkElementExtents(path: string, ds: DataSet, size: number): void {
  for (const [tag, el] of Object.entries(ds.elements)) {
    if (el.length !== 0xffffffff && el.dataOffset + el.length > size) formatError(path, `element (${tag.slice(1, 5)},${tag.slice(5)}) runs past the end of the file (truncated or corrupt)`);
    for (const item of el.items ?? []) if (item.dataSet) checkElementExtents(path, item.dataSet, size);
  }
}

/** Parses a DICOM Part 10 file (or, without the preamble, an implicit little-endian data set). */
export function parseDicomBytes(path: string, bytes: Uint8Array): DataSet {
  try {
    const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ds = isDicomBytes(u8) ? dicomParser.parseDicom(u8) : dicomParser.parseDicom(u8, { TransferSyntaxUID: '1.2.840.10008.1.2' });
    checkElementExtents(path, ds, u8.byteLength);
    return ds;
  } catch (e) {
    if (e instanceof RadiomicsError) throw e;
    const msg = e instanceof Error ? e.message : typeof e === 'object' && e && 'exception' in e ? String((e as { exception: unknown }).exception) : String(e);
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
    names = (await fs.readdir(dir, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name).sort();
  } catch (e) {
    throw new RadiomicsError('ERR_RADIOMICS_FILE_READ', `${dir}: cannot list the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  const out: DicomFolder = { dir, images: [], rtstructs: [], segs: [], skipped: [] };
  const BATCH = 32;
  for (let i = 0; i < names.length; i += BATCH) {
    const parsed = await Promise.all(
      names.slice(i, i + BATCH).map(async (name) => {
        const p = pathlib.join(dir, name);
        if (name.toUpperCase() === 'DICOMDIR') return { name, f: undefined };
        const bytes = await fs.readFile(p).catch((e: NodeJS.ErrnoException) => {
          throw new RadiomicsError('ERR_RADIOMICS_FILE_READ', `${p}: cannot read (${e.code ?? e.message})`, { cause: e });
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
export function pickSeries(where: string, files: DicomFile[], series: string | undefined, what = 'image series'): DicomFile[] {
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
    formatError(where, `holds ${groups.size} ${what.endsWith('series') ? what : `${what}s`}; choose one with the series option (--series UID or number): ${[...groups].map(([u, g]) => seriesSummary(u, g)).join('; ')}`);
  return [...groups.values()][0]!;
}

type V3 = [number, number, number];
export const dot = (a: readonly number[], b: readonly number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
export const cross = (a: readonly number[], b: readonly number[]): V3 => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
export const sub = (a: readonly number[], b: readonly number[]): V3 => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
export function normalise(a: readonly number[]): V3 {
  const n = Math.hypot(a[0]!, a[1]!, a[2]!);
  return [a[0]! / n, a[1]! / n, a[2]! / n];
}

/** Checks and returns the transfer syntax of a data set: uncompressed ones only. */
export function checkTransferSyntax(f: { path: string; ds: DataSet }): { bigEndian: boolean } {
  const ts = str(f.ds, TAG.TransferSyntaxUID) ?? '1.2.840.10008.1.2';
  const known = TRANSFER_SYNTAXES[ts];
  if (!known || f.ds.elements[TAG.PixelData]?.encapsulatedPixelData)
    formatError(
      f.path,
      `transfer syntax ${ts} is compressed (encapsulated pixel data), which is not supported; decompress the files first (e.g. \`gdcmconv --raw\` or dcmtk's \`dcmdjpeg\`)`,
    );
  return known;
}

interface SliceGeometry {
  file: DicomFile;
  position: V3;
  row: V3;
  col: V3;
  pixelSpacing: [number, number];
  rows: number;
  cols: number;
}

function sliceGeometry(f: DicomFile): SliceGeometry {
  const ds = f.ds;
  const frames = ds.intString(TAG.NumberOfFrames) ?? 1;
  if (frames > 1)
    formatError(f.path, `is a multi-frame image (${frames} frames, e.g. enhanced CT/MR); only single-frame slice series are supported — convert it (e.g. with dcm2niix) to NIfTI`);
  const ipp = numbers(ds, TAG.ImagePositionPatient);
  const iop = numbers(ds, TAG.ImageOrientationPatient);
  if (!ipp || ipp.length !== 3 || !ipp.every(Number.isFinite)) formatError(f.path, 'has no valid ImagePositionPatient (0020,0032): cannot place the slice');
  if (!iop || iop.length !== 6 || !iop.every(Number.isFinite)) formatError(f.path, 'has no valid ImageOrientationPatient (0020,0037): cannot orient the slice');
  const ps = numbers(ds, TAG.PixelSpacing);
  if (!ps || ps.length !== 2 || !ps.every((x) => Number.isFinite(x) && x > 0)) formatError(f.path, `has no valid PixelSpacing (0028,0030)${ps ? `: ${ps.join('\\')}` : ''}`);
  const rows = ds.uint16(TAG.Rows) ?? 0, cols = ds.uint16(TAG.Columns) ?? 0;
  if (!(rows > 0 && cols > 0)) formatError(f.path, `has invalid Rows/Columns ${rows}x${cols}`);
  const row = normalise(iop.slice(0, 3));
  const col = normalise(iop.slice(3, 6));
  if (Math.abs(dot(row, col)) > 1e-3) formatError(f.path, `ImageOrientationPatient ${iop.join('\\')} is not orthogonal`);
  return { file: f, position: ipp as V3, row, col, pixelSpacing: [ps[0]!, ps[1]!], rows, cols };
}

/** Sort key and checks shared by image series and SEG frames: returns the sorted positions' regular spacing. */
export function sliceSpacing(where: string, positions: { position: readonly number[]; label: string }[], normal: V3): number {
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
    formatError(
      where,
      `irregular slice spacing: gaps between consecutive slices range over ${distinct.slice(0, 6).join(', ')}${distinct.length > 6 ? ', ...' : ''} mm ` +
        `(e.g. ${+gaps[worst]!.toFixed(4)} mm between ${positions[worst]!.label} and ${positions[worst + 1]!.label}, mean ${+mean.toFixed(4)} mm); ` +
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
    throw new RadiomicsError('ERR_RADIOMICS_UNSUPPORTED_DTYPE', `${f.path}: BitsAllocated ${ba} is not supported (8, 16 or 32)`);
  const el = ds.elements[TAG.PixelData]!;
  const bytes = ba / 8;
  const start = el.dataOffset + frameIndex * n * bytes;
  if ((frameIndex + 1) * n * bytes > el.length) formatError(f.path, `pixel data holds ${el.length} bytes, fewer than the ${(frameIndex + 1) * n * bytes} its header needs`);
  const ba8 = ds.byteArray;
  const dv = new DataView(ba8.buffer, ba8.byteOffset + start, n * bytes);
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

/** Builds the volume of one series of single-frame slices. */
export function seriesToVolume(where: string, files: DicomFile[]): NormalisedVolume {
  const geo = files.map(sliceGeometry);
  const g0 = geo[0]!;
  for (const g of geo) {
    if (g.rows !== g0.rows || g.cols !== g0.cols) formatError(where, `slices differ in size: ${g0.file.path} is ${g0.cols}x${g0.rows}, ${g.file.path} is ${g.cols}x${g.rows}`);
    if (Math.abs(dot(g.row, g0.row) - 1) > 1e-4 || Math.abs(dot(g.col, g0.col) - 1) > 1e-4)
      formatError(where, `slices differ in orientation (ImageOrientationPatient): ${g0.file.path} and ${g.file.path}`);
    if (g.pixelSpacing.some((s, k) => Math.abs(s - g0.pixelSpacing[k]!) > 1e-4))
      formatError(where, `slices differ in pixel spacing: ${g0.pixelSpacing.join('\\')} (${g0.file.path}) and ${g.pixelSpacing.join('\\')} (${g.file.path})`);
  }
  const normal = normalise(cross(g0.row, g0.col));
  geo.sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  let dz = sliceSpacing(
    where,
    geo.map((g) => ({ position: g.position, label: pathlib.basename(g.file.path) })),
    normal,
  );
  if (Number.isNaN(dz)) {
    const ds = g0.file.ds;
    dz = ds.floatString(TAG.SpacingBetweenSlices) ?? ds.floatString(TAG.SliceThickness) ?? 1;
    if (!(dz > 0)) dz = 1;
  }
  const nx = g0.cols, ny = g0.rows, nz = geo.length, plane = nx * ny;
  // Rescale: integer output when every slice's slope is 1 and intercept an integer.
  const rescale = geo.map((g) => ({ slope: g.file.ds.floatString(TAG.RescaleSlope) ?? 1, inter: g.file.ds.floatString(TAG.RescaleIntercept) ?? 0 }));
  const integer = rescale.every((r) => r.slope === 1 && Number.isInteger(r.inter));
  const values = integer ? new Int32Array(plane * nz) : new Float64Array(plane * nz);
  let min = Infinity, max = -Infinity;
  geo.forEach((g, z) => {
    const { slope, inter } = rescale[z]!;
    const base = z * plane;
    readFrameInto(g.file, 0, plane, (i, v) => {
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
  SERIES_INFO.set(volume, {
    seriesInstanceUid: g0.file.seriesUid,
    frameOfReferenceUid: str(g0.file.ds, TAG.FrameOfReferenceUID),
    modality: g0.file.modality,
    sopInstanceUids: geo.map((g) => str(g.file.ds, TAG.SOPInstanceUID) ?? ''),
  });
  return volume;
}

/** Reads the image series of a folder (the only one, or the one `series` names). */
export async function readDicomSeries(dir: string, options: { series?: string } = {}): Promise<NormalisedVolume> {
  const folder = await scanDicomFolder(dir);
  if (folder.images.length === 0) {
    const held = [
      folder.rtstructs.length && `${folder.rtstructs.length} RTSTRUCT`,
      folder.segs.length && `${folder.segs.length} SEG`,
      folder.skipped.length && `${folder.skipped.length} other file(s)`,
    ].filter(Boolean);
    formatError(dir, `holds no DICOM image slices${held.length ? ` (it holds ${held.join(', ')})` : ''}`);
  }
  return seriesToVolume(dir, pickSeries(dir, folder.images, options.series));
}
