/**
 * Translation of PyRadiomics settings (after validation, lib/pyradiomics/params.ts) into the library's
 * ExtractionConfig plus the native settings and conversions only compatibility mode uses. PyRadiomics' defaults
 * (featureextractor._getDefaultSettings and the feature classes, 3.1) apply where a setting is absent.
 */
import type { ExtractionConfig } from '../config.js';
import type { FamilyName } from '../catalogue/index.js';
import { RadiomicsError } from '../errors.js';
import { PY_CLASSES, PY_CLASS_NAMES, aggregationOf, defaultFeatures, type PyClass } from './names.js';
import { INTERPOLATORS, validatePyParams, type PyParams, type PySettings } from './params.js';

/** PyRadiomics' defaults for the settings that change values. */
export const PY_DEFAULTS = {
  minimumROIDimensions: 2,
  minimumROISize: null,
  normalize: false,
  normalizeScale: 1,
  removeOutliers: null,
  resampledPixelSpacing: null,
  interpolator: 'sitkBSpline',
  preCrop: false,
  padDistance: 5,
  distances: [1],
  force2D: false,
  force2Ddimension: 0,
  resegmentRange: null,
  resegmentMode: 'absolute',
  resegmentShape: false,
  label: 1,
  additionalInfo: true,
  binWidth: 25,
  binCount: null,
  symmetricalGLCM: true,
  weightingNorm: null,
  gldm_a: 0,
  voxelArrayShift: 0,
  correctMask: false,
  geometryTolerance: null,
} as const;

export interface CompatPlan {
  /** The library configuration computing the IBSI quantities PyRadiomics' features come from. */
  config: ExtractionConfig;
  /** Effective PyRadiomics settings (defaults filled in), as PyRadiomics reports them in diagnostics. */
  settings: Record<string, unknown>;
  /** Enabled image types with their custom settings (PyRadiomics' diagnostics_Configuration_EnabledImageTypes). */
  imageTypes: Record<string, PySettings>;
  /** Classes and features to emit, in PyRadiomics' order. */
  features: { cls: PyClass; names: string[] }[];
  /** SimpleITK interpolator as a library method, or null without resampling. */
  resampling: { spacing: [number, number, number]; method: 'nearest' | 'linear' | 'bspline' } | null;
  /** Native settings that only compatibility mode sets (merged into toNativeSettings' object). */
  native: {
    anchorAtZero: boolean;
    resegmentMode: 0 | 1 | 2;
    resegmentShape: boolean;
    /** GLCM over PyRadiomics' angles (every offset of Chebyshev norm in `distances`) instead of IBSI's 13 directions x distance. */
    chebyshevShells: boolean;
  };
}

function unsupported(what: string): never {
  throw new RadiomicsError(
    'ERR_RADIOMICS_INVALID_CONFIG',
    `${what} is not supported in PyRadiomics compatibility mode yet`,
  );
}

/** SimpleITK interpolator names and their enum values (SimpleITK's sitkInterpolator). */
function interpolatorMethod(v: unknown): 'nearest' | 'linear' | 'bspline' {
  const name = typeof v === 'number' ? INTERPOLATORS[v - 1] : String(v);
  if (name === 'sitkNearestNeighbor') return 'nearest';
  if (name === 'sitkLinear') return 'linear';
  if (name === 'sitkBSpline') return 'bspline';
  return unsupported(`interpolator ${name}`);
}

function enabledFeatures(p: PyParams): { cls: PyClass; names: string[] }[] {
  const fc = p.featureClass;
  // No featureClass (or an empty one): every class with its default features; shape2D only under force2D
  // (PyRadiomics computes it only for a single-slice ROI; left out here, see docs/pyradiomics-compat.md).
  if (!fc || Object.keys(fc).length === 0) {
    return (['shape', 'firstorder', 'glcm', 'gldm', 'glrlm', 'glszm', 'ngtdm'] as PyClass[]).map((cls) => ({
      cls,
      names: sortLikePyRadiomics(defaultFeatures(cls)),
    }));
  }
  const out: { cls: PyClass; names: string[] }[] = [];
  // PyRadiomics computes shape first, then the other classes in the file's order.
  const classes = Object.keys(fc) as PyClass[];
  const ordered = [
    ...classes.filter((c) => c === 'shape' || c === 'shape2D'),
    ...classes.filter((c) => c !== 'shape' && c !== 'shape2D'),
  ];
  for (const cls of ordered) {
    const list = fc[cls];
    if (cls === 'shape2D') unsupported('feature class shape2D (2D shape of a single-slice ROI)');
    // A list is computed in its own order; a whole class in PyRadiomics' getter order.
    out.push({ cls, names: list && list.length ? [...new Set(list)] : sortLikePyRadiomics(defaultFeatures(cls)) });
  }
  return out;
}

