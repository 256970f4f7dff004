#!/usr/bin/env node
// In-process compute of one bench case with radiomics: the volumes are read once, then extraction is
// timed (median of `reps`) for all families together and for each family alone (minus the run with no
// family: reading is excluded, preprocessing is shared). Prints one JSON line.
// usage: node inprocess.js IMAGE MASK CONFIG_JSON [reps]
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { extractFeatures, readImage, readMask } = require(path.join(__dirname, '..', '..', 'dist', 'cjs', 'index.js'));

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main() {
  const [imagePath, maskPath, configJson, repsArg] = process.argv.slice(2);
  const config = JSON.parse(configJson);
  const reps = Number(repsArg ?? 3);
  const image = await readImage(imagePath);
  const mask = await readMask(maskPath);
  const time = (cfg) => {
    const t = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      extractFeatures(image, mask, cfg);
      t.push((performance.now() - t0) / 1000);
    }
    return median(t);
  };
  const total = time(config);
  const base = time({ ...config, families: [] });
  const families = {};
  for (const f of config.families) families[f] = Math.max(0, time({ ...config, families: [f] }) - base);
  console.log(JSON.stringify({ total_s: total, preprocess_s: base, families }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
