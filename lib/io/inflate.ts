/**
 * Bounded gzip inflation for the readers: decompresses only the bytes a header says the file holds, so a small
 * file that inflates to gigabytes (a "gzip bomb", or a header that lies) costs what the header needs and no
 * more. Streaming (node:zlib), in the order of the data: the reader asks for a prefix (the header), then for
 * the prefix it needs (header + voxels).
 *
 * After the needed bytes, up to TRAILING_CHECK_BYTES more are inflated and dropped, so that an ordinary file
 * reaches its end and its CRC is checked; what lies beyond is neither inflated nor read, and is reported as
 * trailing data (the readers accept it with a warning, as nifti1_io and teem ignore bytes after the data).
 *
 * A large prefix is inflated in one go first (zlib.gunzip into one buffer sized by the header, capped at the
 * needed bytes plus TRAILING_CHECK_BYTES): no chunk list to concatenate, no per-chunk round trips. An ordinary
 * file ends within the cap, and the result is what streaming gives. When it does not (more data than the
 * header says, or a corrupt stream), the one-shot result is dropped and streaming takes over, so the bound and
 * the errors stay those described above.
 */
import * as zlib from 'node:zlib';

/** Inflated bytes past the needed ones that are still decompressed (and dropped) to reach the stream's end. */
export const TRAILING_CHECK_BYTES = 64 * 1024;

/** Prefixes at least this long (and past what is inflated) are first tried in one go. */
const ONE_SHOT_MIN_BYTES = 1 << 20;

function gunzipCapped(compressed: Uint8Array, cap: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    // One output buffer of cap + 1 bytes: the whole stream lands in it when it fits the cap.
    zlib.gunzip(compressed, { chunkSize: cap + 1, maxOutputLength: cap }, (error, out) =>
      resolve(error ? undefined : out),
    );
  });
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** What follows the needed bytes in the inflated stream. */
export type Trailing = { kind: 'none' } | { kind: 'bytes'; count: number } | { kind: 'more-than'; count: number };

export class BoundedGunzip {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private ended = false;
  private readonly stream: zlib.Gunzip;
  private readonly iterator: AsyncIterator<Buffer>;
  private readonly compressed: Uint8Array;
  private oneShotTried = false;

  constructor(compressed: Uint8Array) {
    this.compressed = compressed;
    this.stream = zlib.createGunzip({ chunkSize: 64 * 1024 });
    this.stream.end(compressed);
    this.iterator = this.stream[Symbol.asyncIterator]();
  }

  /** Inflated so far. */
  get available(): number {
    return this.length;
  }

  /** True when the stream ended (all of it is inflated and its CRC checked). */
  get complete(): boolean {
    return this.ended;
  }

  /** Inflates the next chunk; keeps it, or only counts it. False at the end of the stream. */
  private async pull(keep = true): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.iterator.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    if (keep) this.chunks.push(r.value);
    this.length += r.value.length;
    return true;
  }

  /**
   * Inflates until `n` bytes are available (or the stream ends) and returns the first min(n, available) bytes
   * as one buffer. Throws the zlib error of a corrupt stream.
   */
  async prefix(n: number): Promise<Buffer> {
    if (!this.oneShotTried && !this.ended && n - this.length >= ONE_SHOT_MIN_BYTES) {
      this.oneShotTried = true;
      const whole = await gunzipCapped(this.compressed, n + TRAILING_CHECK_BYTES);
      if (whole) {
        this.stream.destroy();
        this.chunks.splice(0, this.chunks.length, whole);
        this.length = whole.length;
        this.ended = true;
      }
    }
    while (this.length < n && (await this.pull()));
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    if (this.chunks.length > 1) this.chunks.splice(0, this.chunks.length, all);
    return all.length > n ? all.subarray(0, n) : all;
  }

  /**
   * After prefix(n): inflates (and drops) at most TRAILING_CHECK_BYTES past byte n to find what follows, then
   * stops the stream. A zlib error met there (a damaged end past the data) is returned, not thrown.
   */
  async trailing(n: number): Promise<{ trailing: Trailing; error?: Error }> {
    let error: Error | undefined;
    try {
      // Counted, not kept.
      while (this.length <= n + TRAILING_CHECK_BYTES && (await this.pull(false)));
    } catch (e) {
      error = e as Error;
    }
    this.close();
    const extra = this.length - n;
    if (error) return { trailing: extra > 0 ? { kind: 'bytes', count: extra } : { kind: 'none' }, error };
    if (!this.ended) return { trailing: { kind: 'more-than', count: extra } };
    return { trailing: extra > 0 ? { kind: 'bytes', count: extra } : { kind: 'none' } };
  }

  close(): void {
    this.stream.destroy();
  }
}

/** Words for a warning about data after the needed bytes. */
export function describeTrailing(t: Trailing): string {
  if (t.kind === 'none') return 'no bytes';
  return t.kind === 'bytes'
    ? `${t.count} byte${t.count === 1 ? '' : 's'}`
    : `more than ${t.count} bytes (not decompressed)`;
}
