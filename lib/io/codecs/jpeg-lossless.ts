/**
 * JPEG lossless, ITU-T T.81 process 14 (Huffman, non-hierarchical; DICOM 1.2.840.10008.1.2.4.57 and .4.70 SV1),
 * greyscale: the predictors of Table H.1 (selection values 1-7), point transform, restart intervals, 2-16 bits.
 * Written here: jpeg-lossless-decoder-js 2.1.2 decoded one pixel wrong (the last of a 204x201 slice of the IBSI
 * CT phantom encoded by dcmtk with selection value 6), and the decoder is small.
 */
import type { FrameInfo } from './types.js';

interface Huffman {
  /** For codes of up to LOOKAHEAD bits: (length << 8 | symbol) indexed by the next LOOKAHEAD bits; 0 = longer code. */
  fast: Uint16Array;
  /** Per code length l (1..16): largest code of that length (-1 when none), and the index of its first symbol. */
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  symbols: Uint8Array;
}

const LOOKAHEAD = 9;

function buildHuffman(counts: Uint8Array, symbols: Uint8Array): Huffman {
  const maxCode = new Int32Array(18).fill(-1),
    valPtr = new Int32Array(17),
    minCode = new Int32Array(17);
  const fast = new Uint16Array(1 << LOOKAHEAD);
  let code = 0,
    k = 0;
  for (let l = 1; l <= 16; l++) {
    const n = counts[l - 1]!;
    if (n) {
      valPtr[l] = k;
      minCode[l] = code;
      for (let i = 0; i < n; i++, k++, code++) {
        if (l <= LOOKAHEAD) {
          const shift = LOOKAHEAD - l;
          for (let j = 0; j < 1 << shift; j++) fast[(code << shift) | j] = (l << 8) | symbols[k]!;
        }
      }
      maxCode[l] = code - 1;
    }
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { fast, maxCode, valPtr, minCode, symbols };
}

class BitReader {
  private acc = 0;
  private bits = 0;
  /** A marker (0xFF followed by a non-zero byte) was met: further bits read as zeros. */
  marker = -1;
  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    while (this.bits <= 24) {
      let byte = 0;
      if (this.marker < 0 && this.pos < this.data.length) {
        byte = this.data[this.pos]!;
        if (byte === 0xff) {
          const next = this.data[this.pos + 1] ?? 0xd9;
          if (next === 0) this.pos += 2;
          else {
            this.marker = next;
            byte = 0;
          }
        } else this.pos++;
      }
      this.acc = ((this.acc << 8) | byte) >>> 0;
      this.bits += 8;
    }
  }

  peek(n: number): number {
    if (this.bits < n) this.fill();
    return (this.acc >>> (this.bits - n)) & ((1 << n) - 1);
  }

  skip(n: number): void {
    this.bits -= n;
    this.acc &= this.bits >= 32 ? 0xffffffff : (2 ** this.bits - 1) >>> 0;
  }

  read(n: number): number {
    if (n === 0) return 0;
    const v = this.peek(n);
    this.skip(n);
    return v;
  }

  decode(h: Huffman): number {
    const e = h.fast[this.peek(LOOKAHEAD)]!;
    if (e) {
      this.skip(e >> 8);
      return e & 0xff;
    }
    let code = this.read(LOOKAHEAD),
      l = LOOKAHEAD;
    while (code > h.maxCode[l]!) {
      code = (code << 1) | this.read(1);
      if (++l > 16) throw new Error('invalid Huffman code in the JPEG lossless stream');
    }
    return h.symbols[h.valPtr[l]! + code - h.minCode[l]!]!;
  }

  /** Skips to the restart marker RSTn and past it; resets the bit buffer. */
  restart(): void {
    this.acc = 0;
    this.bits = 0;
    let p = this.pos;
    while (
      p + 1 < this.data.length &&
      !(this.data[p] === 0xff && this.data[p + 1]! >= 0xd0 && this.data[p + 1]! <= 0xd7)
    )
      p++;
    if (p + 1 >= this.data.length) throw new Error('restart marker missing in the JPEG lossless stream');
    this.pos = p + 2;
    this.marker = -1;
  }
}

