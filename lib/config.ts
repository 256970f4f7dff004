/**
 * The extraction configuration: the `config` argument of extractFeatures and the schema of config
 * files (JSON or YAML). Unknown keys are errors that name the key and the nearest valid one.
 */
import { AGGREGATIONS, CATALOGUE, FAMILIES, type AggregationName, type FamilyName } from './catalogue/index.js';
import { RadiomicsError } from './errors.js';
import { validateImageTypes, type ImageTypesConfig } from './filters/image-types.js';
import { BINDING_OPTIONS, SETTINGS, type SettingPath } from './catalogue/settings.generated.js';
import type { ConfigGroups, LocalIntensityConfig, MorphologyConfig } from './catalogue/config-groups.generated.js';
import type { SettingRule } from './catalogue/setting-rule.js';
import { didYouMean } from './suggest.js';

/** Bounds of a discretisation: FBS X_min / X_max, or the total range G of 'none' for the IVH. */
export interface DiscretisationBounds {
  /** FBS lower bound X_min; default (IBSI): the lower re-segmentation bound, else the ROI minimum. */
  min?: number;
  /** FBS upper bound (fixes N_g), e.g. the upper re-segmentation bound for the IVH of IBSI config C. */
  max?: number;
}

/** No discretisation: intensities are already grey levels (integers >= 1). */
export interface NoDiscretisation extends DiscretisationBounds {
  /** No discretisation. */
  method: 'none';
}

/** Fixed bin size (IBSI 2.7, FBS): bins of width w_b from X_min. */
export interface FixedBinSize extends DiscretisationBounds {
  /** Fixed bin size. */
  method: 'fbs';
  /** Bin width w_b (intensity units). */
  binWidth: number;
}

/** Fixed bin number (IBSI 2.7, FBN): N_g bins between the ROI minimum and maximum. */
export interface FixedBinNumber extends DiscretisationBounds {
  /** Fixed bin number. */
  method: 'fbn';
  /** Number of bins N_g. */
  nBins: number;
}

/** Discretisation of intensities into grey levels: `{ method: 'fbs', binWidth }`, `{ method: 'fbn', nBins }` or `{ method: 'none' }`. */
export type DiscretisationConfig = NoDiscretisation | FixedBinSize | FixedBinNumber;

/** Resampling of image and mask to a new voxel spacing (IBSI 2.3). */
export interface InterpolationConfig {
  /** Target voxel spacing in mm [x, y, z]; 0 keeps an axis. */
  spacing: [number, number, number];
  /** 2D (in-plane) interpolation: x and y only, slices untouched (IBSI configuration B). Default false. */
  inPlane?: boolean;
  /** Image interpolation: 'nearest', 'linear' (default) or 'bspline' (cubic B-spline, prefiltered: it interpolates). */
  method?: 'nearest' | 'linear' | 'bspline';
  /** 'ibsi' (default): grid centres aligned, n_b = ceil(n_a s_a / s_b); 'corner': SimpleITK / PyRadiomics alignment. */
  gridAlignment?: 'ibsi' | 'corner';
  /** Round interpolated intensities to the nearest integer (CT, IBSI). Default false. */
  roundIntensities?: boolean;
  /** Mask interpolation: 'linear' (default) then keep voxels >= threshold (default 0.5), or 'nearest'. */
  mask?: {
    /** 'linear' (default, then the threshold) or 'nearest'. */
    method?: 'nearest' | 'linear';
    /** Partial-volume threshold; default 0.5. */
    threshold?: number;
  };
  /** Worker threads for resampling (default: all cores; results are identical for any count). */
  threads?: number;
}

/** Intensity normalisation before resampling (PyRadiomics `normalize`). */
export interface NormalisationConfig {
  /** 'zscore': (x - mean) / sd; 'none' with a shift only adds the shift. */
  method: 'zscore' | 'none';
  /** Statistics over the whole image (default; PyRadiomics, sample sd) or over the ROI. */
  scope?: 'image' | 'roi';
  /** Multiply z-scores by this (PyRadiomics normalizeScale); default 1. */
  scale?: number;
  /** Clip z-scores to [-k, k] before scaling (PyRadiomics removeOutliers); default off. */
  removeOutliers?: number;
  /** Added after normalisation (PyRadiomics voxelArrayShift); default 0. */
  shift?: number;
}

