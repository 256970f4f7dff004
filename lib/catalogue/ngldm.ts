import type { FamilyDef } from './types.js';

/**
 * IBSI 3.11 Neighbouring grey level dependence matrix (native/ngldm.cc). s_ij: voxels of grey level i with j
 * dependent voxels (centre included) within Chebyshev distance delta (texture.neighbourhoodDistance): ROI voxels
 * with |level difference| <= alpha (texture.ngldmAlpha). N_s = N_v, p_ij = s_ij / N_s.
 */
export const ngldm: FamilyDef = {
  family: 'ngldm',
  ibsi: 'REK0',
  title: 'Neighbouring grey level dependence matrix',
  aggregations: ['2D', '2_5D', '3D'],
  features: [
    { name: 'ngl_lde', ibsi: 'SODN', title: 'Low dependence emphasis', formula: '(1/N_s) sum_j s_.j / j^2' },
    { name: 'ngl_hde', ibsi: 'IMOQ', title: 'High dependence emphasis', formula: '(1/N_s) sum_j j^2 s_.j' },
    { name: 'ngl_lgce', ibsi: 'TL9H', title: 'Low grey level count emphasis', formula: '(1/N_s) sum_i s_i. / i^2' },
    { name: 'ngl_hgce', ibsi: 'OAE7', title: 'High grey level count emphasis', formula: '(1/N_s) sum_i i^2 s_i.' },
    { name: 'ngl_ldlge', ibsi: 'EQ3F', title: 'Low dependence low grey level emphasis', formula: '(1/N_s) sum_ij s_ij / (i^2 j^2)' },
    { name: 'ngl_ldhge', ibsi: 'JA6D', title: 'Low dependence high grey level emphasis', formula: '(1/N_s) sum_ij i^2 s_ij / j^2' },
    { name: 'ngl_hdlge', ibsi: 'NBZI', title: 'High dependence low grey level emphasis', formula: '(1/N_s) sum_ij j^2 s_ij / i^2' },
    { name: 'ngl_hdhge', ibsi: '9QMG', title: 'High dependence high grey level emphasis', formula: '(1/N_s) sum_ij i^2 j^2 s_ij' },
    { name: 'ngl_glnu', ibsi: 'FP8K', title: 'Grey level non-uniformity', formula: '(1/N_s) sum_i s_i.^2' },
    { name: 'ngl_glnu_norm', ibsi: '5SPA', title: 'Normalised grey level non-uniformity', formula: '(1/N_s^2) sum_i s_i.^2' },
    { name: 'ngl_dcnu', ibsi: 'Z87G', title: 'Dependence count non-uniformity', formula: '(1/N_s) sum_j s_.j^2' },
    {
      name: 'ngl_dcnu_norm',
      ibsi: 'OKJI',
      title: 'Normalised dependence count non-uniformity',
      formula: '(1/N_s^2) sum_j s_.j^2',
    },
    { name: 'ngl_dc_perc', ibsi: '6XV8', title: 'Dependence count percentage', formula: 'N_s / N_v (= 1)' },
    { name: 'ngl_gl_var', ibsi: '1PFV', title: 'Grey level variance', formula: 'sum_ij (i - mu)^2 p_ij, mu = sum_ij i p_ij' },
    {
      name: 'ngl_dc_var',
      ibsi: 'DNX2',
      title: 'Dependence count variance',
      formula: 'sum_ij (j - mu)^2 p_ij, mu = sum_ij j p_ij',
    },
    { name: 'ngl_dc_entr', ibsi: 'FCBV', title: 'Dependence count entropy', formula: '-sum_ij p_ij log2 p_ij' },
    { name: 'ngl_dc_energy', ibsi: 'CAS9', title: 'Dependence count energy', formula: 'sum_ij p_ij^2' },
  ],
};
