/** One batch case: read image and mask, extract, and describe the result (or the error) as an output row. */
import type { ExtractionConfig } from '../config.js';
import { RadiomicsError } from '../errors.js';
import { extractFeatures } from '../extract.js';
import { withLabel, type PyParams } from '../pyradiomics/index.js';
import { readImage, readMask } from '../io/index.js';
import { native } from '../native.js';
import { packageVersion, sha256Of } from './provenance.js';

export interface CaseTask {
  index: number;
  key: string;
  image: string;
  mask: string;
  label?: number;
  roi?: string;
  problem?: string;
  /** A library configuration or a PyRadiomics parameter object (PyRadiomics' columns). */
  config: ExtractionConfig | PyParams;
  configHash: string;
}

export interface CaseResult {
  status: 'ok' | 'error';
  error_code: string;
  error_message: string;
  diagnostics: Record<string, number | string>;
  features: Record<string, number>;
}

async function hashOrEmpty(path: string): Promise<string> {
  try {
    return await sha256Of(path);
  } catch {
    return '';
  }
}

function isa(): string {
  try {
    return native().buildInfo().isa;
  } catch {
    return '';
  }
}

export async function runCase(task: CaseTask): Promise<CaseResult> {
  const started = new Date();
  const diagnostics: Record<string, number | string> = {
    case_index: task.index,
    case_key: task.key,
    config_hash: task.configHash,
    radiomics_version: packageVersion(),
    native_isa: isa(),
    image_sha256: '',
    mask_sha256: '',
    started_at: started.toISOString(),
    finished_at: '',
    duration_ms: 0,
  };
  const finish = (r: Omit<CaseResult, 'diagnostics'>, extra: Record<string, number | string> = {}): CaseResult => {
    const end = new Date();
    diagnostics.finished_at = end.toISOString();
    diagnostics.duration_ms = end.getTime() - started.getTime();
    return { ...r, diagnostics: { ...diagnostics, ...extra } };
  };
  try {
    if (task.problem) throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', `cases file: ${task.problem}`);
    const [imageHash, maskHash, image] = await Promise.all([
      hashOrEmpty(task.image),
      hashOrEmpty(task.mask),
      readImage(task.image),
    ]);
    diagnostics.image_sha256 = imageHash;
    diagnostics.mask_sha256 = maskHash;
    const mask = await readMask(task.mask, { image, roi: task.roi });
    const config = task.label !== undefined ? withLabel(task.config, task.label) : task.config;
    const result = extractFeatures(image, mask, config);
    // Provenance keys come first; the extraction's own native_isa (the same) keeps that place.
    return finish({ status: 'ok', error_code: '', error_message: '', features: result.features }, result.diagnostics);
  } catch (e) {
    const code = e instanceof RadiomicsError ? e.code : 'ERR_RADIOMICS_INTERNAL';
    const message = e instanceof Error ? e.message : String(e);
    return finish({ status: 'error', error_code: code, error_message: message, features: {} });
  }
}