/**
 * The extraction configuration: the `config` argument of extractFeatures and the schema of config files (JSON or
 * YAML). Every key, with its range, default and IBSI rule, is listed in docs/settings.md.
 */
export interface ExtractionConfig extends ImageTypesConfig {
  /** Mask label of the ROI; default 1. */
  label?: number;
  /** Round the input image to the nearest integer before anything else (IBSI note on the CT phantom NIfTI). */
  roundInput?: boolean;
  /** Intensity normalisation, applied before resampling. */
  normalisation?: NormalisationConfig;
  /** Resampling of image and mask to a new voxel spacing. */
  interpolation?: InterpolationConfig;
  /**
   * 'roi' (default): rounding, normalisation and interpolation compute only the ROI's neighbourhood on the
   * grid of the whole image (same features, memory and time follow the ROI box). 'image': the whole image
   * first, which also reports the interpolated image's mean / min / max diagnostics (IBSI reference set).
   */
  processingScope?: 'roi' | 'image';
  /** Threads for one extraction (morphology beside the other families; default all cores). Results are identical for any count. */
  threads?: number;
  /** '2D' (slice-wise: texture aggregations 2D and 2.5D) or '3D' (3D aggregations); default: all aggregations. */
  dimensionality?: '2D' | '3D';
  /** Families to compute; default all. */
  families?: FamilyName[];
  /** Only these feature tags (exact, or with a trailing '*' as a prefix pattern); default all of the families. */
  features?: string[];
  /** Discretisation for the intensity histogram and the texture families; default { method: 'none' }. */
  discretisation?: DiscretisationConfig;
  /** Re-segmentation of the intensity mask: range [min, max] (null = open end) and outlier filtering (mean +- k sd). */
  resegmentation?: {
    /** Range [min, max] (null = open end); also FBS X_min and the IVH range (IBSI). */
    range?: [number | null, number | null];
    /** Outlier filtering: keep mean +- k sd; 0 = off. */
    outlierSigma?: number;
  };
  /** Intensity-volume histogram discretisation; default none (calibrated discrete intensities, w = 1). */
  ivh?: {
    /** Discretisation of the IVH; default none. */
    discretisation?: DiscretisationConfig;
  };
  /** Texture matrices (GLCM, GLRLM, GLSZM, GLDZM, NGTDM, NGLDM). */
  texture?: {
    /** GLCM Chebyshev distances; default [1]. */
    distances?: number[];
    /** Symmetric GLCM; default true. */
    symmetric?: boolean;
    /** NGTDM / NGLDM neighbourhood Chebyshev distance; default 1. */
    neighbourhoodDistance?: number;
    /** NGLDM coarseness alpha; default 0. */
    ngldmAlpha?: number;
    /** Aggregations to compute; default all (tag suffixes: 2D_avg, 2D_comb, 2_5D_avg, 2_5D_comb, 3D_avg, 3D_comb, 2D, 2_5D, 3D). */
    aggregations?: AggregationName[];
    /** Return the texture matrices in the result (`matrices`); default false. */
    returnMatrices?: boolean;
    /** Largest memory one matrix may take (bytes); default 1 GiB. */
    maxMatrixBytes?: number;
  };
  /** Morphology settings (keys, defaults and docs generated from catalogue/settings.json). */
  morphology?: MorphologyConfig;
  /** Local intensity peaks (keys, defaults and docs generated from catalogue/settings.json). */
  localIntensity?: LocalIntensityConfig;
  /** Fewest voxels the intensity mask may hold after re-segmentation; default 1 (PyRadiomics minimumROISize). */
  minRoiVoxels?: number;
  /** Most grey levels a discretisation may produce; default 65536. */
  maxLevels?: number;
  /** Relative tolerance for comparing image and mask geometry; default 1e-3. */
  geometryTolerance?: number;
}

