/** Several ROI labels of one mask: finding them, and writing one result per label (JSON array / CSV rows). */
import { mergeColumns } from './batch/output.js';
import { RadiomicsError } from './errors.js';
import type { ExtractionResult } from './extract.js';
import { csvCell } from './output.js';
import type { NormalisedVolume } from './volume.js';

/** The distinct non-zero labels of a mask, ascending. Non-integer values are an error (is it an image?). */
export function maskLabels(mask: Pick<NormalisedVolume, 'data'>): number[] {
  const seen = new Set<number>();
  const d = mask.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v === 0 || seen.has(v)) continue;
    if (!Number.isInteger(v)) throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', `the mask holds the non-integer value ${v}: labels must be integers (is it an image?)`);
    seen.add(v);
  }
  if (seen.size === 0) throw new RadiomicsError('ERR_RADIOMICS_EMPTY_ROI', 'the mask holds no non-zero label');
  return [...seen].sort((a, b) => a - b);
}

/** "1,2, 5" -> [1, 2, 5]; throws on anything but integers. */
export function parseLabelList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const labels = parts.map(Number);
  if (parts.length === 0 || !labels.every(Number.isInteger)) throw new Error(`--labels must be a comma-separated list of integers, got '${text}'`);
  return [...new Set(labels)];
}

export type LabelledResult = ExtractionResult & { label: number };

const clean = (o: Record<string, number | string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v]));

/** JSON: an array of { label, features, diagnostics } (NaN and infinities as null). */
export function labelsToJson(results: LabelledResult[], indent = 2): string {
  return JSON.stringify(results.map((r) => ({ label: r.label, features: clean(r.features), diagnostics: clean(r.diagnostics) })), null, indent) + '\n';
}

/** CSV: a header (label, diagnostics, features) and one row per label. */
export function labelsToCsv(results: LabelledResult[]): string {
  const header: string[] = [];
  for (const r of results) mergeColumns(header, ['label', ...Object.keys(r.diagnostics), ...Object.keys(r.features)]);
  const value = (r: LabelledResult, c: string) => (c === 'label' ? r.label : c in r.diagnostics ? r.diagnostics[c] : (r.features as Record<string, number>)[c]);
  return [header.map(csvCell).join(','), ...results.map((r) => header.map((c) => csvCell(value(r, c))).join(','))].join('\n') + '\n';
}
