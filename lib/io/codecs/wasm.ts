/**
 * The WebAssembly / JavaScript decoders from npm, each loaded on first use (a file in that transfer syntax),
 * so reading NIfTI or uncompressed DICOM never pays for them. The .wasm files are read from the installed
 * packages (no network): CharLS (JPEG-LS), OpenJPEG (JPEG 2000), OpenJPH (HTJ2K), libjpeg-turbo (8-bit JPEG).
 */
import type { FrameInfo } from './types.js';

/** An Emscripten/embind decoder object as the @cornerstonejs codecs expose it. */
interface EmbindDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned?: boolean };
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
type EmbindModule = Record<string, new () => EmbindDecoder>;
type Factory = (options: object) => Promise<EmbindModule>;

const loaded = new Map<string, Promise<EmbindModule>>();

/** Loads a codec module once; its console output (OpenJPEG logs every header) is silenced. */
function load(name: string, factory: () => Factory): Promise<EmbindModule> {
  let p = loaded.get(name);
  if (!p) {
    const quiet = () => undefined;
    p = Promise.resolve(factory()({ print: quiet, printErr: quiet }));
    loaded.set(name, p);
  }
  return p;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const MODULES = {
  'jpeg-ls': {
    exportName: 'JpegLSDecoder',
    factory: () => require('@cornerstonejs/codec-charls/decodewasmjs') as Factory,
  },
  j2k: { exportName: 'J2KDecoder', factory: () => require('@cornerstonejs/codec-openjpeg/decodewasmjs') as Factory },
  htj2k: { exportName: 'HTJ2KDecoder', factory: () => require('@cornerstonejs/codec-openjph/wasmjs') as Factory },
  jpeg: {
    exportName: 'JPEGDecoder',
    factory: () => require('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs') as Factory,
  },
} as const;
/* eslint-enable @typescript-eslint/no-require-imports */

export type WasmCodec = keyof typeof MODULES;

/** Decodes one frame with an embind codec; returns the decoded bytes and the bytes per sample. */
export async function decodeWasm(
  codec: WasmCodec,
  frame: Uint8Array,
  info: FrameInfo,
): Promise<{ bytes: Uint8Array; bytesPerSample: number }> {
  const m = MODULES[codec];
  const mod = await load(codec, m.factory);
  const decoder = new mod[m.exportName]!();
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const fi = decoder.getFrameInfo();
    if (fi.width !== info.cols || fi.height !== info.rows)
      throw new Error(`the codestream is ${fi.width}x${fi.height}, the header says ${info.cols}x${info.rows}`);
    if (fi.componentCount !== info.samplesPerPixel)
      throw new Error(`the codestream has ${fi.componentCount} components, the header says ${info.samplesPerPixel}`);
    // getDecodedBuffer is a view into the WASM heap: copy it before the decoder is deleted.
    const bytes = decoder.getDecodedBuffer().slice();
    return { bytes, bytesPerSample: fi.bitsPerSample > 8 ? 2 : 1 };
  } finally {
    decoder.delete();
  }
}
