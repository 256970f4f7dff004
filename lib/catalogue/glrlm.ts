import type { FamilyDef } from './types.js';

/**
 * Grey level run length matrix (native/glrlm.cc). r_ij: runs of grey level i and length j; r_i., r_.j its
 * marginal sums; N_s = sum r_ij runs, N_v voxels (summed over merged matrices); p_ij = r_ij / N_s.
 */
export const glrlm: FamilyDef = {
  family: 'glrlm',
  ibsi: 'TP0I',
  title: 'Grey level run length matrix',
  aggregations: ['2D_avg', '2D_comb', '2_5D_avg', '2_5D_comb', '3D_avg', '3D_comb'],
  features: [
    { name: 'rlm_sre', ibsi: '22OV', title: 'Short runs emphasis', formula: '(1/N_s) sum_j r_.j / j^2' },
    { name: 'rlm_lre', ibsi: 'W4KF', title: 'Long runs emphasis', formula: '(1/N_s) sum_j j^2 r_.j' },
    { name: 'rlm_lgre', ibsi: 'V3SW', title: 'Low grey level run emphasis', formula: '(1/N_s) sum_i r_i. / i^2' },
    { name: 'rlm_hgre', ibsi: 'G3QZ', title: 'High grey level run emphasis', formula: '(1/N_s) sum_i i^2 r_i.' },
    {
      name: 'rlm_srlge',
      ibsi: 'HTZT',
      title: 'Short run low grey level emphasis',
      formula: '(1/N_s) sum r_ij / (i^2 j^2)',
    },
    {
      name: 'rlm_srhge',
      ibsi: 'GD3A',
      title: 'Short run high grey level emphasis',
      formula: '(1/N_s) sum i^2 r_ij / j^2',
    },
    {
      name: 'rlm_lrlge',
      ibsi: 'IVPO',
      title: 'Long run low grey level emphasis',
      formula: '(1/N_s) sum j^2 r_ij / i^2',
    },
    {
      name: 'rlm_lrhge',
      ibsi: '3KUM',
      title: 'Long run high grey level emphasis',
      formula: '(1/N_s) sum i^2 j^2 r_ij',
    },
    { name: 'rlm_glnu', ibsi: 'R5YN', title: 'Grey level non-uniformity', formula: '(1/N_s) sum_i r_i.^2' },
    {
      name: 'rlm_glnu_norm',
      ibsi: 'OVBL',
      title: 'Normalised grey level non-uniformity',
      formula: '(1/N_s^2) sum_i r_i.^2',
    },
    { name: 'rlm_rlnu', ibsi: 'W92Y', title: 'Run length non-uniformity', formula: '(1/N_s) sum_j r_.j^2' },
    {
      name: 'rlm_rlnu_norm',
      ibsi: 'IC23',
      title: 'Normalised run length non-uniformity',
      formula: '(1/N_s^2) sum_j r_.j^2',
    },
    { name: 'rlm_r_perc', ibsi: '9ZK5', title: 'Run percentage', formula: 'N_s / N_v' },
    { name: 'rlm_gl_var', ibsi: '8CE5', title: 'Grey level variance', formula: 'sum (i - mu)^2 p_ij, mu = sum i p_ij' },
    { name: 'rlm_rl_var', ibsi: 'SXLW', title: 'Run length variance', formula: 'sum (j - mu)^2 p_ij, mu = sum j p_ij' },
    { name: 'rlm_rl_entr', ibsi: 'HJ9O', title: 'Run entropy', formula: '-sum p_ij log2 p_ij' },
  ],
};
