import type { FamilyDef } from './types.js';

/** Intensity histogram (native/histogram.cc). */
export const intensityHistogram: FamilyDef = {
  family: 'intensity_histogram',
  ibsi: 'ZVCW',
  title: 'Intensity histogram',
  aggregations: [],
  features: [],
};
