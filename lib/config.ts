/**
 * The extraction configuration: the `config` argument of extractFeatures and the schema of config
 * files (JSON or YAML). Unknown keys are errors that name the key and the nearest valid one.
 */
import { AGGREGATIONS, CATALOGUE, FAMILIES, type AggregationName, type FamilyName } from './catalogue/index.js';
import { RadiomicsError } from './errors.js';
import { didYouMean } from './suggest.js';

export interface DiscretisationConfig {
  /** 'none': intensities are already grey levels (integers >= 1); 'fbs': fixed bin size; 'fbn': fixed bin number. */
  method: 'none' | 'fbs' | 'fbn';
  /** FBS bin width w_b (intensity units). */
  binWidth?: number;
  /** FBN number of bins N_g. */
  nBins?: number;
  /** FBS lower bound X_min; default: the lower re-segmentation bound, else the ROI minimum. */
  min?: number;
  /** FBS upper bound (fixes N_g), e.g. the upper re-segmentation bound for the IVH of IBSI config C. */
  max?: number;
}

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
  mask?: { method?: 'nearest' | 'linear'; threshold?: number };
  /** Worker threads for resampling (default: all cores; results are identical for any count). */
  threads?: number;
}

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

export interface ExtractionConfig {
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
  resegmentation?: { range?: [number | null, number | null]; outlierSigma?: number };
  /** Intensity-volume histogram discretisation; default none (calibrated discrete intensities, w = 1). */
  ivh?: { discretisation?: DiscretisationConfig };
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
  morphology?: {
    /** Moran's I / Geary's C are exact up to this many voxels, estimated above; default 20000. */
    moranExactMaxVoxels?: number;
    /** Above moranExactMaxVoxels, exact by FFT while the ROI box padded to twice its size has at most this many points (24 bytes each); default 2^23. Beyond, a deterministic subset estimate. */
    moranFftMaxPoints?: number;
    /** Seed of the estimate (deterministic); default 1. */
    moranSeed?: number;
  };
  localIntensity?: { /** Sphere volume in cm^3; default 1. */ sphereVolumeCm3?: number };
  /** Most grey levels a discretisation may produce; default 65536. */
  maxLevels?: number;
  /** Relative tolerance for comparing image and mask geometry; default 1e-3. */
  geometryTolerance?: number;
}

type Shape = { [key: string]: Shape | 'leaf' };
const SCHEMA: Shape = {
  label: 'leaf',
  roundInput: 'leaf',
  processingScope: 'leaf',
  threads: 'leaf',
  normalisation: { method: 'leaf', scope: 'leaf', scale: 'leaf', removeOutliers: 'leaf', shift: 'leaf' },
  interpolation: {
    spacing: 'leaf',
    inPlane: 'leaf',
    method: 'leaf',
    gridAlignment: 'leaf',
    roundIntensities: 'leaf',
    mask: { method: 'leaf', threshold: 'leaf' },
    threads: 'leaf',
  },
  dimensionality: 'leaf',
  families: 'leaf',
  features: 'leaf',
  discretisation: { method: 'leaf', binWidth: 'leaf', nBins: 'leaf', min: 'leaf', max: 'leaf' },
  resegmentation: { range: 'leaf', outlierSigma: 'leaf' },
  ivh: { discretisation: { method: 'leaf', binWidth: 'leaf', nBins: 'leaf', min: 'leaf', max: 'leaf' } },
  texture: {
    distances: 'leaf',
    symmetric: 'leaf',
    neighbourhoodDistance: 'leaf',
    ngldmAlpha: 'leaf',
    aggregations: 'leaf',
    returnMatrices: 'leaf',
    maxMatrixBytes: 'leaf',
  },
  morphology: { moranExactMaxVoxels: 'leaf', moranFftMaxPoints: 'leaf', moranSeed: 'leaf' },
  localIntensity: { sphereVolumeCm3: 'leaf' },
  maxLevels: 'leaf',
  geometryTolerance: 'leaf',
};

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

