// morphology.mveeTolerance: the stopping tolerance of Khachiyan's method for the minimum-volume enclosing
// ellipsoid (IBSI 3.1.23 SWZ1 / 3.1.24 BRI8, default 0.001), from the settings schema to the kernel.
import t from 'tap';
import { extractFeatures, type ExtractionConfig } from '../dist/cjs/index.js';
import { native } from '../dist/cjs/native.js';

type Shape = [number, number, number];
const n = 10;
const shape: Shape = [n, n, n];

function roi(inside: (x: number, y: number, z: number) => boolean) {
  const image = { data: new Float64Array(n ** 3).fill(1), shape };
  const mask = { data: new Uint8Array(n ** 3), shape };
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) mask.data[x + n * (y + n * z)] = inside(x, y, z) ? 1 : 0;
  return { image, mask };
}

function mvee(r: ReturnType<typeof roi>, morphology?: ExtractionConfig['morphology']) {
  const f = extractFeatures(r.image, r.mask, {
    families: ['morphology'],
    discretisation: { method: 'none' },
    morphology,
  }).features;
  return { volume: f.morph_volume, density: f.morph_vol_dens_mvee };
}

t.test('a cube of 4^3 voxels: the MVEE is the sphere through the farthest mesh vertices', async (t) => {
  // The mesh vertices lie half a voxel outside the voxel centres (3..6 per axis, centre 4.5); the farthest,
  // e.g. (2.5, 3, 3), are at r^2 = 2^2 + 1.5^2 + 1.5^2 = 8.5 from the centre. The vertex set has the cube's
  // symmetry, so its (unique) MVEE does too: the sphere of radius r, of volume 4/3 pi r^3.
  const cube = roi((x, y, z) => x >= 3 && x < 7 && y >= 3 && y < 7 && z >= 3 && z < 7);
  for (const tolerance of [undefined, 1e-9]) {
    const { volume, density } = mvee(cube, tolerance === undefined ? undefined : { mveeTolerance: tolerance });
    const exact = volume / ((4 / 3) * Math.PI * 8.5 ** 1.5);
    t.ok(Math.abs(density - exact) <= 1e-9 * exact, `tolerance ${tolerance ?? 'default'}: ${density} = ${exact}`);
  }
});

t.test('tightening the tolerance converges to the MVEE; the default is 0.001', async (t) => {
  // A wedge (no symmetry): Khachiyan's weights change over many iterations.
  const wedge = roi((x, y, z) => x >= 1 && y >= 1 && z >= 1 && x < 9 && y < 9 && z < 9 && x + 2 * y + 3 * z <= 16);
  const converged = mvee(wedge, { mveeTolerance: 1e-9 }).density;
  const error = (tolerance: number) => Math.abs(mvee(wedge, { mveeTolerance: tolerance }).density - converged);
  const [e1, e2, e3] = [error(0.1), error(0.01), error(0.001)];
  t.ok(e1 > e2 && e2 > e3, `errors ${e1} > ${e2} > ${e3}`);
  t.ok(e1 > 0.01 * converged, 'a loose tolerance is visibly approximate');
  t.equal(mvee(wedge).density, mvee(wedge, { mveeTolerance: 0.001 }).density, 'default = 0.001 (IBSI)');
});

t.test(
  'out-of-range tolerances are ERR_RADIOMICS_INVALID_CONFIG naming the setting, in TS and in native',
  async (t) => {
    const { image, mask } = roi((x, y, z) => x + y + z < 6);
    for (const bad of [0, -1, 2, Number.NaN]) {
      t.throws(
        () => extractFeatures(image, mask, { morphology: { mveeTolerance: bad } }),
        { code: 'ERR_RADIOMICS_INVALID_CONFIG', message: /morphology\.mveeTolerance/ },
        `${bad}`,
      );
      t.throws(
        () => native().extractSync(image, mask, { morphology: { mveeTolerance: bad } }),
        { code: 'ERR_RADIOMICS_INVALID_CONFIG', message: /morphology\.mveeTolerance/ },
        `native ${bad}`,
      );
    }
  },
);
