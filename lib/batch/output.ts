/**
 * The batch output file (CSV or JSON Lines), written so that it can always be resumed:
 *
 * - one case = one line, written with a single write of the complete line, then fsync; a kill (even -9)
 *   leaves at worst a partial last line, which opening the file drops;
 * - changes of the whole file (a CSV header gaining columns, the final sort into case order, dropping error
 *   rows to retry) write a temporary file, fsync it and rename it over the output (atomic).
 *
 * CSV columns: the cases file's columns, status, error_code, error_message, diagnostics (provenance first),
 * features. The header grows when a row brings new columns (e.g. the first successful case after errors),
 * each new column placed after the column it follows in that row, so the final order does not depend on the
 * order cases finished in.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as pathlib from 'node:path';
import { parseCsv, csvRow } from './csv.js';
import { UsageError } from './usage.js';

export type OutputFormat = 'csv' | 'jsonl';

export interface ResultRow {
  /** The cases file's columns. */
  pass: Record<string, string>;
  status: 'ok' | 'error';
  error_code: string;
  error_message: string;
  /** Provenance (case_index, case_key, config_hash, ...) then the extraction's diagnostics. */
  diagnostics: Record<string, number | string>;
  features: Record<string, number>;
}

/** What resuming needs to know of a row already in the file. */
export interface ExistingRow {
  caseKey: string;
  caseIndex: number;
  configHash: string;
  status: string;
}

export const FIXED_COLUMNS = ['status', 'error_code', 'error_message'] as const;

/** Writes a file atomically: temporary file, fsync, rename, fsync of the folder. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    writeAll(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path);
  syncDir(pathlib.dirname(path));
}

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not every platform can fsync a folder (Windows); the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

/** Reads the output file, dropping a partial last line (a write cut short by a kill). */
function readComplete(path: string): string {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
  if (text === '' || text.endsWith('\n')) return text;
  const cut = text.lastIndexOf('\n') + 1;
  fs.truncateSync(path, Buffer.byteLength(text.slice(0, cut), 'utf8'));
  return text.slice(0, cut);
}

/**
 * Merges the column list `row` into `header` (in place): each column missing from the header goes right
 * after the nearest column before it in `row` that the header has (or before the nearest one after it).
 */
export function mergeColumns(header: string[], row: string[]): boolean {
  const have = new Set(header);
  let changed = false;
  row.forEach((col, k) => {
    if (have.has(col)) return;
    let at = -1;
    for (let j = k - 1; j >= 0 && at < 0; j--) if (have.has(row[j]!)) at = header.indexOf(row[j]!) + 1;
    if (at < 0) for (let j = k + 1; j < row.length && at < 0; j++) if (have.has(row[j]!)) at = header.indexOf(row[j]!);
    if (at < 0) at = header.length;
    header.splice(at, 0, col);
    have.add(col);
    changed = true;
  });
  return changed;
}

function rowColumns(passColumns: string[], r: ResultRow): string[] {
  return [...passColumns, ...FIXED_COLUMNS, ...Object.keys(r.diagnostics), ...Object.keys(r.features)];
}

function rowValue(r: ResultRow, col: string): unknown {
  if (col in r.pass) return r.pass[col];
  if (col === 'status' || col === 'error_code' || col === 'error_message') return r[col];
  if (col in r.diagnostics) return r.diagnostics[col];
  if (col in r.features) return r.features[col];
  return '';
}

function jsonValue(v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

export function toJsonLine(r: ResultRow): string {
  const clean = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, jsonValue(v)]));
  return (
    JSON.stringify({
      ...r.pass,
      status: r.status,
      error_code: r.error_code || null,
      error_message: r.error_message || null,
      diagnostics: clean(r.diagnostics),
      features: clean(r.features),
    }) + '\n'
  );
}

/** A parsed output file: CSV header and rows as strings, or JSON Lines objects. */
export interface ParsedOutput {
  format: OutputFormat;
  header: string[];
  rows: string[][];
  objects: Record<string, unknown>[];
  /** Lines that could not be parsed (JSON Lines), by line number. */
  bad: number[];
}