function num(v: unknown, where: string, opts: { int?: boolean; min?: number; max?: number; exclusiveMin?: boolean } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) invalid(`${where} must be a finite number, got ${JSON.stringify(v)}`);
  if (opts.int && !Number.isInteger(v)) invalid(`${where} must be an integer, got ${v}`);
  if (opts.min !== undefined && (opts.exclusiveMin ? v <= opts.min : v < opts.min)) invalid(`${where} must be ${opts.exclusiveMin ? '>' : '>='} ${opts.min}, got ${v}`);
  if (opts.max !== undefined && v > opts.max) invalid(`${where} must be <= ${opts.max}, got ${v}`);
  return v;
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') invalid(`${where} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function oneOf(v: unknown, allowed: string[], where: string): void {
  if (typeof v !== 'string' || !allowed.includes(v)) invalid(`${where} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(v)}${typeof v === 'string' ? didYouMean(v, allowed) : ''}`);
}

/** Texture aggregations a configuration asks for (explicit list, else by dimensionality, else all). */
export function aggregationsOf(c: ExtractionConfig): AggregationName[] {
  if (c.texture?.aggregations) return c.texture.aggregations;
  if (c.dimensionality === '2D') return ['2D_avg', '2D_comb', '2_5D_avg', '2_5D_comb', '2D', '2_5D'];
  if (c.dimensionality === '3D') return ['3D_avg', '3D_comb', '3D'];
  return Object.keys(AGGREGATIONS) as AggregationName[];
}

function checkDiscretisation(d: DiscretisationConfig, where: string): void {
  if (!['none', 'fbs', 'fbn'].includes(d.method)) invalid(`${where}.method must be 'none', 'fbs' or 'fbn'${didYouMean(String(d.method), ['none', 'fbs', 'fbn'])}`);
  if (d.method === 'fbs') {
    if (d.binWidth === undefined) invalid(`${where}.binWidth is required for fixed bin size`);
    num(d.binWidth, `${where}.binWidth`, { min: 0, exclusiveMin: true });
  }
  if (d.method === 'fbn') {
    if (d.nBins === undefined) invalid(`${where}.nBins is required for fixed bin number`);
    num(d.nBins, `${where}.nBins`, { int: true, min: 1 });
  }
  if (d.min !== undefined) num(d.min, `${where}.min`);
  if (d.max !== undefined) num(d.max, `${where}.max`);
}

