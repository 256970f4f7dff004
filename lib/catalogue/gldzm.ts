import type { FamilyDef } from './types.js';

/**
 * IBSI 3.9 Grey level distance zone matrix (native/gldzm.cc). d_ij: zones of grey level i (as for the GLSZM) whose
 * minimum distance to the ROI edge is j; distance = city-block steps (4-connected in 2D, 6-connected in 3D) to the
 * outside of the morphological mask, 1 on the edge. N_s zones, N_v voxels, p_ij = d_ij / N_s.
 */
export const gldzm: FamilyDef = {
  family: 'gldzm',
  ibsi: 'VMDZ',
  title: 'Grey level distance zone matrix',
  aggregations: ['2D', '2_5D', '3D'],
  features: [
    { name: 'dzm_sde', ibsi: '0GBI', title: 'Small distance emphasis', formula: '(1/N_s) sum_j d_.j / j^2' },
    { name: 'dzm_lde', ibsi: 'MB4I', title: 'Large distance emphasis', formula: '(1/N_s) sum_j j^2 d_.j' },
    { name: 'dzm_lgze', ibsi: 'S1RA', title: 'Low grey level zone emphasis', formula: '(1/N_s) sum_i d_i. / i^2' },
    { name: 'dzm_hgze', ibsi: 'K26C', title: 'High grey level zone emphasis', formula: '(1/N_s) sum_i i^2 d_i.' },
    { name: 'dzm_sdlge', ibsi: 'RUVG', title: 'Small distance low grey level emphasis', formula: '(1/N_s) sum_ij d_ij / (i^2 j^2)' },
    { name: 'dzm_sdhge', ibsi: 'DKNJ', title: 'Small distance high grey level emphasis', formula: '(1/N_s) sum_ij i^2 d_ij / j^2' },
    { name: 'dzm_ldlge', ibsi: 'A7WM', title: 'Large distance low grey level emphasis', formula: '(1/N_s) sum_ij j^2 d_ij / i^2' },
    { name: 'dzm_ldhge', ibsi: 'KLTH', title: 'Large distance high grey level emphasis', formula: '(1/N_s) sum_ij i^2 j^2 d_ij' },
    { name: 'dzm_glnu', ibsi: 'VFT7', title: 'Grey level non-uniformity', formula: '(1/N_s) sum_i d_i.^2' },
    { name: 'dzm_glnu_norm', ibsi: '7HP3', title: 'Normalised grey level non-uniformity', formula: '(1/N_s^2) sum_i d_i.^2' },
    { name: 'dzm_zdnu', ibsi: 'V294', title: 'Zone distance non-uniformity', formula: '(1/N_s) sum_j d_.j^2' },
    { name: 'dzm_zdnu_norm', ibsi: 'IATH', title: 'Normalised zone distance non-uniformity', formula: '(1/N_s^2) sum_j d_.j^2' },
    { name: 'dzm_z_perc', ibsi: 'VIWW', title: 'Zone percentage', formula: 'N_s / N_v' },
    { name: 'dzm_gl_var', ibsi: 'QK93', title: 'Grey level variance', formula: 'sum_ij (i - mu)^2 p_ij, mu = sum_ij i p_ij' },
    { name: 'dzm_zd_var', ibsi: '7WT1', title: 'Zone distance variance', formula: 'sum_ij (j - mu)^2 p_ij, mu = sum_ij j p_ij' },
    { name: 'dzm_zd_entr', ibsi: 'GBDU', title: 'Zone distance entropy', formula: '-sum_ij p_ij log2 p_ij' },
  ],
};
