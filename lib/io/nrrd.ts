/**
 * NRRD (teem's "nearly raw raster data", NRRD0001..NRRD0005) reader and writer: attached (.nrrd) and detached
 * (.nhdr + data file, LIST or %d file patterns) data; raw, gzip, ascii and hex encodings; either endianness;
 * every scalar type (64-bit integers become float64 when they fit exactly).
 *
 * Geometry follows ITK's NrrdImageIO: `space directions` (one vector per spatial axis, `none` for a
 * non-spatial axis) give spacing (the vector length) and direction (the unit vector); `space origin` the
 * centre of the first voxel. Vectors in right-anterior-superior (RAS) or left-anterior-superior (LAS) space are
 * converted to LPS, the frame of the returned volume; scanner-xyz / 3D-right-handed are taken as they are.
 * Without space directions, `spacings` (default 1) and an identity direction are used.
 *
 * What the reader fixes or ignores is reported in the volume's `warnings`, naming the field: a `spacings`
 * entry that is missing, nan, zero (1 mm used) or negative (its absolute value); no `endian` field for
 * multi-byte raw or gzip data (little endian assumed; teem would refuse the file); data after the samples
 * the header describes (ignored, as teem does). gzip data is inflated only as far as the header needs (see
 * inflate.ts), so a gzip bomb costs what its header says.
 */
import { promises as fs } from 'node:fs';
import * as pathlib from 'node:path';
import * as zlib from 'node:zlib';
import { RadiomicsError } from '../errors.js';
import { normaliseVolume, type NormalisedVolume, type Volume, type VoxelArray } from '../volume.js';
import { BoundedGunzip, describeTrailing, type Trailing } from './inflate.js';
import { isNrrdBytes } from './sniff.js';

type ScalarType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float' | 'double';

const TYPE_NAMES: Record<string, ScalarType> = {};
for (const [t, names] of Object.entries({
  int8: ['signed char', 'int8', 'int8_t'],
  uint8: ['uchar', 'unsigned char', 'uint8', 'uint8_t'],
  int16: ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t'],
  uint16: ['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t'],
  int32: ['int', 'signed int', 'int32', 'int32_t'],
  uint32: ['uint', 'unsigned int', 'uint32', 'uint32_t'],
  int64: ['longlong', 'long long', 'long long int', 'signed long long', 'signed long long int', 'int64', 'int64_t'],
  uint64: ['ulonglong', 'unsigned long long', 'unsigned long long int', 'uint64', 'uint64_t'],
  float: ['float'],
  double: ['double'],
} as Record<ScalarType, string[]>))
  for (const n of names) TYPE_NAMES[n] = t as ScalarType;

const TYPES: Record<
  ScalarType,
  { bytes: number; ctor: new (n: number) => VoxelArray; read: (dv: DataView, off: number, le: boolean) => number }
> = {
  int8: { bytes: 1, ctor: Int8Array, read: (dv, o) => dv.getInt8(o) },
  uint8: { bytes: 1, ctor: Uint8Array, read: (dv, o) => dv.getUint8(o) },
  int16: { bytes: 2, ctor: Int16Array, read: (dv, o, le) => dv.getInt16(o, le) },
  uint16: { bytes: 2, ctor: Uint16Array, read: (dv, o, le) => dv.getUint16(o, le) },
  int32: { bytes: 4, ctor: Int32Array, read: (dv, o, le) => dv.getInt32(o, le) },
  uint32: { bytes: 4, ctor: Uint32Array, read: (dv, o, le) => dv.getUint32(o, le) },
  int64: { bytes: 8, ctor: Float64Array, read: (dv, o, le) => Number(dv.getBigInt64(o, le)) },
  uint64: { bytes: 8, ctor: Float64Array, read: (dv, o, le) => Number(dv.getBigUint64(o, le)) },
  float: { bytes: 4, ctor: Float32Array, read: (dv, o, le) => dv.getFloat32(o, le) },
  double: { bytes: 8, ctor: Float64Array, read: (dv, o, le) => dv.getFloat64(o, le) },
};

