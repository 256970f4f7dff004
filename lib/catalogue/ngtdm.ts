import type { FamilyDef } from './types.js';

/** Neighbourhood grey tone difference matrix (native/ngtdm.cc). */
export const ngtdm: FamilyDef = {
  family: 'ngtdm',
  ibsi: 'IPET',
  title: 'Neighbourhood grey tone difference matrix',
  aggregations: ['2D', '2_5D', '3D'],
  features: [],
};
