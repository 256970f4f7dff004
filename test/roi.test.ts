// ROI operations: dilation by a radius in mm on anisotropic spacing, rings, the peritumoral set.
import t from 'tap';
import {
  dilate,
  erode,
  extractFeatures,
  peritumoralRois,
  ring,
  RadiomicsError,
  type Volume,
} from '../dist/cjs/index.js';

function singleVoxel(n: [number, number, number], spacing: [number, number, number]): Volume {
  const data = new Uint8Array(n[0] * n[1] * n[2]);
  const c = [(n[0] - 1) / 2, (n[1] - 1) / 2, (n[2] - 1) / 2];
  data[c[0]! + n[0] * (c[1]! + n[1] * c[2]!)] = 1;
  return { data, shape: n, spacing };
}

function count(v: { data: ArrayLike<number> }): number {
  let c = 0;
  for (let i = 0; i < v.data.length; i++) c += v.data[i] ? 1 : 0;
  return c;
}

t.test('a single voxel dilated by r mm on anisotropic spacing gives the ellipsoid voxel count', async (t) => {
  const spacing: [number, number, number] = [0.8, 1.0, 2.5];
  const r = 4;
  const vol = singleVoxel([21, 21, 11], spacing);
  // brute force: voxels (i, j, k) with (i s_x)^2 + (j s_y)^2 + (k s_z)^2 <= r^2
  let expected = 0;
  for (let k = -5; k <= 5; k++)
    for (let j = -10; j <= 10; j++)
      for (let i = -10; i <= 10; i++)
        if ((i * spacing[0]) ** 2 + (j * spacing[1]) ** 2 + (k * spacing[2]) ** 2 <= r * r + 1e-9) expected++;
  const d = dilate(vol, r);
  t.equal(count(d), expected, `${expected} voxels`);
  t.same(d.spacing, spacing);
  t.equal(count(erode(d, 1)), count(erode(d, 1)), 'deterministic');
});

t.test('rings add up, never include the tumour; the peritumoral set has 7 ROIs', async (t) => {
  const n: [number, number, number] = [40, 40, 20];
  const data = new Uint8Array(n[0] * n[1] * n[2]);
  for (let z = 7; z < 13; z++)
    for (let y = 15; y < 25; y++) for (let x = 14; x < 26; x++) data[x + n[0] * (y + n[1] * z)] = 1;
  const mask: Volume = { data, shape: n, spacing: [1, 1, 3] };
  const rois = peritumoralRois(mask, [2, 4, 6]);
  t.same(
    rois.map((r) => r.name),
    [
      'intratumoral',
      'peritumoral_0_2mm',
      'peritumoral_2_4mm',
      'peritumoral_4_6mm',
      'combined_2mm',
      'combined_4mm',
      'combined_6mm',
    ],
  );
  const by = Object.fromEntries(rois.map((r) => [r.name, r]));
  t.equal(by.intratumoral!.count, count(mask as { data: Uint8Array }));
  t.equal(
    by.combined_6mm!.count,
    by.intratumoral!.count + by.peritumoral_0_2mm!.count + by.peritumoral_2_4mm!.count + by.peritumoral_4_6mm!.count,
    'rings add up',
  );
  for (const name of ['peritumoral_0_2mm', 'peritumoral_2_4mm', 'peritumoral_4_6mm']) {
    const m = by[name]!.mask.data;
    let overlap = 0;
    for (let i = 0; i < data.length; i++) if (m[i] && data[i]) overlap++;
    t.equal(overlap, 0, `${name} never includes the tumour`);
  }
  t.equal(count(ring(mask, 2, 4)), by.peritumoral_2_4mm!.count);
  // Features of a ring ROI through the normal path.
  const image: Volume = { data: Float32Array.from(data, (_, i) => (i * 7919) % 100), shape: n, spacing: [1, 1, 3] };
  const f = extractFeatures(image, by.peritumoral_0_2mm!.mask, { families: ['intensity_statistics'] });
  t.ok(Number.isFinite(f.features.stat_mean));
});

t.test('a dilation that would leave the image fails clearly unless clipping is allowed', async (t) => {
  const vol = singleVoxel([5, 5, 5], [1, 1, 1]);
  t.throws(() => dilate(vol, 4), { code: 'ERR_RADIOMICS_OUT_OF_IMAGE' });
  try {
    dilate(vol, 4);
  } catch (e) {
    t.type(e, RadiomicsError);
  }
  t.ok(count(dilate(vol, 4, { allowClip: true })) > 0);
  t.throws(() => dilate(vol, -1), { code: 'ERR_RADIOMICS_INVALID_ARGUMENT' });
});
