/** Provenance of batch results: configuration hash, input file hashes, package version, native ISA. */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as pathlib from 'node:path';
import { resolveConfig, type ExtractionConfig } from '../config.js';
import { isPyRadiomicsParams, resolvePyParams, type PyParams } from '../pyradiomics/index.js';

/** Canonical JSON: object keys sorted, so that equal configurations hash equally. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/**
 * Hash (16 hex digits of SHA-256) of the resolved configuration, every default written out; settings that
 * cannot change a result (resampling thread count) are left out.
 */
export function configHash(config: ExtractionConfig | PyParams): string {
  if (isPyRadiomicsParams(config))
    return createHash('sha256')
      .update(canonicalJson(resolvePyParams(config)))
      .digest('hex')
      .slice(0, 16);
  const r = resolveConfig(config);
  if (r.interpolation) delete r.interpolation.threads;
  return createHash('sha256').update(canonicalJson(r)).digest('hex').slice(0, 16);
}

function hashFile(path: string, hash = createHash('sha256')): Promise<ReturnType<typeof createHash>> {
  return new Promise((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash));
  });
}

/**
 * SHA-256 of an input: of the file's bytes; of a folder (DICOM series), over its files in name order
 * (name, then bytes, each); of a .nhdr header, the header's bytes only.
 */
export async function sha256Of(path: string): Promise<string> {
  const st = await fs.stat(path);
  if (!st.isDirectory()) return (await hashFile(path)).digest('hex');
  const hash = createHash('sha256');
  const names = (await fs.readdir(path, { withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .sort();
  for (const name of names) {
    hash.update(`${name}\0`);
    await hashFile(pathlib.join(path, name), hash);
  }
  return hash.digest('hex');
}

let version: string | undefined;
export function packageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  version ??= (require('../../../package.json') as { version: string }).version;
  return version;
}
