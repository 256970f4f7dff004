/**
 * The PyRadiomics parity cases: seeded synthetic volumes (regenerated bit for bit by every run, never
 * committed) and the IBSI CT phantom (read from ../shared, never copied). Each case carries the PyRadiomics
 * parameter file it is run with; bench/python/make-fixtures.ts writes the volumes to NIfTI, runs PyRadiomics on
 * them and stores its outputs in test/fixtures/pyradiomics/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { ROOT } from './ibsi';

/** PyRadiomics' example parameter files (equivalents, test/fixtures/pyradiomics/examples), parsed. */
export function exampleParams(name: string): Record<string, unknown> {
  return YAML.parse(
    fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pyradiomics', 'examples', name), 'utf8'),
  ) as Record<string, unknown>;
}

export interface ParityVolume {
  data: Int16Array | Float32Array | Uint8Array;
  shape: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
}

export interface ParityCase {
  name: string;
  /** What the case exercises. */
  about: string;
  /** The parameter file (parsed YAML), exactly as PyRadiomics reads it. */
  params: Record<string, unknown>;
  /** Generated volumes, or NIfTI paths (the IBSI CT phantom). */
  volumes: () => { image: ParityVolume; mask: ParityVolume } | { imagePath: string; maskPath: string };
}

/** Deterministic generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Field = (x: number, y: number, z: number, rnd: () => number) => number;

function volume<T extends Int16Array | Float32Array>(
  Ctor: new (n: number) => T,
  shape: [number, number, number],
  spacing: [number, number, number],
  seed: number,
  field: Field,
): ParityVolume {
  const rnd = seeded(seed);
  const [nx, ny, nz] = shape;
  const data = new Ctor(nx * ny * nz);
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data[i++] = field(x, y, z, rnd);
  return { data, shape, spacing, origin: [0, 0, 0] };
}

/** Mask of the voxels whose centre lies in any of the ellipsoids (centre, radii in voxels). */
function ellipsoids(
  shape: [number, number, number],
  spacing: [number, number, number],
  blobs: { c: number[]; r: number[] }[],
): ParityVolume {
  const [nx, ny, nz] = shape;
  const data = new Uint8Array(nx * ny * nz);
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const p = [x, y, z];
        if (blobs.some((b) => p.reduce((s, v, k) => s + ((v - b.c[k]!) / b.r[k]!) ** 2, 0) <= 1)) data[i] = 1;
      }
  return { data, shape, spacing, origin: [0, 0, 0] };
}

/** A smooth texture (sum of sines) plus noise: realistic co-occurrences, no flat regions. */
function texture(base: number, amplitude: number, noise: number): Field {
  return (x, y, z, rnd) =>
    base + amplitude * (Math.sin(x / 2.3) + Math.cos(y / 3.1) + Math.sin((x + z) / 1.7)) + noise * (rnd() - 0.5);
}

const IBSI_CT = path.resolve(ROOT, '..', 'shared', 'ibsi', 'ibsi1_ct_radiomics_phantom', 'nifti');

