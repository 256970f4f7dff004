// The seed study workflow end to end on one synthetic MR-like case: z-score normalisation, B-spline
// resampling to 1 x 1 x 3 mm, tumour + rings 0-2 / 2-4 / 4-6 mm + 3 combined ROIs, original + LoG
// sigma 1-5 mm + coif1 level-1 wavelet (8 sub-bands), fixed bin width: one table of every feature of the 7
// ROIs (feature count and time per case printed), then the same through `radiomics batch`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { extractFeatures, peritumoralRois, type ExtractionConfig } from '../dist/cjs/index.js';
import { ROOT } from './helpers/ibsi';
import { writeNifti } from './helpers/nifti-writer';

// Spacing as NIfTI stores it (float32), so the API run and the batch run (from files) see the same grid.
const shape: [number, number, number] = [40, 40, 14],
  spacing: [number, number, number] = [Math.fround(0.9), Math.fround(0.9), 3.5];
const n = shape[0] * shape[1] * shape[2];
const image = new Float32Array(n),
  tumour = new Uint8Array(n);
let seed = 3;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
for (let z = 0, i = 0; z < shape[2]; z++)
  for (let y = 0; y < shape[1]; y++)
    for (let x = 0; x < shape[0]; x++, i++) {
      const r = Math.hypot((x - 20) * 0.9, (y - 19) * 0.9, (z - 7) * 3.5);
      tumour[i] = r < 8 ? 1 : 0;
      image[i] = 400 + (r < 8 ? 300 + 80 * Math.sin(x / 2) : 60 * Math.cos(y / 3)) + 40 * rnd();
    }
const volume = { data: image, shape, spacing };

const SEED_CONFIG: ExtractionConfig = {
  normalisation: { method: 'zscore' },
  interpolation: { spacing: [1, 1, 3], method: 'bspline', mask: { method: 'linear', threshold: 0.5 } },
  discretisation: { method: 'fbs', binWidth: 0.25 },
  imageTypes: [
    { type: 'original' },
    { type: 'log', sigmaMm: [1, 2, 3, 4, 5] },
    { type: 'wavelet', wavelet: 'coif1', level: 1 },
  ],
};

t.test('seed workflow: 7 ROIs x (original + 5 LoG + 8 wavelet) in one table', async (t) => {
  const t0 = Date.now();
  const rois = peritumoralRois({ data: tumour, shape, spacing }, [2, 4, 6]);
  t.equal(rois.length, 7, '7 ROIs');
  const table: Record<string, number | string>[] = rois.map((roi) => ({
    roi: roi.name,
    ...(extractFeatures(volume, roi.mask, SEED_CONFIG).features as Record<string, number>),
  }));
  const perRoi = Object.keys(table[0]!).length - 1;
  t.ok(
    table.every((row) => Object.keys(row).length - 1 === perRoi),
    'the same columns for every ROI',
  );
  const original = Object.keys(table[0]!).filter(
    (k) => k !== 'roi' && !k.startsWith('log_') && !k.startsWith('wavelet_'),
  ).length;
  const filtered = Object.keys(table[0]!).filter((k) => k.startsWith('log_s3mm_')).length;
  t.ok(original > 100 && filtered > 50, `${original} original features, ${filtered} per filtered image`);
  t.equal(
    Object.keys(table[0]!).filter((k) => k.startsWith('wavelet_coif1_')).length,
    8 * filtered,
    '8 coif1 sub-bands',
  );
  t.comment(
    `seed workflow: ${perRoi} features per ROI, ${7 * perRoi} per case, ${((Date.now() - t0) / 1000).toFixed(1)} s per case`,
  );

  // The same through `radiomics batch`: one row per ROI, the same values.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radiomics-seed-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  writeNifti(path.join(dir, 'image.nii.gz'), volume);
  const lines = ['ID,Image,Mask,ROI_name'];
  rois.forEach((roi, k) => {
    writeNifti(path.join(dir, `roi${k}.nii.gz`), { data: roi.mask.data as Uint8Array, shape, spacing });
    lines.push(`case1_${roi.name},image.nii.gz,roi${k}.nii.gz,${roi.name}`);
  });
  fs.writeFileSync(path.join(dir, 'cases.csv'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'seed.json'), JSON.stringify(SEED_CONFIG));
  const out = path.join(dir, 'features.csv');
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'radiomics.js'),
      'batch',
      path.join(dir, 'cases.csv'),
      '--config',
      path.join(dir, 'seed.json'),
      '--out',
      out,
      '--jobs',
      '2',
    ],
    { encoding: 'utf8' },
  );
  t.equal(r.status, 0, `batch exit 0 ${r.stderr.slice(0, 300)}`);
  const [header, ...rows] = fs
    .readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  t.equal(rows.length, 7, '7 rows');
  const col = header!.indexOf('log_s2mm_stat_mean'),
    id = header!.indexOf('ID');
  t.ok(col > 0, 'prefixed columns in the batch output');
  for (const row of rows) {
    const name = row[id]!.replace('case1_', '');
    const expected = table.find((x) => x.roi === name)!.log_s2mm_stat_mean as number;
    t.ok(
      Math.abs(Number(row[col]) - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
      `${name}: batch log_s2mm_stat_mean ${row[col]} = API ${expected}`,
    );
  }
});
