/**
 * The cases file of `radiomics batch`: a CSV with PyRadiomics' batch columns — `Image`, `Mask`, optional
 * `Label` (an integer; empty = the configuration's label) — plus optional `ROI` (RTSTRUCT ROI / SEG segment)
 * and any other columns, which are passed through to the output. Column names match case-insensitively;
 * relative paths are relative to the cases file's folder (as in PyRadiomics).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as pathlib from 'node:path';
import { RadiomicsError } from '../errors.js';
import { parseCsv } from './csv.js';
import { UsageError } from './usage.js';

export interface BatchCase {
  /** 1-based row number among the data rows of the cases file. */
  index: number;
  /** Stable identity of the row: a hash of its columns (plus -2, -3... for repeated identical rows). */
  key: string;
  /** The row's columns, as written (passed through to the output). */
  columns: Record<string, string>;
  image: string;
  mask: string;
  label?: number;
  roi?: string;
  /** A problem with the row itself (reported as its error row). */
  problem?: string;
}

export interface CasesFile {
  path: string;
  header: string[];
  cases: BatchCase[];
}

/** Output columns that input columns may not shadow. */
export const RESERVED_COLUMNS = ['status', 'error_code', 'error_message', 'diagnostics', 'features'];

function bad(message: string): never {
  throw new UsageError(message);
}

function usage(message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', message);
}

export async function readCases(path: string): Promise<CasesFile> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw new RadiomicsError(
      'ERR_RADIOMICS_FILE_READ',
      `${path}: cannot read the cases file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
  const rows = parseCsv(text);
  if (rows.length === 0) usage(`${path}: the cases file is empty; it needs a header row with Image and Mask columns`);
  const header = rows[0]!.map((h) => h.trim());
  const find = (name: string) => header.findIndex((h) => h.toLowerCase() === name);
  const iImage = find('image'),
    iMask = find('mask'),
    iLabel = find('label'),
    iRoi = find('roi');
  if (iImage < 0 || iMask < 0)
    usage(
      `${path}: the cases file needs Image and Mask columns (PyRadiomics batch format); its header is: ${header.join(', ')}`,
    );
  const dupCol = header.find((h, k) => header.indexOf(h) !== k);
  if (dupCol !== undefined) usage(`${path}: column '${dupCol}' appears twice in the header`);
  const clash = header.find((h) => RESERVED_COLUMNS.includes(h.toLowerCase()));
  if (clash) usage(`${path}: column '${clash}' would clash with the output column of that name; rename it`);
  const dir = pathlib.dirname(pathlib.resolve(path));
  const resolve = (p: string) => (p === '' || pathlib.isAbsolute(p) ? p : pathlib.join(dir, p));
  const seen = new Map<string, number>();
  const cases = rows.slice(1).map((r, k): BatchCase => {
    const columns: Record<string, string> = {};
    header.forEach((h, j) => (columns[h] = (r[j] ?? '').trim()));
    const problems: string[] = [];
    if (r.length > header.length && r.slice(header.length).some((x) => x.trim() !== ''))
      problems.push(`row ${k + 2} has ${r.length} fields, the header ${header.length}`);
    const image = columns[header[iImage]!]!,
      mask = columns[header[iMask]!]!;
    if (!image) problems.push('the Image column is empty');
    if (!mask) problems.push('the Mask column is empty');
    let label: number | undefined;
    const labelText = iLabel >= 0 ? columns[header[iLabel]!]! : '';
    if (labelText !== '') {
      label = Number(labelText);
      if (!Number.isInteger(label)) problems.push(`Label '${labelText}' is not an integer`);
    }
    const identity = createHash('sha256')
      .update(JSON.stringify(header.map((h) => [h, columns[h]]).sort()))
      .digest('hex')
      .slice(0, 16);
    const n = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, n);
    return {
      index: k + 1,
      key: n === 1 ? identity : `${identity}-${n}`,
      columns,
      image: resolve(image),
      mask: resolve(mask),
      ...(label !== undefined && Number.isInteger(label) ? { label } : {}),
      ...(iRoi >= 0 && columns[header[iRoi]!] ? { roi: columns[header[iRoi]!] } : {}),
      ...(problems.length ? { problem: problems.join('; ') } : {}),
    };
  });
  return { path, header, cases };
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
  /** Where the shard came from: the --shard option or an environment variable. */
  source: string;
}

/**
 * The shard to run: `--shard i/n` (1-based), or `--shard n` with the index from the environment, or with no
 * option SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT (offset by SLURM_ARRAY_TASK_MIN). A Kubernetes indexed
 * Job's JOB_COMPLETION_INDEX (0-based) needs the count from `--shard n`.
 */
export function resolveShard(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  const envIndex = (): { index: number; source: string } | undefined => {
    if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_ID !== '')
      return {
        index: Number(env.SLURM_ARRAY_TASK_ID) - Number(env.SLURM_ARRAY_TASK_MIN ?? 0) + 1,
        source: 'SLURM_ARRAY_TASK_ID',
      };
    if (env.JOB_COMPLETION_INDEX !== undefined && env.JOB_COMPLETION_INDEX !== '')
      return { index: Number(env.JOB_COMPLETION_INDEX) + 1, source: 'JOB_COMPLETION_INDEX' };
    return undefined;
  };
  const check = (s: Shard): Shard => {
    if (!Number.isInteger(s.count) || s.count < 1 || !Number.isInteger(s.index) || s.index < 1 || s.index > s.count)
      bad(`invalid shard ${s.index}/${s.count} (from ${s.source}): the index must be 1..count`);
    return s;
  };
  if (option !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(option.trim());
    if (m) return check({ index: Number(m[1]), count: Number(m[2]), source: '--shard' });
    if (/^\d+$/.test(option.trim())) {
      const e = envIndex();
      if (!e)
        bad(
          `--shard ${option} gives the shard count only, and neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; use --shard i/n`,
        );
      return check({ index: e.index, count: Number(option), source: e.source });
    }
    bad(`--shard must be i/n (e.g. 2/8) or a count n with the index from the environment, got '${option}'`);
  }
  if (env.SLURM_ARRAY_TASK_ID && env.SLURM_ARRAY_TASK_COUNT)
    return check({ ...envIndex()!, count: Number(env.SLURM_ARRAY_TASK_COUNT) });
  if (env.JOB_COMPLETION_INDEX)
    bad(
      'JOB_COMPLETION_INDEX is set (a Kubernetes indexed Job) but the shard count is unknown: pass --shard <count> (or --shard 1/1 to run every case)',
    );
  return undefined;
}

/** The cases of one shard: row k (1-based) goes to shard ((k - 1) mod n) + 1. */
export function shardCases(cases: BatchCase[], shard: Shard | undefined): BatchCase[] {
  return shard ? cases.filter((c) => (c.index - 1) % shard.count === shard.index - 1) : cases;
}
