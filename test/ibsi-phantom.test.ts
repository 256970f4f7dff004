// The IBSI 1 digital phantom through the whole path (NIfTI file -> CLI -> JSON) against the IBSI
// consensus reference values transcribed in ibsi-phantom/reference_values.csv, by the IBSI rule.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import t from 'tap';
import { ROOT, PHANTOM_IMAGE, PHANTOM_MASK, ibsiMatch, phantomReferences } from './helpers/ibsi';

const refs = phantomReferences();

function runCli(): { features: Record<string, number | null>; diagnostics: Record<string, unknown> } {
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'radiomics.js'),
      'extract',
      '--image',
      PHANTOM_IMAGE,
      '--mask',
      PHANTOM_MASK,
      '--preset',
      'ibsi1-phantom',
      '--format',
      'json',
    ],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`radiomics extract failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const result = runCli();

t.test('the reference table has every digital-phantom value', async (t) => {
  t.equal(refs.length, 482);
});

const families = [...new Set(refs.map((r) => r.family))];
for (const family of families) {
  t.test(`IBSI digital phantom: ${family}`, async (t) => {
    const rows = refs.filter((r) => r.family === family);
    const misses = rows.filter((r) => !ibsiMatch(r.value, r.tolerance, result.features[r.tag]));
    for (const m of misses)
      t.fail(
        `${m.tag} (${m.featureCode}/${m.aggregationCode}): reference ${m.value} ± ${m.tolerance}, got ${result.features[m.tag]}`,
      );
    t.equal(misses.length, 0, `${rows.length - misses.length}/${rows.length} ${family} values match`);
  });
}

t.test('morph_vol_approx is exactly 592 mm^3 and there are 74 ROI voxels', async (t) => {
  t.equal(result.features.morph_vol_approx, 592);
  t.equal(result.diagnostics.int_mask_vox_count_init_roi, 74);
  t.equal(result.diagnostics.img_dim_x_init_img, 5);
  t.equal(result.diagnostics.vox_dim_z_init_img, 2);
});

t.test('the IBSI rule itself', async (t) => {
  t.ok(ibsiMatch(2.15, 0, 2.1486), '2.1486 matches 2.15 (difference truncated at 3 significant digits)');
  t.notOk(ibsiMatch(2.15, 0, 2.139), '2.139 does not match 2.15');
  t.ok(ibsiMatch(556, 4, 559.9));
  t.notOk(ibsiMatch(556, 4, 561));
  t.notOk(ibsiMatch(1, 0, NaN));
  t.notOk(ibsiMatch(1, 0, null));
});
