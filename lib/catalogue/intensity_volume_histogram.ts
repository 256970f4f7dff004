import type { FamilyDef } from './types.js';

/**
 * IBSI 3.5 Intensity-volume histogram features (native/ivh.cc). nu_i: fraction of the ROI volume with
 * discretised intensity >= i; gamma_i = (i - min G) / (max G - min G) over the total range G.
 */
export const intensityVolumeHistogram: FamilyDef = {
  family: 'intensity_volume_histogram',
  ibsi: 'P88C',
  title: 'Intensity-volume histogram',
  aggregations: [],
  features: [
    { name: 'ivh_v10', ibsi: 'BC2M', title: 'Volume fraction at 10% intensity', formula: 'largest nu_i with gamma_i >= 0.10 (NaN + warning when G is a single intensity)' },
    { name: 'ivh_v90', ibsi: 'BC2M', title: 'Volume fraction at 90% intensity', formula: 'largest nu_i with gamma_i >= 0.90' },
    { name: 'ivh_i10', ibsi: 'GBPN', title: 'Intensity at 10% volume', formula: 'lowest discretised intensity i (bin centre for fixed bin size) with nu_i <= 0.10; the next one past max G if none' },
    { name: 'ivh_i90', ibsi: 'GBPN', title: 'Intensity at 90% volume', formula: 'lowest discretised intensity i with nu_i <= 0.90' },
    { name: 'ivh_diff_v10_v90', ibsi: 'DDTU', title: 'Volume fraction difference between 10% and 90% intensity', formula: 'V10 - V90' },
    { name: 'ivh_diff_i10_i90', ibsi: 'CNV2', title: 'Intensity difference between 10% and 90% volume', formula: 'I10 - I90' },
    {
      name: 'ivh_auc',
      ibsi: '9CMM',
      title: 'Area under the IVH curve',
      formula: 'trapezoidal area under nu(gamma) over the discretised intensities of G; 0 when G is a single intensity',
      standardized: false,
    },
  ],
};