export const PARITY_CASES: ParityCase[] = [
  {
    name: 'ct-phantom',
    about: 'IBSI CT phantom (int16), PyRadiomics defaults (binWidth 25)',
    params: { imageType: { Original: {} }, featureClass: {}, setting: { binWidth: 25, label: 1 } },
    volumes: () => ({
      imagePath: path.join(IBSI_CT, 'image', 'phantom.nii.gz'),
      maskPath: path.join(IBSI_CT, 'mask', 'mask.nii.gz'),
    }),
  },
  {
    name: 'anisotropic-bspline',
    about: 'float image at 0.8 x 0.9 x 3 mm, B-spline resampling to 1 mm (corner grid, mask nearest neighbour)',
    params: {
      imageType: { Original: {} },
      setting: { binWidth: 10, resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkBSpline' },
    },
    volumes: () => {
      const shape: [number, number, number] = [36, 32, 10],
        spacing: [number, number, number] = [0.8, 0.9, 3];
      return {
        image: volume(Float32Array, shape, spacing, 11, texture(100, 30, 20)),
        mask: ellipsoids(shape, spacing, [{ c: [17.3, 15.6, 4.4], r: [11, 9, 3.2] }]),
      };
    },
  },
  {
    name: 'small-roi',
    about: 'ROI of fewer than 100 voxels, int16',
    params: { imageType: { Original: {} }, setting: { binWidth: 5 } },
    volumes: () => {
      const shape: [number, number, number] = [16, 16, 10],
        spacing: [number, number, number] = [1, 1, 1.5];
      return {
        image: volume(Int16Array, shape, spacing, 12, (x, y, z, r) => Math.round(texture(40, 12, 15)(x, y, z, r))),
        mask: ellipsoids(shape, spacing, [{ c: [7.5, 8.2, 4.6], r: [2.6, 3.1, 1.9] }]),
      };
    },
  },
  {
    name: 'multi-component',
    about: 'ROI of three disconnected components, int16, binWidth 8',
    params: { imageType: { Original: {} }, setting: { binWidth: 8 } },
    volumes: () => {
      const shape: [number, number, number] = [40, 36, 16],
        spacing: [number, number, number] = [1, 1, 2];
      const blobs = [
        { c: [9, 9, 6], r: [5, 4, 3] },
        { c: [28, 12, 8], r: [6, 5, 4] },
        { c: [18, 27, 9], r: [4, 5, 3] },
      ];
      return {
        image: volume(Int16Array, shape, spacing, 13, (x, y, z, r) => Math.round(texture(-20, 40, 30)(x, y, z, r))),
        mask: ellipsoids(shape, spacing, blobs),
      };
    },
  },
  {
    name: 'mr-normalize',
    about: 'MR-like float intensities, normalize + normalizeScale 100 + removeOutliers 3, binWidth 10',
    params: {
      imageType: { Original: {} },
      setting: { normalize: true, normalizeScale: 100, removeOutliers: 3, binWidth: 10 },
    },
    volumes: () => {
      const shape: [number, number, number] = [32, 32, 14],
        spacing: [number, number, number] = [1.1, 1.1, 2.5];
      const mr: Field = (x, y, z, r) =>
        r() < 0.01 ? 4000 : 600 + 150 * Math.sin(x / 3) * Math.cos(y / 4) + 80 * Math.sin(z / 2) + 60 * r();
      return {
        image: volume(Float32Array, shape, spacing, 14, mr),
        mask: ellipsoids(shape, spacing, [{ c: [15.5, 16, 6.5], r: [9, 8, 4] }]),
      };
    },
  },
  {
    name: 'force2d',
    about: 'force2D (in-plane texture, dimension 0), int16',
    // shape2D needs a single-slice mask; PyRadiomics raises for it under force2D, so the classes are listed.
    params: {
      imageType: { Original: {} },
      featureClass: { firstorder: null, shape: null, glcm: null, glrlm: null, glszm: null, gldm: null, ngtdm: null },
      setting: { binWidth: 10, force2D: true, force2Ddimension: 0 },
    },
    volumes: () => {
      const shape: [number, number, number] = [30, 30, 8],
        spacing: [number, number, number] = [0.7, 0.7, 4];
      return {
        image: volume(Int16Array, shape, spacing, 15, (x, y, z, r) => Math.round(texture(200, 50, 40)(x, y, z, r))),
        mask: ellipsoids(shape, spacing, [{ c: [14.5, 15, 3.5], r: [10, 9, 2.6] }]),
      };
    },
  },
  {
    name: 'reseg-sigma',
    about: 'resegmentRange [-2, 2.5] in sigma mode (NGTDM neighbours under re-segmentation), int16',
    params: {
      imageType: { Original: {} },
      setting: { binWidth: 10, resegmentRange: [-2, 2.5], resegmentMode: 'sigma' },
    },
    volumes: () => {
      const shape: [number, number, number] = [30, 30, 12],
        spacing: [number, number, number] = [1, 1, 2];
      const heavy: Field = (x, y, z, r) => Math.round(texture(50, 30, 40)(x, y, z, r) + (r() < 0.05 ? 300 : 0));
      return {
        image: volume(Int16Array, shape, spacing, 16, heavy),
        mask: ellipsoids(shape, spacing, [{ c: [14.5, 14.5, 5.5], r: [9, 10, 4.5] }]),
      };
    },
  },
  {
    name: 'distances-asymmetric',
    about: 'distances [1, 2] with symmetricalGLCM false, float image',
    params: { imageType: { Original: {} }, setting: { binWidth: 15, distances: [1, 2], symmetricalGLCM: false } },
    volumes: () => {
      const shape: [number, number, number] = [28, 28, 12],
        spacing: [number, number, number] = [1, 1, 1];
      return {
        image: volume(Float32Array, shape, spacing, 17, texture(0, 60, 50)),
        mask: ellipsoids(shape, spacing, [{ c: [13.5, 14, 5.5], r: [8, 9, 4.5] }]),
      };
    },
  },
  {
    name: 'ct-example-ct',
    about:
      'IBSI CT phantom (int16, 0.977 x 0.977 x 3 mm) with exampleCT.yaml: B-spline to 1 mm, voxelArrayShift 1000, glcm without SumAverage',
    params: exampleParams('exampleCT.yaml'),
    volumes: () => ({
      imagePath: path.join(IBSI_CT, 'image', 'phantom.nii.gz'),
      maskPath: path.join(IBSI_CT, 'mask', 'mask.nii.gz'),
    }),
  },
  {
    name: 'mr-example-3mm',
    about:
      'MR-like float image with exampleMR_3mm.yaml: normalize (scale 100), B-spline to 3 mm, binWidth 5, voxelArrayShift 300',
    params: exampleParams('exampleMR_3mm.yaml'),
    volumes: () => {
      const shape: [number, number, number] = [56, 52, 30],
        spacing: [number, number, number] = [0.9, 0.9, 1.5];
      const mr: Field = (x, y, z, r) => 500 + 120 * Math.sin(x / 4) * Math.cos(y / 5) + 90 * Math.sin(z / 3) + 50 * r();
      return {
        image: volume(Float32Array, shape, spacing, 18, mr),
        mask: ellipsoids(shape, spacing, [{ c: [27.5, 25, 14.5], r: [20, 17, 9] }]),
      };
    },
  },
];
