/**
 * PyRadiomics parameter files (YAML / JSON, or the parsed object): `imageType`, `featureClass`, `setting`,
 * `voxelSetting`. Validated by the rules of PyRadiomics' own schema (radiomics/schemas/paramSchema.yaml, 3.1):
 * the same keys, types and ranges; unknown keys are errors naming the nearest valid key.
 */
import { RadiomicsError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { PY_CLASSES, PY_CLASS_NAMES, type PyClass } from './names.js';

export type PySettings = Record<string, unknown>;

export interface PyParams {
  /** Set in a library config to ask for compatibility mode without a parameter file's other keys. */
  compat?: 'pyradiomics';
  imageType?: Record<string, PySettings | null>;
  featureClass?: Record<string, string[] | null>;
  setting?: PySettings;
  voxelSetting?: Record<string, unknown>;
}

export const TOP_KEYS = ['imageType', 'featureClass', 'setting', 'voxelSetting'] as const;

/** Every image type PyRadiomics 3.1 knows; compatibility mode computes only Original so far (PyRadiomics' filter definitions are not reproduced yet). */
export const IMAGE_TYPES = [
  'Original',
  'LoG',
  'Wavelet',
  'Square',
  'SquareRoot',
  'Logarithm',
  'Exponential',
  'Gradient',
  'LBP2D',
  'LBP3D',
];
export const SUPPORTED_IMAGE_TYPES = ['Original'];

export const INTERPOLATORS = [
  'sitkNearestNeighbor',
  'sitkLinear',
  'sitkBSpline',
  'sitkGaussian',
  'sitkLabelGaussian',
  'sitkHammingWindowedSinc',
  'sitkCosineWindowedSinc',
  'sitkWelchWindowedSinc',
  'sitkLanczosWindowedSinc',
  'sitkBlackmanWindowedSinc',
];

type Rule =
  | { type: 'int' | 'float'; min?: number; minEx?: number; max?: number }
  | { type: 'bool' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'seq'; item: 'int' | 'float'; min?: number; minEx?: number }
  | { type: 'interpolator' }
  | { type: 'weighting' }
  | { type: 'wavelet' };

/** PyRadiomics' `setting` schema (also the schema of each imageType's custom settings). */
export const SETTING_RULES: Record<string, Rule> = {
  minimumROIDimensions: { type: 'int', min: 1, max: 3 },
  minimumROISize: { type: 'int', minEx: 0 },
  geometryTolerance: { type: 'float', minEx: 0 },
  correctMask: { type: 'bool' },
  additionalInfo: { type: 'bool' },
  label: { type: 'int', minEx: 0 },
  label_channel: { type: 'int', min: 0 },
  binWidth: { type: 'float', minEx: 0 },
  binCount: { type: 'int', minEx: 0 },
  normalize: { type: 'bool' },
  normalizeScale: { type: 'float', minEx: 0 },
  removeOutliers: { type: 'float', minEx: 0 },
  resampledPixelSpacing: { type: 'seq', item: 'float', min: 0 },
  interpolator: { type: 'interpolator' },
  padDistance: { type: 'int', min: 0 },
  distances: { type: 'seq', item: 'int', minEx: 0 },
  force2D: { type: 'bool' },
  force2Ddimension: { type: 'int', min: 0, max: 2 },
  resegmentRange: { type: 'seq', item: 'float' },
  resegmentMode: { type: 'enum', values: ['absolute', 'relative', 'sigma'] },
  resegmentShape: { type: 'bool' },
  preCrop: { type: 'bool' },
  sigma: { type: 'seq', item: 'float', minEx: 0 },
  start_level: { type: 'int', min: 0 },
  level: { type: 'int', minEx: 0 },
  wavelet: { type: 'wavelet' },
  gradientUseSpacing: { type: 'bool' },
  lbp2DRadius: { type: 'float', minEx: 0 },
  lbp2DSamples: { type: 'int', min: 1 },
  lbp2DMethod: { type: 'enum', values: ['default', 'ror', 'uniform', 'var'] },
  lbp3DLevels: { type: 'int', min: 1 },
  lbp3DIcosphereRadius: { type: 'float', minEx: 0 },
  lbp3DIcosphereSubdivision: { type: 'int', min: 0 },
  voxelArrayShift: { type: 'int' },
  symmetricalGLCM: { type: 'bool' },
  weightingNorm: { type: 'weighting' },
  gldm_a: { type: 'int', min: 0 },
  // Accepted by PyRadiomics 3.1's extractor outside the schema's list (C extensions are always on here).
  enableCExtensions: { type: 'bool' },
};

const VOXEL_RULES: Record<string, Rule> = {
  kernelRadius: { type: 'int', minEx: 0 },
  maskedKernel: { type: 'bool' },
  initValue: { type: 'float' },
  voxelBatch: { type: 'int', minEx: 0 },
};

function invalid(message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_INVALID_CONFIG', message);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkNumber(
  v: unknown,
  where: string,
  type: 'int' | 'float',
  r: { min?: number; minEx?: number; max?: number },
): void {
  if (typeof v !== 'number' || !Number.isFinite(v))
    invalid(`${where} must be ${type === 'int' ? 'an integer' : 'a number'}, got ${JSON.stringify(v)}`);
  if (type === 'int' && !Number.isInteger(v)) invalid(`${where} must be an integer, got ${v}`);
  if (r.min !== undefined && v < r.min) invalid(`${where} must be >= ${r.min}, got ${v}`);
  if (r.minEx !== undefined && v <= r.minEx) invalid(`${where} must be > ${r.minEx}, got ${v}`);
  if (r.max !== undefined && v > r.max) invalid(`${where} must be <= ${r.max}, got ${v}`);
}

function checkRule(v: unknown, where: string, rule: Rule): void {
  if (v === null || v === undefined) return; // PyRadiomics: a null setting means "use the default"
  switch (rule.type) {
    case 'int':
    case 'float':
      return checkNumber(v, where, rule.type, rule);
    case 'bool':
      if (typeof v !== 'boolean') invalid(`${where} must be true or false, got ${JSON.stringify(v)}`);
      return;
    case 'enum':
      if (typeof v !== 'string' || !rule.values.includes(v))
        invalid(
          `${where} must be one of ${rule.values.join(', ')}, got ${JSON.stringify(v)}${typeof v === 'string' ? didYouMean(v, rule.values) : ''}`,
        );
      return;
    case 'seq':
      if (!Array.isArray(v)) invalid(`${where} must be a list of numbers, got ${JSON.stringify(v)}`);
      v.forEach((x, k) => checkNumber(x, `${where}[${k}]`, rule.item, rule));
      return;
    case 'interpolator':
      if (typeof v === 'string') {
        if (!INTERPOLATORS.includes(v))
          invalid(`${where} '${v}' is not a SimpleITK interpolator${didYouMean(v, INTERPOLATORS)}`);
      } else if (typeof v === 'number') {
        if (!Number.isInteger(v) || v < 1 || v > 10)
          invalid(`${where} ${v} must be an interpolator name or an integer in 1..10`);
      } else
        invalid(`${where} must be an interpolator name (sitkBSpline, ...) or an integer, got ${JSON.stringify(v)}`);
      return;
    case 'weighting': {
      const values = ['euclidean', 'manhattan', 'infinity', 'no_weighting'];
      if (typeof v !== 'string' || !values.includes(v))
        invalid(
          `${where} must be one of ${values.join(', ')} or null, got ${JSON.stringify(v)}${typeof v === 'string' ? didYouMean(v, values) : ''}`,
        );
      return;
    }
    case 'wavelet':
      if (typeof v !== 'string') invalid(`${where} must be a wavelet name, got ${JSON.stringify(v)}`);
      return;
  }
}

function checkMapping(obj: unknown, where: string, rules: Record<string, Rule>): void {
  if (obj === null || obj === undefined) return;
  if (!isMap(obj)) invalid(`${where} must be a mapping of settings`);
  for (const [key, value] of Object.entries(obj)) {
    const rule = rules[key];
    if (!rule) invalid(`unknown PyRadiomics setting '${where}.${key}'${didYouMean(key, Object.keys(rules))}`);
    checkRule(value, `${where}.${key}`, rule);
  }
}

/** True when an object is a PyRadiomics parameter file (or asks for compatibility mode). */
export function isPyRadiomicsParams(config: unknown): config is PyParams {
  if (!isMap(config)) return false;
  if (config.compat === 'pyradiomics') return true;
  const keys = Object.keys(config);
  return keys.length > 0 && keys.every((k) => (TOP_KEYS as readonly string[]).includes(k));
}

/**
 * Validates a PyRadiomics parameter object as PyRadiomics does (throws ERR_RADIOMICS_INVALID_CONFIG naming the
 * key and the nearest valid one) and returns it. Image types this library does not compute yet are errors that
 * name them.
 */
export function validatePyParams(params: unknown): PyParams {
  if (!isMap(params)) invalid('a PyRadiomics parameter file must be a mapping');
  for (const key of Object.keys(params)) {
    if (key === 'compat') {
      if (params.compat !== 'pyradiomics')
        invalid(`compat must be 'pyradiomics', got ${JSON.stringify(params.compat)}`);
      continue;
    }
    if (!(TOP_KEYS as readonly string[]).includes(key))
      invalid(`unknown PyRadiomics parameter section '${key}'${didYouMean(key, TOP_KEYS)}`);
  }
  const p = params as PyParams;
  checkMapping(p.setting, 'setting', SETTING_RULES);
  checkMapping(p.voxelSetting, 'voxelSetting', VOXEL_RULES);
  if (p.imageType !== undefined && p.imageType !== null) {
    if (!isMap(p.imageType)) invalid('imageType must be a mapping of image type names to settings');
    if (Object.keys(p.imageType).length === 0)
      invalid('imageType enables no image type (PyRadiomics then computes nothing); add Original: {}');
    for (const [name, custom] of Object.entries(p.imageType)) {
      if (!IMAGE_TYPES.includes(name))
        invalid(`unknown PyRadiomics image type '${name}'${didYouMean(name, IMAGE_TYPES)}`);
      checkMapping(custom, `imageType.${name}`, SETTING_RULES);
    }
    const unsupported = Object.keys(p.imageType).filter((n) => !SUPPORTED_IMAGE_TYPES.includes(n));
    if (unsupported.length)
      throw new RadiomicsError(
        'ERR_RADIOMICS_INVALID_CONFIG',
        `image type${unsupported.length > 1 ? 's' : ''} ${unsupported.join(', ')} not supported yet in PyRadiomics compatibility mode (PyRadiomics' filter definitions are not reproduced yet); supported: ${SUPPORTED_IMAGE_TYPES.join(', ')}. Remove ${unsupported.length > 1 ? 'them' : 'it'} from imageType to compute the Original features`,
      );
  }
  if (p.featureClass !== undefined && p.featureClass !== null) {
    if (!isMap(p.featureClass))
      invalid('featureClass must be a mapping of feature class names to feature lists (or null for all)');
    for (const [cls, list] of Object.entries(p.featureClass)) {
      if (!(PY_CLASS_NAMES as string[]).includes(cls))
        invalid(`unknown PyRadiomics feature class '${cls}'${didYouMean(cls, PY_CLASS_NAMES)}`);
      if (list === null || list === undefined) continue;
      if (!Array.isArray(list)) invalid(`featureClass.${cls} must be a list of feature names or null (all)`);
      const names = PY_CLASSES[cls as PyClass].map((x) => x.name);
      for (const name of list)
        if (typeof name !== 'string' || !names.includes(name))
          invalid(`unknown ${cls} feature '${String(name)}'${didYouMean(String(name), names)}`);
    }
  }
  return p;
}
