/**
 * DICOM RT Structure Set (RTSTRUCT) -> a voxel mask on the grid of the image it was drawn on.
 *
 * One ROI is picked by name (StructureSetROISequence > ROIName; case-insensitive when the exact name is not
 * there) or number. Its CLOSED_PLANAR contours are mapped into the image's continuous voxel coordinates and
 * rasterised slice by slice: a voxel is inside when its centre is inside the contours of its slice by the
 * even-odd rule, taken over all of that slice's contours together, so a contour inside another is a hole
 * (and one inside a hole an island again). A contour is put on the slice nearest to its plane; contours more
 * than half a slice off the grid are ignored. POINT and OPEN_* contours have no inside and are ignored.
 */
import { RadiomicsError } from '../errors.js';
import type { NormalisedVolume } from '../volume.js';
import { dicomSeriesInfo, formatError, str, type DataSet, type DicomFile } from './dicom.js';

const T = {
  FrameOfReferenceUID: 'x00200052',
  StructureSetROISequence: 'x30060020',
  ROINumber: 'x30060022',
  ReferencedFrameOfReferenceUID: 'x30060024',
  ROIName: 'x30060026',
  ROIContourSequence: 'x30060039',
  ContourSequence: 'x30060040',
  ContourGeometricType: 'x30060042',
  ContourData: 'x30060050',
  ReferencedROINumber: 'x30060084',
} as const;

export interface RtstructRoi {
  number: number;
  name: string;
  frameOfReferenceUid: string | undefined;
}

function items(ds: DataSet, tag: string): DataSet[] {
  return (ds.elements[tag]?.items ?? []).map((it) => it.dataSet).filter((d): d is DataSet => d !== undefined);
}

/** The ROIs a structure set defines. */
export function rtstructRois(ds: DataSet): RtstructRoi[] {
  return items(ds, T.StructureSetROISequence).map((it) => ({
    number: it.intString(T.ROINumber) ?? NaN,
    name: (str(it, T.ROIName) ?? '').trim(),
    frameOfReferenceUid: str(it, T.ReferencedFrameOfReferenceUID),
  }));
}

export function pickRoi(path: string, rois: RtstructRoi[], roi: string | undefined, what = 'ROI'): RtstructRoi {
  const list = () => rois.map((r) => `'${r.name}' (${r.number})`).join(', ');
  if (rois.length === 0) formatError(path, `defines no ${what}s`);
  if (roi === undefined) {
    if (rois.length === 1) return rois[0]!;
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${path}: defines ${rois.length} ${what}s; choose one by name or number (--roi): ${list()}`,
    );
  }
  const exact = rois.filter((r) => r.name === roi);
  const loose = exact.length ? exact : rois.filter((r) => r.name.toLowerCase() === roi.trim().toLowerCase());
  if (loose.length === 1) return loose[0]!;
  if (loose.length > 1)
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${path}: several ${what}s are named '${roi}': ${list()}; choose one by number`,
    );
  const byNumber = /^\d+$/.test(roi.trim()) ? rois.filter((r) => r.number === Number(roi)) : [];
  if (byNumber.length === 1) return byNumber[0]!;
  throw new RadiomicsError(
    'ERR_RADIOMICS_INVALID_ARGUMENT',
    `${path}: no ${what} named '${roi}'; it defines ${list()}`,
  );
}

/** Contour polygons of one ROI, in patient coordinates (mm). */
export function roiContours(ds: DataSet, roiNumber: number): { type: string; points: Float64Array }[] {
  const contours = items(ds, T.ROIContourSequence).filter((it) => it.intString(T.ReferencedROINumber) === roiNumber);
  const out: { type: string; points: Float64Array }[] = [];
  for (const rc of contours)
    for (const c of items(rc, T.ContourSequence)) {
      const raw = c.string(T.ContourData) ?? '';
      const pts = Float64Array.from(
        raw.split('\\').filter((s) => s.trim() !== ''),
        Number,
      );
      out.push({ type: (str(c, T.ContourGeometricType) ?? 'CLOSED_PLANAR').trim().toUpperCase(), points: pts });
    }
  return out;
}

/**
 * Rasterises polygons given in continuous voxel coordinates (x, y) of one slice of nx x ny voxels, by the
 * even-odd rule over all of them: writes `value` into `out` (offset `base`) for each voxel centre inside.
 */
