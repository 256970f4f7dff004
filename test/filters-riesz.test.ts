// Properties of the Riesz transform filters (native/filters/riesz.cc), each against values worked out
// independently: order 0 is the filter itself (the Fourier-domain path against the spatial LoG, every
// boundary), a constant image has no response, the three second-order transforms sum to minus the
// zero-mean filter response, 2D never mixes slices, identical results for 1 and N threads, typed errors.
// The IBSI 2 maps 9.a, 9.b.1 and 10.b.1 are checked in filters-ibsi2.test.ts.
import t from 'tap';
import { extractFeatures, filterImage, type FilterConfig } from '../dist/cjs/index.js';

type V = { data: Float32Array; shape: [number, number, number]; spacing: [number, number, number] };
let seed = 4242;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 100 - 50;
const vol = (
  shape: [number, number, number],
  f: (x: number, y: number, z: number) => number,
  spacing: [number, number, number] = [1, 1, 1],
): V => {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  for (let z = 0; z < shape[2]; z++)
    for (let y = 0; y < shape[1]; y++)
      for (let x = 0; x < shape[0]; x++) data[x + shape[0] * (y + shape[1] * z)] = f(x, y, z);
  return { data, shape, spacing };
};
const maxAbs = (a: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
};
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const log = { type: 'log', sigmaMm: 3, truncate: 4 } as const;
const riesz = (
  order: number[],
  of: Extract<FilterConfig, { type: 'riesz' }>['of'],
  rest: Partial<FilterConfig> = {},
): FilterConfig => ({ type: 'riesz', order, of, ...rest }) as FilterConfig;

t.test('order 0 is the filter itself', async (t) => {
  // Odd and even sizes, anisotropic spacing: the Fourier-domain path (extension by the boundary, DFT of the
  // sampled kernel) against the spatial separable LoG.
  const img = vol([13, 10, 9], () => rand(), [1.5, 2, 2.5]);
  const scale = maxAbs(filterImage(img, { ...log, boundary: 'zero' }).data);
  for (const boundary of ['zero', 'nearest', 'periodic', 'mirror'] as const) {
    for (const dims of ['3D', '2D'] as const) {
      const spatial = filterImage(img, { ...log, boundary, dims });
      const fourier = filterImage(img, riesz(dims === '3D' ? [0, 0, 0] : [0, 0], log, { boundary, dims }));
      const d = maxDiff(spatial.data, fourier.data);
      t.ok(
        d < 1e-5 * scale,
        `LoG, ${dims}, ${boundary}: Riesz order 0 = the LoG (worst ${d.toPrecision(3)}, response scale ${scale.toPrecision(3)})`,
      );
    }
  }
  // The Simoncelli wavelet keeps its spectrum in the output (real_fourier.cc), the Riesz path a complex
  // volume: odd and even row lengths (Nyquist bins), 3D and 2D, levels 1 and 2 against each other.
  for (const shape of [
    [13, 10, 9],
    [12, 9, 8],
    [2, 5, 3],
  ] as [number, number, number][]) {
    const im = vol(shape, () => rand());
    for (const dims of ['3D', '2D'] as const)
      for (const level of [1, 2]) {
        const simoncelli = filterImage(im, { type: 'simoncelli', level, dims });
        const r0 = filterImage(
          im,
          riesz(dims === '3D' ? [0, 0, 0] : [0, 0], { type: 'simoncelli', level }, { boundary: 'periodic', dims }),
        );
        const d = maxDiff(simoncelli.data, r0.data);
        t.ok(
          d <= 1e-5 * maxAbs(r0.data),
          `Simoncelli level ${level}, ${shape.join('x')}, ${dims}: Riesz order 0 = the Simoncelli wavelet (worst ${d.toPrecision(3)})`,
        );
      }
  }
});

