// Random shapes, dtypes, configurations and raw garbage thrown at the native boundary: every call must
// return a result or a RadiomicsError, never crash the process (this test file is the process).
import t from 'tap';
import type { Test } from 'tap';
import {
  dilate,
  erode,
  extractFeatures,
  FAMILIES,
  peritumoralRois,
  RadiomicsError,
  ring,
  type ExtractionConfig,
  type Volume,
} from '../dist/cjs/index.js';
import { native } from '../dist/cjs/native.js';

let seed = 12345;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
const CTORS = [
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
] as const;

function randomVolume(shape: [number, number, number], ctor: (typeof CTORS)[number], maskLike: boolean): Volume {
  const n = shape[0] * shape[1] * shape[2];
  const data = new ctor(n);
  for (let i = 0; i < n; i++)
    data[i] = maskLike
      ? rand() < 0.5
        ? 1
        : rand() < 0.5
          ? 0
          : 2
      : Math.floor(rand() * 200) - (ctor === Uint8Array || ctor === Uint16Array || ctor === Uint32Array ? 0 : 50);
  return { data, shape, spacing: [0.5 + rand() * 3, 0.5 + rand() * 3, 0.5 + rand() * 3] };
}

function randomDiscretisation(): ExtractionConfig['discretisation'] {
  const method = pick(['none', 'fbs', 'fbn'] as const);
  return method === 'fbs'
    ? { method, binWidth: pick([0.5, 1, 25, 1000]), ...(rand() < 0.3 ? { min: pick([-50, 0, 10]) } : {}) }
    : method === 'fbn'
      ? { method, nBins: pick([1, 2, 16, 1000]) }
      : { method };
}

// Every processing step the pipeline has, drawn at random: normalisation, interpolation (each method,
// alignment, rounding, mask method and threshold), re-segmentation (range, outliers, both), every family.
function randomConfig(): ExtractionConfig {
  const config: ExtractionConfig = {
    label: pick([1, 1, 1, 2, 0, -1]),
    roundInput: rand() < 0.2,
    discretisation: randomDiscretisation(),
    texture: {
      distances: [pick([1, 2, 3])],
      neighbourhoodDistance: pick([1, 2]),
      ngldmAlpha: pick([0, 1]),
      symmetric: rand() < 0.8,
    },
    localIntensity: { sphereVolumeCm3: pick([0.001, 0.05, 1]) },
    morphology: {
      moranExactMaxVoxels: pick([0, 5, 20000]),
      moranFftMaxPoints: pick([0, 64, 1 << 23]),
      moranSeed: pick([1, 7]),
    },
  };
  if (rand() < 0.5) config.dimensionality = pick(['2D', '3D'] as const);
  if (rand() < 0.3) config.families = FAMILIES.filter(() => rand() < 0.5).map((f) => f.family);
  if (rand() < 0.3) config.ivh = { discretisation: randomDiscretisation() };
  if (rand() < 0.35) {
    config.normalisation = {
      method: pick(['zscore', 'none'] as const),
      scope: pick(['image', 'roi'] as const),
      scale: pick([1, 100]),
      removeOutliers: pick([0, 3]),
      shift: pick([0, 300]),
    };
  }
  if (rand() < 0.5) {
    config.interpolation = {
      spacing: [pick([0.7, 1, 2.5]), pick([0.7, 1, 2.5]), pick([0, 1, 2])],
      inPlane: rand() < 0.3,
      method: pick(['nearest', 'linear', 'bspline'] as const),
      gridAlignment: pick(['ibsi', 'corner'] as const),
      roundIntensities: rand() < 0.3,
      mask: { method: pick(['nearest', 'linear'] as const), threshold: pick([0.1, 0.5, 1]) },
      threads: pick([1, 2]),
    };
  }
  const r = rand();
  if (r < 0.15) config.resegmentation = { range: [pick([null, 0, 50]), pick([null, 100, 150])] };
  else if (r < 0.25) config.resegmentation = { outlierSigma: pick([1, 3]) };
  else if (r < 0.35) config.resegmentation = { range: [pick([null, -20, 20]), pick([null, 120])], outlierSigma: 3 };
  return config;
}

/** Which step or family a successful extraction went through (counted so the test proves it reached each). */
function stepsOf(config: ExtractionConfig, features: Record<string, number>): string[] {
  const steps: string[] = [];
  if (config.normalisation?.method === 'zscore') steps.push('normalisation');
  if (config.interpolation)
    steps.push(`interpolation:${config.interpolation.method}`, `mask:${config.interpolation.mask?.method}`);
  if (config.resegmentation?.range) steps.push('resegmentation:range');
  if (config.resegmentation?.outlierSigma) steps.push('resegmentation:outliers');
  for (const fam of FAMILIES) {
    const prefix = `${fam.features[0]!.name.split('_')[0]}_`;
    if (Object.keys(features).some((k) => k.startsWith(prefix))) steps.push(`family:${fam.family}`);
  }
  return steps;
}

const ERROR_CODE = /^ERR_RADIOMICS_[A-Z0-9_]+$/;

function expectTypedError(t: Test, e: unknown, what: string) {
  if (!(e instanceof RadiomicsError)) t.fail(`${what}: non-RadiomicsError thrown: ${(e as Error).stack}`);
  else if (!ERROR_CODE.test(e.code)) t.fail(`${what}: RadiomicsError without a stable code: ${e.message}`);
}

