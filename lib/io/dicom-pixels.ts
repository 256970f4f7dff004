/**
 * Pixel data in compressed (encapsulated) transfer syntaxes: the fragments split into frames, each frame
 * decoded (codecs/, loaded on first use) into little-endian samples and kept beside the data set, so the
 * frame reader (readFrameInto in dicom.ts) reads decoded and native pixel data the same way.
 *
 * Frames from fragments: by the Basic Offset Table when it has one entry per frame; else one fragment per frame
 * when the counts match; else all fragments for a single frame; else split where a fragment opens a new
 * codestream (JPEG / JPEG-LS SOI, JPEG 2000 SOC, JP2 signature box).
 */
import * as dicomParser from 'dicom-parser';
import { RadiomicsError } from '../errors.js';
import { decodeFrame, TRANSFER_SYNTAXES, type FrameInfo, type TransferSyntax } from './codecs/index.js';

type DataSet = dicomParser.DataSet;

const PIXEL_DATA = 'x7fe00010';
const DEFAULT_TS = '1.2.840.10008.1.2';

/** Decoded frames (little-endian samples) of data sets whose pixel data is encapsulated. */
const DECODED = new WeakMap<DataSet, Uint8Array[]>();

export function decodedFrames(ds: DataSet): Uint8Array[] | undefined {
  return DECODED.get(ds);
}

function fail(path: string, message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${path}: ${message}`);
}

export function transferSyntaxUid(ds: DataSet): string {
  const s = ds.string('x00020010');
  return s === undefined || s === '' ? DEFAULT_TS : s;
}

/** The transfer syntax of a data set, or a clear error listing those that are read. */
export function transferSyntaxOf(f: { path: string; ds: DataSet }): TransferSyntax {
  const uid = transferSyntaxUid(f.ds);
  const ts = TRANSFER_SYNTAXES[uid];
  if (!ts)
    fail(
      f.path,
      `transfer syntax ${uid} is not supported; supported: ${Object.entries(TRANSFER_SYNTAXES)
        .map(([u, t]) => `${t.name} (${u})`)
        .join(', ')}. ` + 'Convert the file first (e.g. `gdcmconv --raw`)',
    );
  return ts;
}

/** Whether the pixel data is in fragments (a compressed transfer syntax). */
export function isEncapsulated(ds: DataSet): boolean {
  return !!ds.elements[PIXEL_DATA]?.encapsulatedPixelData;
}

function startsCodestream(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  if (b[0] === 0xff && (b[1] === 0xd8 || b[1] === 0x4f)) return true; // JPEG / JPEG-LS SOI, JPEG 2000 SOC
  return b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x0c; // JP2 signature box
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The compressed bytes of each frame. */
export function encapsulatedFrames(path: string, ds: DataSet, nFrames: number): Uint8Array[] {
  const el = ds.elements[PIXEL_DATA]!;
  const fragments = el.fragments ?? [];
  if (fragments.length === 0) fail(path, 'encapsulated pixel data holds no fragments');
  const bytes = fragments.map((fr) => ds.byteArray.subarray(fr.position, fr.position + fr.length));
  const bot = el.basicOffsetTable ?? [];
  let groups: Uint8Array[][];
  if (bot.length === nFrames && nFrames > 0 && bot.length > 1) {
    groups = bot.map((start, k) => {
      const end = k + 1 < bot.length ? bot[k + 1]! : Infinity;
      return fragments.flatMap((fr, i) => (fr.offset >= start && fr.offset < end ? [bytes[i]!] : []));
    });
  } else if (nFrames === 1) groups = [bytes];
  else if (fragments.length === nFrames) groups = bytes.map((b) => [b]);
  else {
    groups = [];
    for (const b of bytes) {
      if (groups.length === 0 || startsCodestream(b)) groups.push([b]);
      else groups[groups.length - 1]!.push(b);
    }
  }
  if (groups.length !== nFrames || groups.some((g) => g.length === 0))
    fail(
      path,
      `encapsulated pixel data: ${fragments.length} fragments could not be split into the ${nFrames} frames of NumberOfFrames (no usable Basic Offset Table)`,
    );
  return groups.map(concat);
}

export function frameInfo(ds: DataSet): FrameInfo {
  const bitsAllocated = ds.uint16('x00280100') ?? 16;
  return {
    rows: ds.uint16('x00280010') ?? 0,
    cols: ds.uint16('x00280011') ?? 0,
    bitsAllocated,
    bitsStored: ds.uint16('x00280101') ?? bitsAllocated,
    signed: (ds.uint16('x00280103') ?? 0) === 1,
    samplesPerPixel: ds.uint16('x00280002') ?? 1,
  };
}

/**
 * Decodes the pixel data of a file in a compressed transfer syntax (once; a no-op for native pixel data).
 * The decoder of that syntax is loaded on first use.
 */
export async function decodePixelData(f: { path: string; ds: DataSet }): Promise<void> {
  if (!isEncapsulated(f.ds) || DECODED.has(f.ds)) return;
  const ts = transferSyntaxOf(f);
  if (!ts.codec) fail(f.path, `pixel data is encapsulated but the transfer syntax ${ts.name} is not a compressed one`);
  const info = frameInfo(f.ds);
  if (info.samplesPerPixel !== 1)
    fail(f.path, `has ${info.samplesPerPixel} samples per pixel (colour); only greyscale images are supported`);
  const nFrames = Math.max(1, f.ds.intString('x00280008') ?? 1);
  const frames = encapsulatedFrames(f.path, f.ds, nFrames);
  const out: Uint8Array[] = [];
  for (let k = 0; k < frames.length; k++) {
    try {
      out.push(await decodeFrame(ts, frames[k]!, info));
    } catch (e) {
      const what = e instanceof Error ? e.message : String(e);
      fail(
        f.path,
        `cannot decode ${nFrames > 1 ? `frame ${k + 1} of ${nFrames}` : 'the pixel data'} (${ts.name}, ${transferSyntaxUid(f.ds)}): ${what}`,
      );
    }
  }
  DECODED.set(f.ds, out);
}

/** A warning when the file's pixel data went through lossy compression (transfer syntax or LossyImageCompression). */
export function lossyCompression(ds: DataSet): string | undefined {
  const ts = TRANSFER_SYNTAXES[transferSyntaxUid(ds)];
  const flagged = (ds.string('x00282110') ?? '').trim() === '01';
  if (ts?.lossy && isEncapsulated(ds)) {
    const ratio = ds.string('x00282112');
    return `${ts.name}${ratio ? `, ratio ${ratio}` : ''}`;
  }
  if (flagged) {
    const method = ds.string('x00282114');
    return `LossyImageCompression 01${method ? ` (${method})` : ''}`;
  }
  return undefined;
}
