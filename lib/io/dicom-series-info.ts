/**
 * The DICOM provenance of volumes read from DICOM, kept apart from the DICOM reader so that code that only
 * asks for it (and reading NIfTI or NRRD files) never loads the DICOM parser.
 */

/** What a volume read from DICOM came from; RTSTRUCT and SEG readers check the frame of reference with it. */
export interface DicomSeriesInfo {
  /** SeriesInstanceUID (0020,000E). */
  seriesInstanceUid: string;
  /** FrameOfReferenceUID (0020,0052), when present. */
  frameOfReferenceUid: string | undefined;
  /** Modality (0008,0060), e.g. 'CT'. */
  modality: string;
  /** SOPInstanceUIDs in slice order (z index). */
  sopInstanceUids: string[];
}

const SERIES_INFO = new WeakMap<object, DicomSeriesInfo>();

/** The DICOM provenance of a volume returned by readImage for a DICOM series (undefined for other volumes). */
export function dicomSeriesInfo(volume: object): DicomSeriesInfo | undefined {
  return SERIES_INFO.get(volume);
}

/** Records it (the DICOM reader, for each volume it returns). */
export function rememberDicomSeriesInfo(volume: object, info: DicomSeriesInfo): void {
  SERIES_INFO.set(volume, info);
}
