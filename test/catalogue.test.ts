// The catalogue (catalogue/features.json) and the settings schema (catalogue/settings.json) are the one source of
// every tag, default and range: the generated files are current, native emits exactly the catalogued tags, the
// IBSI identifiers written beside the native code agree with the catalogue, and the config defaults are the
// schema's.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import t from 'tap';
import { CATALOGUE, extractFeatures, FAMILIES, resolveConfig } from '../dist/cjs/index.js';
import { SETTINGS } from '../dist/cjs/catalogue/settings.generated.js';
import { ROOT } from './helpers/ibsi';
import { phantomImage, phantomMask } from './helpers/phantom';

t.test('generated files are up to date (regeneration is a no-op)', async (t) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'tools', 'gen-catalogue.js'), '--check'], {
    encoding: 'utf8',
  });
  t.equal(r.status, 0, r.stderr);
});

t.test('native emits exactly the catalogued tags (every family, every aggregation)', async (t) => {
  const r = extractFeatures(phantomImage(), phantomMask(), { discretisation: { method: 'none' } });
  const emitted = Object.keys(r.features).sort();
  const catalogued = [...CATALOGUE.keys()].sort();
  t.same(
    emitted.filter((tag) => !CATALOGUE.has(tag)),
    [],
    'no emitted tag missing from the catalogue',
  );
  t.same(
    catalogued.filter((tag) => !(tag in r.features)),
    [],
    'no catalogued tag that native does not emit',
  );
});

t.test('IBSI identifiers beside native out.add calls agree with the catalogue', async (t) => {
  // Native names a tag by its generated constant: ih_max_grad_g is tags::ih::kMaxGradG (core/feature_tags.h).
  const constant = (tag: string) => {
    const [prefix, ...rest] = tag.split('_');
    return `${prefix}::k${rest.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('')}`;
  };
  const ids = new Map<string, string>();
  for (const f of FAMILIES) for (const x of f.features) ids.set(constant(x.name), x.ibsi);
  const dir = path.join(ROOT, 'native');
  let checked = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cc'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/out\.add\(tags::([a-z]+::k[A-Za-z0-9]+),[^\n]*\/\/\s+([0-9A-Z]{4})\s/g)) {
      const [, tag, id] = m;
      t.equal(id, ids.get(tag!), `${file}: ${tag}`);
      checked++;
    }
  }
  t.ok(checked > 40, `${checked} native comments checked`);
});

t.test('the resolved config takes every default from the settings schema', async (t) => {
  const c = resolveConfig({}) as Record<string, unknown>;
  let checked = 0;
  for (const [key, rule] of Object.entries(SETTINGS)) {
    if (
      !('default' in rule) ||
      key.startsWith('interpolation.') ||
      key.startsWith('normalisation.') ||
      key.startsWith('ivh.') ||
      key.startsWith('discretisation.')
    )
      continue;
    let v: unknown = c;
    for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    t.same(v, rule.default, key);
    checked++;
  }
  t.ok(checked >= 15, `${checked} defaults checked`);
});

t.test('the docs pages list every tag and setting', async (t) => {
  const features = fs.readFileSync(path.join(ROOT, 'docs', 'features.md'), 'utf8');
  for (const f of FAMILIES) for (const x of f.features) t.ok(features.includes(`\`${x.name}\``), x.name);
  const settings = fs.readFileSync(path.join(ROOT, 'docs', 'settings.md'), 'utf8');
  for (const key of Object.keys(SETTINGS)) t.ok(settings.includes(`\`${key}\``), key);
});

t.test('the exact aggregation set reaches native: nothing else is computed', async (t) => {
  const { native } = await import('../dist/cjs/native.js');
  const { toNativeSettings } = await import('../dist/cjs/config.js');
  const config = {
    families: ['glcm', 'glszm'] as const,
    texture: { aggregations: ['2D_avg', '3D_comb', '2_5D'] as const },
  };
  const raw = native().extractSync(
    phantomImage(),
    phantomMask(),
    toNativeSettings({ families: [...config.families], texture: { aggregations: [...config.texture.aggregations] } }),
  );
  const suffixes = new Set(
    Object.keys(raw.features).map(
      (tag) => /_(2D_avg|2D_comb|2_5D_avg|2_5D_comb|3D_avg|3D_comb|2D|2_5D|3D)$/.exec(tag)?.[1],
    ),
  );
  t.same([...suffixes].sort(), ['2D_avg', '2_5D', '3D_comb'], 'native emitted only the requested aggregations');
});
