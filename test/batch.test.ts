// radiomics batch / merge / config: 22 generated NIfTI cases (labels 1, 2 and the default; a corrupt file, a
// geometry mismatch, a missing file, an absent label), error rows and exit codes, provenance, resume after
// kill -9 (no torn row, no case computed twice, the same final CSV), shards + merge, JSON Lines, retries.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { writeNifti } from './helpers/nifti-writer';
import { ROOT } from './helpers/ibsi';

const BIN = path.join(ROOT, 'bin', 'radiomics.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-batch-'));
t.teardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SLURM_ARRAY_TASK_ID: '', SLURM_ARRAY_TASK_COUNT: '', JOB_COMPLETION_INDEX: '', ...env },
  });
}

// ---- The cases -------------------------------------------------------------------------------------------
const N = 22,
  S = 16;
const casesDir = path.join(tmp, 'cases');
fs.mkdirSync(casesDir);
const CORRUPT = 5,
  MISMATCH = 9,
  MISSING = 13,
  ABSENT_LABEL = 17,
  FIFO_CASE = 8;
function writeCase(dir: string, c: number): void {
  const n = S * S * S;
  const img = new Int16Array(n),
    m = new Uint8Array(n);
  for (let z = 0; z < S; z++)
    for (let y = 0; y < S; y++)
      for (let x = 0; x < S; x++) {
        const i = x + S * (y + S * z);
        img[i] = Math.round(100 + 60 * Math.sin(0.4 * x + c) * Math.cos(0.3 * y) + 5 * z + ((i * 7919 + c * 31) % 17));
        const r = Math.hypot(x - S / 2, y - S / 2, z - S / 2);
        m[i] = r < S / 4 ? 1 : r < S / 3 ? 2 : 0;
      }
  writeNifti(path.join(dir, `img${c}.nii.gz`), { data: img, shape: [S, S, S], spacing: [1, 1, 1.5] });
  writeNifti(path.join(dir, `mask${c}.nii.gz`), {
    data: m,
    shape: [S, S, S],
    spacing: c === MISMATCH ? [1, 1, 2] : [1, 1, 1.5],
  });
}
const lines = ['ID,Image,Mask,Label,Site'];
for (let c = 1; c <= N; c++) {
  if (c !== MISSING) writeCase(casesDir, c);
  const label = c === ABSENT_LABEL ? '7' : c % 3 === 0 ? '2' : c % 3 === 1 ? '1' : '';
  lines.push(`case${c},img${c}.nii.gz,mask${c}.nii.gz,${label},"site ${c % 2}, ward ${c % 3}"`);
}
fs.writeFileSync(path.join(casesDir, `img${CORRUPT}.nii.gz`), 'this is not a NIfTI file');
fs.writeFileSync(path.join(casesDir, 'cases.csv'), lines.join('\n') + '\n');
const PARAMS = path.join(tmp, 'params.yaml');
fs.writeFileSync(
  PARAMS,
  'discretisation:\n  method: fbs\n  binWidth: 10\nfamilies: [morphology, intensity_statistics, intensity_histogram, glcm, glszm]\n',
);
const EXPECTED_ERRORS: Record<number, string> = {
  [CORRUPT]: 'ERR_RADIOMICS_FILE_FORMAT',
  [MISMATCH]: 'ERR_RADIOMICS_GEOMETRY_MISMATCH',
  [MISSING]: 'ERR_RADIOMICS_FILE_READ',
  [ABSENT_LABEL]: 'ERR_RADIOMICS_EMPTY_ROI',
};
const TIME_COLUMNS = ['started_at', 'finished_at', 'duration_ms'];

function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  // The batch writes one row per line; quoted fields hold commas but no newlines.
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '',
      q = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (q) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const [h, ...rest] = text.trimEnd().split('\n');
  const header = split(h!);
  return { header, rows: rest.map((l) => Object.fromEntries(split(l).map((v, k) => [header[k]!, v]))) };
}

