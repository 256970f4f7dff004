/**
 * readImage(path) / readMask(path, options): one entry point for every format, returning a volume with
 * physical geometry in LPS patient coordinates (as ITK / SimpleITK / PyRadiomics).
 *
 *   NIfTI (.nii, .nii.gz) · NRRD (.nrrd, .nhdr + data file) · DICOM: a folder holding a slice series, one
 *   .dcm file, a SEG (.dcm) · masks also: RTSTRUCT (rasterised onto the image) and DICOM SEG.
 *
 * The format is chosen by suffix, else by the file's magic bytes; a folder is read as DICOM.
 */
import { promises as fs } from 'node:fs';
import { RadiomicsError } from '../errors.js';
import type { NormalisedVolume, Volume } from '../volume.js';
import type { DicomFile } from './dicom.js';
import { readNifti } from './nifti.js';
import type { WriteNrrdOptions } from './nrrd.js';
import { isDicomBytes, isNrrdBytes } from './sniff.js';
import type { SuvMode } from './suv.js';

// The DICOM (with RTSTRUCT and SEG) and NRRD readers load on first use: reading NIfTI files needs none of
// them, and the DICOM parser and its modules are about a quarter of the library's start-up.
const dicom = () => import('./dicom.js');
const nrrd = () => import('./nrrd.js');

export interface ReadOptions {
  /** DICOM folder with several series: the one to read (SeriesInstanceUID or SeriesNumber). */
  series?: string;
  /**
   * PET (DICOM, Units BQML): convert to SUV with body weight ('bw'), lean body mass ('lbm', Janmahasatian) or
   * body surface area ('bsa', Du Bois); the factor and the tags used go into the volume's metadata. See suv.ts.
   */
  suv?: SuvMode;
  /** Philips MR (DICOM): floating-point values from the private scale slope (2005,100E); see dicom.ts. */
  philipsScale?: boolean;
}

/** Options of readMask. */
export interface ReadMaskOptions extends ReadOptions {
  /**
   * The image the mask belongs to, as a volume or a path (read with readImage). An RTSTRUCT needs it (its
   * contours are rasterised onto the image's grid); a DICOM SEG is placed on its grid with it (else on its own).
   */
  image?: NormalisedVolume | string;
  /** With `image` given as a path: the series to read from its folder. */
  imageSeries?: string;
  /** RTSTRUCT: the ROI (ROIName, or ROINumber); DICOM SEG: the segment (SegmentLabel or SegmentNumber). */
  roi?: string;
  /** Voxel value of the ROI / segment picked with `roi` (RTSTRUCT always); default 1. */
  label?: number;
}

export type ImageReader = (path: string, bytes: Buffer, options: ReadOptions) => Promise<NormalisedVolume>;

async function readDicomFileAsImage(path: string, bytes: Buffer, options: ReadOptions = {}): Promise<NormalisedVolume> {
  const { classify, isRtstruct, isSeg, parseDicomBytes, seriesToVolume } = await dicom();
  const f = classify(path, parseDicomBytes(path, bytes));
  if (isRtstruct(f))
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${path}: is an RTSTRUCT (contours, not voxels); read it as a mask with the image it belongs to: readMask(path, { image }) / --mask`,
    );
  if (isSeg(f)) return (await import('./seg.js')).readSeg(f);
  return seriesToVolume(path, [f], options);
}

function isNiftiBytes(b: Buffer): boolean {
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return true; // gzip: NIfTI is the gzipped format we read
  if (b.length < 4) return false;
  const le = b.readInt32LE(0),
    be = b.readInt32BE(0);
  return le === 348 || be === 348 || le === 540 || be === 540;
}

/** Readers by file-name suffix (lower case), then by magic bytes. */
export const READERS: { suffixes: string[]; format: string; sniff: (bytes: Buffer) => boolean; read: ImageReader }[] = [
  { suffixes: ['.nii', '.nii.gz'], format: 'NIfTI', sniff: isNiftiBytes, read: readNifti },
  {
    suffixes: ['.nrrd', '.nhdr'],
    format: 'NRRD',
    sniff: isNrrdBytes,
    read: async (path, bytes) => (await nrrd()).readNrrd(path, bytes),
  },
  { suffixes: ['.dcm', '.dicom', '.ima'], format: 'DICOM', sniff: isDicomBytes, read: readDicomFileAsImage },
];

const SUPPORTED = () =>
  `${READERS.map((r) => `${r.format} (${r.suffixes.join(', ')})`).join('; ')}; a folder of DICOM files`;

async function statOf(path: string): Promise<'dir' | 'file'> {
  try {
    return (await fs.stat(path)).isDirectory() ? 'dir' : 'file';
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_FILE_READ',
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await fs.readFile(path);
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_FILE_READ',
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
}

function readerFor(path: string, bytes: Buffer) {
  const lower = path.toLowerCase();
  const reader = READERS.find((r) => r.suffixes.some((s) => lower.endsWith(s))) ?? READERS.find((r) => r.sniff(bytes));
  if (!reader)
    throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${path}: unknown image format; supported: ${SUPPORTED()}`);
  return reader;
}

/**
 * Options that only a DICOM input uses (`series`, `roi`) are an error for a NIfTI or NRRD file rather than
 * silently ignored: the caller meant something the file cannot give.
 */