/** The key tree of the config, derived from the settings schema (an `ivh.discretisation` holds a discretisation). */
type Shape = { [key: string]: Shape | 'leaf' };
function schemaShape(): Shape {
  const root: Shape = {};
  for (const path of Object.keys(SETTINGS)) {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Shape;
    node[parts[parts.length - 1] as string] = 'leaf';
  }
  (root.ivh as Shape).discretisation = root.discretisation as Shape;
  return root;
}
const SCHEMA: Shape = schemaShape();

/** The schema default of a setting (catalogue/settings.json). */
export function settingDefault<P extends SettingPath>(
  path: P,
): (typeof SETTINGS)[P] extends { default: infer D } ? D : undefined {
  return (SETTINGS[path] as SettingRule).default as never;
}

function invalid(message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_INVALID_CONFIG', message);
}

function checkKeys(obj: unknown, shape: Shape, path: string): void {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) invalid(`${path || 'config'} must be an object`);
  for (const key of Object.keys(obj)) {
    const sub = shape[key];
    const where = path ? `${path}.${key}` : key;
    if (sub === undefined) invalid(`unknown config key '${where}'${didYouMean(key, Object.keys(shape))}`);
    const value = (obj as Record<string, unknown>)[key];
    if (sub !== 'leaf' && value !== undefined) checkKeys(value, sub, where);
  }
}

/** Checks a number against its schema rule (finite, integer where the rule says, within range). */
export function checkNumber(
  v: unknown,
  where: string,
  rule: SettingRule,
  fail: (message: string) => never = invalid,
): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where} must be a finite number, got ${JSON.stringify(v)}`);
  if (rule.type.startsWith('integer') && !Number.isInteger(v)) fail(`${where} must be an integer, got ${v}`);
  if (rule.min !== undefined && (rule.exclusiveMin ? v <= rule.min : v < rule.min))
    fail(`${where} must be ${rule.exclusiveMin ? '>' : '>='} ${rule.min}, got ${v}`);
  if (rule.max !== undefined && v > rule.max) fail(`${where} must be <= ${rule.max}, got ${v}`);
  return v;
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') invalid(`${where} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Checks that v is one of the allowed strings; the error names the nearest one. */
export function checkOneOf(
  v: unknown,
  allowed: readonly string[],
  where: string,
  fail: (message: string) => never = invalid,
): void {
  if (typeof v !== 'string' || !allowed.includes(v))
    fail(
      `${where} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(v)}${typeof v === 'string' ? didYouMean(v, allowed) : ''}`,
    );
}

/** Checks one scalar setting (number, boolean or enum) at `where` against the rule of `path`. */
function checkScalar(value: unknown, path: string, where: string): void {
  const rule = (SETTINGS as Record<string, SettingRule>)[path];
  if (value === undefined || !rule) return;
  if (rule.type === 'integer' || rule.type === 'number') checkNumber(value, where, rule);
  else if (rule.type === 'boolean') bool(value, where);
  else if (rule.type === 'enum') checkOneOf(value, rule.values ?? [], where);
}

