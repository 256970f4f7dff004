// Properties of the IBSI 2 filters, each checked against values worked out here independently of the
// native code: impulse response = kernel, constant image -> the expected constant, separable = direct
// convolution, 2D never mixes slices, identical results for 1 and N threads, typed errors.
import t from 'tap';
import { filterImage, type FilterConfig } from '../dist/cjs/index.js';

type V = { data: Float32Array; shape: [number, number, number]; spacing: [number, number, number] };
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
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 100 - 50;
const at = (v: { data: Float32Array | ArrayLike<number>; shape: number[] }, x: number, y: number, z: number) =>
  v.data[x + v.shape[0]! * (y + v.shape[1]! * z)]!;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

// Laws 1D kernels (IBSI 2 manual), unit L2 norm.
const unit = (k: number[]) => k.map((x) => x / Math.hypot(...k));
const E5 = unit([-1, -2, 0, 2, 1]),
  L5 = unit([1, 4, 6, 4, 1]),
  S5 = unit([-1, 0, 2, 0, -1]);

// Index under a boundary condition (-1: reads 0), independent of the native code.
function bc(i: number, n: number, mode: string): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'zero') return -1;
  if (mode === 'nearest') return i < 0 ? 0 : n - 1;
  if (mode === 'periodic') return ((i % n) + n) % n;
  const p = 2 * n,
    r = ((i % p) + p) % p;
  return r < n ? r : p - 1 - r;
}
// Direct (non-separable) 3D convolution with a kernel k[dz][dy][dx] centred at c.
function direct(v: V, k: (dx: number, dy: number, dz: number) => number, r: number, mode: string): Float64Array {
  const [nx, ny, nz] = v.shape,
    out = new Float64Array(v.data.length);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        let s = 0;
        for (let dz = -r; dz <= r; dz++)
          for (let dy = -r; dy <= r; dy++)
            for (let dx = -r; dx <= r; dx++) {
              const w = k(dx, dy, dz);
              if (!w) continue;
              const X = bc(x - dx, nx, mode),
                Y = bc(y - dy, ny, mode),
                Z = bc(z - dz, nz, mode);
              if (X >= 0 && Y >= 0 && Z >= 0) s += w * at(v, X, Y, Z);
            }
        out[x + nx * (y + ny * z)] = s;
      }
  return out;
}

t.test('impulse response equals the kernel', async (t) => {
  const imp = vol([11, 11, 11], (x, y, z) => (x === 5 && y === 5 && z === 5 ? 1 : 0));
  const laws = filterImage(imp, { type: 'laws', kernel: 'E5L5S5', boundary: 'zero' });
  let worst = 0;
  for (let dz = -2; dz <= 2; dz++)
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++)
        worst = Math.max(worst, Math.abs(at(laws, 5 + dx, 5 + dy, 5 + dz) - E5[dx + 2]! * L5[dy + 2]! * S5[dz + 2]!));
  t.ok(worst < 1e-6, `Laws E5L5S5 impulse response = E5(x) L5(y) S5(z) (worst ${worst})`);
  const mean = filterImage(imp, { type: 'mean', support: 3, boundary: 'zero' });
  t.ok(
    Math.abs(at(mean, 4, 6, 5) - 1 / 27) < 1e-7 && at(mean, 3, 5, 5) === 0,
    'mean 3: 1/27 inside the window, 0 outside',
  );
  // LoG at the centre: -D / s^2 * G(0) with G(0) = (s sqrt(2 pi))^-D, s in voxels (spacing 2 mm, sigma 3 mm: s = 1.5).
  const imp2 = { ...imp, spacing: [2, 2, 2] as [number, number, number] };
  const log = filterImage(imp2, { type: 'log', sigmaMm: 3, boundary: 'zero' });
  const s = 1.5,
    g0 = Math.pow(s * Math.sqrt(2 * Math.PI), -3);
  t.ok(
    Math.abs(at(log, 5, 5, 5) - (-3 / (s * s)) * g0) < 1e-7,
    `LoG centre ${at(log, 5, 5, 5)} = -3/s^2 G(0) = ${(-3 / (s * s)) * g0}`,
  );
  // Off centre along x: (x^2/s^4 - 3/s^2) G(x).
  const gx = g0 * Math.exp(-4 / (2 * s * s));
  t.ok(Math.abs(at(log, 7, 5, 5) - (4 / s ** 4 - 3 / s ** 2) * gx) < 1e-7, 'LoG at (2, 0, 0)');
});

t.test('a constant image gives the expected constant', async (t) => {
  const c = vol([9, 8, 7], () => 10);
  for (const boundary of ['nearest', 'periodic', 'mirror'] as const) {
    const m = filterImage(c, { type: 'mean', support: 5, boundary });
    t.ok(maxDiff(m.data, new Float32Array(m.data.length).fill(10)) < 1e-4, `mean, ${boundary}: 10`);
    const lll = filterImage(c, { type: 'wavelet', wavelet: 'coif1', subband: 'LLL', boundary });
    t.ok(
      maxDiff(lll.data, new Float32Array(lll.data.length).fill(10 * 2 * Math.SQRT2)) < 1e-3,
      `coif1 LLL, ${boundary}: 10 (sqrt 2)^3`,
    );
    const hhh = filterImage(c, { type: 'wavelet', wavelet: 'db3', subband: 'HLH', level: 2, boundary });
    t.ok(maxDiff(hhh.data, new Float32Array(hhh.data.length)) < 1e-4, `db3 HLH level 2, ${boundary}: 0`);
    const laws = filterImage(c, { type: 'laws', kernel: 'L5E5L5', boundary, pooling: 'max', energy: true });
    t.ok(maxDiff(laws.data, new Float32Array(laws.data.length)) < 1e-4, `Laws L5E5L5 energy, ${boundary}: 0`);
  }
  // LoG of a constant: the constant times the sum of the sampled, truncated kernel.
  const s = 1.2,
    r = Math.floor(4 * s + 0.5);
  let g = 0,
    g2 = 0;
  for (let x = -r; x <= r; x++) {
    const e = Math.exp(-(x * x) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI));
    g += e;
    g2 += ((x * x) / s ** 4 - 1 / s ** 2) * e;
  }
  const log = filterImage(c, { type: 'log', sigmaMm: 1.2, boundary: 'nearest' });
  t.ok(
    maxDiff(log.data, new Float32Array(log.data.length).fill(10 * 3 * g2 * g * g)) < 1e-4,
    'LoG, nearest: 10 x kernel sum',
  );
  const sim = filterImage(
    vol([16, 16, 16], () => 10),
    { type: 'simoncelli', level: 1 },
  );
  t.ok(maxDiff(sim.data, new Float32Array(sim.data.length)) < 1e-6, 'Simoncelli: 0 (no DC response)');
});

