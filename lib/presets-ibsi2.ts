/**
 * IBSI 2 presets. Phase 1 (`ibsi2-phase1-<id>`, the test id without dots): the filter of each phase-1
 * response-map test, applied by `radiomics filter --image <phantom> --preset ibsi2-phase1-<id>` to that
 * test's digital phantom (checkerboard, impulse, sphere, pattern_1; 64^3 voxels of 2 mm). Settings from the IBSI 2
 * reference manual's phase-1 test table (../shared/ibsi/ibsi2_reference_data/ibsi2_test_definitions.json).
 */
import type { ExtractionConfig } from './config.js';
import type { FilterConfig } from './filters/config.js';
import type { ImageTypeConfig } from './filters/image-types.js';

export interface FilterPreset {
  description: string;
  phantom: string;
  filter: FilterConfig;
}

const gaborA = { type: 'gabor', sigmaMm: 10, gamma: 0.5, lambdaMm: 4, boundary: 'zero' } as const;
const gaborB = { type: 'gabor', sigmaMm: 20, gamma: 2.5, lambdaMm: 8, boundary: 'mirror' } as const;

const PHASE1: Record<string, [string, string, FilterConfig]> = {
  '1a1': ['mean, 15 voxels, 3D, zero padding', 'checkerboard', { type: 'mean', support: 15, boundary: 'zero' }],
  '1a2': ['mean, 15 voxels, 3D, nearest padding', 'checkerboard', { type: 'mean', support: 15, boundary: 'nearest' }],
  '1a3': ['mean, 15 voxels, 3D, periodic padding', 'checkerboard', { type: 'mean', support: 15, boundary: 'periodic' }],
  '1a4': ['mean, 15 voxels, 3D, mirror padding', 'checkerboard', { type: 'mean', support: 15, boundary: 'mirror' }],
  '1b1': ['mean, 15 voxels, 2D, zero padding', 'impulse', { type: 'mean', support: 15, dims: '2D', boundary: 'zero' }],
  '2a': [
    'LoG, sigma 3 mm, truncate 4 sigma, 3D, zero padding',
    'impulse',
    { type: 'log', sigmaMm: 3, truncate: 4, boundary: 'zero' },
  ],
  '2b': [
    'LoG, sigma 5 mm, truncate 4 sigma, 3D, mirror padding',
    'checkerboard',
    { type: 'log', sigmaMm: 5, truncate: 4, boundary: 'mirror' },
  ],
  '2c': [
    'LoG, sigma 5 mm, truncate 4 sigma, 2D, mirror padding',
    'checkerboard',
    { type: 'log', sigmaMm: 5, truncate: 4, dims: '2D', boundary: 'mirror' },
  ],
  '3a1': ['Laws E5L5S5, 3D, zero padding', 'impulse', { type: 'laws', kernel: 'E5L5S5', boundary: 'zero' }],
  '3a2': [
    'Laws E5L5S5, 3D, rotation invariant (max), zero padding',
    'impulse',
    { type: 'laws', kernel: 'E5L5S5', pooling: 'max', boundary: 'zero' },
  ],
  '3a3': [
    'Laws E5L5S5, 3D, rotation invariant (max), energy delta 7, zero padding',
    'impulse',
    { type: 'laws', kernel: 'E5L5S5', pooling: 'max', energy: true, energyDelta: 7, boundary: 'zero' },
  ],
  '3b1': ['Laws E3W5R5, 3D, mirror padding', 'checkerboard', { type: 'laws', kernel: 'E3W5R5', boundary: 'mirror' }],
  '3b2': [
    'Laws E3W5R5, 3D, rotation invariant (max), mirror padding',
    'checkerboard',
    { type: 'laws', kernel: 'E3W5R5', pooling: 'max', boundary: 'mirror' },
  ],
  '3b3': [
    'Laws E3W5R5, 3D, rotation invariant (max), energy delta 7, mirror padding',
    'checkerboard',
    { type: 'laws', kernel: 'E3W5R5', pooling: 'max', energy: true, energyDelta: 7, boundary: 'mirror' },
  ],
  '3c1': [
    'Laws L5S5, 2D, mirror padding',
    'checkerboard',
    { type: 'laws', kernel: 'L5S5', dims: '2D', boundary: 'mirror' },
  ],
  '3c2': [
    'Laws L5S5, 2D, rotation invariant (max), mirror padding',
    'checkerboard',
    { type: 'laws', kernel: 'L5S5', dims: '2D', pooling: 'max', boundary: 'mirror' },
  ],
  '3c3': [
    'Laws L5S5, 2D, rotation invariant (max), energy delta 7, mirror padding',
    'checkerboard',
    { type: 'laws', kernel: 'L5S5', dims: '2D', pooling: 'max', energy: true, energyDelta: 7, boundary: 'mirror' },
  ],
  '4a1': [
    'Gabor sigma 10 mm, gamma 0.5, lambda 4 mm, theta 60 deg, modulus, zero padding',
    'impulse',
    { ...gaborA, thetaDeg: 60 },
  ],
  '4a2': [
    'Gabor sigma 10 mm, gamma 0.5, lambda 4 mm, theta pooled (mean, step 45 deg), zero padding',
    'impulse',
    { ...gaborA, thetaDeg: 0, thetaStepDeg: 45, pooling: 'mean' },
  ],
  '4b1': [
    'Gabor sigma 20 mm, gamma 2.5, lambda 8 mm, theta 225 deg, modulus, mirror padding',
    'sphere',
    { ...gaborB, thetaDeg: 225 },
  ],
  '4b2': [
    'Gabor sigma 20 mm, gamma 2.5, lambda 8 mm, theta pooled (mean, step 22.5 deg), mirror padding',
    'sphere',
    { ...gaborB, thetaDeg: 0, thetaStepDeg: 22.5, pooling: 'mean' },
  ],
  '5a1': [
    'db2 undecimated wavelet, LHL, level 1, zero padding',
    'impulse',
    { type: 'wavelet', wavelet: 'db2', subband: 'LHL', level: 1, boundary: 'zero' },
  ],
  '5a2': [
    'db2 undecimated wavelet, LHL, level 1, rotation invariant (mean), zero padding',
    'impulse',
    { type: 'wavelet', wavelet: 'db2', subband: 'LHL', level: 1, pooling: 'mean', boundary: 'zero' },
  ],
  '6a1': [
    'coif1 undecimated wavelet, HHL, level 1, periodic padding',
    'sphere',
    { type: 'wavelet', wavelet: 'coif1', subband: 'HHL', level: 1, boundary: 'periodic' },
  ],
  '6a2': [
    'coif1 undecimated wavelet, HHL, level 1, rotation invariant (mean), periodic padding',
    'sphere',
    { type: 'wavelet', wavelet: 'coif1', subband: 'HHL', level: 1, pooling: 'mean', boundary: 'periodic' },
  ],
  '7a1': [
    'Haar undecimated wavelet, LLL, level 2, rotation invariant (mean), mirror padding',
    'checkerboard',
    { type: 'wavelet', wavelet: 'haar', subband: 'LLL', level: 2, pooling: 'mean', boundary: 'mirror' },
  ],
  '7a2': [
    'Haar undecimated wavelet, HHH, level 2, rotation invariant (mean), mirror padding',
    'checkerboard',
    { type: 'wavelet', wavelet: 'haar', subband: 'HHH', level: 2, pooling: 'mean', boundary: 'mirror' },
  ],
  '8a1': ['Simoncelli wavelet, level 1, periodic', 'checkerboard', { type: 'simoncelli', level: 1 }],
  '8a2': ['Simoncelli wavelet, level 2, periodic', 'checkerboard', { type: 'simoncelli', level: 2 }],
  '8a3': ['Simoncelli wavelet, level 3, periodic', 'checkerboard', { type: 'simoncelli', level: 3 }],
  // Riesz transforms (not IBSI-compliant: no consensus in IBSI 2); orders (x, y, z), checked against the maps.
  '9a': [
    'Riesz transform of order (1, 0, 0) of the LoG, sigma 3 mm, truncate 4 sigma, 3D, zero padding; not IBSI-compliant',
    'impulse',
    { type: 'riesz', order: [1, 0, 0], of: { type: 'log', sigmaMm: 3, truncate: 4 }, boundary: 'zero' },
  ],
  '9b1': [
    'Riesz transform of order (0, 2, 0) of the LoG, sigma 3 mm, truncate 4 sigma, 3D, zero padding; not IBSI-compliant',
    'sphere',
    { type: 'riesz', order: [0, 2, 0], of: { type: 'log', sigmaMm: 3, truncate: 4 }, boundary: 'zero' },
  ],
  '10b1': [
    'Riesz transform of order (0, 2, 0) of the Simoncelli wavelet, level 1, 3D, nearest padding; not IBSI-compliant',
    'pattern_1',
    { type: 'riesz', order: [0, 2, 0], of: { type: 'simoncelli', level: 1 }, boundary: 'nearest' },
  ],
};

