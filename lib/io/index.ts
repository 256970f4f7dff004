/** readImage(path): one entry point for every image format, returning a Volume with physical geometry. */
import { promises as fs } from 'node:fs';
import { RadiomicsError } from '../errors.js';
import type { NormalisedVolume } from '../volume.js';
import { readNifti } from './nifti.js';

export type ImageReader = (path: string, bytes: Buffer) => Promise<NormalisedVolume>;

/** Readers by file-name suffix (lower case). NRRD and DICOM join here. */
export const READERS: { suffixes: string[]; format: string; read: ImageReader }[] = [{ suffixes: ['.nii', '.nii.gz'], format: 'NIfTI', read: readNifti }];

export async function readImage(path: string): Promise<NormalisedVolume> {
  const lower = path.toLowerCase();
  const reader = READERS.find((r) => r.suffixes.some((s) => lower.endsWith(s)));
  if (!reader)
    throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${path}: unknown image format; supported: ${READERS.map((r) => `${r.format} (${r.suffixes.join(', ')})`).join('; ')}`);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    throw new RadiomicsError('ERR_RADIOMICS_FILE_READ', `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  return reader.read(path, bytes);
}

/** Reads a mask; the same as readImage (labels are the voxel values). */
export const readMask = readImage;
