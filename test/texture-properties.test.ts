// Property tests of the texture families through the public API: invariance of 3D features under 90°
// rotations and mirroring of volume + mask (IBSI: 3D matrices are merged/averaged over all 13 directions,
// a set closed under these symmetries), constant ROI, single voxel, two disjoint components, 2 and 1000 bins,
// and the matrices returned for inspection.
import t from 'tap';
import { CATALOGUE, extractFeatures, type ExtractionConfig, type Volume } from '../dist/cjs/index.js';
import { phantomImage, phantomMask } from './helpers/phantom';

const TEXTURE = ['glcm', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'] as const;
const config: ExtractionConfig = {
  families: [...TEXTURE],
  dimensionality: '3D',
  discretisation: { method: 'fbn', nBins: 8 },
};

function randomCase(seed: number, n: [number, number, number]): { image: Volume; mask: Volume } {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const size = n[0] * n[1] * n[2];
  const img = new Float32Array(size),
    m = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    img[i] = Math.floor(rnd() * 50);
    m[i] = rnd() < 0.7 ? 1 : 0;
  }
  return { image: { data: img, shape: n, spacing: [1, 1, 1] }, mask: { data: m, shape: n, spacing: [1, 1, 1] } };
}

/** Applies a voxel permutation: new[x', y', z'] = old[f(x', y', z')]. */
function transform(
  v: Volume,
  shape: [number, number, number],
  map: (x: number, y: number, z: number) => [number, number, number],
): Volume {
  const [nx, ny, nz] = shape;
  const src = v.data as Float32Array | Uint8Array;
  const [ox, oy] = v.shape as [number, number, number];
  const out = new (src.constructor as new (n: number) => Float32Array | Uint8Array)(nx * ny * nz);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        const [a, b, c] = map(x, y, z);
        out[x + nx * (y + ny * z)] = src[a + ox * (b + oy * c)]!;
      }
  return { data: out, shape, spacing: [1, 1, 1] };
}

function compare(t: tap.Test, a: Record<string, number>, b: Record<string, number>, label: string) {
  let checked = 0;
  for (const tag of Object.keys(b)) if (!(tag in a)) t.fail(`${label}: ${tag} only in the transformed result`);
  for (const [tag, v] of Object.entries(a)) {
    const w = b[tag];
    if (typeof v !== 'number' || typeof w !== 'number') {
      t.fail(`${label}: ${tag} ${v} vs ${w}: missing or not a number`);
      continue;
    }
    if (Number.isNaN(v) && Number.isNaN(w)) continue; // undefined on both sides (e.g. a one-level matrix)
    // Written so that a NaN on one side fails: NaN <= tol is false.
    if (!(Math.abs(v - w) <= 1e-9 * Math.max(1, Math.abs(v)))) t.fail(`${label}: ${tag} ${v} != ${w}`);
    checked++;
  }
  t.ok(checked > 100, `${label}: ${checked} 3D texture features unchanged`);
}

t.test('3D texture features are invariant under 90° rotation and mirroring', async (t) => {
  const n: [number, number, number] = [9, 7, 6];
  const { image, mask } = randomCase(11, n);
  const ref = extractFeatures(image, mask, config).features;
  const rotZ = (v: Volume) => transform(v, [n[1], n[0], n[2]], (x, y, z) => [y, n[1] - 1 - x, z]);
  const rotX = (v: Volume) => transform(v, [n[0], n[2], n[1]], (x, y, z) => [x, z, n[2] - 1 - y]);
  const mirror = (v: Volume) => transform(v, n, (x, y, z) => [n[0] - 1 - x, y, z]);
  compare(t, ref, extractFeatures(rotZ(image), rotZ(mask), config).features, 'rotation about z');
  compare(t, ref, extractFeatures(rotX(image), rotX(mask), config).features, 'rotation about x');
  compare(t, ref, extractFeatures(mirror(image), mirror(mask), config).features, 'mirror x');
});

t.test('constant ROI and single-voxel ROI: finite values or NaN with a warning, never a crash', async (t) => {
  const { image, mask } = randomCase(3, [6, 6, 6]);
  const constant: Volume = { ...image, data: new Float32Array(216).fill(7) };
  const r = extractFeatures(constant, mask, { ...config, discretisation: { method: 'fbs', binWidth: 1 } });
  t.ok(Object.keys(r.features).length > 100);
  const nan = Object.entries(r.features).filter(([, v]) => Number.isNaN(v));
  if (nan.length)
    t.match(
      String(r.diagnostics.warnings),
      /NaN|undefined|single grey level|one grey level/i,
      `${nan.length} undefined features are explained`,
    );
  const single = new Uint8Array(216);
  single[100] = 1;
  const s = extractFeatures(
    image,
    { ...mask, data: single },
    { ...config, discretisation: { method: 'fbs', binWidth: 1 } },
  );
  for (const v of Object.values(s.features)) t.type(v, 'number');
});

t.test('two disjoint components: zones are found per component', async (t) => {
  const n: [number, number, number] = [8, 3, 3];
  const img = new Float32Array(72).fill(1),
    m = new Uint8Array(72);
  for (let z = 0; z < 3; z++) for (let y = 0; y < 3; y++) for (const x of [0, 1, 5, 6]) m[x + 8 * (y + 3 * z)] = 1;
  const r = extractFeatures(
    { data: img, shape: n, spacing: [1, 1, 1] },
    { data: m, shape: n, spacing: [1, 1, 1] },
    {
      families: ['glszm'],
      dimensionality: '3D',
      discretisation: { method: 'none' },
      texture: { returnMatrices: true },
    },
  );
  const szm = r.matrices!.find((x) => x.name === 'szm_3D')!;
  t.ok(szm, 'GLSZM matrix returned');
  // one grey level, two zones of 18 voxels each
  t.equal(szm.data[17], 2);
  t.equal(r.features.szm_sze_3D, 1 / 18 ** 2);
});

t.test('2 bins and 1000 bins', async (t) => {
  const { image, mask } = randomCase(5, [12, 12, 8]);
  for (const nBins of [2, 1000]) {
    const r = extractFeatures(image, mask, { ...config, discretisation: { method: 'fbn', nBins } });
    const finite = Object.values(r.features).filter(Number.isFinite).length;
    t.ok(finite > 100, `${nBins} bins: ${finite} finite features`);
  }
});

t.test('the phantom GLCM matrix is returned for inspection and matches the features', async (t) => {
  const r = extractFeatures(phantomImage(), phantomMask(), { families: ['glcm'], texture: { returnMatrices: true } });
  const m = r.matrices!.find((x) => x.name === 'cm_3D_comb')!;
  t.equal(m.rows, 6);
  t.equal(m.cols, 6);
  let total = 0,
    max = 0;
  for (const v of m.data) {
    total += v;
    max = Math.max(max, v);
  }
  t.equal(r.features.cm_joint_max_3D_comb, max / total, 'joint maximum from the returned matrix');
  for (const tag of Object.keys(r.features)) t.ok(CATALOGUE.has(tag), tag);
});
