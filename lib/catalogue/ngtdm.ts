import type { FamilyDef } from './types.js';

/**
 * IBSI 3.10 Neighbourhood grey tone difference matrix (native/ngtdm.cc). For voxels with at least one ROI neighbour
 * within Chebyshev distance delta (texture.neighbourhoodDistance): n_i voxels of grey level i, s_i = sum |i - mean
 * neighbour level|; N_vc = sum n_i, p_i = n_i / N_vc, N_gp = levels with p_i > 0. Double sums run over p != 0.
 * NaN (with a warning) when no voxel has a neighbour in the ROI.
 */
export const ngtdm: FamilyDef = {
  family: 'ngtdm',
  ibsi: 'IPET',
  title: 'Neighbourhood grey tone difference matrix',
  aggregations: ['2D', '2_5D', '3D'],
  features: [
    { name: 'ngt_coarseness', ibsi: 'QCDE', title: 'Coarseness', formula: '1 / sum_i p_i s_i, at most 10^6' },
    {
      name: 'ngt_contrast',
      ibsi: '65HE',
      title: 'Contrast',
      formula: '[1/(N_gp (N_gp - 1)) sum_i1 sum_i2 p_i1 p_i2 (i1 - i2)^2] [(1/N_vc) sum_i s_i]; 0 if N_gp = 1',
    },
    {
      name: 'ngt_busyness',
      ibsi: 'NQ30',
      title: 'Busyness',
      formula: 'sum_i p_i s_i / sum_i1 sum_i2 |i1 p_i1 - i2 p_i2|; 0 if N_gp = 1 (NaN + warning if the denominator is 0)',
    },
    {
      name: 'ngt_complexity',
      ibsi: 'HDEZ',
      title: 'Complexity',
      formula: '(1/N_vc) sum_i1 sum_i2 |i1 - i2| (p_i1 s_i1 + p_i2 s_i2) / (p_i1 + p_i2)',
    },
    {
      name: 'ngt_strength',
      ibsi: '1X9X',
      title: 'Strength',
      formula: 'sum_i1 sum_i2 (p_i1 + p_i2)(i1 - i2)^2 / sum_i s_i; 0 if sum_i s_i = 0',
    },
  ],
};
