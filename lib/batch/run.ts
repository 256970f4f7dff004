/**
 * `radiomics batch`: many cases from a PyRadiomics-style cases CSV, on a pool of worker threads, into one
 * resumable output file; `radiomics merge`: shard outputs into one; `radiomics config --print`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as pathlib from 'node:path';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { loadYaml } from '../yaml-lazy.js';
import { resolveConfig, type ExtractionConfig } from '../config.js';
import { loadConfigFile } from '../config-file.js';
import { isPyRadiomicsParams, resolvePyParams, type PyParams } from '../pyradiomics/index.js';
import { PRESETS, presetConfig } from '../presets.js';
import type { CaseResult, CaseTask } from './case.js';
import { readCases, resolveShard, shardCases, type BatchCase } from './cases.js';
import { csvRow } from './csv.js';
import {
  BatchOutput,
  existingRows,
  lockOutput,
  formatOf,
  mergeColumns,
  parseOutput,
  sortedText,
  writeFileAtomic,
  type OutputFormat,
  type ParsedOutput,
  type ResultRow,
} from './output.js';
import { Progress } from './progress.js';
import { configHash } from './provenance.js';
import { UsageError } from './usage.js';

export const BATCH_HELP = `radiomics batch — features of many cases, resumable, in parallel

Usage:
  radiomics batch <cases.csv> (--config <file> | --preset <name>) --out <file> [options]

The cases file has PyRadiomics' batch columns: Image, Mask, optional Label (an integer; empty = the
configuration's label) and optional ROI (RTSTRUCT ROI / SEG segment name); other columns are passed through.
Relative paths are relative to the cases file. Images and masks: NIfTI, NRRD, DICOM folders, RTSTRUCT, SEG.

Options:
  --out <file>           output: CSV, or JSON Lines when it ends in .jsonl/.ndjson; {shard} in the name
                         becomes the shard index. Rows already in it are kept and their cases skipped
  --config <file>        JSON or YAML configuration (see: radiomics config --print --config <file>)
  --preset <name>        a shipped configuration (${Object.keys(PRESETS).join(', ')})
  --jobs <n>             worker threads (default: the available cores, ${os.availableParallelism()} here)
  --shard <i/n | n>      run the i-th of n shares of the cases (row k goes to shard ((k-1) mod n) + 1);
                         with n alone, or no option, the index comes from SLURM_ARRAY_TASK_ID /
                         SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX (Kubernetes indexed Jobs)
  --log-format text|json progress on stderr: a live line (terminal) or a line per case; json: one object per line
  --format csv|jsonl     output format (default: from the --out suffix)
  --retry-errors         compute again the cases whose rows in --out are errors
  --overwrite            start a new --out instead of resuming it

Output columns (CSV): the cases file's columns, status (ok|error), error_code, error_message, diagnostics
(provenance first: case_index, case_key, config_hash, radiomics_version, native_isa, image_sha256,
mask_sha256, started_at, finished_at, duration_ms), then the features. A failed case is a row with
status=error; the exit code is then 1. Each row is written whole and synced, so a killed run (even kill -9)
resumes where it stopped: run the same command again. When every case is done, rows are sorted in
cases-file order.

Examples:
  radiomics batch cases.csv --config params.yaml --out features.csv
  radiomics batch cases.csv --preset ibsi1-ct-a --out features.jsonl --jobs 8 --log-format json
  # SLURM array of 10 tasks (sbatch --array=0-9), then one table:
  radiomics batch cases.csv --config params.yaml --out 'out-{shard}.csv'
  radiomics merge out-*.csv > features.csv
`;

export const MERGE_HELP = `radiomics merge — join batch outputs (e.g. of shards) into one table

Usage:
  radiomics merge <out-1.csv> <out-2.csv> ... [--out <file>]

Columns are united (in batch order), rows sorted by case_index; a case in several files is kept once (its
successful row when there is one). All files must come from the same configuration (config_hash). A partial
last line (a shard still running or killed) is left out. Writes to standard output unless --out is given.

Example:
  radiomics merge out-*.csv > features.csv
`;

export const CONFIG_HELP = `radiomics config — show a configuration with every default written out

Usage:
  radiomics config --print (--config <file> | --preset <name>) [--format yaml|json]

Prints the resolved configuration (what batch provenance hashes: config_hash) after validating it.

Example:
  radiomics config --print --config params.yaml
`;

async function loadConfig(values: { config?: string; preset?: string }): Promise<ExtractionConfig | PyParams> {
  if (!!values.config === !!values.preset) throw new UsageError('give exactly one of --config or --preset');
  return values.preset ? presetConfig(values.preset) : loadConfigFile(values.config!);
}

function intOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got '${v}'`);
  return n;
}

export async function batchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      preset: { type: 'string' },
      out: { type: 'string', short: 'o' },
      jobs: { type: 'string', short: 'j' },
      shard: { type: 'string' },
      'log-format': { type: 'string', default: 'text' },
      format: { type: 'string' },
      'retry-errors': { type: 'boolean' },
      overwrite: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(BATCH_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length
        ? `batch takes one cases file, got ${positionals.length}: ${positionals.join(' ')}`
        : 'batch needs a cases file (CSV with Image and Mask columns)',
    );
  if (!values.out)
    throw new UsageError('batch needs --out <file> (CSV or .jsonl): it is also what a rerun resumes from');
  const logFormat = values['log-format'];
  if (logFormat !== 'text' && logFormat !== 'json')
    throw new UsageError(`--log-format must be text or json, got '${logFormat}'`);
  if (values.format !== undefined && values.format !== 'csv' && values.format !== 'jsonl')
    throw new UsageError(`--format must be csv or jsonl, got '${values.format}'`);
  const jobs = intOption('jobs', values.jobs, 1) ?? os.availableParallelism();
  const shard = resolveShard(values.shard);
  const config = await loadConfig(values);
  const hash = configHash(config);
  const out = values.out.replace(/\{shard\}/g, shard ? String(shard.index) : '1');
  const format: OutputFormat = (values.format as OutputFormat | undefined) ?? formatOf(out);
  const casesFile = await readCases(positionals[0]!);
  const cases = shardCases(casesFile.cases, shard);

  fs.mkdirSync(pathlib.dirname(pathlib.resolve(out)), { recursive: true });
  const unlock = lockOutput(out);
  process.once('exit', unlock);
  let opened: ReturnType<typeof BatchOutput.open>;
  try {
    opened = BatchOutput.open(out, format, casesFile.header, hash, values.overwrite);
  } catch (e) {
    unlock();
    throw e;
  }
  const { output, existing } = opened;
  const mine = new Set(cases.map((c) => c.key));
  if (values['retry-errors']) {
    const retry = new Set(existing.filter((r) => r.status !== 'ok' && mine.has(r.caseKey)).map((r) => r.caseKey));
    if (retry.size) output.drop(retry);
    for (let k = existing.length - 1; k >= 0; k--) if (retry.has(existing[k]!.caseKey)) existing.splice(k, 1);
  }
  const doneStatus = new Map(existing.map((r) => [r.caseKey, r.status]));
  const pending = cases.filter((c) => !doneStatus.has(c.key));
  const threads = Math.max(1, Math.min(jobs, pending.length));
  const progress = new Progress(logFormat, process.stderr, {
    total: cases.length,
    resumed: cases.length - pending.length,
    pending: pending.length,
    jobs: threads,
    shard,
    out,
    configHash: hash,
  });
  progress.start();

  // Native resampling threads: share the cores between the workers (results do not depend on it).
  const taskConfig = structuredClone(config);
  if (
    !isPyRadiomicsParams(taskConfig) &&
    taskConfig.interpolation &&
    taskConfig.interpolation.threads === undefined &&
    threads > 1
  )
    taskConfig.interpolation.threads = Math.max(1, Math.floor(os.availableParallelism() / threads));

  let failed = [...doneStatus].filter(([k, s]) => mine.has(k) && s !== 'ok').length;
  let ok = cases.length - pending.length - failed;
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    progress.note('stopping after the running cases (interrupt again to stop now); rerun the same command to resume');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const pool = pending.length
    ? new Piscina<CaseTask, CaseResult>({
        filename: pathlib.join(__dirname, 'worker.js'),
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: 60_000,
      })
    : undefined;
  try {
    const record = (c: BatchCase, r: CaseResult) => {
      const row: ResultRow = { pass: c.columns, ...r };
      output.append(row);
      if (r.status === 'ok') ok++;
      else failed++;
      progress.caseDone(c, r);
    };
    const inFlight = new Set<Promise<void>>();
    for (const c of pending) {
      if (interrupted) break;
      const task: CaseTask = {
        index: c.index,
        key: c.key,
        image: c.image,
        mask: c.mask,
        label: c.label,
        roi: c.roi,
        problem: c.problem,
        config: taskConfig,
        configHash: hash,
      };
      const p: Promise<void> = pool!
        .run(task)
        .catch((e: unknown): CaseResult => ({
          status: 'error',
          error_code: 'ERR_RADIOMICS_INTERNAL',
          error_message: `the worker thread failed: ${(e as Error)?.message ?? e}`,
          diagnostics: { case_index: c.index, case_key: c.key, config_hash: hash },
          features: {},
        }))
        .then((r) => record(c, r))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 2 * threads) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    output.finish();
  } finally {
    output.close();
    unlock();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pool?.destroy();
  }
  progress.end({ ok, failed, interrupted });
  return interrupted ? 130 : failed > 0 ? 1 : 0;
}

function readOutputFile(path: string): { parsed: ParsedOutput; dropped: boolean } {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let dropped = false;
  if (text && !text.endsWith('\n')) {
    text = text.slice(0, text.lastIndexOf('\n') + 1);
    dropped = true;
  }
  const format: OutputFormat = /\.(jsonl|ndjson)$/i.test(path) || text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
  return { parsed: parseOutput(text, format), dropped };
}

export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(MERGE_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('merge needs the batch output files to join');
  const inputs = positionals.map((p) => ({ path: p, ...readOutputFile(p) }));
  const format = inputs[0]!.parsed.format;
  const mixed = inputs.find((i) => i.parsed.format !== format && (i.parsed.rows.length || i.parsed.objects.length));
  if (mixed)
    throw new UsageError(
      `${mixed.path} is ${mixed.parsed.format}, ${inputs[0]!.path} is ${format}: merge files of one format`,
    );
  for (const i of inputs) {
    if (i.dropped) process.stderr.write(`radiomics merge: ${i.path}: left out its partial last line\n`);
    if (i.parsed.bad.length)
      throw new UsageError(`${i.path}: lines ${i.parsed.bad.slice(0, 5).join(', ')} are not JSON`);
    if (format === 'csv' && i.parsed.header.length && !i.parsed.header.includes('case_key'))
      throw new UsageError(`${i.path} is not a radiomics batch output (no case_key column)`);
  }
  const hashes = new Set(inputs.flatMap((i) => existingRows(i.parsed).map((r) => r.configHash)));
  if (hashes.size > 1)
    throw new UsageError(
      `the files come from ${hashes.size} configurations (config_hash ${[...hashes].join(', ')}); merge the outputs of one configuration`,
    );
  const merged: ParsedOutput = { format, header: [], rows: [], objects: [], bad: [] };
  // Keep one row per case: the first successful one, else the first.
  const chosen = new Map<string, { status: string; row: string[] | Record<string, unknown>; header: string[] }>();
  for (const i of inputs) {
    if (format === 'csv') mergeColumns(merged.header, i.parsed.header);
    existingRows(i.parsed).forEach((r, k) => {
      const row = format === 'csv' ? i.parsed.rows[k]! : i.parsed.objects[k]!;
      const prev = chosen.get(r.caseKey);
      if (!prev || (prev.status !== 'ok' && r.status === 'ok'))
        chosen.set(r.caseKey, { status: r.status, row, header: i.parsed.header });
    });
  }
  for (const { row, header } of chosen.values()) {
    if (format === 'csv') {
      const cells = row as string[];
      const out = new Array<string>(merged.header.length).fill('');
      header.forEach((c, k) => (out[merged.header.indexOf(c)] = cells[k] ?? ''));
      merged.rows.push(out);
    } else merged.objects.push(row as Record<string, unknown>);
  }
  const text =
    format === 'csv' && merged.header.length === 0
      ? ''
      : merged.rows.length || merged.objects.length
        ? sortedText(merged)
        : format === 'csv'
          ? csvRow(merged.header)
          : '';
  if (values.out) writeFileAtomic(values.out, text);
  else process.stdout.write(text);
  return 0;
}

export async function configCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      print: { type: 'boolean' },
      config: { type: 'string' },
      preset: { type: 'string' },
      format: { type: 'string', default: 'yaml' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(CONFIG_HELP);
    return 0;
  }
  if (values.format !== 'yaml' && values.format !== 'json')
    throw new UsageError(`--format must be yaml or json, got '${values.format}'`);
  const config = await loadConfig(values);
  const resolved = isPyRadiomicsParams(config) ? resolvePyParams(config) : resolveConfig(config);
  const hash = configHash(config);
  const source = values.config ? `--config ${values.config}` : `--preset ${values.preset}`;
  if (values.format === 'json')
    process.stdout.write(JSON.stringify({ config_hash: hash, source, config: resolved }, null, 2) + '\n');
  else
    process.stdout.write(
      `# radiomics configuration (${source}), every default written out\n# config_hash: ${hash}\n${(await loadYaml()).stringify(resolved, { flow: false })}`,
    );
  return 0;
}
