/** IBSI reference values of the bundled digital phantom and the IBSI match rule (shared/ibsi/README.md). */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PHANTOM_IMAGE = path.join(ROOT, 'ibsi-phantom', 'image.nii.gz');
export const PHANTOM_MASK = path.join(ROOT, 'ibsi-phantom', 'mask.nii.gz');

export interface ReferenceRow {
  tag: string;
  family: string;
  featureCode: string;
  aggregationCode: string;
  value: number;
  tolerance: number;
}

/** The rows of ibsi-phantom/reference_values.csv that have a reference value. */
export function phantomReferences(): ReferenceRow[] {
  const lines = readFileSync(path.join(ROOT, 'ibsi-phantom', 'reference_values.csv'), 'utf8')
    .trim()
    .split('\n');
  const rows: ReferenceRow[] = [];
  for (const line of lines.slice(1)) {
    const [tag, family, featureCode, aggregationCode, value, tolerance] = line.split(',');
    if (!value) continue;
    rows.push({
      tag: tag!,
      family: family!,
      featureCode: featureCode!,
      aggregationCode: aggregationCode!,
      value: Number(value),
      tolerance: Number(tolerance || 0),
    });
  }
  return rows;
}

/** The IBSI compliance rule: |ref - x| truncated at the reference's third significant digit <= tolerance. */
export function ibsiMatch(ref: number, tol: number, x: number | null | undefined): boolean {
  if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  const diff = ref - x;
  const decimals = ref === 0 ? 0 : 2 - Math.floor(Math.log10(Math.abs(ref)));
  const f = 10 ** decimals;
  const d = Math.abs(Math.trunc((diff + Math.sign(diff) * 1e-12) * f) / f);
  return d <= tol + 1e-12;
}
