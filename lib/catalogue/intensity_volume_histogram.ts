import type { FamilyDef } from './types.js';

/** Intensity-volume histogram (native/ivh.cc). */
export const intensityVolumeHistogram: FamilyDef = {
  family: 'intensity_volume_histogram',
  ibsi: 'P88C',
  title: 'Intensity-volume histogram',
  aggregations: [],
  features: [],
};