t.test('a constant image has no response', async (t) => {
  for (const shape of [
    [8, 8, 8],
    [9, 7, 6],
  ] as [number, number, number][]) {
    const c = vol(shape, () => 10);
    for (const boundary of ['nearest', 'periodic', 'mirror'] as const) {
      for (const order of [
        [1, 0, 0],
        [0, 2, 0],
        [1, 1, 1],
      ]) {
        const r = filterImage(c, riesz(order, log, { boundary }));
        t.ok(
          maxAbs(r.data) < 1e-5,
          `LoG, ${shape.join('x')}, ${boundary}, order ${order.join(',')}: 0 (max ${maxAbs(r.data).toPrecision(3)})`,
        );
      }
      const s = filterImage(c, riesz([0, 0, 1], { type: 'simoncelli', level: 1 }, { boundary }));
      t.ok(maxAbs(s.data) < 1e-5, `Simoncelli, ${shape.join('x')}, ${boundary}, order 0,0,1: 0`);
    }
  }
});

t.test('second-order transforms along x, y, z sum to minus the zero-mean response', async (t) => {
  // Sum_a R_aa(nu) = -(nu_x^2 + nu_y^2 + nu_z^2) / |nu|^2 = -1 away from 0, 0 at 0 (periodic: one DFT grid).
  for (const shape of [
    [12, 10, 8],
    [11, 9, 7],
  ] as [number, number, number][]) {
    const img = vol(shape, () => rand(), [2, 2, 2]);
    const f = filterImage(img, { ...log, boundary: 'periodic' }).data;
    let mean = 0;
    for (const v of f) mean += v / f.length;
    const sum = new Float64Array(f.length);
    for (const order of [
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 2],
    ]) {
      const r = filterImage(img, riesz(order, log, { boundary: 'periodic' })).data;
      for (let i = 0; i < sum.length; i++) sum[i]! += r[i]!;
    }
    let worst = 0;
    for (let i = 0; i < sum.length; i++) worst = Math.max(worst, Math.abs(sum[i]! + (f[i]! - mean)));
    t.ok(
      worst < 1e-5 * maxAbs(f),
      `${shape.join('x')}: R_xx + R_yy + R_zz = -(LoG - mean) (worst ${worst.toPrecision(3)})`,
    );
  }
});

t.test('2D never mixes slices; 1 and N threads agree exactly', async (t) => {
  const img = vol([10, 9, 4], () => rand(), [2, 2, 3]);
  const cfg = riesz([1, 1], log, { dims: '2D', boundary: 'mirror' });
  const all = filterImage(img, cfg);
  let worst = 0;
  for (let z = 0; z < 4; z++) {
    const n = 90,
      slice = { ...img, data: img.data.slice(z * n, (z + 1) * n), shape: [10, 9, 1] as [number, number, number] };
    worst = Math.max(worst, maxDiff(filterImage(slice, cfg).data, all.data.subarray(z * n, (z + 1) * n)));
  }
  t.equal(worst, 0, 'each slice filtered alone gives the same map');
  for (const c of [
    riesz([0, 1, 1], log, { boundary: 'zero' }),
    riesz([0, 2, 0], { type: 'simoncelli', level: 1 }, { boundary: 'nearest' }),
    riesz([1, 0, 0], log, { boundary: 'periodic' }),
  ]) {
    const one = filterImage(img, { ...c, threads: 1 }),
      many = filterImage(img, { ...c, threads: 3 });
    t.equal(maxDiff(one.data, many.data), 0, `${JSON.stringify(c)}: 1 and 3 threads identical`);
  }
});

