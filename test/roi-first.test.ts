// ROI-first processing (native/preprocess.h): rounding, normalisation and interpolation of only the ROI's
// neighbourhood give the features of whole-image processing (processingScope 'image', the reference
// path) -- bitwise for nearest / linear, within 1e-12 for cubic B-spline (prefilter margin, see
// native/resample_bspline.h) -- on the IBSI CT configurations and on random cases; non-finite values
// outside the ROI change nothing inside it, one inside it is reported at its input voxel.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import t, { type Test } from 'tap';
import {
  extractFeatures,
  presetConfig,
  readImage,
  readMask,
  type ExtractionConfig,
  type Volume,
} from '../dist/cjs/index.js';
import { ROOT } from './helpers/ibsi';

type Result = ReturnType<typeof extractFeatures>;
const INTERP_IMAGE_SUMMARY = new Set(['mean_int_interp_img', 'min_int_interp_img', 'max_int_interp_img']);

// Every feature and numeric diagnostic of `a` equals that of `b` (relative tolerance `rel` of the larger
// magnitude, 0 = bitwise); the whole-image summary that only scope 'image' reports is left out.
function compare(t: Test, a: Result, b: Result, rel: number, what: string): void {
  const av = { ...a.diagnostics, ...a.features } as Record<string, unknown>;
  const bv = { ...b.diagnostics, ...b.features } as Record<string, unknown>;
  const keys = Object.keys(bv).filter((k) => !INTERP_IMAGE_SUMMARY.has(k));
  let worst = 0,
    worstKey = '',
    missing = 0;
  for (const k of keys) {
    const x = av[k],
      y = bv[k];
    if (typeof y !== 'number') continue;
    if (typeof x !== 'number') {
      missing++;
      t.fail(`${what}: ${k} missing in the ROI-first result`);
      continue;
    }
    if (Number.isNaN(y) && Number.isNaN(x)) continue;
    const d = x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    if (!(d <= worst)) {
      worst = Number.isNaN(d) ? Infinity : d;
      worstKey = k;
    }
  }
  t.ok(keys.length > 20 && missing === 0, `${what}: ${keys.length} values compared`);
  t.ok(worst <= rel, `${what}: largest relative difference ${worst}${worstKey ? ` (${worstKey})` : ''} <= ${rel}`);
}

const IBSI = path.resolve(ROOT, '..', 'shared', 'ibsi', 'ibsi1_ct_radiomics_phantom', 'nifti');
const IMAGE = path.join(IBSI, 'image', 'phantom.nii.gz');
const MASK = path.join(IBSI, 'mask', 'mask.nii.gz');

t.test(
  'IBSI CT configurations A-E: ROI-first equals whole-image processing',
  { skip: !existsSync(IMAGE) && 'IBSI CT phantom not found' },
  async (t) => {
    const image = await readImage(IMAGE);
    const mask = await readMask(MASK);
    for (const c of ['a', 'b', 'c', 'd', 'e']) {
      const config = presetConfig(`ibsi1-ct-${c}`);
      const whole = extractFeatures(image, mask, { ...config, processingScope: 'image' });
      const roi = extractFeatures(image, mask, { ...config, processingScope: 'roi' });
      // Configuration E is cubic B-spline (prefilter margin: within 7e-15 of the image range), then rounded.
      compare(t, roi, whole, c === 'e' ? 1e-12 : 0, `configuration ${c.toUpperCase()}`);
      if (c !== 'a') {
        t.notOk('mean_int_interp_img' in roi.diagnostics, 'ROI-first: no summary of the whole interpolated image');
        t.equal(
          roi.diagnostics.img_dim_x_interp_img,
          whole.diagnostics.img_dim_x_interp_img,
          'IBSI grid of the whole image',
        );
      }
    }
  },
);

// Deterministic pseudo-random numbers (mulberry32).
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