function rejectDicomOnlyOptions(
  path: string,
  format: string,
  options: { series?: string; roi?: string },
  names: { series: string; roi: string },
): void {
  if (format === 'DICOM') return;
  if (options.series !== undefined)
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${path}: ${names.series} '${options.series}' picks a series from a DICOM folder, but this is a ${format} file, which holds one volume; remove it`,
    );
  if (options.roi !== undefined)
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${path}: ${names.roi} '${options.roi}' picks an RTSTRUCT ROI or a DICOM SEG segment, but this is a ${format} file (a label image: choose the ROI with the label instead)`,
    );
}

/** The format a path would be read as ('DICOM' for a folder), without reading more than its first bytes. */
export async function inputFormat(path: string): Promise<string> {
  if ((await statOf(path)) === 'dir') return 'DICOM';
  const lower = path.toLowerCase();
  const bySuffix = READERS.find((r) => r.suffixes.some((s) => lower.endsWith(s)));
  if (bySuffix) return bySuffix.format;
  let head: Buffer;
  try {
    const fh = await fs.open(path, 'r');
    try {
      head = Buffer.alloc(512);
      head = head.subarray(0, (await fh.read(head, 0, 512, 0)).bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_FILE_READ',
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
  return READERS.find((r) => r.sniff(head))?.format ?? 'unknown';
}

/** Reads an image: a NIfTI or NRRD file, a DICOM folder (one series) or DICOM file. */
export async function readImage(path: string, options: ReadOptions = {}): Promise<NormalisedVolume> {
  if ((await statOf(path)) === 'dir') return (await dicom()).readDicomSeries(path, options);
  const bytes = await readBytes(path);
  const reader = readerFor(path, bytes);
  rejectDicomOnlyOptions(
    path,
    reader.format,
    { series: options.series },
    { series: 'options.series', roi: 'options.roi' },
  );
  if (options.suv && options.suv !== 'none' && reader.format !== 'DICOM')
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${path}: SUV conversion needs the DICOM PET header (dose, times, weight); a ${reader.format} file has none`,
    );
  return reader.read(path, bytes, options);
}

async function resolveImage(options: ReadMaskOptions): Promise<NormalisedVolume | undefined> {
  if (options.image === undefined) return undefined;
  return typeof options.image === 'string' ? readImage(options.image, { series: options.imageSeries }) : options.image;
}

async function readDicomMask(f: DicomFile, options: ReadMaskOptions): Promise<NormalisedVolume> {
  const image = await resolveImage(options);
  if ((await dicom()).isRtstruct(f)) {
    if (!image)
      throw new RadiomicsError(
        'ERR_RADIOMICS_INVALID_ARGUMENT',
        `${f.path}: an RTSTRUCT holds contours: give the image it was drawn on (readMask options.image, or --image) to rasterise them`,
      );
    return (await import('./rtstruct.js')).rasteriseRtstruct(f, image, options);
  }
  return (await import('./seg.js')).readSeg(f, { roi: options.roi, label: options.label, image });
}

/**
 * Reads a mask: a label image in any readImage format, or a DICOM RTSTRUCT (needs `options.image`) or SEG,
 * as a file or as the only such object in a folder. Voxel values are labels.
 */
export async function readMask(path: string, options: ReadMaskOptions = {}): Promise<NormalisedVolume> {
  if ((await statOf(path)) === 'dir') {
    const { formatError, pickSeries, scanDicomFolder, seriesToVolume } = await dicom();
    const folder = await scanDicomFolder(path);
    const objects = [...folder.rtstructs, ...folder.segs];
    if (objects.length > 0) {
      // The only RTSTRUCT/SEG, or the one of the series `series` names.
      const chosen =
        objects.length === 1 && options.series === undefined
          ? objects
          : pickSeries(path, objects, options.series, 'RTSTRUCT/SEG series');
      if (chosen.length > 1)
        formatError(
          path,
          `holds ${chosen.length} RTSTRUCT/SEG objects in series ${chosen[0]!.seriesUid}; pass the file itself`,
        );
      return readDicomMask(chosen[0]!, options);
    }
    if (folder.images.length === 0) formatError(path, 'holds no DICOM image series, RTSTRUCT or SEG');
    return seriesToVolume(path, pickSeries(path, folder.images, options.series));
  }
  const bytes = await readBytes(path);
  const reader = readerFor(path, bytes);
  if (reader.format === 'DICOM') {
    const { classify, isRtstruct, isSeg, parseDicomBytes, seriesToVolume } = await dicom();
    const f = classify(path, parseDicomBytes(path, bytes));
    if (isRtstruct(f) || isSeg(f)) return readDicomMask(f, options);
    return seriesToVolume(path, [f]);
  }
  rejectDicomOnlyOptions(path, reader.format, options, {
    series: 'options.series',
    roi: 'the ROI (options.roi, --roi, the batch ROI column)',
  });
  return reader.read(path, bytes, options);
}

/** Writes a volume as NRRD (see nrrd.ts). */
export async function writeNrrd(path: string, volume: Volume, options: WriteNrrdOptions = {}): Promise<void> {
  return (await nrrd()).writeNrrd(path, volume, options);
}
export type { WriteNrrdOptions } from './nrrd.js';
export { dicomSeriesInfo, type DicomSeriesInfo } from './dicom-series-info.js';
export type { SuvMode } from './suv.js';
export { writeNifti } from './nifti-write.js';
