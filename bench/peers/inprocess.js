#!/usr/bin/env node
// In-process compute of one bench case with radiomics: the volumes are read once, then extraction is
// timed for all families together (median of `reps`) and for each family alone minus the run with no
// family (reading excluded, preprocessing shared); per family the fastest of `reps` runs of each, which
// a machine shared with other jobs disturbs least. Prints one JSON line.
// usage: node inprocess.js IMAGE MASK CONFIG_JSON [reps]
'use strict';
const path = require('node:path');
const { extractFeatures, readImage, readMask } = require(path.join(__dirname, '..', '..', 'dist', 'cjs', 'index.js'));

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main() {
  const [imagePath, maskPath, configJson, repsArg] = process.argv.slice(2);
  const config = JSON.parse(configJson);
  const reps = Number(repsArg ?? 3);
  const image = await readImage(imagePath);
  const mask = await readMask(maskPath);
  const runs = (cfg) => {
    const t = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      extractFeatures(image, mask, cfg);
      t.push((performance.now() - t0) / 1000);
    }
    return t;
  };
  const total = median(runs(config));
  const base = Math.min(...runs({ ...config, families: [] }));
  const families = {};
  for (const f of config.families) families[f] = Math.max(0, Math.min(...runs({ ...config, families: [f] })) - base);
  console.log(JSON.stringify({ total_s: total, preprocess_s: base, families }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
