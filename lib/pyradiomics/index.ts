/** PyRadiomics compatibility mode: parameter files, names and numbers (docs/pyradiomics-compat.md). */
export { extractPyRadiomics, extractPyRadiomicsAsync } from './extract.js';
export { isPyRadiomicsParams, validatePyParams, type PyParams } from './params.js';
export { planPyRadiomics, PY_DEFAULTS } from './translate.js';
export { PY_CLASSES, pyKey, type PyClass } from './names.js';
import { isPyRadiomicsParams, type PyParams } from './params.js';
import { planPyRadiomics } from './translate.js';

/** A PyRadiomics parameter object with every default written out (what `radiomics config --print` shows and batch provenance hashes). */
export function resolvePyParams(params: PyParams): Record<string, unknown> {
  const plan = planPyRadiomics(params);
  return {
    imageType: plan.imageTypes,
    featureClass: Object.fromEntries(plan.features.map((f) => [f.cls, f.names])),
    setting: plan.settings,
  };
}

/** The configuration with the ROI label set: `setting.label` in a PyRadiomics parameter object, `label` otherwise. */
export function withLabel<T extends object>(config: T, label: number): T {
  if (isPyRadiomicsParams(config)) {
    const p = config as PyParams;
    return { ...config, setting: { ...(p.setting ?? {}), label } };
  }
  return { ...config, label };
}

/** The ROI label a configuration selects: `setting.label` in a PyRadiomics parameter object, `label` otherwise. */
export function configLabel(config: object): number | undefined {
  const label = isPyRadiomicsParams(config)
    ? (config as PyParams).setting?.label
    : (config as { label?: unknown }).label;
  return typeof label === 'number' ? label : undefined;
}
