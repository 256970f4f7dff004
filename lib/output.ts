/** Serialising results: JSON ({ features, diagnostics }) and CSV (one header row, one value row). */
import type { ExtractionResult } from './extract.js';

/** JSON text of a result; NaN and infinities (undefined features, see diagnostics.warnings) become null. */
export function toJson(result: ExtractionResult, indent = 2): string {
  const clean = (o: Record<string, number | string>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v]));
  return (
    JSON.stringify({ features: clean(result.features), diagnostics: clean(result.diagnostics) }, null, indent) + '\n'
  );
}

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text: header = diagnostics keys then feature keys; one value row. */
export function toCsv(result: ExtractionResult): string {
  const entries = [...Object.entries(result.diagnostics), ...Object.entries(result.features)];
  return entries.map(([k]) => csvCell(k)).join(',') + '\n' + entries.map(([, v]) => csvCell(v)).join(',') + '\n';
}