export function fillEvenOdd(
  polys: Float64Array[],
  nx: number,
  ny: number,
  out: { [i: number]: number },
  base: number,
  value: number,
): void {
  // Edges with their y extent, for a scanline fill.
  const edges: number[] = [];
  let yMin = Infinity,
    yMax = -Infinity;
  for (const p of polys) {
    const m = p.length / 2;
    for (let k = 0; k < m; k++) {
      const x0 = p[2 * k]!,
        y0 = p[2 * k + 1]!;
      const k1 = (k + 1) % m;
      const x1 = p[2 * k1]!,
        y1 = p[2 * k1 + 1]!;
      if (y0 === y1) continue;
      edges.push(x0, y0, x1, y1);
      yMin = Math.min(yMin, y0, y1);
      yMax = Math.max(yMax, y0, y1);
    }
  }
  const xs: number[] = [];
  for (let y = Math.max(0, Math.ceil(yMin)); y <= Math.min(ny - 1, Math.floor(yMax)); y++) {
    xs.length = 0;
    for (let e = 0; e < edges.length; e += 4) {
      const x0 = edges[e]!,
        y0 = edges[e + 1]!,
        x1 = edges[e + 2]!,
        y1 = edges[e + 3]!;
      // Half-open rule: an edge counts for the scanline when exactly one end is above it.
      if (y0 <= y !== y1 <= y) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
    }
    xs.sort((a, b) => a - b);
    // A centre x is inside when an odd number of crossings lie to its right: x in [xs[2m], xs[2m+1]).
    for (let m = 0; m + 1 < xs.length; m += 2) {
      const from = Math.max(0, Math.ceil(xs[m]!));
      const to = Math.min(nx - 1, Math.ceil(xs[m + 1]!) - 1);
      for (let x = from; x <= to; x++) out[base + x + nx * y] = value;
    }
  }
}

export interface RtstructOptions {
  roi?: string;
  label?: number;
}

/** Rasterises one ROI of an RTSTRUCT onto the grid of `image`. */
export function rasteriseRtstruct(
  file: DicomFile,
  image: NormalisedVolume,
  options: RtstructOptions = {},
): NormalisedVolume {
  const { path, ds } = file;
  const roi = pickRoi(path, rtstructRois(ds), options.roi);
  const label = options.label ?? 1;
  if (!Number.isInteger(label) || label < 1 || label > 255)
    throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', `label must be an integer in 1..255, got ${label}`);
  const info = dicomSeriesInfo(image);
  const roiFor = roi.frameOfReferenceUid ?? str(ds, T.FrameOfReferenceUID);
  if (info?.frameOfReferenceUid && roiFor && info.frameOfReferenceUid !== roiFor)
    throw new RadiomicsError(
      'ERR_RADIOMICS_GEOMETRY_MISMATCH',
      `${path}: ROI '${roi.name}' is drawn in frame of reference ${roiFor}, the image series ${info.seriesInstanceUid} is in ${info.frameOfReferenceUid}`,
    );
  const [nx, ny, nz] = image.shape;
  const d = image.direction,
    s = image.spacing,
    o = image.origin;
  // Continuous index of a point p: i_j = (column j of direction) · (p - origin) / spacing_j (orthonormal direction).
  const toIndex = (px: number, py: number, pz: number, j: number) =>
    (d[j]! * (px - o[0]) + d[3 + j]! * (py - o[1]) + d[6 + j]! * (pz - o[2])) / s[j]!;
  const perSlice = new Map<number, Float64Array[]>();
  let closed = 0,
    offGrid = 0;
  for (const c of roiContours(ds, roi.number)) {
    if (c.type !== 'CLOSED_PLANAR') continue;
    const m = Math.floor(c.points.length / 3);
    if (m < 3) continue;
    closed++;
    const poly = new Float64Array(2 * m);
    let kSum = 0;
    for (let q = 0; q < m; q++) {
      const px = c.points[3 * q]!,
        py = c.points[3 * q + 1]!,
        pz = c.points[3 * q + 2]!;
      poly[2 * q] = toIndex(px, py, pz, 0);
      poly[2 * q + 1] = toIndex(px, py, pz, 1);
      kSum += toIndex(px, py, pz, 2);
    }
    const k = Math.round(kSum / m);
    if (k < 0 || k >= nz || Math.abs(kSum / m - k) > 0.5 + 1e-6) {
      offGrid++;
      continue;
    }
    const list = perSlice.get(k) ?? [];
    list.push(poly);
    perSlice.set(k, list);
  }
  if (closed === 0) formatError(path, `ROI '${roi.name}' has no closed planar contours`);
  if (perSlice.size === 0)
    throw new RadiomicsError(
      'ERR_RADIOMICS_GEOMETRY_MISMATCH',
      `${path}: none of the ${closed} contours of ROI '${roi.name}' lies on the image grid (${offGrid} fall outside its ${nz} slices); is this the structure set of this image series?`,
    );
  const data = new Uint8Array(nx * ny * nz);
  for (const [k, polys] of perSlice) fillEvenOdd(polys, nx, ny, data, k * nx * ny, label);
  return {
    data,
    shape: [nx, ny, nz],
    spacing: [...image.spacing],
    origin: [...image.origin],
    direction: [...image.direction],
  };
}
