/**
 * Where each frame of a DICOM image file lies: one FrameGeometry per frame, for single-frame slices, enhanced
 * multi-frame objects (per-frame / shared functional groups: PlanePositionSequence, PlaneOrientationSequence,
 * PixelMeasuresSequence, PixelValueTransformationSequence) and classic multi-frame files (RT dose and others:
 * ImagePositionPatient of the first frame plus GridFrameOffsetVector, or SpacingBetweenSlices, along the normal).
 */
import * as pathlib from 'node:path';
import type * as dicomParser from 'dicom-parser';
import { RadiomicsError } from '../errors.js';

type DataSet = dicomParser.DataSet;
type V3 = [number, number, number];

export interface FrameGeometry {
  path: string;
  ds: DataSet;
  /** Frame index in the file (0 for single-frame files). */
  frame: number;
  /** The frame's functional groups (per-frame item), when the file has them. */
  perFrame: DataSet | undefined;
  /** For messages: the file name, with the frame number in multi-frame files. */
  label: string;
  position: V3;
  row: V3;
  col: V3;
  /** (row spacing, column spacing) as PixelSpacing. */
  pixelSpacing: [number, number];
  rows: number;
  cols: number;
  slope: number;
  intercept: number;
}

const T = {
  NumberOfFrames: 'x00280008',
  Rows: 'x00280010',
  Columns: 'x00280011',
  PixelSpacing: 'x00280030',
  ImagePositionPatient: 'x00200032',
  ImageOrientationPatient: 'x00200037',
  SpacingBetweenSlices: 'x00180088',
  RescaleIntercept: 'x00281052',
  RescaleSlope: 'x00281053',
  GridFrameOffsetVector: 'x3004000c',
  DoseGridScaling: 'x3004000e',
  SharedFunctionalGroupsSequence: 'x52009229',
  PerFrameFunctionalGroupsSequence: 'x52009230',
  PlanePositionSequence: 'x00209113',
  PlaneOrientationSequence: 'x00209116',
  PixelMeasuresSequence: 'x00289110',
  PixelValueTransformationSequence: 'x00289145',
} as const;

