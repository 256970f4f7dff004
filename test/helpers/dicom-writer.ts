/**
 * A tiny DICOM Part 10 writer (explicit VR little endian, defined lengths) for tests: CT slice series,
 * RTSTRUCTs and SEGs with exactly the tags the readers need.
 */
import * as fs from 'node:fs';

export type Value = string | number | number[] | Buffer | Item[];
export type Item = El[];
export interface El {
  tag: number;
  vr: string;
  value: Value;
  /** Written with undefined length (encapsulated pixel data: the value already holds its items and delimiter). */
  undefinedLength?: boolean;
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT']);

/** An element: tag as 'GGGG,EEEE'. */
export function el(tag: string, vr: string, value: Value): El {
  const [g, e] = tag.split(',').map((x) => parseInt(x, 16)) as [number, number];
  return { tag: (g << 16) | e, vr, value };
}

function encodeValue(vr: string, v: Value): Buffer {
  if (vr === 'SQ') return Buffer.concat((v as Item[]).map(encodeItem));
  if (Buffer.isBuffer(v)) return v.length % 2 ? Buffer.concat([v, Buffer.alloc(1)]) : v;
  const nums = typeof v === 'number' ? [v] : Array.isArray(v) ? (v as number[]) : null;
  if (nums && ['US', 'SS', 'UL', 'SL', 'FL', 'FD'].includes(vr)) {
    const size = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 }[vr as 'US']!;
    const b = Buffer.alloc(size * nums.length);
    nums.forEach((n, i) => {
      if (vr === 'US') b.writeUInt16LE(n, 2 * i);
      else if (vr === 'SS') b.writeInt16LE(n, 2 * i);
      else if (vr === 'UL') b.writeUInt32LE(n, 4 * i);
      else if (vr === 'SL') b.writeInt32LE(n, 4 * i);
      else if (vr === 'FL') b.writeFloatLE(n, 4 * i);
      else b.writeDoubleLE(n, 8 * i);
    });
    return b;
  }
  const s = nums ? nums.join('\\') : String(v);
  const pad = vr === 'UI' ? '\0' : ' ';
  return Buffer.from(s.length % 2 ? s + pad : s, 'latin1');
}

function encodeElement(e: El): Buffer {
  const value = encodeValue(e.vr, e.value);
  const long = LONG_VRS.has(e.vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(e.tag >>> 16, 0);
  head.writeUInt16LE(e.tag & 0xffff, 2);
  head.write(e.vr, 4, 'latin1');
  if (e.undefinedLength) head.writeUInt32LE(0xffffffff, 8);
  else if (long) head.writeUInt32LE(value.length, 8);
  else head.writeUInt16LE(value.length, 6);
  return Buffer.concat([head, value]);
}

function encodeDataset(els: El[]): Buffer {
  return Buffer.concat([...els].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0)).map(encodeElement));
}

function encodeItem(item: Item): Buffer {
  const body = encodeDataset(item);
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0xfffe, 0);
  head.writeUInt16LE(0xe000, 2);
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** One item (FFFE,E000) of encapsulated pixel data. */
function fragmentItem(bytes: Uint8Array): Buffer {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const body = b.length % 2 ? Buffer.concat([b, Buffer.alloc(1)]) : b;
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0xfffe, 0);
  head.writeUInt16LE(0xe000, 2);
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

/**
 * Encapsulated Pixel Data (7FE0,0010): frames given as lists of fragments; with `offsetTable` the Basic Offset
 * Table holds each frame's offset, else it is empty.
 */
export function encapsulatedPixelData(frames: Uint8Array[][], offsetTable = false): El {
  const items = frames.map((fragments) => Buffer.concat(fragments.map(fragmentItem)));
  const offsets: number[] = [];
  let o = 0;
  for (const it of items) {
    offsets.push(o);
    o += it.length;
  }
  const bot = Buffer.alloc(offsetTable ? 4 * offsets.length : 0);
  if (offsetTable) offsets.forEach((x, i) => bot.writeUInt32LE(x, 4 * i));
  const delimiter = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  return { ...el('7FE0,0010', 'OB', Buffer.concat([fragmentItem(bot), ...items, delimiter])), undefinedLength: true };
}

