import type { FamilyDef } from './types.js';

/**
 * Grey level co-occurrence matrix (native/glcm.cc). p_ij: normalised (symmetric by default) co-occurrence
 * matrix at Chebyshev distance delta; p_i., p_.j its marginals, p_{i-j,k} / p_{i+j,k} its diagonal and
 * cross-diagonal probabilities. With several distances the tags are name + '_d' + delta + '_' + aggregation.
 * Averaged aggregations skip matrices without pairs and, per feature, matrices where the feature is undefined.
 */
export const glcm: FamilyDef = {
  family: 'glcm',
  ibsi: 'LFYI',
  title: 'Grey level co-occurrence matrix',
  aggregations: ['2D_avg', '2D_comb', '2_5D_avg', '2_5D_comb', '3D_avg', '3D_comb'],
  features: [
    { name: 'cm_joint_max', ibsi: 'GYBY', title: 'Joint maximum', formula: 'max p_ij' },
    { name: 'cm_joint_avg', ibsi: '60VM', title: 'Joint average', formula: 'mu = sum i p_ij' },
    { name: 'cm_joint_var', ibsi: 'UR99', title: 'Joint variance', formula: 'sum (i - mu)^2 p_ij' },
    { name: 'cm_joint_entr', ibsi: 'TU9B', title: 'Joint entropy', formula: '-sum p_ij log2 p_ij' },
    { name: 'cm_diff_avg', ibsi: 'TF7R', title: 'Difference average', formula: 'mu_d = sum k p_{i-j,k}' },
    { name: 'cm_diff_var', ibsi: 'D3YU', title: 'Difference variance', formula: 'sum (k - mu_d)^2 p_{i-j,k}' },
    { name: 'cm_diff_entr', ibsi: 'NTRS', title: 'Difference entropy', formula: '-sum p_{i-j,k} log2 p_{i-j,k}' },
    { name: 'cm_sum_avg', ibsi: 'ZGXS', title: 'Sum average', formula: 'mu_s = sum k p_{i+j,k}' },
    { name: 'cm_sum_var', ibsi: 'OEEB', title: 'Sum variance', formula: 'sum (k - mu_s)^2 p_{i+j,k}' },
    { name: 'cm_sum_entr', ibsi: 'P6QZ', title: 'Sum entropy', formula: '-sum p_{i+j,k} log2 p_{i+j,k}' },
    { name: 'cm_energy', ibsi: '8ZQL', title: 'Angular second moment', formula: 'sum p_ij^2' },
    { name: 'cm_contrast', ibsi: 'ACUI', title: 'Contrast', formula: 'sum (i - j)^2 p_ij' },
    { name: 'cm_dissimilarity', ibsi: '8S9J', title: 'Dissimilarity', formula: 'sum |i - j| p_ij' },
    { name: 'cm_inv_diff', ibsi: 'IB1Z', title: 'Inverse difference', formula: 'sum p_{i-j,k} / (1 + k)' },
    {
      name: 'cm_inv_diff_norm',
      ibsi: 'NDRX',
      title: 'Normalised inverse difference',
      formula: 'sum p_{i-j,k} / (1 + k / N_g)',
    },
    { name: 'cm_inv_diff_mom', ibsi: 'WF0Z', title: 'Inverse difference moment', formula: 'sum p_{i-j,k} / (1 + k^2)' },
    {
      name: 'cm_inv_diff_mom_norm',
      ibsi: '1QCO',
      title: 'Normalised inverse difference moment',
      formula: 'sum p_{i-j,k} / (1 + (k / N_g)^2)',
    },
    { name: 'cm_inv_var', ibsi: 'E8JP', title: 'Inverse variance', formula: 'sum_{k>=1} p_{i-j,k} / k^2' },
    {
      name: 'cm_corr',
      ibsi: 'NI2N',
      title: 'Correlation',
      formula: '(sum i j p_ij - mu_i. mu_.j) / (sigma_i. sigma_.j); NaN + warning when a marginal variance is 0',
    },
    { name: 'cm_auto_corr', ibsi: 'QWB0', title: 'Autocorrelation', formula: 'sum i j p_ij' },
    { name: 'cm_clust_tend', ibsi: 'DG8W', title: 'Cluster tendency', formula: 'sum (i + j - mu_i. - mu_.j)^2 p_ij' },
    { name: 'cm_clust_shade', ibsi: '7NFM', title: 'Cluster shade', formula: 'sum (i + j - mu_i. - mu_.j)^3 p_ij' },
    { name: 'cm_clust_prom', ibsi: 'AE86', title: 'Cluster prominence', formula: 'sum (i + j - mu_i. - mu_.j)^4 p_ij' },
    {
      name: 'cm_info_corr1',
      ibsi: 'R8DG',
      title: 'Information correlation 1',
      formula: '(HXY - HXY1) / HX, HXY1 = -sum p_ij log2(p_i. p_.j); NaN + warning when HX = 0',
    },
    {
      name: 'cm_info_corr2',
      ibsi: 'JN9H',
      title: 'Information correlation 2',
      formula: 'sqrt(1 - exp(-2 (HXY2 - HXY))), HXY2 = -sum p_i. p_.j log2(p_i. p_.j)',
    },
  ],
};
