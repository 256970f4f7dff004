import type { FamilyDef } from './types.js';

/** Neighbouring grey level dependence matrix (native/ngldm.cc). */
export const ngldm: FamilyDef = {
  family: 'ngldm',
  ibsi: 'REK0',
  title: 'Neighbouring grey level dependence matrix',
  aggregations: ['2D', '2_5D', '3D'],
  features: [],
};