t.test('typed errors', async (t) => {
  const img = vol([4, 4, 4], () => 1);
  const bad: [unknown, RegExp][] = [
    [{ type: 'riesz', order: [1, 0], of: log }, /order must list 3 integers/],
    [{ type: 'riesz', order: [1, 0, 0], of: log, dims: '2D' }, /order must list 2 integers/],
    [{ type: 'riesz', order: [1, -1, 0], of: log }, /order must list 3 integers >= 0/],
    [{ type: 'riesz', order: [1.5, 0, 0], of: log }, /order must list/],
    [{ type: 'riesz', order: [5, 4, 0], of: log }, /sum to <= 8/],
    [{ type: 'riesz', order: [1, 0, 0] }, /of is required/],
    [{ type: 'riesz', order: [1, 0, 0], of: { type: 'gabor' } }, /of.type must be 'log' or 'simoncelli'/],
    [{ type: 'riesz', order: [1, 0, 0], of: { type: 'log' } }, /sigmaMm is required/],
    [{ type: 'riesz', order: [1, 0, 0], of: { type: 'simoncelli', level: 9 } }, /level must be <= 8/],
  ];
  for (const [cfg, re] of bad)
    t.throws(
      () => filterImage(img, cfg as FilterConfig),
      { code: 'ERR_RADIOMICS_INVALID_CONFIG', message: re },
      JSON.stringify(cfg),
    );
});

t.test('as an image type: prefixed features, a not-IBSI-compliant warning, the map of filterImage', async (t) => {
  const image = vol([12, 11, 10], () => rand(), [2, 2, 2]);
  const mask = vol([12, 11, 10], (x, y, z) => (x > 2 && x < 9 && y > 2 && y < 8 && z > 2 && z < 7 ? 1 : 0), [2, 2, 2]);
  const r = extractFeatures(image, mask, {
    discretisation: { method: 'fbn', nBins: 8 },
    families: ['intensity_statistics'],
    imageTypes: [
      { type: 'riesz', order: [1, 0, 0], of: { type: 'log', sigmaMm: 3 }, boundary: 'zero' },
      { type: 'riesz', order: [0, 2, 0], of: { type: 'simoncelli', level: 1 }, boundary: 'nearest' },
    ],
  });
  const map = filterImage(image, {
    type: 'riesz',
    order: [1, 0, 0],
    of: { type: 'log', sigmaMm: 3 },
    boundary: 'zero',
  });
  let sum = 0,
    n = 0;
  for (let i = 0; i < map.data.length; i++)
    if (mask.data[i]) {
      sum += map.data[i]!;
      n++;
    }
  const mean = r.features.riesz_100_log_s3mm_stat_mean!;
  t.ok(
    Math.abs(mean - sum / n) <= 1e-5 * Math.abs(sum / n),
    `riesz_100_log_s3mm_stat_mean ${mean} = the ROI mean of the map ${sum / n}`,
  );
  t.ok('riesz_020_simoncelli_l1_stat_mean' in r.features, 'riesz_020_simoncelli_l1_ prefix');
  t.ok(
    r.warnings.some((w) => w.startsWith('riesz_100_log_s3mm: ') && /not IBSI-compliant/.test(w)),
    'a warning names the Riesz image type as not IBSI-compliant',
  );
});

t.test(
  'in place (an int16 image is converted into the output and filtered there) = from a float32 image',
  async (t) => {
    const shape: [number, number, number] = [12, 11, 10];
    const i16 = new Int16Array(shape[0] * shape[1] * shape[2]).map((_, i) => ((i * 7919) % 200) - 100);
    const f32 = Float32Array.from(i16);
    for (const dims of ['2D', '3D'] as const)
      for (const c of [
        { type: 'log', sigmaMm: 2, boundary: 'mirror' },
        { type: 'simoncelli', level: 1 },
        { type: 'riesz', order: dims === '3D' ? [1, 0, 0] : [1, 0], of: { type: 'log', sigmaMm: 2 }, boundary: 'zero' },
        {
          type: 'riesz',
          order: dims === '3D' ? [0, 1, 1] : [1, 1],
          of: { type: 'simoncelli', level: 1 },
          boundary: 'periodic',
        },
      ] as FilterConfig[]) {
        const a = filterImage({ data: i16, shape, spacing: [1, 1, 1] }, { ...c, dims, threads: 2 });
        const b = filterImage({ data: f32, shape, spacing: [1, 1, 1] }, { ...c, dims, threads: 2 });
        t.equal(maxDiff(a.data, b.data), 0, `${dims} ${JSON.stringify(c)}`);
      }
  },
);