t.test('separable equals direct convolution', async (t) => {
  const v = vol([9, 8, 7], () => rand());
  for (const boundary of ['zero', 'nearest', 'periodic', 'mirror']) {
    const sep = filterImage(v, { type: 'laws', kernel: 'E5L5S5', boundary } as FilterConfig);
    const ref = direct(v, (dx, dy, dz) => E5[dx + 2]! * L5[dy + 2]! * S5[dz + 2]!, 2, boundary);
    t.ok(maxDiff(sep.data, ref) < 1e-4, `Laws E5L5S5, ${boundary}: worst ${maxDiff(sep.data, ref)}`);
    const mean = filterImage(v, { type: 'mean', support: 3, boundary } as FilterConfig);
    const refMean = direct(v, () => 1 / 27, 1, boundary);
    t.ok(maxDiff(mean.data, refMean) < 1e-4, `mean 3, ${boundary}`);
  }
});

t.test('2D mode never mixes slices', async (t) => {
  const v = vol([12, 10, 5], () => rand());
  const configs: FilterConfig[] = [
    { type: 'mean', support: 5, dims: '2D' },
    { type: 'log', sigmaMm: 1.5, dims: '2D' },
    { type: 'laws', kernel: 'L5S5', dims: '2D', pooling: 'max', energy: true, energyDelta: 2 },
    { type: 'gabor', sigmaMm: 2, lambdaMm: 3, gamma: 1.5, thetaStepDeg: 45, pooling: 'mean', dims: '2D' },
    { type: 'wavelet', wavelet: 'db3', subband: 'HL', level: 2, pooling: 'mean', dims: '2D' },
    { type: 'simoncelli', level: 1, dims: '2D' },
  ];
  for (const c of configs) {
    const whole = filterImage(v, c);
    const z = 2,
      n = 12 * 10;
    const slice = {
      data: v.data.slice(z * n, (z + 1) * n),
      shape: [12, 10, 1] as [number, number, number],
      spacing: v.spacing,
    };
    const alone = filterImage(slice, c);
    t.ok(
      maxDiff(whole.data.subarray(z * n, (z + 1) * n), alone.data) < 1e-4,
      `${c.type}: slice 2 of the volume = slice 2 filtered alone`,
    );
  }
});

t.test('identical results for 1 and N threads', async (t) => {
  const v = vol([20, 17, 13], () => rand(), [0.8, 0.8, 2]);
  const configs: FilterConfig[] = [
    { type: 'mean', support: 5 },
    { type: 'log', sigmaMm: 2 },
    { type: 'laws', kernel: 'E3W5R5', pooling: 'max', energy: true },
    { type: 'gabor', sigmaMm: 3, lambdaMm: 2, gamma: 1.5, thetaStepDeg: 45, pooling: 'mean' },
    { type: 'wavelet', wavelet: 'coif1', subband: 'LLH', pooling: 'mean' },
    { type: 'simoncelli', level: 2 },
  ];
  const before = v.data.slice();
  for (const c of configs) {
    const one = filterImage(v, { ...c, threads: 1 }),
      many = filterImage(v, { ...c, threads: 4 });
    t.same(Buffer.from(one.data.buffer), Buffer.from(many.data.buffer), `${c.type}: bitwise identical`);
    // Other input types are converted first: the same map from a float64 copy.
    const f64 = filterImage({ ...v, data: Float64Array.from(v.data) }, { ...c, threads: 2 });
    t.same(Buffer.from(f64.data.buffer), Buffer.from(one.data.buffer), `${c.type}: float64 input gives the same map`);
  }
  t.same(Buffer.from(v.data.buffer), Buffer.from(before.buffer), 'the float32 input (read in place) is left unchanged');
});

t.test('bad filter configurations are typed errors', async (t) => {
  const v = vol([4, 4, 4], () => 1);
  const bad: unknown[] = [
    { type: 'median' },
    { type: 'mean', support: 4 },
    { type: 'log', sigmaMm: -1 },
    { type: 'laws', kernel: 'E5L5' },
    { type: 'laws', kernel: 'X5L5S5' },
    { type: 'wavelet', wavelet: 'db9', subband: 'LLH' },
    { type: 'wavelet', wavelet: 'db2', subband: 'LLX' },
    { type: 'gabor', sigmaMm: 1, lambdaMm: 1, gamma: 1, pooling: 'mean' },
    { type: 'simoncelli', boundary: 'mirror' },
    { type: 'mean', support: 3, boundary: 'reflect' },
  ];
  for (const c of bad)
    t.throws(() => filterImage(v, c as FilterConfig), { code: 'ERR_RADIOMICS_INVALID_CONFIG' }, JSON.stringify(c));
});
