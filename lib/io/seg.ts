/**
 * DICOM Segmentation (SEG) -> a label mask.
 *
 * BINARY (1 bit per pixel), FRACTIONAL (a voxel belongs to a segment when its fraction is at least half of
 * MaximumFractionalValue) and LABELMAP segmentations. Every segment becomes its SegmentNumber as a label; where
 * segments overlap, the higher segment number wins (pick one segment with `roi` to get it whole). With `roi`
 * (a SegmentLabel or SegmentNumber) only that segment is read, as voxels equal to `label` (default 1).
 *
 * Geometry: frames are placed by their PlanePositionSequence / PlaneOrientationSequence (per-frame, else
 * shared functional groups). Given the image (`image`), frames are sampled onto its grid (nearest
 * neighbour within the slice plane; a frame goes to the slice nearest its plane); otherwise the mask gets the
 * SEG's own grid (its frames' planes, which must be regularly spaced).
 */
import { RadiomicsError } from '../errors.js';
import type { NormalisedVolume } from '../volume.js';
import {
  checkTransferSyntax,
  cross,
  dicomSeriesInfo,
  dot,
  formatError,
  normalise,
  numbers,
  readFrameInto,
  SOP_CLASS,
  sliceSpacing,
  str,
  sub,
  type DataSet,
  type DicomFile,
} from './dicom.js';
import { decodePixelData } from './dicom-pixels.js';
import { pickRoi } from './rtstruct.js';

const T = {
  FrameOfReferenceUID: 'x00200052',
  Rows: 'x00280010',
  Columns: 'x00280011',
  NumberOfFrames: 'x00280008',
  BitsAllocated: 'x00280100',
  PixelData: 'x7fe00010',
  SegmentationType: 'x00620001',
  SegmentSequence: 'x00620002',
  SegmentNumber: 'x00620004',
  SegmentLabel: 'x00620005',
  SegmentIdentificationSequence: 'x0062000a',
  ReferencedSegmentNumber: 'x0062000b',
  MaximumFractionalValue: 'x0062000e',
  SharedFunctionalGroupsSequence: 'x52009229',
  PerFrameFunctionalGroupsSequence: 'x52009230',
  PixelMeasuresSequence: 'x00289110',
  PlanePositionSequence: 'x00209113',
  PlaneOrientationSequence: 'x00209116',
  PixelSpacing: 'x00280030',
  SliceThickness: 'x00180050',
  SpacingBetweenSlices: 'x00180088',
  ImagePositionPatient: 'x00200032',
  ImageOrientationPatient: 'x00200037',
} as const;

type V3 = [number, number, number];

function item(ds: DataSet | undefined, tag: string, index = 0): DataSet | undefined {
  return ds?.elements[tag]?.items?.[index]?.dataSet;
}

interface Frame {
  index: number;
  segment: number;
  position: V3;
  row: V3;
  col: V3;
  /** [row spacing, column spacing] as in PixelSpacing. */
  pixelSpacing: [number, number];
}

export interface SegOptions {
  roi?: string;
  label?: number;
  /** The image grid to place the segmentation on. */
  image?: NormalisedVolume;
}

/** The segments a SEG defines: number and label. */
export function segSegments(ds: DataSet): { number: number; name: string; frameOfReferenceUid: undefined }[] {
  return (ds.elements[T.SegmentSequence]?.items ?? []).map((it) => ({
    number: it.dataSet?.uint16(T.SegmentNumber) ?? NaN,
    name: (it.dataSet && str(it.dataSet, T.SegmentLabel)?.trim()) ?? '',
    frameOfReferenceUid: undefined,
  }));
}