export function parseOutput(text: string, format: OutputFormat): ParsedOutput {
  if (format === 'csv') {
    const all = parseCsv(text);
    return { format, header: all[0] ?? [], rows: all.slice(1), objects: [], bad: [] };
  }
  const objects: Record<string, unknown>[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((line, k) => {
    if (!line.trim()) return;
    try {
      objects.push(JSON.parse(line));
    } catch {
      bad.push(k + 1);
    }
  });
  return { format, header: [], rows: [], objects, bad };
}

/** case_key / case_index / config_hash / status of each row of a parsed output. */
export function existingRows(p: ParsedOutput): ExistingRow[] {
  if (p.format === 'csv') {
    const ix = (c: string) => p.header.indexOf(c);
    const [k, i, h, s] = [ix('case_key'), ix('case_index'), ix('config_hash'), ix('status')];
    return p.rows.map((r) => ({
      caseKey: r[k] ?? '',
      caseIndex: Number(r[i]),
      configHash: r[h] ?? '',
      status: r[s] ?? '',
    }));
  }
  return p.objects.map((o) => {
    const d = (o.diagnostics ?? {}) as Record<string, unknown>;
    return {
      caseKey: String(d.case_key ?? ''),
      caseIndex: Number(d.case_index),
      configHash: String(d.config_hash ?? ''),
      status: String(o.status ?? ''),
    };
  });
}

export function formatOf(path: string): OutputFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'csv';
}

/** Serialises a parsed output with its rows in case order (case_index, then case_key). */
export function sortedText(p: ParsedOutput): string {
  const keys = existingRows(p);
  const order = keys
    .map((_, k) => k)
    .sort(
      (a, b) =>
        keys[a]!.caseIndex - keys[b]!.caseIndex ||
        (keys[a]!.caseKey < keys[b]!.caseKey ? -1 : keys[a]!.caseKey > keys[b]!.caseKey ? 1 : 0),
    );
  if (p.format === 'csv') return csvRow(p.header) + order.map((k) => csvRow(p.rows[k]!)).join('');
  return order.map((k) => JSON.stringify(p.objects[k]) + '\n').join('');
}

/**
 * Takes `<out>.lock` (pid and host inside) so that two runs never append to one output; a lock left by a
 * process that is gone (killed) on this host is taken over. Returns the release function.
 */
