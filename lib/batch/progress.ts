/**
 * Batch progress on standard error: a live line on a terminal (done/total, rate, ETA), one plain line per
 * case otherwise, or one JSON object per line (`--log-format json`: start, case and end events).
 */
import * as pathlib from 'node:path';
import type { BatchCase, Shard } from './cases.js';
import type { CaseResult } from './case.js';

export interface ProgressInfo {
  total: number;
  resumed: number;
  pending: number;
  jobs: number;
  shard: Shard | undefined;
  out: string;
  configHash: string;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    r = s % 60;
  return `${h ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(r).padStart(2, '0')}`;
}

export class Progress {
  private readonly t0 = Date.now();
  private done = 0;
  private failed = 0;
  private lastDraw = 0;
  private readonly live: boolean;

  constructor(
    private readonly format: 'text' | 'json',
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly info: ProgressInfo,
  ) {
    this.live = format === 'text' && stream.isTTY === true;
  }

  private stats() {
    const elapsed = (Date.now() - this.t0) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const left = this.info.pending - this.done;
    return { elapsed, rate, eta: rate > 0 ? left / rate : Infinity, completed: this.info.resumed + this.done };
  }

  start(): void {
    const i = this.info;
    if (this.format === 'json') {
      this.json({
        event: 'start',
        total: i.total,
        resumed: i.resumed,
        pending: i.pending,
        jobs: i.jobs,
        shard: i.shard ? `${i.shard.index}/${i.shard.count}` : null,
        out: i.out,
        config_hash: i.configHash,
      });
      return;
    }
    const shard = i.shard ? ` (shard ${i.shard.index}/${i.shard.count} from ${i.shard.source})` : '';
    this.stream.write(
      `radiomics batch: ${i.total} case${i.total === 1 ? '' : 's'}${shard}; ${i.resumed} already in ${pathlib.basename(i.out)}, ${i.pending} to run on ${i.jobs} thread${i.jobs === 1 ? '' : 's'}\n`,
    );
    this.draw(true);
  }

  caseDone(c: BatchCase, r: CaseResult): void {
    this.done++;
    if (r.status === 'error') this.failed++;
    const s = this.stats();
    if (this.format === 'json') {
      this.json({
        event: 'case',
        index: c.index,
        case_key: c.key,
        image: c.columns.Image ?? c.image,
        status: r.status,
        error_code: r.error_code || null,
        error_message: r.error_message || null,
        duration_ms: r.diagnostics.duration_ms,
        done: s.completed,
        total: this.info.total,
        failed: this.failed,
        rate: +s.rate.toFixed(3),
        eta_s: Number.isFinite(s.eta) ? Math.round(s.eta) : null,
      });
      return;
    }
    const what = `case ${c.index} (${pathlib.basename(c.image)}${c.label !== undefined ? `, label ${c.label}` : ''})`;
    const line =
      r.status === 'ok'
        ? `ok     ${what} ${(Number(r.diagnostics.duration_ms) / 1000).toFixed(2)} s`
        : `error  ${what}: ${r.error_code}: ${r.error_message}`;
    if (this.live) {
      if (r.status === 'error') this.stream.write(`\r\x1b[K${line}\n`);
      this.draw(r.status === 'error');
    } else this.stream.write(`[${s.completed}/${this.info.total}] ${line}\n`);
  }

  private draw(force: boolean): void {
    if (!this.live) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100 && this.done < this.info.pending) return;
    this.lastDraw = now;
    const s = this.stats();
    const pct = this.info.total ? Math.floor((100 * s.completed) / this.info.total) : 100;
    this.stream.write(
      `\r\x1b[K${s.completed}/${this.info.total} done (${pct}%)${this.failed ? `, ${this.failed} failed` : ''} · ${s.rate.toFixed(2)} cases/s · ETA ${clock(s.eta)}`,
    );
  }

  end(summary: { ok: number; failed: number; interrupted: boolean }): void {
    const s = this.stats();
    if (this.format === 'json') {
      this.json({
        event: 'end',
        ok: summary.ok,
        failed: summary.failed,
        computed: this.done,
        interrupted: summary.interrupted,
        elapsed_s: +s.elapsed.toFixed(3),
        out: this.info.out,
      });
      return;
    }
    if (this.live) this.stream.write('\n');
    this.stream.write(
      `radiomics batch: ${summary.interrupted ? 'interrupted; run the same command again to resume. ' : ''}${summary.ok} ok, ${summary.failed} failed` +
        ` (${this.done} computed in ${clock(s.elapsed)}) -> ${this.info.out}\n`,
    );
  }

  note(message: string): void {
    if (this.format === 'json') this.json({ event: 'note', message });
    else this.stream.write(`${this.live ? '\r\x1b[K' : ''}radiomics batch: ${message}\n`);
  }

  private json(o: Record<string, unknown>): void {
    this.stream.write(JSON.stringify({ time: new Date().toISOString(), ...o }) + '\n');
  }
}