function fail(path: string, message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${path}: ${message}`);
}

function nums(ds: DataSet | undefined, tag: string): number[] | undefined {
  const s = ds?.string(tag);
  if (s === undefined || s.trim() === '') return undefined;
  return s.split('\\').map((x) => Number(x.trim()));
}

function normalise(a: readonly number[]): V3 {
  const n = Math.hypot(a[0]!, a[1]!, a[2]!);
  return [a[0]! / n, a[1]! / n, a[2]! / n];
}

function firstItem(ds: DataSet | undefined, tag: string): DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}

/** A functional group macro's item for one frame: the per-frame one, else the shared one. */
function group(perFrame: DataSet | undefined, shared: DataSet | undefined, tag: string): DataSet | undefined {
  return firstItem(perFrame, tag) ?? firstItem(shared, tag);
}

/** The geometry of every frame of an image file, in file order. */
export function frameGeometries(path: string, ds: DataSet): FrameGeometry[] {
  const name = pathlib.basename(path);
  const nFrames = Math.max(1, ds.intString(T.NumberOfFrames) ?? 1);
  const rows = ds.uint16(T.Rows) ?? 0,
    cols = ds.uint16(T.Columns) ?? 0;
  if (!(rows > 0 && cols > 0)) fail(path, `has invalid Rows/Columns ${rows}x${cols}`);
  const shared = firstItem(ds, T.SharedFunctionalGroupsSequence);
  const perFrameItems = ds.elements[T.PerFrameFunctionalGroupsSequence]?.items ?? [];
  const enhanced = perFrameItems.length > 0 || shared !== undefined;
  if (enhanced && perFrameItems.length !== nFrames && nFrames > 1)
    fail(
      path,
      `PerFrameFunctionalGroupsSequence has ${perFrameItems.length} items for ${nFrames} frames (NumberOfFrames)`,
    );
  const offsets = nums(ds, T.GridFrameOffsetVector);
  const out: FrameGeometry[] = [];
  for (let k = 0; k < nFrames; k++) {
    const perFrame = perFrameItems[k]?.dataSet;
    const label = nFrames > 1 ? `${name} frame ${k + 1}` : name;
    const ipp =
      nums(group(perFrame, shared, T.PlanePositionSequence), T.ImagePositionPatient) ??
      nums(ds, T.ImagePositionPatient);
    const iop =
      nums(group(perFrame, shared, T.PlaneOrientationSequence), T.ImageOrientationPatient) ??
      nums(ds, T.ImageOrientationPatient);
    const ps = nums(group(perFrame, shared, T.PixelMeasuresSequence), T.PixelSpacing) ?? nums(ds, T.PixelSpacing);
    const pvt = group(perFrame, shared, T.PixelValueTransformationSequence);
    const where = `${path}${nFrames > 1 ? ` (frame ${k + 1})` : ''}`;
    if (!ipp || ipp.length !== 3 || !ipp.every(Number.isFinite))
      fail(
        where,
        `has no valid ImagePositionPatient (0020,0032)${enhanced ? ' in its PlanePositionSequence' : ''}: cannot place the slice`,
      );
    if (!iop || iop.length !== 6 || !iop.every(Number.isFinite))
      fail(where, 'has no valid ImageOrientationPatient (0020,0037): cannot orient the slice');
    if (!ps || ps.length !== 2 || !ps.every((x) => Number.isFinite(x) && x > 0))
      fail(where, `has no valid PixelSpacing (0028,0030)${ps ? `: ${ps.join('\\')}` : ''}`);
    const row = normalise(iop.slice(0, 3));
    const col = normalise(iop.slice(3, 6));
    if (Math.abs(row[0] * col[0] + row[1] * col[1] + row[2] * col[2]) > 1e-3)
      fail(where, `ImageOrientationPatient ${iop.join('\\')} is not orthogonal`);
    let position = ipp as V3;
    if (nFrames > 1 && !enhanced) {
      // Classic multi-frame: frames stacked from the first frame's position along the normal.
      const normal: V3 = [
        row[1] * col[2] - row[2] * col[1],
        row[2] * col[0] - row[0] * col[2],
        row[0] * col[1] - row[1] * col[0],
      ];
      let along: number;
      if (offsets) {
        if (offsets.length !== nFrames || !offsets.every(Number.isFinite))
          fail(path, `GridFrameOffsetVector has ${offsets.length} values for ${nFrames} frames`);
        along = offsets[k]! - offsets[0]!;
      } else {
        const dz = ds.floatString(T.SpacingBetweenSlices);
        if (!(dz !== undefined && dz > 0))
          fail(
            path,
            `is a multi-frame image of ${nFrames} frames without per-frame positions (PerFrameFunctionalGroupsSequence, GridFrameOffsetVector or SpacingBetweenSlices): cannot place its frames`,
          );
        along = k * dz;
      }
      position = [ipp[0]! + along * normal[0], ipp[1]! + along * normal[1], ipp[2]! + along * normal[2]];
    }
    const doseScaling = ds.floatString(T.DoseGridScaling);
    const slope = pvt?.floatString(T.RescaleSlope) ?? ds.floatString(T.RescaleSlope) ?? doseScaling ?? 1;
    const intercept = pvt?.floatString(T.RescaleIntercept) ?? ds.floatString(T.RescaleIntercept) ?? 0;
    if (!Number.isFinite(slope) || !Number.isFinite(intercept))
      fail(where, `has an invalid RescaleSlope/RescaleIntercept (${slope}, ${intercept})`);
    out.push({
      path,
      ds,
      frame: k,
      perFrame,
      label,
      position,
      row,
      col,
      pixelSpacing: [ps[0]!, ps[1]!],
      rows,
      cols,
      slope,
      intercept,
    });
  }
  return out;
}