/** Space names (and their short forms) -> the sign flips that take vectors in them to LPS. */
const SPACES: Record<string, [number, number, number]> = {
  'right-anterior-superior': [-1, -1, 1],
  ras: [-1, -1, 1],
  'left-anterior-superior': [1, -1, 1],
  las: [1, -1, 1],
  'left-posterior-superior': [1, 1, 1],
  lps: [1, 1, 1],
  'scanner-xyz': [1, 1, 1],
  '3d-right-handed': [1, 1, 1],
};

function formatError(path: string, message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_FILE_FORMAT', `${path}: ${message}`);
}

export interface NrrdHeader {
  version: number;
  fields: Map<string, string>;
  /** key:=value pairs. */
  keyValues: Map<string, string>;
  /** Lines after `data file: LIST`. */
  dataFileList: string[];
  /** Byte offset of attached data (just after the blank line ending the header), or -1 when there is none. */
  dataOffset: number;
}

export { isNrrdBytes };

export function parseNrrdHeader(path: string, bytes: Buffer): NrrdHeader {
  if (!isNrrdBytes(bytes)) formatError(path, 'not a NRRD file (no NRRD000x magic)');
  // The header ends at the first empty line; the data (if attached) starts right after it.
  let end = -1,
    dataOffset = -1;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) {
      end = i;
      dataOffset = i + 2;
      break;
    }
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) {
      end = i;
      dataOffset = i + 3;
      break;
    }
  }
  const text = bytes.subarray(0, end < 0 ? bytes.length : end).toString('latin1');
  const lines = text.split(/\r?\n/);
  const version = Number(lines[0]!.trim().slice(7));
  if (!(version >= 1 && version <= 5)) formatError(path, `unsupported NRRD version '${lines[0]!.trim()}'`);
  const fields = new Map<string, string>();
  const keyValues = new Map<string, string>();
  const dataFileList: string[] = [];
  let inList = false;
  for (const raw of lines.slice(1)) {
    const line = raw.replace(/\s+$/, '');
    if (inList) {
      if (line) dataFileList.push(line);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const kv = line.indexOf(':=');
    const colon = line.indexOf(': ');
    if (kv >= 0 && (colon < 0 || kv < colon)) {
      keyValues.set(line.slice(0, kv), line.slice(kv + 2));
      continue;
    }
    if (colon < 0) formatError(path, `malformed header line '${line}'`);
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 2).trim();
    fields.set(
      field === 'datafile'
        ? 'data file'
        : field === 'lineskip'
          ? 'line skip'
          : field === 'byteskip'
            ? 'byte skip'
            : field,
      value,
    );
    if ((field === 'data file' || field === 'datafile') && /^LIST(\s|$)/.test(value)) inList = true;
  }
  return { version, fields, keyValues, dataFileList, dataOffset };
}

/** "(1,0,0) none (0,0,2.5)" -> [[1,0,0], null, [0,0,2.5]]. */
function parseVectors(path: string, field: string, value: string): (number[] | null)[] {
  const out: (number[] | null)[] = [];
  const re = /\(([^)]*)\)|none/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    if (m[0] === 'none') out.push(null);
    else {
      const v = m[1]!.split(',').map((x) => Number(x.trim()));
      if (!v.every(Number.isFinite)) formatError(path, `'${field}' has a non-numeric vector '${m[0]}'`);
      out.push(v);
    }
  }
  return out;
}

function skipLines(path: string, data: Buffer, lineSkip: number): Buffer {
  let buf = data;
  for (let l = 0; l < lineSkip; l++) {
    const nl = buf.indexOf(0x0a);
    if (nl < 0) formatError(path, `line skip ${lineSkip} passes the end of the data`);
    buf = buf.subarray(nl + 1);
  }
  return buf;
}

/**
 * The decoded bytes of one data chunk (after `line skip`), and what follows the `need` bytes the header
 * describes. gzip is inflated to `need` bytes (plus a bounded look past them), never further.
 */