function valueAt(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** Texture aggregations a configuration asks for (explicit list, else by dimensionality, else all). */
export function aggregationsOf(c: ExtractionConfig): AggregationName[] {
  if (c.texture?.aggregations) return c.texture.aggregations;
  if (c.dimensionality === '2D') return ['2D_avg', '2D_comb', '2_5D_avg', '2_5D_comb', '2D', '2_5D'];
  if (c.dimensionality === '3D') return ['3D_avg', '3D_comb', '3D'];
  return Object.keys(AGGREGATIONS) as AggregationName[];
}

function checkDiscretisation(d: DiscretisationConfig, where: string): void {
  checkOneOf(d.method, SETTINGS['discretisation.method'].values, `${where}.method`);
  for (const key of ['binWidth', 'nBins', 'min', 'max'] as const)
    checkScalar((d as unknown as Record<string, unknown>)[key], `discretisation.${key}`, `${where}.${key}`);
  if (d.method === 'fbs' && d.binWidth === undefined) invalid(`${where}.binWidth is required for fixed bin size`);
  if (d.method === 'fbn' && d.nBins === undefined) invalid(`${where}.nBins is required for fixed bin number`);
}

/** Validates a configuration (throws ERR_RADIOMICS_INVALID_CONFIG naming the problem) and returns it. */
export function validateConfig(config: unknown): ExtractionConfig {
  const c = (config ?? {}) as ExtractionConfig;
  checkKeys(c, SCHEMA, '');
  // Every scalar setting against its schema rule; the structured ones below.
  for (const path of Object.keys(SETTINGS))
    if (!path.startsWith('discretisation.')) checkScalar(valueAt(c, path), path, path);
  if (c.normalisation && c.normalisation.method === undefined)
    checkOneOf(undefined, SETTINGS['normalisation.method'].values, 'normalisation.method');
  const ip = c.interpolation;
  if (ip) {
    if (!Array.isArray(ip.spacing) || ip.spacing.length !== 3) invalid('interpolation.spacing must be [x, y, z] in mm');
    ip.spacing.forEach((v, k) => checkNumber(v, `interpolation.spacing[${k}]`, SETTINGS['interpolation.spacing']));
  }
  const familyNames = FAMILIES.map((f) => f.family);
  if (c.families !== undefined) {
    if (!Array.isArray(c.families)) invalid('families must be an array of family names');
    for (const f of c.families)
      if (!familyNames.includes(f)) invalid(`unknown family '${f}'${didYouMean(String(f), familyNames)}`);
  }
  if (c.features !== undefined) {
    if (!Array.isArray(c.features)) invalid('features must be an array of feature tags');
    for (const t of c.features) {
      if (typeof t !== 'string') invalid('features must be an array of feature tags');
      if (t.endsWith('*')) {
        const prefix = t.slice(0, -1);
        if (![...CATALOGUE.keys()].some((tag) => tag.startsWith(prefix)))
          invalid(`feature pattern '${t}' matches no feature${didYouMean(prefix, CATALOGUE.keys())}`);
      } else if (!CATALOGUE.has(t) && !isDistanceTag(t))
        invalid(`unknown feature '${t}'${didYouMean(t, CATALOGUE.keys())}`);
    }
  }
  if (c.discretisation) checkDiscretisation(c.discretisation, 'discretisation');
  if (c.ivh?.discretisation) checkDiscretisation(c.ivh.discretisation, 'ivh.discretisation');
  if (c.resegmentation?.range !== undefined) {
    const range = c.resegmentation.range;
    if (!Array.isArray(range) || range.length !== 2)
      invalid('resegmentation.range must be [min, max] (null for an open end)');
    range.forEach((x, k) => x !== null && checkNumber(x, `resegmentation.range[${k}]`, { type: 'number', doc: '' }));
    if (range[0] !== null && range[1] !== null && range[0] > range[1])
      invalid(`resegmentation.range [${range.join(', ')}] has min > max`);
  }
  const t = c.texture;
  if (t?.distances !== undefined) {
    const rule = SETTINGS['texture.distances'];
    if (!Array.isArray(t.distances) || t.distances.length < rule.minItems || t.distances.length > rule.maxItems)
      invalid(`texture.distances must hold ${rule.minItems}..${rule.maxItems} distances`);
    t.distances.forEach((d, k) => checkNumber(d, `texture.distances[${k}]`, rule));
  }
  if (t?.aggregations !== undefined) {
    if (!Array.isArray(t.aggregations)) invalid('texture.aggregations must be an array');
    for (const a of t.aggregations)
      if (!(a in AGGREGATIONS))
        invalid(`unknown aggregation '${a}'${didYouMean(String(a), Object.keys(AGGREGATIONS))}`);
  }
  validateImageTypes(c);
  if (c.filteredFamilies)
    for (const f of c.filteredFamilies)
      if (!familyNames.includes(f))
        invalid(`unknown family '${f}' in filteredFamilies${didYouMean(String(f), familyNames)}`);
  return c;
}

/** A GLCM tag with an explicit distance (`cm_joint_max_d2_3D_avg`), produced when texture.distances has several. */
function isDistanceTag(tag: string): boolean {
  const m = /^(cm_.+)_d\d+_(.+)$/.exec(tag);
  return m !== null && CATALOGUE.has(`${m[1]}_${m[2]}`);
}

/**
 * The top-level scalar settings of the schema (`label`, `maxLevels`, ...) with their values or defaults: they
 * reach native and the resolved config under their own names, so adding one is a schema entry, not code here.
 */
function topLevelScalars(c: ExtractionConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, rule] of Object.entries(SETTINGS) as [string, SettingRule][]) {
    if (path.includes('.') || !['integer', 'number', 'boolean'].includes(rule.type)) continue;
    const value = (c as Record<string, unknown>)[path] ?? rule.default;
    if (value !== undefined) out[path] = value;
  }
  return out;
}