// A smooth random image with noise, an ellipsoid ROI somewhere inside (maybe touching a border).
function randomCase(seed: number, float: boolean): { image: Volume; mask: Volume } {
  const r = rng(seed);
  const n: [number, number, number] = [20 + Math.floor(r() * 60), 20 + Math.floor(r() * 60), 6 + Math.floor(r() * 30)];
  const spacing: [number, number, number] = [0.5 + r(), 0.5 + r(), 1 + 3 * r()];
  const size = n[0] * n[1] * n[2];
  const img = float ? new Float32Array(size) : new Int16Array(size);
  const m = new Uint8Array(size);
  const c = [r() * n[0], r() * n[1], r() * n[2]];
  const rad = [2 + r() * n[0] * 0.3, 2 + r() * n[1] * 0.3, 1 + r() * n[2] * 0.3];
  const f = [r() * 0.5, r() * 0.5, r() * 0.5];
  for (let z = 0, i = 0; z < n[2]; z++)
    for (let y = 0; y < n[1]; y++)
      for (let x = 0; x < n[0]; x++, i++) {
        const v = 300 * Math.sin(f[0]! * x) * Math.cos(f[1]! * y) + 40 * z * f[2]! + 50 * (r() - 0.5);
        img[i] = float ? v : Math.round(v);
        const d = ((x - c[0]!) / rad[0]!) ** 2 + ((y - c[1]!) / rad[1]!) ** 2 + ((z - c[2]!) / rad[2]!) ** 2;
        if (d <= 1) m[i] = 1;
      }
  m[Math.floor(c[0]!) + n[0] * (Math.floor(c[1]!) + n[1] * Math.floor(c[2]!))] = 1; // never empty
  return { image: { data: img, shape: n, spacing }, mask: { data: m, shape: n, spacing } };
}

t.test('random cases: ROI-first equals whole-image processing', async (t) => {
  const methods = ['nearest', 'linear', 'bspline'] as const;
  for (let seed = 1; seed <= 12; seed++) {
    const method = methods[seed % 3]!;
    const { image, mask } = randomCase(seed, seed % 2 === 0);
    const r = rng(1000 + seed);
    const config: ExtractionConfig = {
      roundInput: seed % 4 < 2,
      ...(seed % 5 === 0
        ? { normalisation: { method: 'zscore' as const, scale: 100, ...(seed % 2 ? { scope: 'roi' as const } : {}) } }
        : {}),
      interpolation: {
        spacing: [0.6 + 1.5 * r(), 0.6 + 1.5 * r(), seed % 6 === 0 ? 0 : 0.8 + 2 * r()],
        method,
        inPlane: seed % 7 === 0,
        mask: { method: seed % 4 === 3 ? 'nearest' : 'linear', threshold: 0.5 },
      },
      discretisation: { method: 'fbn', nBins: 16 },
      // B-spline values move by ~1e-14: keep to families that are smooth in the intensities (a bin
      // edge could otherwise move a voxel between levels).
      ...(method === 'bspline' ? { families: ['morphology', 'local_intensity', 'intensity_statistics'] as const } : {}),
    } as ExtractionConfig;
    let whole: Result;
    try {
      whole = extractFeatures(image, mask, { ...config, processingScope: 'image' });
    } catch (e) {
      // An ROI that vanishes on the new grid fails in both scopes with the same code.
      const code = (e as { code?: string }).code;
      t.throws(() => extractFeatures(image, mask, config), { code }, `seed ${seed}: same error ${code}`);
      continue;
    }
    const roi = extractFeatures(image, mask, config);
    compare(
      t,
      roi,
      whole,
      method === 'bspline' ? 1e-12 : 0,
      `seed ${seed} (${method}, ${(image.shape ?? []).join('x')})`,
    );
  }
});