export async function readSeg(file: DicomFile, options: SegOptions = {}): Promise<NormalisedVolume> {
  await decodePixelData(file);
  const { path, ds } = file;
  checkTransferSyntax(file);
  const labelmap =
    file.sopClassUid === SOP_CLASS.LABELMAP_SEG ||
    (str(ds, T.SegmentationType) ?? '').trim().toUpperCase() === 'LABELMAP';
  const type = labelmap ? 'LABELMAP' : (str(ds, T.SegmentationType) ?? 'BINARY').trim().toUpperCase();
  if (type !== 'BINARY' && type !== 'FRACTIONAL' && type !== 'LABELMAP')
    formatError(path, `SegmentationType '${type}' is not supported`);
  const rows = ds.uint16(T.Rows) ?? 0,
    cols = ds.uint16(T.Columns) ?? 0;
  const nFrames = ds.intString(T.NumberOfFrames) ?? 1;
  if (!(rows > 0 && cols > 0 && nFrames > 0)) formatError(path, `invalid SEG size ${cols}x${rows}, ${nFrames} frames`);
  const bits = ds.uint16(T.BitsAllocated) ?? (type === 'BINARY' ? 1 : 8);
  if (type === 'BINARY' && bits !== 1)
    formatError(path, `a BINARY segmentation must have BitsAllocated 1, not ${bits}`);
  if (type === 'FRACTIONAL' && bits !== 8)
    formatError(path, `a FRACTIONAL segmentation must have BitsAllocated 8, not ${bits}`);
  const segments = segSegments(ds);
  const chosen = options.roi !== undefined ? pickRoi(path, segments, options.roi, 'segment') : undefined;
  const label = options.label ?? 1;
  if (chosen && (!Number.isInteger(label) || label < 1 || label > 65535))
    throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', `label must be an integer in 1..65535, got ${label}`);
  const labelOf = (segment: number) => (chosen ? (segment === chosen.number ? label : 0) : segment);

  const shared = item(ds, T.SharedFunctionalGroupsSequence);
  const perFrame = ds.elements[T.PerFrameFunctionalGroupsSequence]?.items ?? [];
  const group = (f: number, seq: string) => item(perFrame[f]?.dataSet, seq) ?? item(shared, seq);
  const frames: Frame[] = [];
  for (let f = 0; f < nFrames; f++) {
    const pos = numbers(group(f, T.PlanePositionSequence) ?? ds, T.ImagePositionPatient);
    const iop = numbers(group(f, T.PlaneOrientationSequence) ?? ds, T.ImageOrientationPatient);
    const ps = numbers(group(f, T.PixelMeasuresSequence) ?? ds, T.PixelSpacing);
    if (!pos || pos.length !== 3 || !pos.every(Number.isFinite))
      formatError(path, `frame ${f + 1} has no plane position (PlanePositionSequence > ImagePositionPatient)`);
    if (!iop || iop.length !== 6 || !iop.every(Number.isFinite))
      formatError(path, `frame ${f + 1} has no plane orientation (PlaneOrientationSequence > ImageOrientationPatient)`);
    if (!ps || ps.length !== 2 || !ps.every((x) => x > 0))
      formatError(path, `frame ${f + 1} has no pixel spacing (PixelMeasuresSequence > PixelSpacing)`);
    const segment = labelmap
      ? 0
      : (
          item(perFrame[f]?.dataSet, T.SegmentIdentificationSequence) ?? item(shared, T.SegmentIdentificationSequence)
        )?.uint16(T.ReferencedSegmentNumber);
    if (segment === undefined)
      formatError(path, `frame ${f + 1} names no segment (SegmentIdentificationSequence > ReferencedSegmentNumber)`);
    frames.push({
      index: f,
      segment,
      position: pos as V3,
      row: normalise(iop.slice(0, 3)),
      col: normalise(iop.slice(3, 6)),
      pixelSpacing: [ps[0]!, ps[1]!],
    });
  }

  // The target grid: the image's, or the SEG's own.
  let grid: Pick<NormalisedVolume, 'shape' | 'spacing' | 'origin' | 'direction'>;
  if (options.image) {
    const info = dicomSeriesInfo(options.image);
    const segFor = str(ds, T.FrameOfReferenceUID);
    if (info?.frameOfReferenceUid && segFor && info.frameOfReferenceUid !== segFor)
      throw new RadiomicsError(
        'ERR_RADIOMICS_GEOMETRY_MISMATCH',
        `${path}: the segmentation is in frame of reference ${segFor}, the image series ${info.seriesInstanceUid} is in ${info.frameOfReferenceUid}`,
      );
    grid = options.image;
  } else {
    const f0 = frames[0]!;
    const normal = normalise(cross(f0.row, f0.col));
    for (const f of frames)
      if (
        Math.abs(dot(f.row, f0.row) - 1) > 1e-4 ||
        Math.abs(dot(f.col, f0.col) - 1) > 1e-4 ||
        f.pixelSpacing.some((s, k) => Math.abs(s - f0.pixelSpacing[k]!) > 1e-4)
      )
        formatError(
          path,
          'frames differ in orientation or pixel spacing; read it with the image (readMask options.image / --image) to place them on its grid',
        );
    // Distinct planes, sorted along the normal.
    const planes: { position: V3; label: string; d: number }[] = [];
    for (const f of [...frames].sort((a, b) => dot(a.position, normal) - dot(b.position, normal))) {
      const d = dot(f.position, normal);
      const last = planes[planes.length - 1];
      if (last && Math.abs(d - last.d) < 1e-3) {
        const off = sub(f.position, last.position);
        if (Math.hypot(...off) > 1e-3)
          formatError(
            path,
            'frames in one plane are shifted against each other; read it with the image (options.image / --image) to place them on its grid',
          );
        continue;
      }
      planes.push({ position: f.position, label: `frame ${f.index + 1}`, d });
    }
    let dz = sliceSpacing(path, planes, normal);
    if (Number.isNaN(dz))
      dz =
        numbers(item(shared, T.PixelMeasuresSequence) ?? ds, T.SpacingBetweenSlices)?.[0] ??
        numbers(item(shared, T.PixelMeasuresSequence) ?? ds, T.SliceThickness)?.[0] ??
        1;
    grid = {
      shape: [cols, rows, planes.length],
      spacing: [f0.pixelSpacing[1], f0.pixelSpacing[0], dz > 0 ? dz : 1],
      origin: [...planes[0]!.position],
      direction: [f0.row[0], f0.col[0], normal[0], f0.row[1], f0.col[1], normal[1], f0.row[2], f0.col[2], normal[2]],
    };
  }

  const [nx, ny, nz] = grid.shape;
  const gd = grid.direction,
    gs = grid.spacing,
    go = grid.origin;
  const axis = (j: number): V3 => [gd[j]!, gd[3 + j]!, gd[6 + j]!];
  const [ax, ay, az] = [axis(0), axis(1), axis(2)];
  let maxLabel = 0;
  const labels = new Int32Array(nx * ny * nz);
  const n = rows * cols;
  const pixels = new Uint16Array(n);
  const el = ds.elements[T.PixelData];
  if (!el) formatError(path, 'has no pixel data');
  const maxFraction = ds.uint16(T.MaximumFractionalValue) ?? 255;
  let placed = 0;
  // Lower segment numbers first, so that higher ones win where segments overlap.
  for (const f of [...frames].sort((a, b) => a.segment - b.segment || a.index - b.index)) {
    if (!labelmap && labelOf(f.segment) === 0) continue;
    if (Math.abs(dot(f.row, ax) - 1) > 1e-3 || Math.abs(dot(f.col, ay) - 1) > 1e-3)
      throw new RadiomicsError(
        'ERR_RADIOMICS_GEOMETRY_MISMATCH',
        `${path}: frame ${f.index + 1} is oriented ${[...f.row, ...f.col].map((x) => +x.toFixed(4)).join('\\')}, unlike the image grid; resample the segmentation onto the image first`,
      );
    const rel = sub(f.position, go);
    const kf = dot(rel, az) / gs[2];
    const k = Math.round(kf);
    if (k < 0 || k >= nz || Math.abs(kf - k) > 0.5 + 1e-6) continue;
    placed++;
    // Frame pixel (u along a row, v down the columns) of grid voxel (i, j): u = (i*s0 - rel·ax) / ps_col.
    const u0 = -dot(rel, ax) / f.pixelSpacing[1],
      du = gs[0] / f.pixelSpacing[1];
    const v0 = -dot(rel, ay) / f.pixelSpacing[0],
      dv = gs[1] / f.pixelSpacing[0];
    // Decode the frame.
    if (bits === 1) {
      const bytes = ds.byteArray;
      const bit0 = f.index * n;
      if (Math.ceil((bit0 + n) / 8) > el.length)
        formatError(path, `pixel data holds ${el.length} bytes, too few for ${nFrames} frames of ${cols}x${rows}`);
      for (let i = 0; i < n; i++) {
        const b = bit0 + i;
        pixels[i] = (bytes[el.dataOffset + (b >> 3)]! >> (b & 7)) & 1;
      }
    } else
      readFrameInto(
        file,
        f.index,
        n,
        (i, v) => (pixels[i] = type === 'FRACTIONAL' ? (2 * v >= maxFraction ? 1 : 0) : v),
      );
    const base = k * nx * ny;
    for (let j = 0; j < ny; j++) {
      const v = Math.round(v0 + j * dv);
      if (v < 0 || v >= rows) continue;
      for (let i = 0; i < nx; i++) {
        const u = Math.round(u0 + i * du);
        if (u < 0 || u >= cols) continue;
        const p = pixels[u + cols * v]!;
        if (!p) continue;
        const l = labelmap ? labelOf(p) : labelOf(f.segment);
        if (!l) continue;
        labels[base + i + nx * j] = l;
        if (l > maxLabel) maxLabel = l;
      }
    }
  }
  if (placed === 0 && frames.length > 0)
    throw new RadiomicsError(
      'ERR_RADIOMICS_GEOMETRY_MISMATCH',
      `${path}: none of its ${frames.length} frames lies on a slice of the image grid; is this the segmentation of this image?`,
    );
  const data = maxLabel <= 255 ? Uint8Array.from(labels) : Uint16Array.from(labels);
  return { data, shape: [nx, ny, nz], spacing: [...gs], origin: [...go], direction: [...gd] };
}
