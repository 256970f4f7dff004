#!/usr/bin/env node
// npm run bench: whole-family timings on a synthetic case, reported as ratios to reference passes measured in
// the same run (machines are noisy: compare ratios, not milliseconds).
//   1. benchmark.js: the intensity-statistics kernel vs a plain TypeScript/JS loop over the same ROI.
//   2. each family alone (one thread, sync), 128^3 volume with a ~1 M-voxel ellipsoid ROI, 32 bins (FBN):
//      time / (one native pass over the ROI).
// Options: --size N (default 128), --bins N (32), --repeat N (5), --only family,family
'use strict';
const Benchmark = require('benchmark');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { extractFeatures, buildInfo } = require(path.join(__dirname, '..', 'dist', 'cjs', 'index.js'));
const { native } = require(path.join(__dirname, '..', 'dist', 'cjs', 'native.js'));
const { syntheticEllipsoid } = require('./synthetic.js');

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '128' },
    bins: { type: 'string', default: '32' },
    repeat: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const size = Number(values.size),
  bins = Number(values.bins),
  repeat = Number(values.repeat);
const { image, mask, count } = syntheticEllipsoid(size);
const info = buildInfo();
console.log(
  `radiomics bench: ${size}^3 volume, ROI ${count} voxels, ${bins} bins, isa ${info.isa}, node ${process.version}`,
);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn, n = repeat) {
  const ts = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ts);
}

// Reference unit: one native pass over the ROI.
const passMs = time(() => native().roiPass(image, mask, { label: 1 }), 21);
console.log(`reference: one pass over the ROI = ${passMs.toFixed(3)} ms`);

// 1. Statistics kernel vs a plain JS loop (benchmark.js).
function jsStatistics() {
  const img = image.data,
    m = mask.data;
  const vals = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < img.length; i++) if (m[i] === 1) vals[k++] = img[i];
  let sum = 0;
  for (let i = 0; i < k; i++) sum += vals[i];
  const mean = sum / k;
  let m2 = 0,
    m3 = 0,
    m4 = 0,
    mad = 0,
    energy = 0;
  for (let i = 0; i < k; i++) {
    const d = vals[i] - mean,
      d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    mad += Math.abs(d);
    energy += vals[i] * vals[i];
  }
  vals.sort();
  const pct = (p) => {
    const pos = p * (k - 1),
      lo = Math.floor(pos);
    return vals[lo] + (pos - lo) * ((vals[lo + 1] ?? vals[lo]) - vals[lo]);
  };
  return {
    mean,
    var: m2 / k,
    skew: m3 / k / Math.pow(m2 / k, 1.5),
    kurt: m4 / k / (m2 / k) ** 2 - 3,
    p10: pct(0.1),
    p90: pct(0.9),
    med: pct(0.5),
    mad: mad / k,
    energy,
  };
}
const statsConfig = { families: ['intensity_statistics'] };
const js = jsStatistics();
const nat = extractFeatures(image, mask, statsConfig).features;
if (
  Math.abs(js.mean - nat.stat_mean) > 1e-6 * Math.abs(js.mean) ||
  Math.abs(js.p90 - nat.stat_p90) > 1e-6 * Math.abs(js.p90)
)
  throw new Error('JS and native statistics disagree');

const suite = new Benchmark.Suite('intensity statistics');
const hz = {};
suite
  .add('native stat_* (extractFeatures)', () => extractFeatures(image, mask, statsConfig))
  .add('plain JS loop', () => jsStatistics())
  .on('cycle', (e) => {
    hz[e.target.name] = e.target.hz;
    console.log(`  ${String(e.target)}`);
  })
  .run({ async: false, maxTime: 3 });
const statRatio = hz['plain JS loop'] ? hz['native stat_* (extractFeatures)'] / hz['plain JS loop'] : NaN;
console.log(
  `intensity statistics: native is ${statRatio.toFixed(2)}x the speed of the plain JS loop (same ROI, same run)\n`,
);

// 2. Families one at a time.
const families = values.only
  ? values.only.split(',')
  : [
      'intensity_statistics',
      'morphology',
      'local_intensity',
      'intensity_histogram',
      'intensity_volume_histogram',
      'glcm',
      'glrlm',
      'glszm',
      'gldzm',
      'ngtdm',
      'ngldm',
    ];
const base = {
  discretisation: { method: 'fbn', nBins: bins },
  ivh: { discretisation: { method: 'fbn', nBins: 1000 } },
  texture: { aggregations: ['3D_avg', '3D_comb', '3D'] },
};
const emptyMs = time(() => extractFeatures(image, mask, { ...base, families: [] }));
console.log(
  `pipeline overhead (crop, diagnostics, no family) = ${emptyMs.toFixed(2)} ms = ${(emptyMs / passMs).toFixed(1)} passes`,
);
console.log('family                        ms      passes (family time / one ROI pass)');
let textureTotal = 0;
const rows = [];
for (const family of families) {
  const ms = time(() => extractFeatures(image, mask, { ...base, families: [family] })) - emptyMs;
  const passes = ms / passMs;
  if (['glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'].includes(family)) textureTotal += passes;
  rows.push({ family, ms, passes });
  console.log(`${family.padEnd(28)} ${ms.toFixed(1).padStart(7)}  ${passes.toFixed(1).padStart(8)}`);
}
console.log(`texture families (3D avg + comb + 3D) total: ${textureTotal.toFixed(1)} passes`);
if (families.includes('glcm')) {
  const glcm = rows.find((r) => r.family === 'glcm');
  // 3D: 13 directions, averaged and merged share one matrix build per direction.
  console.log(`GLCM: ${((count * 13) / (glcm.ms / 1000) / 1e6).toFixed(0)} M voxel-directions/s`);
}
