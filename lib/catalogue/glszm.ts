import type { FamilyDef } from './types.js';

/** Grey level size zone matrix (native/glszm.cc). */
export const glszm: FamilyDef = {
  family: 'glszm',
  ibsi: '9SAK',
  title: 'Grey level size zone matrix',
  aggregations: ['2D', '2_5D', '3D'],
  features: [],
};
