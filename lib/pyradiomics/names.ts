/**
 * PyRadiomics' feature classes and feature names (3.1), in the order PyRadiomics emits them, each with the IBSI
 * quantity it is computed from. `ibsi` is the IBSI tag without aggregation suffix (the aggregation is chosen by
 * the class and force2D: see AGGREGATION below); `via` names a PyRadiomics-only conversion applied in
 * lib/pyradiomics/features.ts. Features PyRadiomics marks deprecated (Compactness1/2, SphericalDisproportion,
 * SumVariance, Homogeneity1/2, Dissimilarity, StandardDeviation, GLDM GrayLevelNonUniformityNormalized /
 * DependencePercentage, ...) are computed only when a parameter file lists them by name.
 */

export type PyClass = 'firstorder' | 'shape' | 'shape2D' | 'glcm' | 'glrlm' | 'glszm' | 'gldm' | 'ngtdm';

/** PyRadiomics-only conversions of an IBSI value (see features.ts). */
export type Via =
  | 'energy' // sum (x + c)^2, c = voxelArrayShift
  | 'totalEnergy' // energy x voxel volume
  | 'rms' // sqrt(energy / N)
  | 'kurtosis' // IBSI excess kurtosis + 3 (PyRadiomics: m4 / m2^2)
  | 'moment' // skewness / kurtosis: 0 for a flat ROI (PyRadiomics), where IBSI leaves it undefined
  | 'pcaAxis' // 4 sqrt(lambda) with the population covariance (divide by N, not N - 1)
  | 'voxelVolume' // ROI voxels x voxel volume (PyRadiomics counts the shape mask)
  | 'diameter2D' // PyRadiomics' plane diameters on the mesh vertices (lib/pyradiomics/diameters.ts)
  | 'mcc' // GLCM maximal correlation coefficient (lib/pyradiomics/mcc.ts)
  | 'sqrt' // standard deviation from the variance
  | 'correlation'; // GLCM correlation: 1 where sigma_x sigma_y = 0 (PyRadiomics), averaged over angles

export interface PyFeature {
  readonly name: string;
  /** IBSI tag (without aggregation) the value comes from; null when computed here only. */
  readonly ibsi: string | null;
  readonly via?: Via;
  /** Deprecated in PyRadiomics: computed only when a parameter file lists it. */
  readonly deprecated?: boolean;
}

const f = (name: string, ibsi: string | null, via?: Via, deprecated?: boolean): PyFeature => ({
  name,
  ibsi,
  ...(via ? { via } : {}),
  ...(deprecated ? { deprecated } : {}),
});