/** PyRadiomics lists features in the order of its getter methods' names (`get<Name>FeatureValue`, code-unit order). */
export function sortLikePyRadiomics(names: string[]): string[] {
  const key = (n: string) => `get${n}FeatureValue`;
  return [...names].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const FAMILIES_OF: Record<PyClass, FamilyName[]> = {
  firstorder: ['intensity_statistics', 'intensity_histogram'],
  shape: ['morphology'],
  shape2D: [],
  glcm: ['glcm'],
  glrlm: ['glrlm'],
  glszm: ['glszm'],
  gldm: ['ngldm'],
  ngtdm: ['ngtdm'],
};

/** Builds the computation plan of a PyRadiomics parameter object (validated here). */
export function planPyRadiomics(params: unknown): CompatPlan {
  const p = validatePyParams(params);
  const imageTypes: Record<string, PySettings> = {};
  for (const [name, custom] of Object.entries(p.imageType ?? { Original: {} })) imageTypes[name] = custom ?? {};
  // Custom settings of the Original image type override the general ones for its features.
  const s: Record<string, unknown> = { ...PY_DEFAULTS };
  for (const [k, v] of Object.entries({ ...(p.setting ?? {}), ...(imageTypes.Original ?? {}) }))
    if (v !== null && v !== undefined) s[k] = v;
  if (p.setting?.binCount !== undefined && p.setting.binCount !== null) s.binCount = p.setting.binCount;

  const features = enabledFeatures(p);
  const families = new Set<FamilyName>();
  for (const { cls } of features) for (const fam of FAMILIES_OF[cls]) families.add(fam);

  const force2D = s.force2D === true;
  if (force2D && s.force2Ddimension !== 0)
    unsupported(`force2Ddimension ${String(s.force2Ddimension)} (only 0, slices along z)`);
  const distances = (s.distances as number[]).length
    ? [...new Set(s.distances as number[])].sort((a, b) => a - b)
    : [1];
  // GLDM / NGTDM neighbourhoods are Chebyshev balls: distances must be 1..k for them.
  if (distances.some((d, k) => d !== k + 1) && (families.has('ngldm') || families.has('ngtdm')))
    unsupported(`distances [${distances.join(', ')}] for gldm / ngtdm (only 1..k without gaps)`);
  if (s.weightingNorm !== null) unsupported(`weightingNorm '${String(s.weightingNorm)}'`);

  let resampling: CompatPlan['resampling'] = null;
  const spacing = s.resampledPixelSpacing as number[] | null;
  if (spacing !== null && s.interpolator !== null) {
    if (spacing.length !== 3) unsupported(`resampledPixelSpacing with ${spacing.length} values (3 expected)`);
    resampling = { spacing: [spacing[0]!, spacing[1]!, spacing[2]!], method: interpolatorMethod(s.interpolator) };
  }

  const config: ExtractionConfig = {
    label: s.label as number,
    families: [...families],
    texture: {
      aggregations: [
        ...new Set(features.map(({ cls }) => aggregationOf(cls, force2D)).filter((a): a is string => a !== null)),
      ] as NonNullable<ExtractionConfig['texture']>['aggregations'],
      distances,
      symmetric: s.symmetricalGLCM as boolean,
      neighbourhoodDistance: distances[distances.length - 1]!,
      ngldmAlpha: s.gldm_a as number,
      returnMatrices: features.some(({ cls, names }) => cls === 'glcm' && names.includes('MCC')),
    },
    discretisation:
      s.binCount !== null
        ? { method: 'fbn', nBins: s.binCount as number }
        : { method: 'fbs', binWidth: s.binWidth as number },
  };
  if (s.geometryTolerance !== null) config.geometryTolerance = s.geometryTolerance as number;
  if (s.normalize === true)
    config.normalisation = {
      method: 'zscore',
      scope: 'image',
      scale: s.normalizeScale as number,
      ...(s.removeOutliers !== null ? { removeOutliers: s.removeOutliers as number } : {}),
    };
  let resegmentMode: 0 | 1 | 2 = 0;
  const range = s.resegmentRange as number[] | null;
  if (range !== null) {
    if (range.length === 0 || range.length > 2)
      throw new RadiomicsError(
        'ERR_RADIOMICS_INVALID_CONFIG',
        `resegmentRange must hold 1 or 2 thresholds, got ${range.length}`,
      );
    const sorted = [...range].sort((a, b) => a - b);
    config.resegmentation = { range: [sorted[0]!, sorted.length === 2 ? sorted[1]! : null] };
    resegmentMode = ({ absolute: 0, relative: 1, sigma: 2 } as const)[
      s.resegmentMode as 'absolute' | 'relative' | 'sigma'
    ];
  }
  const settings: Record<string, unknown> = { ...s };
  if (settings.binCount === null) delete settings.binCount;
  return {
    config,
    settings,
    imageTypes,
    features,
    resampling,
    native: {
      anchorAtZero: s.binCount === null,
      resegmentMode,
      resegmentShape: s.resegmentShape === true && range !== null,
      chebyshevShells: distances.length > 1 || distances[0] !== 1,
    },
  };
}

export { PY_CLASSES, PY_CLASS_NAMES };
