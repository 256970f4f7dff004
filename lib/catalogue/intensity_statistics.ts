import type { FamilyDef } from './types.js';

/** IBSI 3.3 Intensity-based statistical features (native/stats.cc). */
export const intensityStatistics: FamilyDef = {
  family: 'intensity_statistics',
  ibsi: 'UHIW',
  title: 'Intensity-based statistics',
  aggregations: [],
  features: [
    { name: 'stat_mean', ibsi: 'Q4LE', title: 'Mean', formula: 'mu = (1/N) sum X_k' },
    { name: 'stat_var', ibsi: 'ECT3', title: 'Variance', formula: '(1/N) sum (X_k - mu)^2' },
    { name: 'stat_skew', ibsi: 'KE2A', title: 'Skewness', formula: 'm3 / m2^(3/2); 0 for a constant ROI' },
    { name: 'stat_kurt', ibsi: 'IPH6', title: '(Excess) kurtosis', formula: 'm4 / m2^2 - 3; 0 for a constant ROI' },
    { name: 'stat_median', ibsi: 'Y12H', title: 'Median', formula: '50th percentile (linear interpolation)' },
    { name: 'stat_min', ibsi: '1GSF', title: 'Minimum', formula: 'min X_k' },
    { name: 'stat_p10', ibsi: 'QG58', title: '10th percentile', formula: 'P10 (linear interpolation)' },
    { name: 'stat_p90', ibsi: '8DWT', title: '90th percentile', formula: 'P90 (linear interpolation)' },
    { name: 'stat_max', ibsi: '84IY', title: 'Maximum', formula: 'max X_k' },
    { name: 'stat_iqr', ibsi: 'SALO', title: 'Interquartile range', formula: 'P75 - P25' },
    { name: 'stat_range', ibsi: '2OJQ', title: 'Range', formula: 'max - min' },
    { name: 'stat_mad', ibsi: '4FUA', title: 'Mean absolute deviation', formula: '(1/N) sum |X_k - mu|' },
    { name: 'stat_rmad', ibsi: '1128', title: 'Robust mean absolute deviation', formula: 'MAD of the X_k within [P10, P90]' },
    { name: 'stat_medad', ibsi: 'N72L', title: 'Median absolute deviation', formula: '(1/N) sum |X_k - median|' },
    { name: 'stat_cov', ibsi: '7TET', title: 'Coefficient of variation', formula: 'sigma / mu (NaN + warning when mu = 0)' },
    { name: 'stat_qcod', ibsi: '9S40', title: 'Quartile coefficient of dispersion', formula: '(P75 - P25) / (P75 + P25)' },
    { name: 'stat_energy', ibsi: 'N8CA', title: 'Energy', formula: 'sum X_k^2' },
    { name: 'stat_rms', ibsi: '5ZWQ', title: 'Root mean square', formula: 'sqrt((1/N) sum X_k^2)' },
  ],
};
