/**
 * DICOM RLE Lossless (1.2.840.10008.1.2.5), PS3.5 Annex G: a 64-byte header (segment count, then up to 15
 * segment offsets) and one PackBits segment per byte plane, most significant byte first. Written here: it is
 * small and needs no dependency.
 */
import type { FrameInfo } from './types.js';

/** Decodes one RLE frame into little-endian samples of bitsAllocated / 8 bytes each (greyscale only). */
export function decodeRle(frame: Uint8Array, info: FrameInfo): Uint8Array {
  const bytesPerSample = info.bitsAllocated / 8;
  const n = info.rows * info.cols;
  if (frame.length < 64) throw new Error(`RLE frame of ${frame.length} bytes has no 64-byte header`);
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = dv.getUint32(0, true);
  if (segments !== bytesPerSample * info.samplesPerPixel)
    throw new Error(
      `RLE frame holds ${segments} segments; ${info.bitsAllocated} bits allocated x ${info.samplesPerPixel} samples need ${bytesPerSample * info.samplesPerPixel}`,
    );
  const out = new Uint8Array(n * bytesPerSample);
  for (let s = 0; s < segments; s++) {
    const start = dv.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? dv.getUint32(8 + 4 * s, true) : frame.length;
    if (start < 64 || end > frame.length || end < start)
      throw new Error(`RLE segment ${s + 1} has an invalid offset ${start}`);
    // Segment s carries byte (bytesPerSample - 1 - s) of each little-endian sample.
    const byteIndex = bytesPerSample - 1 - s;
    let i = start,
      written = 0;
    while (i < end && written < n) {
      const h = frame[i++]!;
      if (h < 128) {
        // Literal run of h + 1 bytes.
        const count = Math.min(h + 1, n - written, end - i);
        for (let k = 0; k < count; k++) out[(written + k) * bytesPerSample + byteIndex] = frame[i + k]!;
        i += h + 1;
        written += count;
      } else if (h > 128) {
        // Replicate the next byte 257 - h times.
        if (i >= end) break;
        const v = frame[i++]!;
        const count = Math.min(257 - h, n - written);
        for (let k = 0; k < count; k++) out[(written + k) * bytesPerSample + byteIndex] = v;
        written += count;
      } // h === 128: no operation
    }
    if (written < n) throw new Error(`RLE segment ${s + 1} decodes to ${written} of ${n} pixels (truncated data)`);
  }
  return out;
}
