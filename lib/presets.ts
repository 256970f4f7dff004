/** Named configurations shipped with the package (`--preset NAME`). */
import type { ExtractionConfig } from './config.js';
import { RadiomicsError } from './errors.js';
import { PHASE2_PRESETS } from './presets-ibsi2.js';
import { didYouMean } from './suggest.js';

/** A named configuration shipped with the package. */
export interface Preset {
  /** What the preset reproduces. */
  description: string;
  /** The extraction configuration. */
  config: ExtractionConfig;
}

/** The presets by name: `ibsi1-phantom` and the IBSI 1 CT configurations `ibsi1-ct-a` ... `ibsi1-ct-e`. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  'ibsi1-phantom': {
    description:
      'IBSI 1 digital phantom settings: no interpolation, no re-segmentation, no discretisation (the phantom holds grey levels 1..6); symmetric GLCM, distance 1; NGLDM alpha 0.',
    config: {
      label: 1,
      discretisation: { method: 'none' },
      ivh: { discretisation: { method: 'none' } },
      texture: { distances: [1], symmetric: true, neighbourhoodDistance: 1, ngldmAlpha: 0 },
    },
  },
  'ibsi1-ct-a': {
    description:
      'IBSI 1 CT phantom configuration A: 2D, no interpolation, re-segmentation [-500, 400] HU, fixed bin size 25 HU (X_min -500), IVH on 1 HU steps over the re-segmentation range.',
    config: {
      roundInput: true,
      dimensionality: '2D',
      resegmentation: { range: [-500, 400] },
      discretisation: { method: 'fbs', binWidth: 25, min: -500 },
      ivh: { discretisation: { method: 'none' } },
      texture: { distances: [1], symmetric: true, neighbourhoodDistance: 1, ngldmAlpha: 0 },
    },
  },
  'ibsi1-ct-b': {
    description:
      'IBSI 1 CT phantom configuration B: 2D, in-plane bilinear interpolation to 2 x 2 mm (slices kept), rounded to integer HU, mask bilinear >= 0.5, re-segmentation [-500, 400] HU, fixed bin number 32, IVH on 1 HU steps.',
    config: {
      roundInput: true,
      processingScope: 'image', // the IBSI reference diagnostics include the whole interpolated image
      dimensionality: '2D',
      interpolation: {
        spacing: [2, 2, 0],
        inPlane: true,
        method: 'linear',
        gridAlignment: 'ibsi',
        roundIntensities: true,
        mask: { method: 'linear', threshold: 0.5 },
      },
      resegmentation: { range: [-500, 400] },
      discretisation: { method: 'fbn', nBins: 32 },
      ivh: { discretisation: { method: 'none' } },
      texture: { distances: [1], symmetric: true, neighbourhoodDistance: 1, ngldmAlpha: 0 },
    },
  },
  'ibsi1-ct-c': {
    description:
      'IBSI 1 CT phantom configuration C: 3D, trilinear interpolation to 2 mm isotropic, rounded to integer HU, mask trilinear >= 0.5, re-segmentation [-1000, 400] HU, fixed bin size 25 HU (X_min -1000), IVH fixed bin size 2.5 HU over [-1000, 400].',
    config: {
      roundInput: true,
      processingScope: 'image', // the IBSI reference diagnostics include the whole interpolated image
      dimensionality: '3D',
      interpolation: {
        spacing: [2, 2, 2],
        method: 'linear',
        gridAlignment: 'ibsi',
        roundIntensities: true,
        mask: { method: 'linear', threshold: 0.5 },
      },
      resegmentation: { range: [-1000, 400] },
      discretisation: { method: 'fbs', binWidth: 25, min: -1000 },
      ivh: { discretisation: { method: 'fbs', binWidth: 2.5, min: -1000, max: 400 } },
      texture: { distances: [1], symmetric: true, neighbourhoodDistance: 1, ngldmAlpha: 0 },
    },
  },
  'ibsi1-ct-d': {
    description:
      'IBSI 1 CT phantom configuration D: 3D, trilinear interpolation to 2 mm isotropic, rounded to integer HU, mask trilinear >= 0.5, outlier re-segmentation (mean +- 3 sd), fixed bin number 32, IVH on 1 HU steps over the ROI range.',
    config: {
      roundInput: true,
      processingScope: 'image', // the IBSI reference diagnostics include the whole interpolated image
      dimensionality: '3D',
      interpolation: {
        spacing: [2, 2, 2],
        method: 'linear',
        gridAlignment: 'ibsi',
        roundIntensities: true,
        mask: { method: 'linear', threshold: 0.5 },
      },
      resegmentation: { outlierSigma: 3 },
      discretisation: { method: 'fbn', nBins: 32 },
      ivh: { discretisation: { method: 'none' } },
      texture: { distances: [1], symmetric: true, neighbourhoodDistance: 1, ngldmAlpha: 0 },
    },
  },
  'ibsi1-ct-e': {
    description:
      'IBSI 1 CT phantom configuration E: 3D, tricubic B-spline interpolation to 2 mm isotropic, rounded to integer HU, mask trilinear >= 0.5, re-segmentation [-1000, 400] HU then mean +- 3 sd, fixed bin number 32, IVH fixed bin number 1000.',
    config: {
      roundInput: true,
      processingScope: 'image', // the IBSI reference diagnostics include the whole interpolated image
      dimensionality: '3D',
      interpolation: {
        spacing: [2, 2, 2],
        method: 'bspline',
        gridAlignment: 'ibsi',
        roundIntensities: true,
        mask: { method: 'linear', threshold: 0.5 },
      },
      resegmentation: { range: [-1000, 400], outlierSigma: 3 },
      discretisation: { method: 'fbn', nBins: 32 },
      ivh: { discretisation: { method: 'fbn', nBins: 1000 } },
      texture: { distances: [1], symmetric: true, neighbourhoodDistance: 1, ngldmAlpha: 0 },
    },
  },
  ...PHASE2_PRESETS, // lib/presets-ibsi2.ts
};

/** A copy of the configuration of preset `name`; an unknown name is ERR_RADIOMICS_INVALID_CONFIG naming the nearest. */
export function presetConfig(name: string): ExtractionConfig {
  const p = PRESETS[name];
  if (!p)
    throw new RadiomicsError(
      'ERR_RADIOMICS_INVALID_CONFIG',
      `unknown preset '${name}'${didYouMean(name, Object.keys(PRESETS))}; presets: ${Object.keys(PRESETS).join(', ')}`,
    );
  return structuredClone(p.config);
}
