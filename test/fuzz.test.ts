// Random shapes, dtypes, configurations and raw garbage thrown at the native boundary: every call must
// return a result or a RadiomicsError, never crash the process (this test file is the process).
import t from 'tap';
import { extractFeatures, RadiomicsError, type ExtractionConfig, type Volume } from '../dist/cjs/index.js';
import { native } from '../dist/cjs/native.js';

let seed = 12345;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
const CTORS = [Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array] as const;

function randomVolume(shape: [number, number, number], ctor: (typeof CTORS)[number], maskLike: boolean): Volume {
  const n = shape[0] * shape[1] * shape[2];
  const data = new ctor(n);
  for (let i = 0; i < n; i++) data[i] = maskLike ? (rand() < 0.5 ? 1 : rand() < 0.5 ? 0 : 2) : Math.floor(rand() * 200) - (ctor === Uint8Array || ctor === Uint16Array || ctor === Uint32Array ? 0 : 50);
  return { data, shape, spacing: [0.5 + rand() * 3, 0.5 + rand() * 3, 0.5 + rand() * 3] };
}

function randomConfig(): ExtractionConfig {
  const method = pick(['none', 'fbs', 'fbn'] as const);
  return {
    label: pick([1, 1, 1, 2, 0, -1]),
    discretisation: method === 'fbs' ? { method, binWidth: pick([0.5, 1, 25, 1000]) } : method === 'fbn' ? { method, nBins: pick([1, 2, 16, 1000]) } : { method },
    texture: { distances: [pick([1, 2, 3])], neighbourhoodDistance: pick([1, 2]), ngldmAlpha: pick([0, 1]) },
    resegmentation: rand() < 0.2 ? { range: [pick([null, 0, 50]), pick([null, 100, 150])] } : rand() < 0.1 ? { outlierSigma: 3 } : undefined,
  } as ExtractionConfig;
}

t.test('random volumes and configurations: a result or a RadiomicsError', async (t) => {
  let ok = 0;
  let errors = 0;
  for (let iter = 0; iter < 150; iter++) {
    const shape: [number, number, number] = [1 + Math.floor(rand() * 9), 1 + Math.floor(rand() * 9), 1 + Math.floor(rand() * 6)];
    const image = randomVolume(shape, pick(CTORS), false);
    const mask = randomVolume(shape, pick(CTORS), true);
    mask.spacing = image.spacing;
    try {
      const r = extractFeatures(image, mask, randomConfig());
      for (const [k, v] of Object.entries(r.features)) if (typeof v !== 'number') t.fail(`${k} is not a number`);
      ok++;
    } catch (e) {
      if (!(e instanceof RadiomicsError)) t.fail(`non-RadiomicsError thrown: ${(e as Error).stack}`);
      errors++;
    }
  }
  t.ok(ok > 30, `${ok} extractions succeeded, ${errors} rejected with typed errors`);
});

const describe = (a: unknown) => JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? String(v) : ArrayBuffer.isView(v) ? `${v.constructor.name}(${(v as Uint8Array).length})` : v)).slice(0, 90);

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
  ];
  for (const args of cases) {
    try {
      (b.extractSync as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      t.match((e as { code?: string }).code ?? '', /^ERR_RADIOMICS_|^$/, `${describe(args)} -> ${(e as Error).message}`);
    }
  }
  for (const args of cases) {
    try {
      await (b.extractAsync as (...a: unknown[]) => Promise<unknown>)(...args);
    } catch (e) {
      t.ok(e instanceof Error, `async: ${(e as Error).message}`);
    }
  }
  t.pass('process survived');
});
