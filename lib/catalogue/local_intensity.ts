import type { FamilyDef } from './types.js';

/** IBSI 3.2 Local intensity features (native/local_intensity.cc). */
export const localIntensity: FamilyDef = {
  family: 'local_intensity',
  ibsi: '9ST6',
  title: 'Local intensity',
  aggregations: [],
  features: [
    {
      name: 'loc_peak_loc',
      ibsi: 'VJGA',
      title: 'Local intensity peak',
      formula:
        'mean intensity of all voxels (ROI or not) whose centres lie within r = (3V/4pi)^(1/3) (V = 1 cm^3, world units) of the maximum-intensity voxel; highest if several',
    },
    {
      name: 'loc_peak_glob',
      ibsi: '0F91',
      title: 'Global intensity peak',
      formula: 'max over the intensity-mask voxels of the mean intensity within the same 1 cm^3 sphere',
    },
  ],
};
