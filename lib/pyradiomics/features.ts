/**
 * PyRadiomics' feature values from one native extraction (IBSI quantities computed with PyRadiomics' settings)
 * and the conversions PyRadiomics defines differently from IBSI (names.ts `via`):
 *   Energy = sum (x + c)^2 = E + 2 c N mean + N c^2 (c = voxelArrayShift, E the IBSI energy), TotalEnergy =
 *   Energy x voxel volume, RootMeanSquared = sqrt(Energy / N); Kurtosis = IBSI excess kurtosis + 3; Skewness and
 *   Kurtosis 0 for a flat ROI; PCA axis lengths with the population covariance (x sqrt((N - 1) / N));
 *   VoxelVolume = shape-mask voxels x voxel volume; plane diameters and MCC (diameters.ts, mcc.ts).
 */
import type { NativeResult } from '../native.js';
import { mcc } from './mcc.js';
import { aggregationOf, PY_CLASSES, pyKey, type PyClass } from './names.js';

export interface FeatureInputs {
  raw: NativeResult;
  features: { cls: PyClass; names: string[] }[];
  force2D: boolean;
  voxelArrayShift: number;
  /** Plane diameters of the shape mask, computed only when asked for. */
  diameters: () => { slice: number; column: number; row: number };
}

function num(d: Record<string, number | string>, key: string): number {
  const v = d[key];
  return typeof v === 'number' ? v : NaN;
}

export function pyFeatureValues(inp: FeatureInputs): Record<string, number> {
  const { raw } = inp;
  const f = raw.features,
    d = raw.diagnostics;
  const nInt = num(d, 'int_mask_vox_count_reseg_roi');
  const nMorph = num(d, 'morph_mask_vox_count_reseg_roi');
  const voxelVolume = num(d, 'vox_dim_x_interp_img') * num(d, 'vox_dim_y_interp_img') * num(d, 'vox_dim_z_interp_img');
  const c = inp.voxelArrayShift;
  const energy = () => f.stat_energy! + 2 * c * nInt * f.stat_mean! + nInt * c * c;
  const flat = () => !(f.stat_var! > 0);
  let diameters: { slice: number; column: number; row: number } | undefined;
  const out: Record<string, number> = {};
  for (const { cls, names } of inp.features) {
    const agg = aggregationOf(cls, inp.force2D);
    for (const name of names) {
      const def = PY_CLASSES[cls].find((x) => x.name === name)!;
      const tag = def.ibsi ? (agg ? `${def.ibsi}_${agg}` : def.ibsi) : null;
      const ibsi = tag !== null ? (f[tag] ?? NaN) : NaN;
      let v: number;
      switch (def.via) {
        case 'energy':
          v = energy();
          break;
        case 'totalEnergy':
          v = energy() * voxelVolume;
          break;
        case 'rms':
          v = Math.sqrt(energy() / nInt);
          break;
        case 'kurtosis':
          v = flat() ? 0 : ibsi + 3;
          break;
        case 'moment':
          v = flat() ? 0 : ibsi;
          break;
        case 'sqrt':
          v = Math.sqrt(ibsi);
          break;
        case 'pcaAxis':
          v = ibsi * Math.sqrt((nMorph - 1) / nMorph);
          break;
        case 'voxelVolume':
          v = nMorph * voxelVolume;
          break;
        case 'diameter2D':
          diameters ??= inp.diameters();
          v =
            name === 'Maximum2DDiameterSlice'
              ? diameters.slice
              : name === 'Maximum2DDiameterColumn'
                ? diameters.column
                : diameters.row;
          break;
        case 'mcc':
          v = glcmMcc(raw);
          break;
        default:
          v = ibsi;
      }
      out[pyKey('original', cls, name)] = v;
    }
  }
  return out;
}

/** MCC from the per-direction volume matrices the native GLCM returns (`cm_dir<k>`). */
function glcmMcc(raw: NativeResult): number {
  // Under force2D only the in-plane matrices are computed (and returned).
  const dirs = raw.matrices.filter((m) => /^cm_dir\d+$/.test(m.name));
  // Grey levels present in the ROI: those with a count in any direction.
  let levels = 0;
  if (dirs.length) {
    const n = dirs[0]!.rows;
    const seen = new Uint8Array(n);
    for (const m of dirs)
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (m.data[i * n + j]! > 0) seen[i] = seen[j] = 1;
    levels = seen.reduce((s, x) => s + x, 0);
  }
  return mcc(dirs, levels);
}
