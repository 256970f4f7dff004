#!/usr/bin/env node
// In-process compute of one bench case with radiomics: the volumes are read once, then extraction is
// timed (CPU time) for all families together (median of `reps`) and for each family alone minus the run with no
// family (reading excluded, preprocessing shared); per family the fastest of `reps` runs of each, which
// a machine shared with other jobs disturbs least; each timed sample is a batch of extractions (see below).
// Prints one JSON line.
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
  // CPU seconds of the process (user + system) per run: the runs are single-threaded (threads: 1), and CPU
  // time is not inflated when other jobs take the cores, as wall time on a shared machine is.
  const cpuSeconds = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  // Each sample times `batch` extractions and keeps their mean, so that a sample lasts at least ~0.1 s: a
  // family of a fraction of a millisecond is then measured to about 0.05 ms instead of the timer's ~1 ms.
  const t0 = cpuSeconds();
  extractFeatures(image, mask, config);
  const batch = Math.max(1, Math.min(50, Math.ceil(0.1 / Math.max(cpuSeconds() - t0, 1e-4))));
  const runs = (cfg) => {
    const t = [];
    for (let r = 0; r < reps; r++) {
      const start = cpuSeconds();
      for (let b = 0; b < batch; b++) extractFeatures(image, mask, cfg);
      t.push((cpuSeconds() - start) / batch);
    }
    return t;
  };
  const total = median(runs(config));
  const base = Math.min(...runs({ ...config, families: [] }));
  const families = {};
  for (const f of config.families) families[f] = Math.max(0, Math.min(...runs({ ...config, families: [f] })) - base);
  // Morphology without the IBSI-only Moran's I / Geary's C (a 2-voxel estimate instead: no FFT, no pairs),
  // so that the shape class is compared on what both tools compute and Moran's share is reported on its own.
  let moranS = null;
  if (config.families.includes('morphology')) {
    const noMoran = {
      ...config,
      families: ['morphology'],
      morphology: { ...config.morphology, moranExactMaxVoxels: 2, moranFftMaxPoints: 0 },
    };
    const without = Math.max(0, Math.min(...runs(noMoran)) - base);
    moranS = Math.max(0, families.morphology - without);
    families.morphology_without_moran = without;
  }
  console.log(JSON.stringify({ total_s: total, preprocess_s: base, families, moran_s: moranS, batch }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
