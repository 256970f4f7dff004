import type { FamilyDef } from './types.js';

/** Grey level run length matrix (native/glrlm.cc). */
export const glrlm: FamilyDef = {
  family: 'glrlm',
  ibsi: 'TP0I',
  title: 'Grey level run length matrix',
  aggregations: ['2D_avg', '2D_comb', '2_5D_avg', '2_5D_comb', '3D_avg', '3D_comb'],
  features: [],
};