/** Decodes a JPEG lossless frame into little-endian samples (1 byte when precision <= 8, else 2). */
export function decodeJpegLossless(data: Uint8Array, info: FrameInfo): { bytes: Uint8Array; bytesPerSample: number } {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new Error('no JPEG start-of-image marker');
  const tables: (Huffman | undefined)[] = [];
  let precision = 0,
    rows = 0,
    cols = 0,
    restartInterval = 0;
  let pos = 2;
  const u16 = (p: number) => (data[p]! << 8) | data[p + 1]!;
  for (;;) {
    while (pos < data.length && data[pos] !== 0xff) pos++;
    while (pos < data.length && data[pos] === 0xff) pos++;
    if (pos >= data.length) throw new Error('no start-of-scan marker');
    const marker = data[pos++]!;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) continue; // markers without a length
    const len = u16(pos);
    const seg = pos + 2,
      end = pos + len;
    if (marker === 0xc4) {
      // DHT: one or more tables.
      let p = seg;
      while (p < end) {
        const id = data[p]! & 0x0f;
        const counts = data.subarray(p + 1, p + 17);
        const n = counts.reduce((s, c) => s + c, 0);
        tables[id] = buildHuffman(counts, data.subarray(p + 17, p + 17 + n));
        p += 17 + n;
      }
    } else if (marker === 0xc3) {
      precision = data[seg]!;
      rows = u16(seg + 1);
      cols = u16(seg + 3);
      if (data[seg + 5] !== 1)
        throw new Error(`${data[seg + 5]} components: only greyscale JPEG lossless is supported`);
    } else if (marker === 0xdd) restartInterval = u16(seg);
    else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      throw new Error(
        `JPEG process of marker 0xFF${marker.toString(16).toUpperCase()} is not lossless process 14 (SOF3)`,
      );
    else if (marker === 0xda) {
      if (!precision) throw new Error('start of scan before the SOF3 frame header');
      if (data[seg] !== 1) throw new Error('a scan of several components is not supported');
      const table = tables[data[seg + 2]! >> 4];
      if (!table) throw new Error('the scan uses an undefined Huffman table');
      const predictor = data[seg + 3]!;
      const pointTransform = data[seg + 5]! & 0x0f;
      if (predictor < 1 || predictor > 7) throw new Error(`predictor (selection value) ${predictor} is not 1-7`);
      if (rows !== info.rows || cols !== info.cols)
        throw new Error(`the codestream is ${cols}x${rows}, the header says ${info.cols}x${info.rows}`);
      const out = new Uint16Array(rows * cols);
      decodeScan(
        new BitReader(data, end),
        table,
        out,
        rows,
        cols,
        predictor,
        precision,
        pointTransform,
        restartInterval,
      );
      const bytesPerSample = precision > 8 ? 2 : 1;
      if (bytesPerSample === 2) return { bytes: new Uint8Array(out.buffer), bytesPerSample };
      return { bytes: Uint8Array.from(out), bytesPerSample };
    }
    pos = end;
  }
}

function decodeScan(
  bits: BitReader,
  table: Huffman,
  out: Uint16Array,
  rows: number,
  cols: number,
  predictor: number,
  precision: number,
  pt: number,
  restartInterval: number,
): void {
  const initial = 1 << (precision - pt - 1);
  const mask = (1 << (precision - pt)) - 1;
  // Samples are kept point-transformed (shifted right by pt) while predicting; shifted back at the end.
  // Restart intervals are supported when they hold whole lines (as encoders write them for lossless JPEG).
  if (restartInterval && restartInterval % cols !== 0)
    throw new Error(
      `a restart interval of ${restartInterval} samples that is not a whole number of ${cols}-sample lines is not supported`,
    );
  for (let y = 0; y < rows; y++) {
    const row = y * cols,
      above = row - cols;
    // H.1.2.1: the first line of the scan and of each restart interval is predicted from the left (Ra), its
    // first sample from 2^(P-Pt-1); the first sample of any other line from the one above (Rb).
    let firstLine = y === 0;
    if (restartInterval && y > 0 && row % restartInterval === 0) {
      bits.restart();
      firstLine = true;
    }
    for (let x = 0; x < cols; x++) {
      const ssss = bits.decode(table);
      let diff: number;
      if (ssss === 0) diff = 0;
      else if (ssss === 16) diff = 32768;
      else {
        diff = bits.read(ssss);
        if (diff < 1 << (ssss - 1)) diff -= (1 << ssss) - 1;
      }
      let pred: number;
      if (x === 0) pred = firstLine ? initial : out[above]!;
      else if (firstLine) pred = out[row + x - 1]!;
      else {
        const ra = out[row + x - 1]!,
          rb = out[above + x]!,
          rc = out[above + x - 1]!;
        switch (predictor) {
          case 1:
            pred = ra;
            break;
          case 2:
            pred = rb;
            break;
          case 3:
            pred = rc;
            break;
          case 4:
            pred = ra + rb - rc;
            break;
          case 5:
            pred = ra + ((rb - rc) >> 1);
            break;
          case 6:
            pred = rb + ((ra - rc) >> 1);
            break;
          default:
            pred = (ra + rb) >> 1;
        }
      }
      out[row + x] = (pred + diff) & mask;
    }
  }
  if (pt) for (let i = 0; i < out.length; i++) out[i] = out[i]! << pt;
}
