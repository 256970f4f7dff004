// The typed facade: typed arrays and ndarrays, sync and async agree, the event loop stays free,
// feature selection, ESM and CommonJS entry points.
import ndarray from 'ndarray';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { buildInfo, CATALOGUE, extractFeatures, extractFeaturesAsync } from '../dist/cjs/index.js';
import { ROOT } from './helpers/ibsi';
import { PHANTOM_MASK, PHANTOM_VALUES, phantomImage, phantomMask, syntheticCube } from './helpers/phantom';

t.test('ndarray input (x-fastest, and a transposed view) equals typed-array input', async (t) => {
  const ref = extractFeatures(phantomImage(), phantomMask(), { families: ['intensity_statistics', 'morphology'] });
  const img = ndarray(Int16Array.from(PHANTOM_VALUES), [5, 4, 4], [1, 5, 20]);
  const msk = ndarray(Int16Array.from(PHANTOM_MASK), [5, 4, 4], [1, 5, 20]);
  const viaNd = extractFeatures(
    { data: img, spacing: [2, 2, 2] },
    { data: msk, spacing: [2, 2, 2] },
    { families: ['intensity_statistics', 'morphology'] },
  );
  t.same(viaNd.features, ref.features);
  // the same voxels stored z-fastest, seen through a strided view
  const zf = new Int16Array(80);
  for (let z = 0; z < 4; z++)
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 5; x++) zf[z + 4 * (y + 4 * x)] = PHANTOM_VALUES[x + 5 * y + 20 * z]!;
  const view = ndarray(zf, [5, 4, 4], [16, 4, 1]);
  const viaView = extractFeatures(
    { data: view, spacing: [2, 2, 2] },
    { data: msk, spacing: [2, 2, 2] },
    { families: ['intensity_statistics', 'morphology'] },
  );
  t.same(viaView.features, ref.features);
});

t.test('async equals sync, and does not block the event loop', async (t) => {
  const { image, mask } = syntheticCube(96, 80);
  const config = { families: ['intensity_statistics' as const, 'morphology' as const] };
  const sync = extractFeatures(image, mask, config);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const pending = Promise.all([extractFeaturesAsync(image, mask, config), extractFeaturesAsync(image, mask, config)]);
  const [a, b] = await pending;
  clearInterval(timer);
  t.same(a.features, sync.features);
  t.same(b.features, sync.features);
  // A blocking implementation would resolve before any timer could fire (ticks = 0).
  t.ok(ticks > 0, `event loop ran ${ticks} timer callbacks during the async extraction`);
});

t.test('feature selection by tag and prefix', async (t) => {
  const r = extractFeatures(phantomImage(), phantomMask(), { features: ['stat_mean', 'stat_p*'] });
  t.same(Object.keys(r.features).sort(), ['stat_mean', 'stat_p10', 'stat_p90']);
});

t.test('every emitted feature tag is in the catalogue, with an IBSI code', async (t) => {
  const r = extractFeatures(phantomImage(), phantomMask(), {});
  for (const tag of Object.keys(r.features)) {
    const entry = CATALOGUE.get(tag);
    t.ok(entry, `${tag} is catalogued`);
    if (entry) t.match(entry.feature.ibsi, /^[0-9A-Z]{4}$/);
  }
});

t.test('diagnostics name the native ISA in use', async (t) => {
  const r = extractFeatures(phantomImage(), phantomMask(), { families: ['intensity_statistics'] });
  t.equal(r.diagnostics.native_isa, buildInfo().isa);
});

t.test('ESM entry point exposes the same API as CommonJS', async (t) => {
  const esm = await import(pathToFileURL(path.join(ROOT, 'dist', 'esm', 'index.mjs')).href);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cjs = require(path.join(ROOT, 'dist', 'cjs', 'index.js'));
  t.equal(typeof esm.extractFeatures, 'function');
  t.equal(esm.extractFeatures, cjs.extractFeatures, 'one instance shared by both entry points');
});