t.test('non-finite values outside the ROI change nothing inside it; one inside it names its input voxel', async (t) => {
  const n: [number, number, number] = [40, 36, 12];
  const size = n[0] * n[1] * n[2];
  const img = new Float64Array(size),
    m = new Uint8Array(size);
  for (let z = 0, i = 0; z < n[2]; z++)
    for (let y = 0; y < n[1]; y++)
      for (let x = 0; x < n[0]; x++, i++) {
        img[i] = 100 + 20 * Math.sin(0.3 * x + 0.2 * y) + 3 * z;
        if (x >= 12 && x < 24 && y >= 10 && y < 22 && z >= 3 && z < 9) m[i] = 1;
      }
  let roiSum = 0,
    roiN = 0;
  for (let i = 0; i < size; i++)
    if (m[i]) {
      roiSum += img[i]!;
      roiN++;
    }
  const at = (x: number, y: number, z: number) => x + n[0] * (y + n[1] * z);
  const holes = [at(0, 0, 0), at(30, 15, 5), at(10, 15, 5), at(39, 35, 11), at(18, 5, 6)]; // far, near, adjacent
  const withNaN = img.slice(),
    filled = img.slice();
  holes.forEach((h, k) => {
    withNaN[h] = k % 2 ? NaN : k === 2 ? -Infinity : Infinity;
    filled[h] = roiSum / roiN; // the documented replacement: the ROI mean (summed in flat-index order, as natively)
  });
  const spacing: [number, number, number] = [0.8, 0.8, 2.5];
  const vol = (data: Float64Array): Volume => ({ data, shape: n, spacing });
  const maskVol: Volume = { data: m, shape: n, spacing };
  for (const scope of ['roi', 'image'] as const) {
    for (const method of ['linear', 'bspline'] as const) {
      const config: ExtractionConfig = {
        processingScope: scope,
        interpolation: { spacing: [1, 1, 1], method },
        discretisation: { method: 'fbn', nBins: 16 },
      };
      const a = extractFeatures(vol(withNaN), maskVol, config);
      const b = extractFeatures(vol(filled), maskVol, config);
      t.same(a.features, b.features, `${scope} scope, ${method}: NaN / Inf outside the ROI act as the ROI mean`);
      t.ok(
        Object.values(a.features).every((v) => v === null || Number.isFinite(v)),
        'every feature finite',
      );
    }
    const noInterp = extractFeatures(vol(withNaN), maskVol, {
      processingScope: scope,
      families: ['local_intensity', 'intensity_statistics'],
    });
    const noInterpRef = extractFeatures(vol(filled), maskVol, {
      processingScope: scope,
      families: ['local_intensity', 'intensity_statistics'],
    });
    t.same(
      noInterp.features,
      noInterpRef.features,
      `${scope} scope, no interpolation: the local-intensity sphere sees the ROI mean`,
    );
  }
  const inside = img.slice();
  inside[at(15, 12, 4)] = NaN;
  for (const scope of ['roi', 'image'] as const)
    t.throws(
      () =>
        extractFeatures(vol(inside), maskVol, {
          processingScope: scope,
          interpolation: { spacing: [1, 1, 1], method: 'bspline' },
        }),
      { code: 'ERR_RADIOMICS_NON_FINITE', message: /voxel \[15, 12, 4\] inside the ROI is NaN/ },
      `${scope} scope: the input voxel is named`,
    );
});

t.test('one extraction on 1 or several threads: identical results, warnings in the same order', async (t) => {
  const { image, mask } = randomCase(5, true);
  const config: ExtractionConfig = {
    interpolation: { spacing: [1, 1, 1], method: 'linear' },
    discretisation: { method: 'fbn', nBins: 16 },
  };
  const one = extractFeatures(image, mask, { ...config, threads: 1 });
  for (const threads of [2, 4]) {
    const many = extractFeatures(image, mask, { ...config, threads });
    t.same(Object.keys(many.features), Object.keys(one.features), `${threads} threads: same keys in the same order`);
    t.same(many, one, `${threads} threads: identical result`);
  }
});
