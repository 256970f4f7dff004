/**
 * Parity summary: runs compatibility mode on every parity case and prints how many stored PyRadiomics features
 * agree (1e-6 relative or 1e-9 absolute), with the differing ones. Usage: npx ts-node --transpile-only
 * bench/python/compare.ts [case]   (after npm run build:ts)
 */
import { PARITY_CASES } from '../../test/helpers/pyradiomics-cases';
import { agrees, reference, runCase } from '../../test/helpers/pyradiomics-parity';
(async () => {
  const only = process.argv[2];
  for (const c of PARITY_CASES) {
    if (only && c.name !== only) continue;
    const ref = reference(c.name);
    let ours;
    try {
      ours = await runCase(c);
    } catch (e) {
      console.log(c.name, 'ERROR', (e as Error).message);
      continue;
    }
    const bad: string[] = [];
    let ok = 0;
    for (const [k, v] of Object.entries(ref.features)) {
      if (agrees(ours.features[k], v)) ok++;
      else
        bad.push(
          `${k}: ours ${ours.features[k]} ref ${v} rel ${((ours.features[k]! - v) / Math.abs(v)).toExponential(2)}`,
        );
    }
    console.log(`${c.name}: ${ok}/${Object.keys(ref.features).length}`);
    if (only || bad.length < 40) for (const b of bad) console.log('   ', b);
  }
})();