/** The settings object the native addon reads (native/napi/job.cc). */
export function toNativeSettings(c: ExtractionConfig): Record<string, unknown> {
  const fams = new Set<FamilyName>(c.families ?? FAMILIES.map((f) => f.family));
  const families: Record<string, boolean> = { diagnostics: true };
  for (const f of FAMILIES) families[f.family] = fams.has(f.family);
  const aggs = new Set<AggregationName>(aggregationsOf(c));
  const range = c.resegmentation?.range;
  // The IBSI rules that derive FBS X_min and the IVH range from the re-segmentation range live in the core
  // (withIbsiRules, native/core/settings.h): the settings are forwarded as given.
  const discretisation = c.discretisation ?? { method: 'none' };
  const ip = c.interpolation;
  const nm = c.normalisation;
  return {
    ...topLevelScalars(c),
    wholeImage: (c.processingScope ?? settingDefault('processingScope')) === 'image',
    normalisation: nm
      ? {
          zscore: nm.method === 'zscore',
          roiScope: nm.scope === 'roi',
          scale: nm.scale ?? settingDefault('normalisation.scale'),
          outliers: nm.removeOutliers ?? settingDefault('normalisation.removeOutliers'),
          shift: nm.shift ?? settingDefault('normalisation.shift'),
        }
      : undefined,
    interpolation: ip
      ? {
          spacing: ip.spacing,
          inPlane: ip.inPlane ?? settingDefault('interpolation.inPlane'),
          method: { nearest: 0, linear: 1, bspline: 2 }[ip.method ?? settingDefault('interpolation.method')],
          alignment: ip.gridAlignment === 'corner' ? 1 : 0,
          rounding: ip.roundIntensities ? 1 : 0,
          maskMethod: ip.mask?.method === 'nearest' ? 0 : 1,
          maskThreshold: ip.mask?.threshold ?? settingDefault('interpolation.mask.threshold'),
          threads: ip.threads ?? settingDefault('interpolation.threads'),
        }
      : undefined,
    families,
    discretisation,
    resegmentation: {
      min: range?.[0] ?? undefined,
      max: range?.[1] ?? undefined,
      outlierSigma: c.resegmentation?.outlierSigma ?? settingDefault('resegmentation.outlierSigma'),
    },
    ivh: { discretisation: c.ivh?.discretisation ?? { method: 'none' } },
    texture: {
      distances: c.texture?.distances ?? [...settingDefault('texture.distances')],
      symmetric: c.texture?.symmetric ?? settingDefault('texture.symmetric'),
      neighbourhoodDistance: c.texture?.neighbourhoodDistance ?? settingDefault('texture.neighbourhoodDistance'),
      ngldmAlpha: c.texture?.ngldmAlpha ?? settingDefault('texture.ngldmAlpha'),
      returnMatrices: c.texture?.returnMatrices ?? settingDefault('texture.returnMatrices'),
      maxMatrixBytes: c.texture?.maxMatrixBytes ?? settingDefault('texture.maxMatrixBytes'),
      // The exact set, keyed by tag suffix: native computes these and nothing else.
      aggregations: Object.fromEntries((Object.keys(AGGREGATIONS) as AggregationName[]).map((a) => [a, aggs.has(a)])),
    },
    morphology: c.morphology ?? {},
    localIntensity: c.localIntensity ?? {},
  };
}

