import type { FamilyDef } from './types.js';

/**
 * IBSI 3.8 Grey level size zone matrix (native/glszm.cc). s_ij: zones (26-connected in 3D, 8-connected per slice
 * in 2D) of grey level i and size j; N_s zones, N_v voxels, s_i. / s_.j marginals, p_ij = s_ij / N_s.
 */
export const glszm: FamilyDef = {
  family: 'glszm',
  ibsi: '9SAK',
  title: 'Grey level size zone matrix',
  aggregations: ['2D', '2_5D', '3D'],
  features: [
    { name: 'szm_sze', ibsi: '5QRC', title: 'Small zone emphasis', formula: '(1/N_s) sum_j s_.j / j^2' },
    { name: 'szm_lze', ibsi: '48P8', title: 'Large zone emphasis', formula: '(1/N_s) sum_j j^2 s_.j' },
    { name: 'szm_lgze', ibsi: 'XMSY', title: 'Low grey level zone emphasis', formula: '(1/N_s) sum_i s_i. / i^2' },
    { name: 'szm_hgze', ibsi: '5GN9', title: 'High grey level zone emphasis', formula: '(1/N_s) sum_i i^2 s_i.' },
    { name: 'szm_szlge', ibsi: '5RAI', title: 'Small zone low grey level emphasis', formula: '(1/N_s) sum_ij s_ij / (i^2 j^2)' },
    { name: 'szm_szhge', ibsi: 'HW1V', title: 'Small zone high grey level emphasis', formula: '(1/N_s) sum_ij i^2 s_ij / j^2' },
    { name: 'szm_lzlge', ibsi: 'YH51', title: 'Large zone low grey level emphasis', formula: '(1/N_s) sum_ij j^2 s_ij / i^2' },
    { name: 'szm_lzhge', ibsi: 'J17V', title: 'Large zone high grey level emphasis', formula: '(1/N_s) sum_ij i^2 j^2 s_ij' },
    { name: 'szm_glnu', ibsi: 'JNSA', title: 'Grey level non-uniformity', formula: '(1/N_s) sum_i s_i.^2' },
    { name: 'szm_glnu_norm', ibsi: 'Y1RO', title: 'Normalised grey level non-uniformity', formula: '(1/N_s^2) sum_i s_i.^2' },
    { name: 'szm_zsnu', ibsi: '4JP3', title: 'Zone size non-uniformity', formula: '(1/N_s) sum_j s_.j^2' },
    { name: 'szm_zsnu_norm', ibsi: 'VB3A', title: 'Normalised zone size non-uniformity', formula: '(1/N_s^2) sum_j s_.j^2' },
    { name: 'szm_z_perc', ibsi: 'P30P', title: 'Zone percentage', formula: 'N_s / N_v' },
    { name: 'szm_gl_var', ibsi: 'BYLV', title: 'Grey level variance', formula: 'sum_ij (i - mu)^2 p_ij, mu = sum_ij i p_ij' },
    { name: 'szm_zs_var', ibsi: '3NSA', title: 'Zone size variance', formula: 'sum_ij (j - mu)^2 p_ij, mu = sum_ij j p_ij' },
    { name: 'szm_zs_entr', ibsi: 'GU8N', title: 'Zone size entropy', formula: '-sum_ij p_ij log2 p_ij' },
  ],
};