/** Validates a configuration (throws ERR_RADIOMICS_INVALID_CONFIG naming the problem) and returns it. */
export function validateConfig(config: unknown): ExtractionConfig {
  const c = (config ?? {}) as ExtractionConfig;
  checkKeys(c, SCHEMA, '');
  if (c.label !== undefined) num(c.label, 'label', { int: true });
  if (c.roundInput !== undefined) bool(c.roundInput, 'roundInput');
  if (c.processingScope !== undefined) oneOf(c.processingScope, ['roi', 'image'], 'processingScope');
  if (c.threads !== undefined) num(c.threads, 'threads', { int: true, min: 0, max: 1024 });
  if (c.dimensionality !== undefined && c.dimensionality !== '2D' && c.dimensionality !== '3D') invalid(`dimensionality must be '2D' or '3D', got ${JSON.stringify(c.dimensionality)}`);
  const nm = c.normalisation;
  if (nm) {
    oneOf(nm.method, ['zscore', 'none'], 'normalisation.method');
    if (nm.scope !== undefined) oneOf(nm.scope, ['image', 'roi'], 'normalisation.scope');
    if (nm.scale !== undefined) num(nm.scale, 'normalisation.scale', { min: 0, exclusiveMin: true });
    if (nm.removeOutliers !== undefined) num(nm.removeOutliers, 'normalisation.removeOutliers', { min: 0, exclusiveMin: true });
    if (nm.shift !== undefined) num(nm.shift, 'normalisation.shift');
  }
  const ip = c.interpolation;
  if (ip) {
    if (!Array.isArray(ip.spacing) || ip.spacing.length !== 3) invalid('interpolation.spacing must be [x, y, z] in mm');
    ip.spacing.forEach((v, k) => num(v, `interpolation.spacing[${k}]`, { min: 0 }));
    if (ip.inPlane !== undefined) bool(ip.inPlane, 'interpolation.inPlane');
    if (ip.method !== undefined) oneOf(ip.method, ['nearest', 'linear', 'bspline'], 'interpolation.method');
    if (ip.gridAlignment !== undefined) oneOf(ip.gridAlignment, ['ibsi', 'corner'], 'interpolation.gridAlignment');
    if (ip.roundIntensities !== undefined) bool(ip.roundIntensities, 'interpolation.roundIntensities');
    if (ip.mask?.method !== undefined) oneOf(ip.mask.method, ['nearest', 'linear'], 'interpolation.mask.method');
    if (ip.mask?.threshold !== undefined) num(ip.mask.threshold, 'interpolation.mask.threshold', { min: 0, exclusiveMin: true, max: 1 });
    if (ip.threads !== undefined) num(ip.threads, 'interpolation.threads', { int: true, min: 0, max: 1024 });
  }
  const familyNames = FAMILIES.map((f) => f.family);
  if (c.families !== undefined) {
    if (!Array.isArray(c.families)) invalid('families must be an array of family names');
    for (const f of c.families) if (!familyNames.includes(f)) invalid(`unknown family '${f}'${didYouMean(String(f), familyNames)}`);
  }
  if (c.features !== undefined) {
    if (!Array.isArray(c.features)) invalid('features must be an array of feature tags');
    for (const t of c.features) {
      if (typeof t !== 'string') invalid('features must be an array of feature tags');
      if (t.endsWith('*')) continue;
      if (!CATALOGUE.has(t)) invalid(`unknown feature '${t}'${didYouMean(t, CATALOGUE.keys())}`);
    }
  }
  if (c.discretisation) checkDiscretisation(c.discretisation, 'discretisation');
  if (c.ivh?.discretisation) checkDiscretisation(c.ivh.discretisation, 'ivh.discretisation');
  if (c.resegmentation) {
    const r = c.resegmentation;
    if (r.range !== undefined) {
      if (!Array.isArray(r.range) || r.range.length !== 2) invalid('resegmentation.range must be [min, max] (null for an open end)');
      r.range.forEach((x, k) => x !== null && num(x, `resegmentation.range[${k}]`));
      if (r.range[0] !== null && r.range[1] !== null && r.range[0] > r.range[1]) invalid(`resegmentation.range [${r.range.join(', ')}] has min > max`);
    }
    if (r.outlierSigma !== undefined) num(r.outlierSigma, 'resegmentation.outlierSigma', { min: 0 });
  }
  const t = c.texture;
  if (t) {
    if (t.distances !== undefined) {
      if (!Array.isArray(t.distances) || t.distances.length === 0 || t.distances.length > 16) invalid('texture.distances must hold 1..16 distances');
      t.distances.forEach((d, k) => num(d, `texture.distances[${k}]`, { int: true, min: 1, max: 64 }));
    }
    if (t.symmetric !== undefined) bool(t.symmetric, 'texture.symmetric');
    if (t.neighbourhoodDistance !== undefined) num(t.neighbourhoodDistance, 'texture.neighbourhoodDistance', { int: true, min: 1, max: 64 });
    if (t.ngldmAlpha !== undefined) num(t.ngldmAlpha, 'texture.ngldmAlpha', { int: true, min: 0 });
    if (t.aggregations !== undefined) {
      if (!Array.isArray(t.aggregations)) invalid('texture.aggregations must be an array');
      for (const a of t.aggregations) if (!(a in AGGREGATIONS)) invalid(`unknown aggregation '${a}'${didYouMean(String(a), Object.keys(AGGREGATIONS))}`);
    }
    if (t.returnMatrices !== undefined) bool(t.returnMatrices, 'texture.returnMatrices');
    if (t.maxMatrixBytes !== undefined) num(t.maxMatrixBytes, 'texture.maxMatrixBytes', { min: 1024 });
  }
  if (c.morphology?.moranExactMaxVoxels !== undefined) num(c.morphology.moranExactMaxVoxels, 'morphology.moranExactMaxVoxels', { int: true, min: 0 });
  if (c.morphology?.moranFftMaxPoints !== undefined) num(c.morphology.moranFftMaxPoints, 'morphology.moranFftMaxPoints', { int: true, min: 0 });
  if (c.morphology?.moranSeed !== undefined) num(c.morphology.moranSeed, 'morphology.moranSeed', { int: true, min: 0 });
  if (c.localIntensity?.sphereVolumeCm3 !== undefined) num(c.localIntensity.sphereVolumeCm3, 'localIntensity.sphereVolumeCm3', { min: 0, exclusiveMin: true, max: 1000 });
  if (c.maxLevels !== undefined) num(c.maxLevels, 'maxLevels', { int: true, min: 1, max: 2 ** 32 - 1 });
  if (c.geometryTolerance !== undefined) num(c.geometryTolerance, 'geometryTolerance', { min: 0 });
  return c;
}