/** Keeps only the features the configuration asked for (families, aggregations, features). */
export function selectFeatures(c: ExtractionConfig, features: Record<string, number>): Record<string, number> {
  const aggs = c.texture?.aggregations || c.dimensionality ? new Set<string>(aggregationsOf(c)) : null;
  const patterns = c.features;
  const out: Record<string, number> = {};
  for (const [tag, value] of Object.entries(features)) {
    const entry = CATALOGUE.get(tag);
    if (aggs && entry?.aggregation && !aggs.has(entry.aggregation)) continue;
    if (patterns && !patterns.some((p) => (p.endsWith('*') ? tag.startsWith(p.slice(0, -1)) : tag === p))) continue;
    out[tag] = value;
  }
  return out;
}

/** A generated config group (config-groups.generated.ts) with every default of the schema written out. */
function withGroupDefaults<G extends keyof ConfigGroups>(
  group: G,
  given: ConfigGroups[G] | undefined,
): Required<ConfigGroups[G]> {
  const out: Record<string, unknown> = {};
  for (const [path, rule] of Object.entries(SETTINGS) as [string, SettingRule][]) {
    if (!path.startsWith(`${group}.`)) continue;
    const key = path.slice(group.length + 1);
    out[key] = (given as Record<string, unknown> | undefined)?.[key] ?? rule.default;
  }
  return out as Required<ConfigGroups[G]>;
}

/**
 * The configuration with every default written out: what `radiomics config --print` shows and what batch
 * provenance hashes, so that `{}` and a file spelling out the defaults are the same configuration.
 * `dimensionality` is folded into `texture.aggregations` (its only effect).
 */
export function resolveConfig(config: ExtractionConfig): ExtractionConfig {
  const c = validateConfig(structuredClone(config ?? {}));
  const nm = c.normalisation,
    ip = c.interpolation;
  const resolved: ExtractionConfig = {
    ...topLevelScalars(c),
    processingScope: c.processingScope ?? settingDefault('processingScope'),
    ...(nm
      ? {
          normalisation: {
            method: nm.method,
            scope: nm.scope ?? settingDefault('normalisation.scope'),
            scale: nm.scale ?? settingDefault('normalisation.scale'),
            ...(nm.removeOutliers !== undefined ? { removeOutliers: nm.removeOutliers } : {}),
            shift: nm.shift ?? settingDefault('normalisation.shift'),
          },
        }
      : {}),
    ...(ip
      ? {
          interpolation: {
            spacing: ip.spacing,
            inPlane: ip.inPlane ?? settingDefault('interpolation.inPlane'),
            method: ip.method ?? settingDefault('interpolation.method'),
            gridAlignment: ip.gridAlignment ?? settingDefault('interpolation.gridAlignment'),
            roundIntensities: ip.roundIntensities ?? settingDefault('interpolation.roundIntensities'),
            mask: {
              method: ip.mask?.method ?? settingDefault('interpolation.mask.method'),
              threshold: ip.mask?.threshold ?? settingDefault('interpolation.mask.threshold'),
            },
            ...(ip.threads !== undefined ? { threads: ip.threads } : {}),
          },
        }
      : {}),
    families: c.families ?? FAMILIES.map((f) => f.family),
    ...(c.features !== undefined ? { features: c.features } : {}),
    discretisation: c.discretisation ?? { method: 'none' },
    resegmentation: {
      range: c.resegmentation?.range ?? [null, null],
      outlierSigma: c.resegmentation?.outlierSigma ?? settingDefault('resegmentation.outlierSigma'),
    },
    ivh: { discretisation: c.ivh?.discretisation ?? { method: 'none' } },
    texture: {
      distances: c.texture?.distances ?? [...settingDefault('texture.distances')],
      symmetric: c.texture?.symmetric ?? settingDefault('texture.symmetric'),
      neighbourhoodDistance: c.texture?.neighbourhoodDistance ?? settingDefault('texture.neighbourhoodDistance'),
      ngldmAlpha: c.texture?.ngldmAlpha ?? settingDefault('texture.ngldmAlpha'),
      aggregations: aggregationsOf(c),
      returnMatrices: c.texture?.returnMatrices ?? settingDefault('texture.returnMatrices'),
      maxMatrixBytes: c.texture?.maxMatrixBytes ?? settingDefault('texture.maxMatrixBytes'),
    },
    morphology: withGroupDefaults('morphology', c.morphology),
    localIntensity: withGroupDefaults('localIntensity', c.localIntensity),
  };
  return validateConfig(resolved);
}