export const FILTER_PRESETS: Readonly<Record<string, FilterPreset>> = Object.fromEntries(
  Object.entries(PHASE1).map(([id, [what, phantom, filter]]) => [
    `ibsi2-phase1-${id}`,
    { description: `IBSI 2 phase-1 test ${id}: ${what} (on the ${phantom} phantom)`, phantom, filter },
  ]),
);

/**
 * Phase 2 (`ibsi2-phase2-<n><a|b>`): the IBSI 2 configurations on the IBSI CT phantom (ROI GTV-1), each
 * returning the 18 intensity statistics (stat_*) of the response map inside the ROI under their plain tags.
 * A: 2D (filtering in every axial slice, no interpolation); B: 3D, tricubic spline interpolation to 1 mm
 * (grid centres aligned, intensities rounded), ROI mask trilinear >= 0.5. Both: re-segmentation to
 * [-1000, 400] HU on the unfiltered intensities, the whole image filtered (never cropped), mirror
 * boundary, no discretisation. Settings: IBSI 2 reference manual v9, tables of the CT phantom image
 * processing and filter configurations (../shared/ibsi/ibsi2_reference_data/ibsi2_test_definitions.json).
 */
const PHASE2_COMMON: ExtractionConfig = {
  roundInput: true,
  resegmentation: { range: [-1000, 400] },
  families: ['intensity_statistics'],
  discretisation: { method: 'none' },
};
const PHASE2_A: ExtractionConfig = { ...PHASE2_COMMON, dimensionality: '2D' };
const PHASE2_B: ExtractionConfig = {
  ...PHASE2_COMMON,
  dimensionality: '3D',
  interpolation: {
    spacing: [1, 1, 1],
    method: 'bspline',
    gridAlignment: 'ibsi',
    roundIntensities: true,
    mask: { method: 'linear', threshold: 0.5 },
  },
};
const filtered = (base: ExtractionConfig, t: ImageTypeConfig): ExtractionConfig => ({
  ...base,
  imageTypes: [{ ...t, prefix: '' } as ImageTypeConfig],
});
const PHASE2: Record<string, [string, ImageTypeConfig | null]> = {
  '1': ['no filter (the interpolated image)', null],
  '2': ['mean filter, support 5 voxels', { type: 'mean', support: 5, boundary: 'mirror' }],
  '3': ['LoG, sigma 1.5 mm, truncate 4 sigma', { type: 'log', sigmaMm: 1.5, truncate: 4, boundary: 'mirror' }],
  '5': [
    'Gabor sigma 5 mm, lambda 2 mm, gamma 1.5, theta step 22.5 deg, modulus, pooled (mean)',
    {
      type: 'gabor',
      sigmaMm: 5,
      lambdaMm: 2,
      gamma: 1.5,
      thetaDeg: 0,
      thetaStepDeg: 22.5,
      pooling: 'mean',
      boundary: 'mirror',
    },
  ],
  '8': ['Simoncelli wavelet, level 1', { type: 'simoncelli', level: 1 }],
  '9': ['Simoncelli wavelet, level 2', { type: 'simoncelli', level: 2 }],
};
const PHASE2_ONLY: Record<string, [string, ExtractionConfig]> = {
  '4a': [
    'Laws L5E5, rotation invariant (max over the 4 in-plane rotations), energy delta 7',
    filtered(PHASE2_A, {
      type: 'laws',
      kernel: 'L5E5',
      pooling: 'max',
      energy: true,
      energyDelta: 7,
      boundary: 'mirror',
    }),
  ],
  '4b': [
    'Laws L5E5E5, rotation invariant (max over the 24 rotations), energy delta 7',
    filtered(PHASE2_B, {
      type: 'laws',
      kernel: 'L5E5E5',
      pooling: 'max',
      energy: true,
      energyDelta: 7,
      boundary: 'mirror',
    }),
  ],
  '6a': [
    'Daubechies 3 undecimated wavelet, LH, level 1, rotation invariant (mean)',
    filtered(PHASE2_A, {
      type: 'wavelet',
      wavelet: 'db3',
      subbands: ['LH'],
      level: 1,
      pooling: 'mean',
      boundary: 'mirror',
    }),
  ],
  '6b': [
    'Daubechies 3 undecimated wavelet, LLH, level 1, rotation invariant (mean)',
    filtered(PHASE2_B, {
      type: 'wavelet',
      wavelet: 'db3',
      subbands: ['LLH'],
      level: 1,
      pooling: 'mean',
      boundary: 'mirror',
    }),
  ],
  '7a': [
    'Daubechies 3 undecimated wavelet, HH, level 2, rotation invariant (mean)',
    filtered(PHASE2_A, {
      type: 'wavelet',
      wavelet: 'db3',
      subbands: ['HH'],
      level: 2,
      pooling: 'mean',
      boundary: 'mirror',
    }),
  ],
  '7b': [
    'Daubechies 3 undecimated wavelet, HHH, level 2, rotation invariant (mean)',
    filtered(PHASE2_B, {
      type: 'wavelet',
      wavelet: 'db3',
      subbands: ['HHH'],
      level: 2,
      pooling: 'mean',
      boundary: 'mirror',
    }),
  ],
};

