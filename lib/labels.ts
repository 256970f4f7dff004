/** Several ROI labels of one mask: finding them, and writing one result per label (JSON array / CSV rows). */
import { mergeColumns } from './batch/output.js';
import { RadiomicsError } from './errors.js';
import type { ExtractionResult } from './extract.js';
import { csvCell } from './output.js';
import type { NormalisedVolume } from './volume.js';

/** The error for a mask value that is no label: one message whichever way the labels are chosen. */
function nonIntegerLabel(mask: MaskData, i: number, v: number): RadiomicsError {
  const [nx, ny] = mask.shape ?? [0, 0];
  const at = nx && ny ? `voxel [${i % nx}, ${Math.floor(i / nx) % ny}, ${Math.floor(i / (nx * ny))}]` : `index ${i}`;
  return new RadiomicsError(
    'ERR_RADIOMICS_INVALID_ARGUMENT',
    `the mask holds the non-integer value ${v} (${at}): labels must be integers (is it an image?)`,
  );
}

type MaskData = Pick<NormalisedVolume, 'data'> & { shape?: readonly number[] };

/** Throws unless every mask value is an integer label (integer typed arrays always are). */
export function checkIntegerLabels(mask: MaskData): void {
  const d = mask.data;
  if (!(d instanceof Float32Array || d instanceof Float64Array)) return;
  for (let i = 0; i < d.length; i++) if (!Number.isInteger(d[i]!)) throw nonIntegerLabel(mask, i, d[i]!);
}

/** The distinct non-zero labels of a mask, ascending. Non-integer values are an error (is it an image?). */
export function maskLabels(mask: MaskData): number[] {
  checkIntegerLabels(mask);
  const seen = new Set<number>();
  const d = mask.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v !== 0) seen.add(v);
  }
  if (seen.size === 0) throw new RadiomicsError('ERR_RADIOMICS_EMPTY_ROI', 'the mask holds no non-zero label');
  return [...seen].sort((a, b) => a - b);
}

/** Label 0 is the background of every mask format: extracting it is a mistake, not a request. */
export function checkNotBackground(label: number, where: string): void {
  if (label === 0)
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_ARGUMENT',
      `${where}: label 0 is the background (the voxels outside every ROI); give the label of an ROI (1 or more)`,
    );
}

/** "1,2, 5" -> [1, 2, 5]; throws on anything but integers. */
export function parseLabelList(text: string): number[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const labels = parts.map(Number);
  if (parts.length === 0 || !labels.every(Number.isInteger))
    throw new Error(`--labels must be a comma-separated list of integers, got '${text}'`);
  return [...new Set(labels)];
}

/** One label's result, or why it failed (the other labels still give theirs). */
export type LabelledResult =
  | (ExtractionResult & { label: number; error?: undefined })
  | { label: number; error: { code: string; message: string } };

const clean = (o: Record<string, number | string>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v]));

/** JSON: an array of { label, features, diagnostics } or { label, error: { code, message } } (NaN and infinities as null). */
export function labelsToJson(results: LabelledResult[], indent = 2): string {
  return (
    JSON.stringify(
      results.map((r) =>
        r.error
          ? { label: r.label, error: r.error }
          : { label: r.label, features: clean(r.features), diagnostics: clean(r.diagnostics) },
      ),
      null,
      indent,
    ) + '\n'
  );
}

/** CSV: a header (label, status, error_code, error_message, diagnostics, features) and one row per label, as batch writes. */
export function labelsToCsv(results: LabelledResult[]): string {
  const header = ['label', 'status', 'error_code', 'error_message'];
  for (const r of results)
    if (!r.error)
      mergeColumns(header, [...header.slice(0, 4), ...Object.keys(r.diagnostics), ...Object.keys(r.features)]);
  const value = (r: LabelledResult, c: string): unknown => {
    if (c === 'label') return r.label;
    if (c === 'status') return r.error ? 'error' : 'ok';
    if (c === 'error_code') return r.error?.code ?? '';
    if (c === 'error_message') return r.error?.message.replace(/\r?\n|\r/g, ' ') ?? '';
    if (r.error) return '';
    return c in r.diagnostics ? r.diagnostics[c] : (r.features as Record<string, number>)[c];
  };
  return (
    [header.map(csvCell).join(','), ...results.map((r) => header.map((c) => csvCell(value(r, c))).join(','))].join(
      '\n',
    ) + '\n'
  );
}