/** The CSV text without the timing columns. */
function untimed(text: string): string {
  const { header, rows } = parseCsv(text);
  const keep = header.filter((c) => !TIME_COLUMNS.includes(c));
  return [keep.join('|'), ...rows.map((r) => keep.map((c) => r[c]).join('|'))].join('\n');
}

const casesCsv = path.join(casesDir, 'cases.csv');
const batchArgs = (out: string, ...more: string[]) => ['batch', casesCsv, '--config', PARAMS, '--out', out, ...more];
const FULL = path.join(tmp, 'full.csv');
let fullText = '';

t.test('a full run: one row per case in case order, error rows, exit code 1, provenance', async (t) => {
  const r = cli(batchArgs(FULL, '--jobs', '2'));
  t.equal(r.status, 1, 'exit 1: some cases failed');
  t.match(r.stderr, /22 cases; 0 already in full\.csv, 22 to run on 2 threads/);
  t.match(r.stderr, /18 ok, 4 failed/);
  fullText = fs.readFileSync(FULL, 'utf8');
  const { header, rows } = parseCsv(fullText);
  t.same(
    header.slice(0, 8),
    ['ID', 'Image', 'Mask', 'Label', 'Site', 'status', 'error_code', 'error_message'],
    'pass-through columns, then status',
  );
  t.same(header.slice(8, 18), [
    'case_index',
    'case_key',
    'config_hash',
    'radiomics_version',
    'native_isa',
    'image_sha256',
    'mask_sha256',
    'started_at',
    'finished_at',
    'duration_ms',
  ]);
  t.equal(header.indexOf('img_dim_x_init_img') > header.indexOf('duration_ms'), true, 'diagnostics after provenance');
  t.equal(
    header.indexOf('stat_mean') > header.indexOf('int_mask_vox_count_reseg_roi'),
    true,
    'features after diagnostics',
  );
  t.equal(rows.length, N);
  t.same(
    rows.map((r) => r.ID),
    Array.from({ length: N }, (_, k) => `case${k + 1}`),
    'rows in cases-file order',
  );
  for (const [k, row] of rows.entries()) {
    const c = k + 1;
    if (EXPECTED_ERRORS[c]) {
      t.equal(row.status, 'error', `case ${c} failed`);
      t.equal(row.error_code, EXPECTED_ERRORS[c], `case ${c}: ${row.error_message}`);
      t.equal(row.stat_mean, '', 'no features in an error row');
    } else {
      t.equal(row.status, 'ok', `case ${c}: ${row.error_message}`);
      t.ok(Number.isFinite(Number(row.stat_mean)));
    }
    t.equal(row.Site, `site ${c % 2}, ward ${c % 3}`, 'a quoted field with a comma passes through');
  }
  // Labels: 1 where the Label column is 1 or empty, 2 where it is 2 (voxel counts differ).
  const count = (c: number) => Number(rows[c - 1]!.int_mask_vox_count_init_roi);
  t.equal(count(1), count(2), 'Label 1 and the default label (1) give the same ROI');
  t.not(count(3), count(1), 'Label 2 is another ROI');
  // Provenance.
  const hash = /config_hash: ([0-9a-f]+)/.exec(cli(['config', '--print', '--config', PARAMS]).stdout)![1];
  t.ok(
    rows.every((r) => r.config_hash === hash),
    'config_hash is the one radiomics config --print shows',
  );
  t.equal(
    rows[0]!.image_sha256,
    createHash('sha256')
      .update(fs.readFileSync(path.join(casesDir, 'img1.nii.gz')))
      .digest('hex'),
  );
  t.equal(rows[0]!.radiomics_version, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  t.ok(rows.every((r) => r.started_at <= r.finished_at && /^\d{4}-\d\d-\d\dT/.test(r.started_at!)));
  // The same numbers as radiomics extract for that case and label.
  const one = cli([
    'extract',
    '--image',
    path.join(casesDir, 'img3.nii.gz'),
    '--mask',
    path.join(casesDir, 'mask3.nii.gz'),
    '--config',
    PARAMS,
    '--label',
    '2',
  ]);
  const features = JSON.parse(one.stdout).features as Record<string, number>;
  for (const tag of ['stat_mean', 'morph_vol_approx', 'cm_joint_max_3D_avg'])
    if (tag in features) t.equal(Number(rows[2]![tag]), features[tag], tag);
});

t.test('rerun: everything is already there, nothing is computed, the file is unchanged', async (t) => {
  const r = cli(batchArgs(FULL, '--log-format', 'json'));
  t.equal(r.status, 1, 'still exit 1: the output holds failed cases');
  const events = r.stderr
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.match(events[0], { event: 'start', total: 22, resumed: 22, pending: 0 });
  t.equal(events.filter((e) => e.event === 'case').length, 0);
  t.equal(fs.readFileSync(FULL, 'utf8'), fullText);
});

t.test(
  'killed with SIGKILL mid-run, then rerun: no torn row, no case computed twice, the same final CSV',
  { skip: process.platform === 'win32' ? 'needs mkfifo' : false },
  async (t) => {
    // A copy of the cases whose case-8 image is a named pipe: the run blocks there (as on a hung file system).
    const dir = path.join(tmp, 'killed');
    fs.cpSync(casesDir, dir, { recursive: true });
    fs.rmSync(path.join(dir, `img${FIFO_CASE}.nii.gz`));
    t.equal(spawnSync('mkfifo', [path.join(dir, `img${FIFO_CASE}.nii.gz`)]).status, 0, 'mkfifo');
    const out = path.join(tmp, 'killed.csv');
    const args = ['batch', path.join(dir, 'cases.csv'), '--config', PARAMS, '--out', out, '--log-format', 'json'];
    const child = spawn(process.execPath, [BIN, ...args, '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log1 = '';
    child.stderr.on('data', (d) => (log1 += d));
    const rowsIn = () => (fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n').length - 2 : 0);
    const deadline = Date.now() + 20_000;
    while (rowsIn() < FIFO_CASE - 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // it is blocked on case 8 now
    const second = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    t.equal(second.status, 2, 'a second run on the same output is refused while the first runs');
    t.match(second.stderr, /being written by another radiomics batch \(pid \d+/);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const afterKill = fs.readFileSync(out, 'utf8');
    t.ok(afterKill.endsWith('\n'), 'the file ends with a complete line');
    const written = parseCsv(afterKill).rows;
    t.same(
      written.map((r) => r.case_index),
      ['1', '2', '3', '4', '5', '6', '7'],
      'cases 1-7 were written before the kill',
    );
    // Simulate a write cut short as well: a partial last line must be dropped, not read as a row.
    fs.appendFileSync(out, 'case8,img8.nii.gz,mask8.nii.gz,,"site 0, wa');
    // The file system recovers: case 8's image is there again.
    fs.rmSync(path.join(dir, `img${FIFO_CASE}.nii.gz`));
    fs.copyFileSync(path.join(casesDir, `img${FIFO_CASE}.nii.gz`), path.join(dir, `img${FIFO_CASE}.nii.gz`));
    t.ok(fs.existsSync(`${out}.lock`), 'the killed run left its lock');
    const r = spawnSync(process.execPath, [BIN, ...args, '--jobs', '2'], { encoding: 'utf8' });
    t.equal(r.status, 1, 'the rerun takes over the stale lock');
    t.notOk(fs.existsSync(`${out}.lock`), 'and releases it');
    const events = r.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    t.match(events[0], { event: 'start', total: 22, resumed: 7, pending: 15 });
    const computed = events.filter((e) => e.event === 'case').map((e) => e.index as number);
    t.same(
      [...computed].sort((a, b) => a - b),
      Array.from({ length: 15 }, (_, k) => k + 8),
      'only cases 8..22 computed on the rerun',
    );
    const first = log1
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((e) => e.event === 'case')
      .map((e) => e.index as number);
    t.same(first, [1, 2, 3, 4, 5, 6, 7], 'the killed run computed cases 1-7');
    const final = fs.readFileSync(out, 'utf8');
    // Error messages name the files by absolute path: the killed run read them from its own folder.
    t.equal(
      untimed(final).split(dir).join(casesDir),
      untimed(fullText),
      'the final CSV equals the uninterrupted run (timing columns aside)',
    );
    t.same(
      parseCsv(final)
        .rows.slice(0, 7)
        .map((r) => r.started_at),
      written.map((r) => r.started_at),
      'rows of the killed run are kept as they were',
    );
  },
);

t.test('shards (option and SLURM variables) and merge give the full table', async (t) => {
  const pattern = path.join(tmp, 'out-{shard}.csv');
  const a = cli(batchArgs(pattern, '--shard', '1/3', '--jobs', '1'));
  const b = cli(batchArgs(pattern, '--jobs', '1'), {
    SLURM_ARRAY_TASK_ID: '1',
    SLURM_ARRAY_TASK_COUNT: '3',
    SLURM_ARRAY_TASK_MIN: '0',
  });
  const c = cli(batchArgs(pattern, '--shard', '3', '--jobs', '1'), { JOB_COMPLETION_INDEX: '2' });
  t.match(b.stderr, /shard 2\/3 from SLURM_ARRAY_TASK_ID/);
  t.match(c.stderr, /shard 3\/3 from JOB_COMPLETION_INDEX/);
  const shardRows = [1, 2, 3].map((i) =>
    parseCsv(fs.readFileSync(path.join(tmp, `out-${i}.csv`), 'utf8')).rows.map((r) => Number(r.case_index)),
  );
  t.same(shardRows[0], [1, 4, 7, 10, 13, 16, 19, 22]);
  t.same(shardRows[1], [2, 5, 8, 11, 14, 17, 20]);
  t.same(shardRows[2], [3, 6, 9, 12, 15, 18, 21]);
  t.same([a.status, b.status, c.status], [1, 1, 1], 'each shard holds a failed case');
  const m = cli(['merge', ...[3, 1, 2].map((i) => path.join(tmp, `out-${i}.csv`))]);
  t.equal(m.status, 0, m.stderr);
  t.equal(untimed(m.stdout), untimed(fullText), 'merged shards = the full run');
  // Usage errors.
  t.equal(cli(batchArgs(pattern, '--shard', '4/3')).status, 2);
  const k8s = cli(batchArgs(path.join(tmp, 'k.csv')), { JOB_COMPLETION_INDEX: '0' });
  t.equal(k8s.status, 2);
  t.match(k8s.stderr, /shard count is unknown/);
});

t.test('JSON Lines output, merge of JSON Lines', async (t) => {
  const out = path.join(tmp, 'f.jsonl');
  const r = cli(batchArgs(out, '--shard', '1/2'));
  t.equal(r.status, 1);
  const objs = fs
    .readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.equal(objs.length, 11);
  t.same(Object.keys(objs[0]), [
    'ID',
    'Image',
    'Mask',
    'Label',
    'Site',
    'status',
    'error_code',
    'error_message',
    'diagnostics',
    'features',
  ]);
  t.equal(objs[0].error_code, null);
  t.equal(objs[0].diagnostics.case_index, 1);
  t.equal(typeof objs[0].features.stat_mean, 'number');
  const bad = objs.find((o) => o.ID === `case${MISMATCH}`);
  t.match(bad, { status: 'error', error_code: 'ERR_RADIOMICS_GEOMETRY_MISMATCH', features: {} });
  cli(batchArgs(path.join(tmp, 'g.jsonl'), '--shard', '2/2'));
  const m = cli(['merge', out, path.join(tmp, 'g.jsonl')]);
  t.same(
    m.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).diagnostics.case_index),
    Array.from({ length: N }, (_, k) => k + 1),
  );
});

t.test('another configuration is refused on resume; --overwrite and --retry-errors', async (t) => {
  const out = path.join(tmp, 'retry.csv');
  const dir = path.join(tmp, 'retry');
  fs.cpSync(casesDir, dir, { recursive: true });
  const args = ['batch', path.join(dir, 'cases.csv'), '--config', PARAMS, '--out', out, '--shard', '1/4'];
  t.equal(cli(args).status, 1);
  const other = path.join(tmp, 'other.yaml');
  fs.writeFileSync(other, 'discretisation:\n  method: fbs\n  binWidth: 20\n');
  const r = cli(['batch', path.join(dir, 'cases.csv'), '--config', other, '--out', out, '--shard', '1/4']);
  t.equal(r.status, 2);
  t.match(r.stderr, /holds results of another configuration/);
  // Case 13's image is missing: supply it, then retry only the failed cases.
  writeCase(dir, MISSING);
  const retry = cli([...args, '--retry-errors', '--log-format', 'json']);
  const computed = retry.stderr
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === 'case')
    .map((e) => e.index);
  t.same(
    [...computed].sort((a, b) => a - b),
    [CORRUPT, MISMATCH, MISSING, ABSENT_LABEL],
    'only the failed cases are computed again',
  );
  t.equal(retry.status, 1, 'the other three still fail');
  t.equal(parseCsv(fs.readFileSync(out, 'utf8')).rows.find((row) => row.ID === `case${MISSING}`)!.status, 'ok');
  const before = parseCsv(fs.readFileSync(out, 'utf8')).rows[0]!.config_hash;
  t.equal(
    cli(['batch', path.join(dir, 'cases.csv'), '--config', other, '--out', out, '--shard', '1/4', '--overwrite'])
      .status,
    1,
  );
  const after = parseCsv(fs.readFileSync(out, 'utf8')).rows;
  t.equal(after.length, 6);
  t.ok(
    after.every((r) => r.config_hash !== before),
    '--overwrite started again with the other configuration',
  );
});

t.test('cases file and usage problems', async (t) => {
  const bad = path.join(tmp, 'bad.csv');
  fs.writeFileSync(bad, 'Picture,Mask\na.nii,b.nii\n');
  const r = cli(['batch', bad, '--config', PARAMS, '--out', path.join(tmp, 'x.csv')]);
  t.equal(r.status, 1);
  t.match(r.stderr, /needs Image and Mask columns/);
  t.equal(cli(['batch', casesCsv, '--config', PARAMS]).status, 2, '--out is required');
  t.equal(cli(['batch', casesCsv, '--out', path.join(tmp, 'y.csv')]).status, 2, 'a configuration is required');
  fs.writeFileSync(path.join(tmp, 'notours.csv'), 'a,b\n1,2\n');
  const n = cli(batchArgs(path.join(tmp, 'notours.csv')));
  t.equal(n.status, 2);
  t.match(n.stderr, /not a radiomics batch output/);
});

t.test('help texts and config --print', async (t) => {
  const h = cli(['batch', '--help']);
  t.equal(h.status, 0);
  t.match(h.stdout, /radiomics batch cases\.csv --config params\.yaml --out features\.csv/);
  t.match(h.stdout, /SLURM_ARRAY_TASK_ID/);
  t.match(cli(['merge', '--help']).stdout, /radiomics merge out-\*\.csv > features\.csv/);
  t.match(cli(['--help']).stdout, /radiomics batch <cases\.csv>/);
  const p = cli(['config', '--print', '--config', PARAMS, '--format', 'json']);
  const doc = JSON.parse(p.stdout);
  t.equal(doc.config.discretisation.binWidth, 10);
  t.equal(doc.config.texture.symmetric, true, 'defaults are written out');
  // Defaults spelled out hash the same as left implicit.
  const explicit = path.join(tmp, 'explicit.json');
  fs.writeFileSync(explicit, JSON.stringify(doc.config));
  t.equal(
    JSON.parse(cli(['config', '--print', '--config', explicit, '--format', 'json']).stdout).config_hash,
    doc.config_hash,
  );
});
