/** Runs the library in compatibility mode on a parity case and compares with PyRadiomics' stored output. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFeatures, readImage, readMask } from '../../dist/cjs/index.js';
import { ROOT } from './ibsi';
import { PARITY_CASES, type ParityCase } from './pyradiomics-cases';

export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'pyradiomics');

export interface Reference {
  pyradiomics: string;
  features: Record<string, number>;
  diagnostics: Record<string, unknown>;
}

export function reference(name: string, dir = FIXTURES): Reference {
  return JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Reference;
}

/** The rule: within 1e-6 relative or 1e-9 absolute. */
export function agrees(ours: number | undefined, ref: number): boolean {
  if (ours === undefined || Number.isNaN(ours)) return Number.isNaN(ref);
  const d = Math.abs(ours - ref);
  return d <= 1e-9 || d <= 1e-6 * Math.abs(ref);
}

export async function runCase(
  c: ParityCase,
): Promise<{ features: Record<string, number>; diagnostics: Record<string, number | string> }> {
  const v = c.volumes();
  if ('imagePath' in v) {
    const image = await readImage(v.imagePath);
    const mask = await readMask(v.maskPath, { image });
    return extractFeatures(image, mask, c.params) as never;
  }
  return extractFeatures(v.image, v.mask, c.params) as never;
}

export function caseNamed(name: string): ParityCase {
  return PARITY_CASES.find((c) => c.name === name)!;
}