/** A Part 10 file: preamble, DICM, file meta (explicit VR LE) and the data set in `transferSyntax` (explicit VR LE coding). */
export function dicomBytes(els: El[], transferSyntax = '1.2.840.10008.1.2.1'): Buffer {
  const get = (tag: string) => els.find((e) => e.tag === el(tag, 'UI', '').tag)?.value as string;
  const meta = encodeDataset([
    el('0002,0001', 'OB', Buffer.from([0, 1])),
    el('0002,0002', 'UI', get('0008,0016')),
    el('0002,0003', 'UI', get('0008,0018')),
    el('0002,0010', 'UI', transferSyntax),
    el('0002,0012', 'UI', '1.2.826.0.1.3680043.9.7433.1'),
  ]);
  const groupLength = encodeElement(el('0002,0000', 'UL', meta.length));
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1'), groupLength, meta, encodeDataset(els)]);
}

export function writeDicom(file: string, els: El[], transferSyntax?: string): void {
  fs.writeFileSync(file, dicomBytes(els, transferSyntax));
}

/** RLE Lossless (PS3.5 Annex G) of one frame of 8- or 16-bit samples: one PackBits segment per byte, high byte first. */
export function rleEncode(samples: Uint8Array | Uint16Array | Int16Array): Buffer {
  const bytes = samples instanceof Uint8Array ? 1 : 2;
  const segments: Buffer[] = [];
  for (let s = 0; s < bytes; s++) {
    const plane = Uint8Array.from(samples, (v) => ((v & 0xffff) >> (8 * (bytes - 1 - s))) & 0xff);
    const out: number[] = [];
    let i = 0;
    while (i < plane.length) {
      let run = 1;
      while (i + run < plane.length && run < 128 && plane[i + run] === plane[i]) run++;
      if (run >= 3) {
        out.push(257 - run, plane[i]!);
        i += run;
      } else {
        let lit = 1;
        while (
          i + lit < plane.length &&
          lit < 128 &&
          !(plane[i + lit] === plane[i + lit + 1] && plane[i + lit] === plane[i + lit + 2])
        )
          lit++;
        out.push(lit - 1, ...plane.subarray(i, i + lit));
        i += lit;
      }
    }
    if (out.length % 2) out.push(128); // pad each segment to even length with a no-op
    segments.push(Buffer.from(out));
  }
  const header = Buffer.alloc(64);
  header.writeUInt32LE(bytes, 0);
  let offset = 64;
  segments.forEach((seg, k) => {
    header.writeUInt32LE(offset, 4 + 4 * k);
    offset += seg.length;
  });
  return Buffer.concat([header, ...segments]);
}

let uidCounter = 0;
export function uid(): string {
  return `1.2.826.0.1.3680043.9.7433.2.${process.pid}.${++uidCounter}`;
}

export interface SliceSpec {
  seriesUid: string;
  frameOfReference: string;
  position: [number, number, number];
  orientation?: number[];
  pixelSpacing?: [number, number];
  rows: number;
  cols: number;
  /** Stored values, row-major (x fastest). */
  pixels: Int16Array | Uint16Array;
  slope?: number;
  intercept?: number;
  seriesNumber?: number;
  sopInstanceUid?: string;
}

/** One CT image slice (16 bits allocated, 12 stored for unsigned data). */
export function ctSlice(s: SliceSpec): El[] {
  const signed = s.pixels instanceof Int16Array;
  return [
    el('0008,0016', 'UI', '1.2.840.10008.5.1.4.1.1.2'),
    el('0008,0018', 'UI', s.sopInstanceUid ?? uid()),
    el('0008,0060', 'CS', 'CT'),
    el('0020,000D', 'UI', '1.2.826.0.1.3680043.9.7433.3'),
    el('0020,000E', 'UI', s.seriesUid),
    el('0020,0011', 'IS', s.seriesNumber ?? 1),
    el('0020,0032', 'DS', s.position),
    el('0020,0037', 'DS', s.orientation ?? [1, 0, 0, 0, 1, 0]),
    el('0020,0052', 'UI', s.frameOfReference),
    el('0028,0002', 'US', 1),
    el('0028,0004', 'CS', 'MONOCHROME2'),
    el('0028,0010', 'US', s.rows),
    el('0028,0011', 'US', s.cols),
    el('0028,0030', 'DS', s.pixelSpacing ?? [1, 1]),
    el('0028,0100', 'US', 16),
    el('0028,0101', 'US', signed ? 16 : 12),
    el('0028,0102', 'US', signed ? 15 : 11),
    el('0028,0103', 'US', signed ? 1 : 0),
    el('0028,1052', 'DS', s.intercept ?? 0),
    el('0028,1053', 'DS', s.slope ?? 1),
    el('7FE0,0010', 'OW', Buffer.from(s.pixels.buffer, s.pixels.byteOffset, s.pixels.byteLength)),
  ];
}