async function decodeEncoding(
  path: string,
  encoding: string,
  data: Buffer,
  lineSkip: number,
  need: number,
): Promise<{ buf: Buffer; trailing: Trailing }> {
  const buf = skipLines(path, data, lineSkip);
  switch (encoding) {
    case 'raw':
    case 'txt':
    case 'text':
    case 'ascii':
    case 'hex':
      return { buf, trailing: { kind: 'none' } };
    case 'gzip':
    case 'gz': {
      const gz = new BoundedGunzip(buf);
      let out: Buffer;
      try {
        out = await gz.prefix(need);
      } catch (e) {
        gz.close();
        formatError(path, `corrupt gzip data (${(e as Error).message})`);
      }
      if (out.length < need) return { buf: out, trailing: { kind: 'none' } };
      const after = await gz.trailing(need);
      if (after.error) formatError(path, `corrupt gzip data after the samples (${after.error.message})`);
      return { buf: out, trailing: after.trailing };
    }
    case 'bzip2':
    case 'bz2':
      formatError(path, 'bzip2-encoded NRRD data is not supported; re-save it with raw or gzip encoding');
    // eslint-disable-next-line no-fallthrough
    default:
      formatError(path, `unknown NRRD encoding '${encoding}'`);
  }
}

async function readDataFile(path: string): Promise<Buffer> {
  try {
    return await fs.readFile(path);
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_FILE_READ',
      `${path}: cannot read the NRRD data file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
}

/** The data file names of a header: one file, a LIST, or a printf pattern `name%03d.raw min max step [subdim]`. */
function dataFiles(path: string, h: NrrdHeader): string[] | null {
  const df = h.fields.get('data file');
  if (df === undefined) return null;
  const dir = pathlib.dirname(path);
  const resolve = (f: string) => (pathlib.isAbsolute(f) ? f : pathlib.join(dir, f));
  if (/^LIST(\s|$)/.test(df)) return h.dataFileList.map(resolve);
  const parts = df.split(/\s+/);
  if (parts.length >= 4 && /%\d*d/.test(parts[0]!)) {
    const [min, max, step] = parts.slice(1, 4).map(Number) as [number, number, number];
    if (!Number.isInteger(min) || !Number.isInteger(max) || !Number.isInteger(step) || step === 0)
      formatError(path, `bad data file pattern '${df}'`);
    const files: string[] = [];
    for (let i = min; step > 0 ? i <= max : i >= max; i += step)
      files.push(
        resolve(
          parts[0]!.replace(/%(0?)(\d*)d/, (_, zero: string, width: string) =>
            String(i).padStart(Number(width || 0), zero ? '0' : ' '),
          ),
        ),
      );
    return files;
  }
  return [resolve(df)];
}

export async function readNrrd(path: string, bytes: Buffer): Promise<NormalisedVolume> {
  const warnings: string[] = [];
  const h = parseNrrdHeader(path, bytes);
  const f = h.fields;
  const typeName = f.get('type');
  if (!typeName) formatError(path, "has no 'type' field");
  const type = TYPE_NAMES[typeName.toLowerCase()];
  if (!type)
    throw new RadiomicsError(
      'ERR_RADIOMICS_UNSUPPORTED_DTYPE',
      `${path}: NRRD type '${typeName}' is not supported (use an integer or floating-point scalar type)`,
    );
  const dimension = Number(f.get('dimension'));
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > 16)
    formatError(path, `invalid dimension '${f.get('dimension')}'`);
  const sizes = (f.get('sizes') ?? '').split(/\s+/).filter(Boolean).map(Number);
  if (sizes.length !== dimension || !sizes.every((s) => Number.isInteger(s) && s >= 1))
    formatError(path, `'sizes: ${f.get('sizes') ?? ''}' does not give ${dimension} positive sizes`);

  // Spatial axes: those with a space direction; without space directions, those whose kind is spatial.
  const sd = f.get('space directions');
  const directions = sd !== undefined ? parseVectors(path, 'space directions', sd) : null;
  if (directions && directions.length !== dimension)
    formatError(path, `'space directions' lists ${directions.length} entries for ${dimension} axes`);
  const kinds = f
    .get('kinds')
    ?.split(/\s+/)
    .map((k) => k.toLowerCase());
  const nonSpatialKinds = new Set([
    'vector',
    'covariant-vector',
    'normal',
    'list',
    'point',
    '2-vector',
    '3-vector',
    '4-vector',
    '3-color',
    'rgb-color',
    'hsv-color',
    'xyz-color',
    '4-color',
    'rgba-color',
    'scalar',
    'complex',
    'quaternion',
    '2d-symmetric-matrix',
    '2d-masked-symmetric-matrix',
    '2d-matrix',
    '2d-masked-matrix',
    '3d-symmetric-matrix',
    '3d-masked-symmetric-matrix',
    '3d-matrix',
    '3d-masked-matrix',
    'time',
  ]);
  const spatial = [...Array(dimension).keys()].filter((a) =>
    directions ? directions[a] !== null : !(kinds?.[a] && nonSpatialKinds.has(kinds[a]!)),
  );
  for (let a = 0; a < dimension; a++)
    if (!spatial.includes(a) && sizes[a]! > 1)
      formatError(
        path,
        `axis ${a} (${kinds?.[a] ?? 'non-spatial'}) has ${sizes[a]} samples: multi-component or time-series NRRD files are not supported, only scalar 2D/3D volumes`,
      );
  if (spatial.length < 1 || spatial.length > 3)
    formatError(path, `has ${spatial.length} spatial axes; only 2D and 3D volumes are supported`);

  const spaceName = (f.get('space') ?? '').toLowerCase();
  let flip: [number, number, number] = [1, 1, 1];
  if (spaceName) {
    const s = SPACES[spaceName];
    if (!s)
      formatError(
        path,
        `space '${f.get('space')}' is not supported (use right-anterior-superior, left-anterior-superior, left-posterior-superior or scanner-xyz)`,
      );
    flip = s;
  }
  const spaceDim = spaceName ? 3 : Number(f.get('space dimension') ?? 3);
  if (sd !== undefined && spaceDim !== 3) formatError(path, `space dimension ${spaceDim} is not supported (3 only)`);

  const shape: [number, number, number] = [1, 1, 1];
  spatial.forEach((a, k) => (shape[k] = sizes[a]!));
  const spacing: [number, number, number] = [1, 1, 1];
  const cols: number[][] = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  if (directions) {
    spatial.forEach((a, k) => {
      const v = directions[a]!;
      if (v.length !== 3) formatError(path, `space direction ${a} has ${v.length} components, expected 3`);
      const len = Math.hypot(v[0]!, v[1]!, v[2]!);
      if (!(len > 0)) formatError(path, `space direction of axis ${a} is zero`);
      spacing[k] = len;
      cols[k] = [(flip[0] * v[0]!) / len, (flip[1] * v[1]!) / len, (flip[2] * v[2]!) / len];
    });
  } else {
    const field = f.get('spacings');
    const sp = field?.split(/\s+/).map(Number);
    spatial.forEach((a, k) => {
      const s = sp?.[a];
      if (field === undefined) return; // no spacing information at all: 1 mm, as teem and ITK
      if (s !== undefined && Number.isFinite(s) && s > 0) spacing[k] = s;
      else if (s !== undefined && Number.isFinite(s) && s < 0) {
        spacing[k] = -s;
        warnings.push(`spacings: axis ${a} has spacing ${s}; its absolute value ${-s} mm used`);
      } else warnings.push(`spacings: axis ${a} has spacing '${field.split(/\s+/)[a] ?? ''}' (unknown); 1 mm used`);
    });
  }
  if (spatial.length < 3) {
    // A 2D image: complete the frame with the normal of its plane.
    if (spatial.length === 1) cols[1] = Math.abs(cols[0]![1]!) < 0.9 ? [0, 1, 0] : [1, 0, 0];
    const [a, b] = [cols[0]!, cols[1]!];
    cols[2] = [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
  }
  const originField = f.get('space origin');
  let origin: [number, number, number] = [0, 0, 0];
  if (originField !== undefined) {
    const o = parseVectors(path, 'space origin', originField)[0];
    if (!o || o.length !== 3) formatError(path, `'space origin: ${originField}' is not a 3-vector`);
    origin = [flip[0] * o[0]!, flip[1] * o[1]!, flip[2] * o[2]!];
  }

  // Data.
  const t = TYPES[type];
  const n = sizes.reduce((a, b) => a * b, 1);
  const encoding = (f.get('encoding') ?? '').toLowerCase();
  if (!encoding) formatError(path, "has no 'encoding' field");
  const endian = (f.get('endian') ?? 'little').toLowerCase();
  if (endian !== 'little' && endian !== 'big') formatError(path, `invalid endian '${f.get('endian')}'`);
  if (
    f.get('endian') === undefined &&
    TYPES[type].bytes > 1 &&
    (encoding === 'raw' || encoding === 'gzip' || encoding === 'gz')
  )
    warnings.push(
      `endian: missing for ${TYPES[type].bytes}-byte ${type} samples; little endian assumed (teem would refuse the file)`,
    );
  const lineSkip = Number(f.get('line skip') ?? 0);
  const byteSkip = Number(f.get('byte skip') ?? 0);
  if (!Number.isInteger(lineSkip) || lineSkip < 0) formatError(path, `invalid line skip '${f.get('line skip')}'`);
  if (!Number.isInteger(byteSkip) || byteSkip < -1) formatError(path, `invalid byte skip '${f.get('byte skip')}'`);
  const files = dataFiles(path, h);
  const chunks: { where: string; data: Buffer }[] = [];
  if (files) {
    if (files.length === 0) formatError(path, "'data file' names no files");
    for (const file of files) chunks.push({ where: file, data: await readDataFile(file) });
  } else {
    if (h.dataOffset < 0)
      formatError(path, 'has no data: neither attached data after the header nor a data file field');
    chunks.push({ where: path, data: bytes.subarray(h.dataOffset) });
  }
  const out = new t.ctor(n);
  const isText = encoding === 'txt' || encoding === 'text' || encoding === 'ascii';
  const perFile = n / chunks.length;
  if (!Number.isInteger(perFile))
    formatError(path, `${n} samples cannot be split evenly over ${chunks.length} data files`);
  let at = 0;
  for (const { where, data } of chunks) {
    // Decoded bytes the header describes for this chunk: byte skip + the samples (binary encodings).
    const needDecoded = (byteSkip > 0 ? byteSkip : 0) + perFile * t.bytes;
    const decoded = await decodeEncoding(where, encoding, data, lineSkip, needDecoded);
    let buf = decoded.buf;
    const trailingNote = (tr: Trailing) => {
      if (tr.kind !== 'none')
        warnings.push(
          `${where === path ? 'data' : `data file ${pathlib.basename(where)}`}: ${describeTrailing(tr)} after the ${perFile} samples the header describes; ignored`,
        );
    };
    if (isText) {
      const tokens = buf
        .toString('latin1')
        .split(/[\s,]+/)
        .filter(Boolean);
      if (tokens.length < perFile) formatError(where, `ascii data holds ${tokens.length} values, ${perFile} needed`);
      if (tokens.length > perFile)
        warnings.push(
          `${where === path ? 'data' : `data file ${pathlib.basename(where)}`}: ${tokens.length - perFile} ascii values after the ${perFile} the header describes; ignored`,
        );
      for (let i = 0; i < perFile; i++) {
        const v = Number(tokens[i]);
        if (Number.isNaN(v) && !/^nan$/i.test(tokens[i]!))
          formatError(where, `non-numeric value '${tokens[i]}' in ascii data`);
        out[at++] = v;
      }
      continue;
    }
    if (encoding === 'hex') {
      const hex = buf.toString('latin1').replace(/\s+/g, '');
      buf = Buffer.from(hex, 'hex');
    }
    const need = perFile * t.bytes;
    if (byteSkip === -1) {
      if (encoding !== 'raw') formatError(where, "'byte skip: -1' is only allowed with raw encoding");
      buf = buf.subarray(Math.max(0, buf.length - need));
    } else buf = buf.subarray(byteSkip);
    if (buf.length < need)
      formatError(
        where,
        `truncated: ${sizes.join('x')} ${type} samples need ${need} bytes${chunks.length > 1 ? ' in each data file' : ''}, the data holds ${buf.length}`,
      );
    if (byteSkip !== -1 && encoding !== 'hex')
      trailingNote(
        encoding === 'raw'
          ? buf.length > need
            ? { kind: 'bytes', count: buf.length - need }
            : { kind: 'none' }
          : decoded.trailing,
      );
    const dv = new DataView(buf.buffer, buf.byteOffset, need);
    const le = endian === 'little';
    for (let i = 0; i < perFile; i++) out[at++] = t.read(dv, i * t.bytes, le);
  }
  if ((type === 'int64' || type === 'uint64') && !out.every((v) => Number.isSafeInteger(v)))
    throw new RadiomicsError(
      'ERR_RADIOMICS_UNSUPPORTED_DTYPE',
      `${path}: 64-bit integer values beyond 2^53 cannot be represented exactly`,
    );
  const direction = [0, 1, 2].flatMap((r) => [
    cols[0]![r]!,
    cols[1]![r]!,
    cols[2]![r]!,
  ]) as NormalisedVolume['direction'];
  return {
    data: out,
    shape,
    spacing,
    origin,
    direction: direction.map((x) => x + 0) as NormalisedVolume['direction'],
    ...(warnings.length ? { warnings } : {}),
  };
}

const WRITE_TYPES: [new (...a: never[]) => VoxelArray, string][] = [
  [Uint8Array, 'uint8'],
  [Int8Array, 'int8'],
  [Int16Array, 'int16'],
  [Uint16Array, 'uint16'],
  [Int32Array, 'int32'],
  [Uint32Array, 'uint32'],
  [Float32Array, 'float'],
  [Float64Array, 'double'],
];

/** Options of writeNrrd. */
export interface WriteNrrdOptions {
  /** Data encoding; default 'gzip'. */
  encoding?: 'raw' | 'gzip';
  /** Space of the written vectors; default 'LPS' (left-posterior-superior). */
  space?: 'LPS' | 'RAS';
}

/**
 * Writes a volume as NRRD: attached data for `.nrrd`, or a `.nhdr` header plus a data file beside it
 * (`<name>.raw` or `<name>.raw.gz`). Little endian; geometry as space directions and space origin.
 */
export async function writeNrrd(path: string, volume: Volume, options: WriteNrrdOptions = {}): Promise<void> {
  const v = normaliseVolume(volume, 'volume');
  const type = WRITE_TYPES.find(([ctor]) => v.data instanceof ctor)?.[1];
  if (!type)
    throw new RadiomicsError('ERR_RADIOMICS_UNSUPPORTED_DTYPE', `cannot write ${v.data.constructor.name} as NRRD`);
  const encoding = options.encoding ?? 'gzip';
  const space = options.space ?? 'LPS';
  const flip = space === 'RAS' ? [-1, -1, 1] : [1, 1, 1];
  const vec = (a: number[]) => `(${a.map((x, k) => String(flip[k]! * x + 0)).join(',')})`;
  const dirs = [0, 1, 2].map((j) => vec([0, 1, 2].map((r) => v.direction[3 * r + j]! * v.spacing[j]!)));
  const detached = path.toLowerCase().endsWith('.nhdr');
  const dataName = `${pathlib.basename(path).replace(/\.nhdr$/i, '')}.raw${encoding === 'gzip' ? '.gz' : ''}`;
  const header = [
    'NRRD0004',
    '# Written by radiomics (writeNrrd)',
    `type: ${type}`,
    'dimension: 3',
    `space: ${space === 'RAS' ? 'right-anterior-superior' : 'left-posterior-superior'}`,
    `sizes: ${v.shape.join(' ')}`,
    `space directions: ${dirs.join(' ')}`,
    'kinds: domain domain domain',
    'endian: little',
    `encoding: ${encoding}`,
    `space origin: ${vec([...v.origin])}`,
    ...(detached ? [`data file: ${dataName}`] : []),
  ].join('\n');
  let raw = Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    raw = Buffer.from(raw);
    const b = v.data.BYTES_PER_ELEMENT;
    for (let i = 0; i < raw.length; i += b) raw.subarray(i, i + b).reverse();
  }
  const payload = encoding === 'gzip' ? zlib.gzipSync(raw) : raw;
  if (detached) {
    await fs.writeFile(pathlib.join(pathlib.dirname(path), dataName), payload);
    await fs.writeFile(path, header + '\n');
  } else await fs.writeFile(path, Buffer.concat([Buffer.from(header + '\n\n', 'latin1'), payload]));
}