/** Natural order ('2a' before '10a') without Intl: the first localeCompare with options costs ~10 ms of start-up. */
function naturalCompare(a: string, b: string): number {
  const ca = a.match(/\d+|\D+/g) ?? [];
  const cb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

export const PHASE2_PRESETS: Readonly<Record<string, { description: string; config: ExtractionConfig }>> =
  Object.fromEntries(
    [
      ...Object.entries(PHASE2).flatMap(([n, [what, t]]) =>
        (['a', 'b'] as const).map((ab) => {
          const base = ab === 'a' ? PHASE2_A : PHASE2_B;
          return [
            `ibsi2-phase2-${n}${ab}`,
            {
              description: `IBSI 2 phase-2 configuration ${n}.${ab.toUpperCase()} (${ab === 'a' ? '2D' : '3D, 1 mm'}): ${what}; stat_* of the response map in the ROI`,
              config: t ? filtered(base, t) : base,
            },
          ];
        }),
      ),
      ...Object.entries(PHASE2_ONLY).map(([id, [what, config]]) => [
        `ibsi2-phase2-${id}`,
        {
          description: `IBSI 2 phase-2 configuration ${id[0]}.${id[1]!.toUpperCase()} (${id[1] === 'a' ? '2D' : '3D, 1 mm'}): ${what}; stat_* of the response map in the ROI`,
          config,
        },
      ]),
    ].sort(([a], [b]) => naturalCompare(String(a), String(b))),
  );