export const PY_CLASSES: Record<PyClass, readonly PyFeature[]> = {
  // PyRadiomics firstorder: raw intensities, except Entropy and Uniformity (discretised).
  firstorder: [
    f('Energy', 'stat_energy', 'energy'),
    f('TotalEnergy', 'stat_energy', 'totalEnergy'),
    f('Entropy', 'ih_entropy'),
    f('Minimum', 'stat_min'),
    f('10Percentile', 'stat_p10'),
    f('90Percentile', 'stat_p90'),
    f('Maximum', 'stat_max'),
    f('Mean', 'stat_mean'),
    f('Median', 'stat_median'),
    f('InterquartileRange', 'stat_iqr'),
    f('Range', 'stat_range'),
    f('MeanAbsoluteDeviation', 'stat_mad'),
    f('RobustMeanAbsoluteDeviation', 'stat_rmad'),
    f('RootMeanSquared', 'stat_rms', 'rms'),
    f('StandardDeviation', 'stat_var', 'sqrt', true),
    f('Skewness', 'stat_skew', 'moment'),
    f('Kurtosis', 'stat_kurt', 'kurtosis'),
    f('Variance', 'stat_var'),
    f('Uniformity', 'ih_uniformity'),
  ],
  shape: [
    f('MeshVolume', 'morph_volume'),
    f('VoxelVolume', 'morph_vol_approx', 'voxelVolume'),
    f('SurfaceArea', 'morph_area_mesh'),
    f('SurfaceVolumeRatio', 'morph_av'),
    f('Sphericity', 'morph_sphericity'),
    f('Compactness1', null, undefined, true),
    f('Compactness2', 'morph_comp_2', undefined, true),
    f('SphericalDisproportion', 'morph_sph_dispr', undefined, true),
    f('Maximum3DDiameter', 'morph_diam'),
    f('Maximum2DDiameterSlice', null, 'diameter2D'),
    f('Maximum2DDiameterColumn', null, 'diameter2D'),
    f('Maximum2DDiameterRow', null, 'diameter2D'),
    f('MajorAxisLength', 'morph_pca_maj_axis', 'pcaAxis'),
    f('MinorAxisLength', 'morph_pca_min_axis', 'pcaAxis'),
    f('LeastAxisLength', 'morph_pca_least_axis', 'pcaAxis'),
    f('Elongation', 'morph_pca_elongation'),
    f('Flatness', 'morph_pca_flatness'),
  ],
  // 2D shape (force2D with a single-slice ROI): not computed yet; listed so parameter files validate.
  shape2D: [
    f('MeshSurface', null),
    f('PixelSurface', null),
    f('Perimeter', null),
    f('PerimeterSurfaceRatio', null),
    f('Sphericity', null),
    f('SphericalDisproportion', null, undefined, true),
    f('MaximumDiameter', null),
    f('MajorAxisLength', null),
    f('MinorAxisLength', null),
    f('Elongation', null),
  ],
  glcm: [
    f('Autocorrelation', 'cm_auto_corr'),
    f('JointAverage', 'cm_joint_avg'),
    f('ClusterProminence', 'cm_clust_prom'),
    f('ClusterShade', 'cm_clust_shade'),
    f('ClusterTendency', 'cm_clust_tend'),
    f('Contrast', 'cm_contrast'),
    f('Correlation', 'cm_corr', 'correlation'),
    f('DifferenceAverage', 'cm_diff_avg'),
    f('DifferenceEntropy', 'cm_diff_entr'),
    f('DifferenceVariance', 'cm_diff_var'),
    f('Dissimilarity', 'cm_dissimilarity', undefined, true),
    f('JointEnergy', 'cm_energy'),
    f('JointEntropy', 'cm_joint_entr'),
    f('Homogeneity1', 'cm_inv_diff', undefined, true),
    f('Homogeneity2', 'cm_inv_diff_mom', undefined, true),
    f('Imc1', 'cm_info_corr1'),
    f('Imc2', 'cm_info_corr2'),
    f('Idm', 'cm_inv_diff_mom'),
    f('MCC', null, 'mcc'),
    f('Idmn', 'cm_inv_diff_mom_norm'),
    f('Id', 'cm_inv_diff'),
    f('Idn', 'cm_inv_diff_norm'),
    f('InverseVariance', 'cm_inv_var'),
    f('MaximumProbability', 'cm_joint_max'),
    f('SumAverage', 'cm_sum_avg'),
    f('SumVariance', 'cm_sum_var', undefined, true),
    f('SumEntropy', 'cm_sum_entr'),
    f('SumSquares', 'cm_joint_var'),
  ],
  glrlm: [
    f('ShortRunEmphasis', 'rlm_sre'),
    f('LongRunEmphasis', 'rlm_lre'),
    f('GrayLevelNonUniformity', 'rlm_glnu'),
    f('GrayLevelNonUniformityNormalized', 'rlm_glnu_norm'),
    f('RunLengthNonUniformity', 'rlm_rlnu'),
    f('RunLengthNonUniformityNormalized', 'rlm_rlnu_norm'),
    f('RunPercentage', 'rlm_r_perc'),
    f('GrayLevelVariance', 'rlm_gl_var'),
    f('RunVariance', 'rlm_rl_var'),
    f('RunEntropy', 'rlm_rl_entr'),
    f('LowGrayLevelRunEmphasis', 'rlm_lgre'),
    f('HighGrayLevelRunEmphasis', 'rlm_hgre'),
    f('ShortRunLowGrayLevelEmphasis', 'rlm_srlge'),
    f('ShortRunHighGrayLevelEmphasis', 'rlm_srhge'),
    f('LongRunLowGrayLevelEmphasis', 'rlm_lrlge'),
    f('LongRunHighGrayLevelEmphasis', 'rlm_lrhge'),
  ],
  glszm: [
    f('SmallAreaEmphasis', 'szm_sze'),
    f('LargeAreaEmphasis', 'szm_lze'),
    f('GrayLevelNonUniformity', 'szm_glnu'),
    f('GrayLevelNonUniformityNormalized', 'szm_glnu_norm'),
    f('SizeZoneNonUniformity', 'szm_zsnu'),
    f('SizeZoneNonUniformityNormalized', 'szm_zsnu_norm'),
    f('ZonePercentage', 'szm_z_perc'),
    f('GrayLevelVariance', 'szm_gl_var'),
    f('ZoneVariance', 'szm_zs_var'),
    f('ZoneEntropy', 'szm_zs_entr'),
    f('LowGrayLevelZoneEmphasis', 'szm_lgze'),
    f('HighGrayLevelZoneEmphasis', 'szm_hgze'),
    f('SmallAreaLowGrayLevelEmphasis', 'szm_szlge'),
    f('SmallAreaHighGrayLevelEmphasis', 'szm_szhge'),
    f('LargeAreaLowGrayLevelEmphasis', 'szm_lzlge'),
    f('LargeAreaHighGrayLevelEmphasis', 'szm_lzhge'),
  ],
  // GLDM = IBSI NGLDM with coarseness alpha = gldm_a.
  gldm: [
    f('SmallDependenceEmphasis', 'ngl_lde'),
    f('LargeDependenceEmphasis', 'ngl_hde'),
    f('GrayLevelNonUniformity', 'ngl_glnu'),
    f('GrayLevelNonUniformityNormalized', 'ngl_glnu_norm', undefined, true),
    f('DependenceNonUniformity', 'ngl_dcnu'),
    f('DependenceNonUniformityNormalized', 'ngl_dcnu_norm'),
    f('DependencePercentage', 'ngl_dc_perc', undefined, true),
    f('GrayLevelVariance', 'ngl_gl_var'),
    f('DependenceVariance', 'ngl_dc_var'),
    f('DependenceEntropy', 'ngl_dc_entr'),
    f('LowGrayLevelEmphasis', 'ngl_lgce'),
    f('HighGrayLevelEmphasis', 'ngl_hgce'),
    f('SmallDependenceLowGrayLevelEmphasis', 'ngl_ldlge'),
    f('SmallDependenceHighGrayLevelEmphasis', 'ngl_ldhge'),
    f('LargeDependenceLowGrayLevelEmphasis', 'ngl_hdlge'),
    f('LargeDependenceHighGrayLevelEmphasis', 'ngl_hdhge'),
  ],
  ngtdm: [
    f('Coarseness', 'ngt_coarseness'),
    f('Contrast', 'ngt_contrast'),
    f('Busyness', 'ngt_busyness'),
    f('Complexity', 'ngt_complexity'),
    f('Strength', 'ngt_strength'),
  ],
};

export const PY_CLASS_NAMES = Object.keys(PY_CLASSES) as PyClass[];

/** The IBSI aggregation each class is read from: 3D, or PyRadiomics' force2D (in-plane angles, matrices over all slices). */
export function aggregationOf(cls: PyClass, force2D: boolean): string | null {
  if (cls === 'glcm' || cls === 'glrlm') return force2D ? '2_5D_avg' : '3D_avg';
  if (cls === 'glszm' || cls === 'gldm' || cls === 'ngtdm') return force2D ? '2_5D' : '3D';
  return null;
}

/** The PyRadiomics key: `original_glcm_JointEnergy`. */
export function pyKey(imageType: string, cls: PyClass, feature: string): string {
  return `${imageType}_${cls}_${feature}`;
}

/** The features a class computes by default: every non-deprecated one (shape2D only on request). */
export function defaultFeatures(cls: PyClass): string[] {
  return PY_CLASSES[cls].filter((x) => !x.deprecated).map((x) => x.name);
}
