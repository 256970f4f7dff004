// Load: 200 concurrent extractFeaturesAsync calls on mixed inputs, some bad. Every good call equals the
// synchronous result on the same input; every bad one rejects with its typed error; the event loop keeps
// answering throughout (the longest delay is measured with perf_hooks.monitorEventLoopDelay and reported;
// no timed assertion: the CI machine is shared and noisy).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import t from 'tap';
import { extractFeatures, extractFeaturesAsync, type ExtractionConfig, type Volume } from '../dist/cjs/index.js';
import { syntheticCube } from './helpers/phantom';

interface Case {
  name: string;
  image: Volume;
  mask: Volume;
  config: ExtractionConfig;
  code?: string;
}

function withNaNInRoi(size: number, roi: number): { image: Volume; mask: Volume } {
  const c = syntheticCube(size, roi);
  const data = Float32Array.from(c.image.data as Float32Array);
  data[Math.floor(size / 2) * (1 + size + size * size)] = NaN;
  return { image: { ...c.image, data }, mask: c.mask };
}

const fbn = { method: 'fbn' as const, nBins: 16 };
const CASES: Case[] = [
  { name: 'cube 24/12 all texture', ...syntheticCube(24, 12), config: { discretisation: fbn } },
  {
    name: 'cube 32/20 stats+morph',
    ...syntheticCube(32, 20),
    config: { families: ['intensity_statistics', 'morphology'] },
  },
  {
    name: 'cube 28/14 interpolated',
    ...syntheticCube(28, 14),
    config: {
      discretisation: fbn,
      families: ['glcm', 'intensity_statistics'],
      interpolation: { spacing: [0.8, 0.8, 0.8] },
    },
  },
  {
    name: 'cube 20/10 anisotropic',
    ...syntheticCube(20, 10, [0.7, 0.7, 2]),
    config: { discretisation: { method: 'fbs', binWidth: 5 }, families: ['glszm', 'ngtdm', 'local_intensity'] },
  },
  {
    name: 'empty label',
    ...syntheticCube(16, 8),
    config: { label: 7, families: ['intensity_statistics'] },
    code: 'ERR_RADIOMICS_EMPTY_ROI',
  },
  {
    name: 'NaN inside the ROI',
    ...withNaNInRoi(16, 8),
    config: { families: ['intensity_statistics'] },
    code: 'ERR_RADIOMICS_NON_FINITE',
  },
  {
    name: 'shape mismatch',
    image: syntheticCube(16, 8).image,
    mask: syntheticCube(18, 8).mask,
    config: {},
    code: 'ERR_RADIOMICS_SHAPE_MISMATCH',
  },
  {
    name: 'matrix too large',
    ...syntheticCube(16, 8),
    config: { discretisation: { method: 'fbs', binWidth: 1e-7 }, families: ['glcm'] },
    code: 'ERR_RADIOMICS_MATRIX_TOO_LARGE',
  },
];

t.test('200 concurrent async extractions: correct results or typed errors, event loop answering', async (t) => {
  const expected = CASES.map((c) => (c.code ? null : extractFeatures(c.image, c.mask, c.config).features));
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  histogram.enable();
  const burstStart = performance.now();
  const jobs = Array.from({ length: 200 }, (_, i) => {
    const k = i % CASES.length;
    const c = CASES[k]!;
    return extractFeaturesAsync(c.image, c.mask, c.config).then(
      (r) => ({ k, features: r.features, code: undefined as string | undefined }),
      (e: { code?: string }) => ({ k, features: undefined, code: e.code ?? 'no code' }),
    );
  });
  // The burst above (200 calls, each validating its config and copying its ROI box on this thread) is the
  // caller's own synchronous work; from here on only result conversions run on the loop.
  const burst = performance.now() - burstStart;
  histogram.reset();
  const outcomes = await Promise.all(jobs);
  histogram.disable();
  clearInterval(timer);

  let good = 0,
    bad = 0;
  for (const o of outcomes) {
    const c = CASES[o.k]!;
    if (c.code) {
      if (o.code !== c.code) t.fail(`${c.name}: expected ${c.code}, got ${o.code ?? 'a result'}`);
      else bad++;
    } else if (o.code !== undefined || JSON.stringify(o.features) !== JSON.stringify(expected[o.k])) {
      t.fail(`${c.name}: expected the synchronous result, got ${o.code ?? 'different values'}`);
    } else good++;
  }
  t.equal(good + bad, 200, `${good} results equal to sync, ${bad} typed errors`);
  t.ok(ticks > 0, `the event loop ran ${ticks} timer callbacks while the jobs ran`);
  t.comment(
    `longest event-loop delay while the 200 jobs ran: ${(histogram.max / 1e6).toFixed(1)} ms (mean ${(histogram.mean / 1e6).toFixed(1)} ms, ` +
      `p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms); starting the 200 calls took ${burst.toFixed(1)} ms`,
  );
});
