import type { FamilyDef } from './types.js';

/** Grey level distance zone matrix (native/gldzm.cc). */
export const gldzm: FamilyDef = {
  family: 'gldzm',
  ibsi: 'VMDZ',
  title: 'Grey level distance zone matrix',
  aggregations: ['2D', '2_5D', '3D'],
  features: [],
};
