/**
 * Transfer syntaxes: which are read, which are lossy, and the decoder of each compressed one. Decoded frames
 * come back as little-endian samples of bitsAllocated / 8 bytes, the layout the uncompressed reader uses, so
 * bits-stored masking, sign extension and rescale stay in one place (dicom.ts).
 */
import { decodeRle } from './rle.js';
import type { FrameInfo } from './types.js';
import { decodeJpegLossless } from './jpeg-lossless.js';
import { decodeWasm, type WasmCodec } from './wasm.js';

export type { FrameInfo } from './types.js';

type Codec = 'rle' | 'jpeg-lossless' | WasmCodec;

export interface TransferSyntax {
  name: string;
  /** Pixel data in fragments (compressed); otherwise native. */
  codec?: Codec;
  bigEndian?: boolean;
  /** The syntax allows irreversible compression: features may differ from the original image's. */
  lossy?: boolean;
}

export const TRANSFER_SYNTAXES: Record<string, TransferSyntax> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian' },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian' },
  '1.2.840.10008.1.2.1.99': { name: 'Deflated Explicit VR Little Endian' },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian', bigEndian: true },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', codec: 'rle' },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline (Process 1)', codec: 'jpeg', lossy: true },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended (Process 2 & 4)', codec: 'jpeg', lossy: true },
  '1.2.840.10008.1.2.4.57': { name: 'JPEG Lossless (Process 14)', codec: 'jpeg-lossless' },
  '1.2.840.10008.1.2.4.70': { name: 'JPEG Lossless SV1 (Process 14, Selection Value 1)', codec: 'jpeg-lossless' },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', codec: 'jpeg-ls' },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', codec: 'jpeg-ls', lossy: true },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Lossless', codec: 'j2k' },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', codec: 'j2k', lossy: true },
  '1.2.840.10008.1.2.4.201': { name: 'HTJ2K Lossless', codec: 'htj2k' },
  '1.2.840.10008.1.2.4.202': { name: 'HTJ2K Lossless RPCL', codec: 'htj2k' },
  '1.2.840.10008.1.2.4.203': { name: 'HTJ2K', codec: 'htj2k', lossy: true },
};

/** Re-lays decoded samples of `from` bytes as little-endian samples of `to` bytes (1 or 2 each). */
function resample(bytes: Uint8Array, from: number, to: number, n: number): Uint8Array {
  if (from === to) return bytes;
  const out = new Uint8Array(n * to);
  if (from === 1 && to === 2) for (let i = 0; i < n; i++) out[2 * i] = bytes[i]!;
  else if (from === 2 && to === 1) for (let i = 0; i < n; i++) out[i] = bytes[2 * i]!;
  else throw new Error(`cannot store ${8 * from}-bit decoded samples in ${8 * to} bits allocated`);
  return out;
}

/** Decodes one compressed frame; throws a plain Error saying what is wrong (the caller names the file). */
export async function decodeFrame(ts: TransferSyntax, frame: Uint8Array, info: FrameInfo): Promise<Uint8Array> {
  if (info.bitsAllocated !== 8 && info.bitsAllocated !== 16 && !(ts.codec === 'rle' && info.bitsAllocated === 32))
    throw new Error(`${info.bitsAllocated} bits allocated is not supported in ${ts.name}`);
  const n = info.rows * info.cols * info.samplesPerPixel;
  if (ts.codec === 'rle') return decodeRle(frame, info);
  if (ts.codec === 'jpeg' && info.bitsStored > 8)
    throw new Error(
      `${info.bitsStored}-bit lossy JPEG (${ts.name}) is not supported (8-bit only); decompress it first (e.g. dcmtk's dcmdjpeg)`,
    );
  const decoded =
    ts.codec === 'jpeg-lossless' ? decodeJpegLossless(frame, info) : await decodeWasm(ts.codec!, frame, info);
  const out = resample(decoded.bytes, decoded.bytesPerSample, info.bitsAllocated / 8, n);
  if (out.length < n * (info.bitsAllocated / 8))
    throw new Error(`decoded ${out.length} bytes, the header needs ${n * (info.bitsAllocated / 8)}`);
  return out;
}