/** The settings object the native addon reads (native/napi/job.cc). */
export function toNativeSettings(c: ExtractionConfig): Record<string, unknown> {
  const fams = new Set<FamilyName>(c.families ?? FAMILIES.map((f) => f.family));
  const families: Record<string, boolean> = { diagnostics: true };
  for (const f of FAMILIES) families[f.family] = fams.has(f.family);
  const aggs = new Set<AggregationName>(aggregationsOf(c));
  const has = (...names: AggregationName[]) => names.some((n) => aggs.has(n));
  const range = c.resegmentation?.range;
  const disc = c.discretisation ?? { method: 'none' };
  // IBSI: with fixed bin size, X_min is the lower re-segmentation bound when there is one.
  const discretisation = disc.method === 'fbs' && disc.min === undefined && range && range[0] !== null ? { ...disc, min: range[0] } : disc;
  const ip = c.interpolation;
  const nm = c.normalisation;
  return {
    label: c.label ?? 1,
    roundInput: c.roundInput ?? false,
    wholeImage: c.processingScope === 'image',
    threads: c.threads ?? 0,
    normalisation: nm
      ? { zscore: nm.method === 'zscore', roiScope: nm.scope === 'roi', scale: nm.scale ?? 1, outliers: nm.removeOutliers ?? 0, shift: nm.shift ?? 0 }
      : undefined,
    interpolation: ip
      ? {
          spacing: ip.spacing,
          inPlane: ip.inPlane ?? false,
          method: { nearest: 0, linear: 1, bspline: 2 }[ip.method ?? 'linear'],
          alignment: ip.gridAlignment === 'corner' ? 1 : 0,
          rounding: ip.roundIntensities ? 1 : 0,
          maskMethod: ip.mask?.method === 'nearest' ? 0 : 1,
          maskThreshold: ip.mask?.threshold ?? 0.5,
          threads: ip.threads ?? 0,
        }
      : undefined,
    families,
    discretisation,
    resegmentation: {
      min: range?.[0] ?? undefined,
      max: range?.[1] ?? undefined,
      outlierSigma: c.resegmentation?.outlierSigma ?? 0,
    },
    // IBSI: the IVH range is the re-segmentation range when there is one (total range G for 'none',
    // X_min / X_max for FBS); FBN uses the ROI extremes (native/ivh.cc).
    ivh: {
      discretisation: {
        ...(c.ivh?.discretisation ?? { method: 'none' }),
        min: c.ivh?.discretisation?.min ?? range?.[0] ?? undefined,
        max: c.ivh?.discretisation?.max ?? range?.[1] ?? undefined,
      },
    },
    texture: {
      distances: c.texture?.distances ?? [1],
      symmetric: c.texture?.symmetric ?? true,
      neighbourhoodDistance: c.texture?.neighbourhoodDistance ?? 1,
      ngldmAlpha: c.texture?.ngldmAlpha ?? 0,
      returnMatrices: c.texture?.returnMatrices ?? false,
      maxMatrixBytes: c.texture?.maxMatrixBytes ?? 2 ** 30,
      aggregations: {
        d2: has('2D_avg', '2D_comb', '2D'),
        d25: has('2_5D_avg', '2_5D_comb', '2_5D'),
        d3: has('3D_avg', '3D_comb', '3D'),
        avg: has('2D_avg', '2_5D_avg', '3D_avg'),
        comb: has('2D_comb', '2_5D_comb', '3D_comb'),
      },
    },
    morphology: c.morphology ?? {},
    localIntensity: c.localIntensity ?? {},
    maxLevels: c.maxLevels ?? 65536,
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

/**
 * The configuration with every default written out: what `radiomics config --print` shows and what batch
 * provenance hashes, so that `{}` and a file spelling out the defaults are the same configuration.
 * `dimensionality` is folded into `texture.aggregations` (its only effect).
 */
export function resolveConfig(config: ExtractionConfig): ExtractionConfig {
  const c = validateConfig(structuredClone(config ?? {}));
  const nm = c.normalisation, ip = c.interpolation;
  const resolved: ExtractionConfig = {
    label: c.label ?? 1,
    roundInput: c.roundInput ?? false,
    processingScope: c.processingScope ?? 'roi',
    ...(nm
      ? { normalisation: { method: nm.method, scope: nm.scope ?? 'image', scale: nm.scale ?? 1, ...(nm.removeOutliers !== undefined ? { removeOutliers: nm.removeOutliers } : {}), shift: nm.shift ?? 0 } }
      : {}),
    ...(ip
      ? {
          interpolation: {
            spacing: ip.spacing,
            inPlane: ip.inPlane ?? false,
            method: ip.method ?? 'linear',
            gridAlignment: ip.gridAlignment ?? 'ibsi',
            roundIntensities: ip.roundIntensities ?? false,
            mask: { method: ip.mask?.method ?? 'linear', threshold: ip.mask?.threshold ?? 0.5 },
            ...(ip.threads !== undefined ? { threads: ip.threads } : {}),
          },
        }
      : {}),
    families: c.families ?? FAMILIES.map((f) => f.family),
    ...(c.features !== undefined ? { features: c.features } : {}),
    discretisation: c.discretisation ?? { method: 'none' },
    resegmentation: { range: c.resegmentation?.range ?? [null, null], outlierSigma: c.resegmentation?.outlierSigma ?? 0 },
    ivh: { discretisation: c.ivh?.discretisation ?? { method: 'none' } },
    texture: {
      distances: c.texture?.distances ?? [1],
      symmetric: c.texture?.symmetric ?? true,
      neighbourhoodDistance: c.texture?.neighbourhoodDistance ?? 1,
      ngldmAlpha: c.texture?.ngldmAlpha ?? 0,
      aggregations: aggregationsOf(c),
      returnMatrices: c.texture?.returnMatrices ?? false,
      maxMatrixBytes: c.texture?.maxMatrixBytes ?? 2 ** 30,
    },
    morphology: { moranExactMaxVoxels: c.morphology?.moranExactMaxVoxels ?? 20000, moranFftMaxPoints: c.morphology?.moranFftMaxPoints ?? 2 ** 23, moranSeed: c.morphology?.moranSeed ?? 1 },
    localIntensity: { sphereVolumeCm3: c.localIntensity?.sphereVolumeCm3 ?? 1 },
    maxLevels: c.maxLevels ?? 65536,
    geometryTolerance: c.geometryTolerance ?? 1e-3,
  };
  return validateConfig(resolved);
}