export function lockOutput(path: string): () => void {
  const lock = `${path}.lock`;
  const me = `${process.pid} ${os.hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, me, { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lock, 'utf8') === me) fs.rmSync(lock, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [pid, host] = fs.readFileSync(lock, 'utf8').split(' ');
      let alive = true;
      if (host === os.hostname()) {
        try {
          process.kill(Number(pid), 0);
        } catch (err) {
          alive = (err as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (alive)
        throw new UsageError(
          `${path} is being written by another radiomics batch (pid ${pid} on ${host}); use another --out${host !== os.hostname() ? `, or delete ${lock} if that run is gone` : ''}`,
        );
      fs.rmSync(lock, { force: true });
    }
  }
  throw new UsageError(`cannot lock ${path} (${lock})`);
}

export class BatchOutput {
  private fd: number | undefined;
  private header: string[] = [];

  private constructor(
    readonly path: string,
    readonly format: OutputFormat,
    private readonly passColumns: string[],
  ) {}

  /**
   * Opens (creating or resuming) the output. Refuses a file that is not a batch output, or was written with
   * another configuration or other cases columns.
   */
  static open(
    path: string,
    format: OutputFormat,
    passColumns: string[],
    configHash: string,
    overwrite = false,
  ): { output: BatchOutput; existing: ExistingRow[] } {
    const out = new BatchOutput(path, format, passColumns);
    for (const stale of fs
      .readdirSync(pathlib.dirname(pathlib.resolve(path)))
      .filter((n) => n.startsWith(`${pathlib.basename(path)}.tmp-`)))
      fs.rmSync(pathlib.join(pathlib.dirname(pathlib.resolve(path)), stale), { force: true });
    if (overwrite) fs.rmSync(path, { force: true });
    const text = readComplete(path);
    let existing: ExistingRow[] = [];
    if (text) {
      const parsed = parseOutput(text, format);
      if (format === 'csv') {
        const h = parsed.header;
        if (!['case_key', 'config_hash', 'status'].every((c) => h.includes(c)))
          throw new UsageError(
            `${path} exists and is not a radiomics batch output (no case_key / config_hash / status columns); choose another --out, or --overwrite`,
          );
        const pass = h.slice(0, h.indexOf('status'));
        if (pass.join('\u0000') !== passColumns.join('\u0000'))
          throw new UsageError(
            `${path} was written for a cases file with the columns ${pass.join(', ')}; the cases file now has ${passColumns.join(', ')}; choose another --out, or --overwrite`,
          );
        out.header = h;
      } else if (parsed.bad.length)
        throw new UsageError(
          `${path}: lines ${parsed.bad.slice(0, 5).join(', ')} are not JSON; is it a radiomics batch output?`,
        );
      existing = existingRows(parsed);
      const other = existing.find((r) => r.configHash !== configHash);
      if (other)
        throw new UsageError(
          `${path} holds results of another configuration (config hash ${other.configHash || '(none)'}, now ${configHash}); write to another --out, or --overwrite to start again`,
        );
    }
    return { output: out, existing };
  }

  private openFd(): number {
    this.fd ??= fs.openSync(this.path, 'a');
    return this.fd;
  }

  private closeFd(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  /** Appends one case: a single write of complete line(s), then fsync. */
  append(r: ResultRow): void {
    let line: string;
    if (this.format === 'jsonl') line = toJsonLine(r);
    else {
      const cols = rowColumns(this.passColumns, r);
      if (this.header.length === 0) {
        this.header = [...cols];
        line = csvRow(this.header);
      } else {
        line = '';
        const grown = [...this.header];
        if (mergeColumns(grown, cols)) this.rewriteHeader(grown);
      }
      line += csvRow(this.header.map((c) => rowValue(r, c)));
    }
    const fd = this.openFd();
    writeAll(fd, line);
    fs.fsyncSync(fd);
  }

  /** Rewrites the CSV with a larger header (atomic). */
  private rewriteHeader(grown: string[]): void {
    this.closeFd();
    const parsed = parseOutput(readComplete(this.path), 'csv');
    const pos = this.header.map((c) => grown.indexOf(c));
    const rows = parsed.rows.map((r) => {
      const out = new Array<string>(grown.length).fill('');
      pos.forEach((p, k) => (out[p] = r[k] ?? ''));
      return out;
    });
    writeFileAtomic(this.path, csvRow(grown) + rows.map((r) => csvRow(r)).join(''));
    this.header = grown;
  }

  /** Drops the rows of these cases (to compute them again), atomically. */
  drop(caseKeys: Set<string>): void {
    this.closeFd();
    const parsed = parseOutput(readComplete(this.path), this.format);
    const keys = existingRows(parsed);
    if (this.format === 'csv') parsed.rows = parsed.rows.filter((_, k) => !caseKeys.has(keys[k]!.caseKey));
    else parsed.objects = parsed.objects.filter((_, k) => !caseKeys.has(keys[k]!.caseKey));
    writeFileAtomic(this.path, this.format === 'csv' && parsed.header.length === 0 ? '' : sortedText(parsed));
  }

  /** Puts the rows in case order (atomic rewrite). */
  finish(): void {
    this.closeFd();
    const text = readComplete(this.path);
    if (!text) return;
    const sorted = sortedText(parseOutput(text, this.format));
    if (sorted !== text) writeFileAtomic(this.path, sorted);
  }

  close(): void {
    this.closeFd();
  }
}
