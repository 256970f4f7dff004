import type { FamilyDef } from './types.js';

/** Grey level co-occurrence matrix (native/glcm.cc). */
export const glcm: FamilyDef = {
  family: 'glcm',
  ibsi: 'LFYI',
  title: 'Grey level co-occurrence matrix',
  aggregations: ['2D_avg', '2D_comb', '2_5D_avg', '2_5D_comb', '3D_avg', '3D_comb'],
  features: [],
};
