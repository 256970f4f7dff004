import type { FamilyDef } from './types.js';

/** Morphology (native/morphology.cc). */
export const morphology: FamilyDef = {
  family: 'morphology',
  ibsi: 'HCUG',
  title: 'Morphology',
  aggregations: [],
  features: [
    { name: 'morph_vol_approx', ibsi: 'YEKZ', title: 'Volume (voxel counting)', formula: 'N_v * voxel volume' },
  ],
};
