import type { FamilyDef } from './types.js';

/** IBSI 3.4 Intensity histogram features of the discretised grey levels X_d (native/histogram.cc). */
export const intensityHistogram: FamilyDef = {
  family: 'intensity_histogram',
  ibsi: 'ZVCW',
  title: 'Intensity histogram',
  aggregations: [],
  features: [
    { name: 'ih_mean', ibsi: 'X6K6', title: 'Mean discretised intensity', formula: 'mu = sum_i i p_i' },
    { name: 'ih_var', ibsi: 'CH89', title: 'Discretised intensity variance', formula: 'sum_i (i - mu)^2 p_i' },
    { name: 'ih_skew', ibsi: '88K1', title: 'Discretised intensity skewness', formula: 'm3 / m2^(3/2); 0 when the variance is 0' },
    { name: 'ih_kurt', ibsi: 'C3I7', title: '(Excess) discretised intensity kurtosis', formula: 'm4 / m2^2 - 3; 0 when the variance is 0' },
    { name: 'ih_median', ibsi: 'WIFQ', title: 'Median discretised intensity', formula: '50th percentile of X_d (linear interpolation)' },
    { name: 'ih_min', ibsi: '1PR8', title: 'Minimum discretised intensity', formula: 'min X_d' },
    { name: 'ih_p10', ibsi: 'GPMT', title: '10th discretised intensity percentile', formula: 'P10 of X_d (linear interpolation)' },
    { name: 'ih_p90', ibsi: 'OZ0C', title: '90th discretised intensity percentile', formula: 'P90 of X_d (linear interpolation)' },
    { name: 'ih_max', ibsi: '3NCY', title: 'Maximum discretised intensity', formula: 'max X_d' },
    { name: 'ih_mode', ibsi: 'AMMC', title: 'Intensity histogram mode', formula: 'argmax_i n_i; ties: the level closest to mu, then the lower one' },
    { name: 'ih_iqr', ibsi: 'WR0O', title: 'Discretised intensity interquartile range', formula: 'P75 - P25' },
    { name: 'ih_range', ibsi: '5Z3W', title: 'Discretised intensity range', formula: 'max X_d - min X_d' },
    { name: 'ih_mad', ibsi: 'D2ZX', title: 'Intensity histogram mean absolute deviation', formula: '(1/N_v) sum |X_d - mu|' },
    { name: 'ih_rmad', ibsi: 'WRZB', title: 'Intensity histogram robust mean absolute deviation', formula: 'mean absolute deviation of the X_d within [P10, P90] from their mean (NaN + warning if none)' },
    { name: 'ih_medad', ibsi: '4RNL', title: 'Intensity histogram median absolute deviation', formula: '(1/N_v) sum |X_d - median|' },
    { name: 'ih_cov', ibsi: 'CWYJ', title: 'Intensity histogram coefficient of variation', formula: 'sigma / mu' },
    { name: 'ih_qcod', ibsi: 'SLWD', title: 'Intensity histogram quartile coefficient of dispersion', formula: '(P75 - P25) / (P75 + P25)' },
    { name: 'ih_entropy', ibsi: 'TLU2', title: 'Discretised intensity entropy', formula: '-sum_i p_i log2 p_i' },
    { name: 'ih_uniformity', ibsi: 'BJ5W', title: 'Discretised intensity uniformity', formula: 'sum_i p_i^2' },
    { name: 'ih_max_grad', ibsi: '12CE', title: 'Maximum histogram gradient', formula: "max H', H'_i = (n_{i+1} - n_{i-1})/2 inside, one-sided at 1 and N_g (NaN + warning if N_g = 1)" },
    { name: 'ih_max_grad_g', ibsi: '8E6O', title: 'Maximum histogram gradient intensity', formula: "lowest i where H' is maximal" },
    { name: 'ih_min_grad', ibsi: 'VQB3', title: 'Minimum histogram gradient', formula: "min H' (same H' as ih_max_grad)" },
    { name: 'ih_min_grad_g', ibsi: 'RHQZ', title: 'Minimum histogram gradient intensity', formula: "lowest i where H' is minimal" },
  ],
};