t.test('random volumes and configurations: a result or a RadiomicsError, every processing step reached', async (t) => {
  let ok = 0;
  let errors = 0;
  const reached = new Map<string, number>();
  for (let iter = 0; iter < 200; iter++) {
    const shape: [number, number, number] = [
      1 + Math.floor(rand() * 9),
      1 + Math.floor(rand() * 9),
      1 + Math.floor(rand() * 6),
    ];
    const image = randomVolume(shape, pick(CTORS), false);
    const mask = randomVolume(shape, pick(CTORS), true);
    mask.spacing = image.spacing;
    const config = randomConfig();
    try {
      const r = extractFeatures(image, mask, config);
      for (const [k, v] of Object.entries(r.features)) if (typeof v !== 'number') t.fail(`${k} is not a number`);
      for (const step of stepsOf(config, r.features)) reached.set(step, (reached.get(step) ?? 0) + 1);
      ok++;
    } catch (e) {
      expectTypedError(t, e, JSON.stringify(config));
      errors++;
    }
  }
  t.ok(ok > 30, `${ok} extractions succeeded, ${errors} rejected with typed errors`);
  const expected = [
    'normalisation',
    'interpolation:nearest',
    'interpolation:linear',
    'interpolation:bspline',
    'mask:nearest',
    'mask:linear',
    'resegmentation:range',
    'resegmentation:outliers',
    ...FAMILIES.map((f) => `family:${f.family}`),
  ];
  for (const step of expected)
    t.ok((reached.get(step) ?? 0) > 0, `${step}: reached by ${reached.get(step) ?? 0} successful extractions`);
});

t.test('random masks through the ROI operations: a mask or a RadiomicsError', async (t) => {
  let ok = 0;
  for (let iter = 0; iter < 60; iter++) {
    const shape: [number, number, number] = [
      1 + Math.floor(rand() * 8),
      1 + Math.floor(rand() * 8),
      1 + Math.floor(rand() * 5),
    ];
    const mask = randomVolume(shape, pick(CTORS), true);
    const options = { label: pick([1, 2, 0]), allowClip: rand() < 0.5, threads: pick([1, 2]) };
    const radius = pick([0, 0.5, 1, 2.5, 6, -1]);
    const op = pick(['dilate', 'erode', 'ring', 'peritumoral'] as const);
    try {
      if (op === 'dilate') dilate(mask, radius, options);
      else if (op === 'erode') erode(mask, radius, options);
      else if (op === 'ring') ring(mask, radius, radius + pick([0, 1, 3]), options);
      else peritumoralRois(mask, [radius, radius + 2], options);
      ok++;
    } catch (e) {
      expectTypedError(t, e, `${op} ${radius} ${JSON.stringify(options)}`);
    }
  }
  t.ok(ok > 10, `${ok} ROI operations succeeded`);
});

const describe = (a: unknown) =>
  JSON.stringify(a, (_k, v) =>
    typeof v === 'bigint'
      ? String(v)
      : ArrayBuffer.isView(v)
        ? `${v.constructor.name}(${(v as Uint8Array).length})`
        : v,
  ).slice(0, 90);

t.test('garbage straight into the native binding never crashes', async (t) => {
  const b = native();
  const good = { data: new Uint8Array(8).fill(1), shape: [2, 2, 2] };
  const cases: unknown[][] = [
    [],
    [null, null, null],
    [1, 2, 3],
    [good, good, 'x'],
    [{ data: new Uint8Array(8) }, good, {}],
    [{ data: new Uint8Array(8), shape: [2, 2] }, good, {}],
    [{ data: new Uint8Array(8), shape: [2, 2, 3] }, good, {}],
    [{ data: new Uint8Array(8), shape: [-2, -2, 2] }, good, {}],
    [{ data: new Uint8Array(8), shape: [2, 2, 2], spacing: [1, 1] }, good, {}],
    [{ data: new Uint8Array(8), shape: [2, 2, 2], direction: 'I' }, good, {}],
    [{ data: [1, 2], shape: [2, 2, 2] }, good, {}],
    [{ data: new Uint8Array(new ArrayBuffer(16), 8, 8), shape: [2, 2, 2] }, good, { label: 1.5 }],
    [good, good, { discretisation: { method: 'magic' } }],
    [good, good, { texture: { distances: [1e9] } }],
    [good, good, { texture: { distances: [] } }],
    [good, good, { families: 'all' }],
    [good, good, { maxLevels: -1 }],
    [good, good, { discretisation: { method: 'fbs', binWidth: 0 } }],
    [good, good, { discretisation: { method: 'fbn', nBins: 0 } }],
    [good, good, { localIntensity: { sphereVolumeCm3: -1 } }],
    [{ data: new Float64Array(8).fill(NaN), shape: [2, 2, 2] }, good, {}],
    [{ data: new BigInt64Array(8), shape: [2, 2, 2] }, good, {}],
    // Found by fuzz_extract: a 1e-300 mm spacing overflowed the local-intensity margin's integer cast (UBSan).
    [
      { data: new Float32Array(8).fill(3), shape: [2, 2, 2], spacing: [1e-300, 1, 1] },
      { data: new Uint8Array(8).fill(1), shape: [2, 2, 2], spacing: [1e-300, 1, 1] },
      { families: { localIntensity: true } },
    ],
  ];
  for (const args of cases) {
    try {
      (b.extractSync as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      t.match((e as { code?: string }).code, ERROR_CODE, `${describe(args)} -> ${(e as Error).message}`);
    }
  }
  for (const args of cases) {
    try {
      await (b.extractAsync as (...a: unknown[]) => Promise<unknown>)(...args);
    } catch (e) {
      t.ok(e instanceof Error, `async: ${(e as Error).message}`);
      t.match((e as { code?: string }).code, ERROR_CODE, `async ${describe(args)} -> ${(e as Error).message}`);
    }
  }
  t.pass('process survived');
});