function invalidArgument(message: string): never {
  throw new RadiomicsError('ERR_RADIOMICS_INVALID_ARGUMENT', message);
}

function checkOptionKeys(options: unknown, allowed: readonly string[], what: string): Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    invalidArgument(`${what} options must be an object`);
  for (const key of Object.keys(options))
    if (!allowed.includes(key)) invalidArgument(`unknown ${what} option '${key}'${didYouMean(key, allowed)}`);
  return options as Record<string, unknown>;
}

function checkOptionalBool(v: unknown, where: string): void {
  if (v !== undefined && typeof v !== 'boolean')
    invalidArgument(`${where} must be true or false, got ${JSON.stringify(v)}`);
}

/**
 * Validates the options of resample() like the extraction config: unknown keys name the nearest valid one,
 * enums and numbers are checked against the settings schema (throws ERR_RADIOMICS_INVALID_ARGUMENT).
 */
export function validateResampleOptions(options: unknown): void {
  const o = checkOptionKeys(
    options,
    ['spacing', 'inPlane', 'method', 'gridAlignment', 'roundIntensities', 'threads'],
    'resample',
  );
  if (o.method !== undefined) checkOneOf(o.method, SETTINGS['interpolation.method'].values, 'method', invalidArgument);
  if (o.gridAlignment !== undefined)
    checkOneOf(o.gridAlignment, SETTINGS['interpolation.gridAlignment'].values, 'gridAlignment', invalidArgument);
  checkOptionalBool(o.inPlane, 'inPlane');
  checkOptionalBool(o.roundIntensities, 'roundIntensities');
  if (o.threads !== undefined) checkNumber(o.threads, 'threads', BINDING_OPTIONS['resample.threads'], invalidArgument);
}

/** Validates the options of the ROI operations (dilate, erode, ring, peritumoralRois) and their radii. */
export function validateRoiOptions(options: unknown, radii: Record<string, unknown>): void {
  const o = checkOptionKeys(options, ['label', 'allowClip', 'clipTo', 'threads'], 'ROI operation');
  if (o.label !== undefined) checkNumber(o.label, 'label', BINDING_OPTIONS['roi.label'], invalidArgument);
  if (o.threads !== undefined) checkNumber(o.threads, 'threads', BINDING_OPTIONS['roi.threads'], invalidArgument);
  checkOptionalBool(o.allowClip, 'allowClip');
  for (const [name, value] of Object.entries(radii)) {
    if (name === 'radiiMm') {
      const rule = BINDING_OPTIONS['roi.radiiMm'];
      if (!Array.isArray(value) || value.length < rule.minItems || value.length > rule.maxItems)
        invalidArgument(`radiiMm must hold ${rule.minItems}..${rule.maxItems} radii`);
      value.forEach((r, k) => checkNumber(r, `radiiMm[${k}]`, rule, invalidArgument));
    } else {
      checkNumber(
        value,
        name,
        (BINDING_OPTIONS as Record<string, SettingRule>)[`roi.${name}`] ?? { type: 'number', min: 0, doc: '' },
        invalidArgument,
      );
    }
  }
}