export interface FrameSpec {
  position: [number, number, number];
  /** Stored values, row-major (x fastest). */
  pixels: Int16Array;
  slope?: number;
  intercept?: number;
  /** FrameAcquisitionDateTime (DT) in the frame's FrameContentSequence. */
  acquisitionDateTime?: string;
}

/**
 * An enhanced multi-frame image (Enhanced CT by default; signed 16-bit): orientation and pixel measures in the
 * shared functional groups, position, rescale and frame content per frame, frames in the order given.
 * `pixelData` replaces the native pixel data (e.g. encapsulatedPixelData for a compressed transfer syntax).
 */
export function enhancedMultiFrame(s: {
  seriesUid: string;
  frameOfReference: string;
  rows: number;
  cols: number;
  frames: FrameSpec[];
  orientation?: number[];
  pixelSpacing?: [number, number];
  sopClass?: string;
  modality?: string;
  pixelData?: El;
  extra?: El[];
}): El[] {
  const perFrame: Item[] = s.frames.map((f) => {
    const item: Item = [
      el('0020,9113', 'SQ', [[el('0020,0032', 'DS', f.position)]]),
      el('0028,9145', 'SQ', [
        [el('0028,1052', 'DS', f.intercept ?? 0), el('0028,1053', 'DS', f.slope ?? 1), el('0028,1054', 'LO', 'HU')],
      ]),
    ];
    if (f.acquisitionDateTime) item.push(el('0020,9111', 'SQ', [[el('0018,9074', 'DT', f.acquisitionDateTime)]]));
    return item;
  });
  const shared: Item = [
    el('0028,9110', 'SQ', [[el('0028,0030', 'DS', s.pixelSpacing ?? [1, 1]), el('0018,0050', 'DS', 1)]]),
    el('0020,9116', 'SQ', [[el('0020,0037', 'DS', s.orientation ?? [1, 0, 0, 0, 1, 0])]]),
  ];
  const pixels = Buffer.concat(
    s.frames.map((f) => Buffer.from(f.pixels.buffer, f.pixels.byteOffset, f.pixels.byteLength)),
  );
  const els = [
    el('0008,0016', 'UI', s.sopClass ?? '1.2.840.10008.5.1.4.1.1.2.1'),
    el('0008,0018', 'UI', uid()),
    el('0008,0060', 'CS', s.modality ?? 'CT'),
    el('0020,000D', 'UI', '1.2.826.0.1.3680043.9.7433.3'),
    el('0020,000E', 'UI', s.seriesUid),
    el('0020,0011', 'IS', 1),
    el('0020,0052', 'UI', s.frameOfReference),
    el('0028,0002', 'US', 1),
    el('0028,0004', 'CS', 'MONOCHROME2'),
    el('0028,0008', 'IS', s.frames.length),
    el('0028,0010', 'US', s.rows),
    el('0028,0011', 'US', s.cols),
    el('0028,0100', 'US', 16),
    el('0028,0101', 'US', 16),
    el('0028,0102', 'US', 15),
    el('0028,0103', 'US', 1),
    el('5200,9229', 'SQ', [shared]),
    el('5200,9230', 'SQ', perFrame),
    s.pixelData ?? el('7FE0,0010', 'OW', pixels),
  ];
  const extra = s.extra ?? [];
  return [...els.filter((e) => !extra.some((x) => x.tag === e.tag)), ...extra];
}
