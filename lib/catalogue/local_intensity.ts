import type { FamilyDef } from './types.js';

/** Local intensity (native/local_intensity.cc). */
export const localIntensity: FamilyDef = {
  family: 'local_intensity',
  ibsi: '9ST6',
  title: 'Local intensity',
  aggregations: [],
  features: [],
};
