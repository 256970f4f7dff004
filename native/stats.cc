#include "stats.h"

#include <algorithm>
#include <cmath>

#include "core/dispatch.h"
#include "core/feature_tags.h"
#include "order_statistics.h"

namespace radiomics {
namespace {

// Four independent accumulators per pass so the adds pipeline (and vectorise under -O3).
static inline double sumKernel(const double* v, size_t n) {
  double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    a0 += v[i];
    a1 += v[i + 1];
    a2 += v[i + 2];
    a3 += v[i + 3];
  }
  for (; i < n; ++i) a0 += v[i];
  return (a0 + a1) + (a2 + a3);
}

static inline void centralKernel(const double* v, size_t n, double mean, double* out3) {
  double s2[4] = {0, 0, 0, 0}, s3[4] = {0, 0, 0, 0}, s4[4] = {0, 0, 0, 0};
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (int k = 0; k < 4; ++k) {
      const double d = v[i + k] - mean, d2 = d * d;
      s2[k] += d2;
      s3[k] += d2 * d;
      s4[k] += d2 * d2;
    }
  for (; i < n; ++i) {
    const double d = v[i] - mean, d2 = d * d;
    s2[0] += d2;
    s3[0] += d2 * d;
    s4[0] += d2 * d2;
  }
  out3[0] = (s2[0] + s2[1]) + (s2[2] + s2[3]);
  out3[1] = (s3[0] + s3[1]) + (s3[2] + s3[3]);
  out3[2] = (s4[0] + s4[1]) + (s4[2] + s4[3]);
}

// Minimum, maximum, sum of squares (energy) and sum |X - mean| (for the MAD), four lanes each.
static inline void spreadKernel(const double* v, size_t n, double mean, double out[4]) {
  double lo[4] = {v[0], v[0], v[0], v[0]}, hi[4] = {v[0], v[0], v[0], v[0]};
  double e[4] = {0, 0, 0, 0}, a[4] = {0, 0, 0, 0};
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (int k = 0; k < 4; ++k) {
      const double x = v[i + k];
      lo[k] = x < lo[k] ? x : lo[k];
      hi[k] = x > hi[k] ? x : hi[k];
      e[k] += x * x;
      a[k] += std::fabs(x - mean);
    }
  for (; i < n; ++i) {
    const double x = v[i];
    lo[0] = x < lo[0] ? x : lo[0];
    hi[0] = x > hi[0] ? x : hi[0];
    e[0] += x * x;
    a[0] += std::fabs(x - mean);
  }
  out[0] = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
  out[1] = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
  out[2] = (e[0] + e[1]) + (e[2] + e[3]);
  out[3] = (a[0] + a[1]) + (a[2] + a[3]);
}

// Sum and count of the values in [lo, hi], four lanes each (no branch: the band test is a select).
static inline void bandSumKernel(const double* v, size_t n, double lo, double hi, double out[2]) {
  double s[4] = {0, 0, 0, 0}, c[4] = {0, 0, 0, 0};
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (int k = 0; k < 4; ++k) {
      const double x = v[i + k];
      const bool in = x >= lo && x <= hi;
      s[k] += in ? x : 0.0;
      c[k] += in ? 1.0 : 0.0;
    }
  for (; i < n; ++i) {
    const bool in = v[i] >= lo && v[i] <= hi;
    s[0] += in ? v[i] : 0.0;
    c[0] += in ? 1.0 : 0.0;
  }
  out[0] = (s[0] + s[1]) + (s[2] + s[3]);
  out[1] = (c[0] + c[1]) + (c[2] + c[3]);
}

// Sum |X - centre| over the values in [lo, hi], and sum |X - median| over all of them, four lanes each.
static inline void deviationsKernel(const double* v, size_t n, double lo, double hi, double centre, double median,
                                    double out[2]) {
  double b[4] = {0, 0, 0, 0}, m[4] = {0, 0, 0, 0};
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (int k = 0; k < 4; ++k) {
      const double x = v[i + k];
      b[k] += (x >= lo && x <= hi) ? std::fabs(x - centre) : 0.0;
      m[k] += std::fabs(x - median);
    }
  for (; i < n; ++i) {
    b[0] += (v[i] >= lo && v[i] <= hi) ? std::fabs(v[i] - centre) : 0.0;
    m[0] += std::fabs(v[i] - median);
  }
  out[0] = (b[0] + b[1]) + (b[2] + b[3]);
  out[1] = (m[0] + m[1]) + (m[2] + m[3]);
}

RADIOMICS_MULTIVERSION(sumDispatch, sumKernel)
RADIOMICS_MULTIVERSION(centralDispatch, centralKernel)
RADIOMICS_MULTIVERSION(spreadDispatch, spreadKernel)
RADIOMICS_MULTIVERSION(bandSumDispatch, bandSumKernel)
RADIOMICS_MULTIVERSION(deviationsDispatch, deviationsKernel)

}  // namespace

void intensityMoments(const double* values, size_t n, double out[4]) {
  out[0] = sumDispatch(values, n);
  const double mean = n ? out[0] / static_cast<double>(n) : 0.0;
  centralDispatch(values, n, mean, out + 1);
}

double percentileInPlace(std::vector<double>& values, double p) {
  if (values.empty()) return NAN;
  const double pos = p * static_cast<double>(values.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const double frac = pos - static_cast<double>(lo);
  std::nth_element(values.begin(), values.begin() + lo, values.end());
  const double a = values[lo];
  if (frac == 0 || lo + 1 >= values.size()) return a;
  const double b = *std::min_element(values.begin() + lo + 1, values.end());
  return a + frac * (b - a);
}

void percentiles(const double* values, size_t n, double lo, double hi, const double* ps, size_t k, double* out) {
  if (n == 0) {
    for (size_t i = 0; i < k; ++i) out[i] = NAN;
    return;
  }
  std::vector<size_t> ranks;
  for (size_t i = 0; i < k; ++i) {
    const size_t lo = static_cast<size_t>(std::floor(ps[i] * static_cast<double>(n - 1)));
    ranks.push_back(lo);
    if (lo + 1 < n) ranks.push_back(lo + 1);
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  std::vector<double> at(ranks.size());
  valuesAtRanksInRange(values, n, lo, hi, ranks.data(), ranks.size(), at.data());
  auto valueOfRank = [&](size_t r) { return at[static_cast<size_t>(std::lower_bound(ranks.begin(), ranks.end(), r) - ranks.begin())]; };
  for (size_t i = 0; i < k; ++i) {
    const double pos = ps[i] * static_cast<double>(n - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const double frac = pos - static_cast<double>(lo);
    const double a = valueOfRank(lo);
    out[i] = (frac == 0 || lo + 1 >= n) ? a : a + frac * (valueOfRank(lo + 1) - a);
  }
}

void computeIntensityStatistics(const RoiImage& roi, FeatureSink& out) {
  std::vector<double> x = roi.roiValues();
  const size_t n = x.size();
  if (n == 0) return;
  const double nd = static_cast<double>(n);

  double m[4];
  intensityMoments(x.data(), n, m);
  const double mean = m[0] / nd;
  const double var = m[1] / nd;
  const double mu3 = m[2] / nd, mu4 = m[3] / nd;
  double spread[4];
  spreadDispatch(x.data(), n, mean, spread);
  const double lo = spread[0], hi = spread[1], energy = spread[2], mad = spread[3] / nd;

  static const double kPs[5] = {0.10, 0.25, 0.50, 0.75, 0.90};
  double pv[5];
  percentiles(x.data(), n, lo, hi, kPs, 5, pv);
  const double p10 = pv[0], p25 = pv[1], median = pv[2], p75 = pv[3], p90 = pv[4];

  // Robust MAD: mean absolute deviation from the mean of the values within [P10, P90]; median absolute
  // deviation in the same pass.
  double band[2], dev[2];
  bandSumDispatch(x.data(), n, p10, p90, band);
  const double rcount = band[1], rmean = band[0] / rcount;
  deviationsDispatch(x.data(), n, p10, p90, rmean, median, dev);
  const double rmad = dev[0] / rcount, medad = dev[1] / nd;

  out.add(tags::stat::kMean, mean);                                                // Q4LE  mean
  out.add(tags::stat::kVar, var);                                                  // ECT3  sum (X - mu)^2 / N
  out.add(tags::stat::kSkew, var > 0 ? mu3 / std::pow(var, 1.5) : 0.0);            // KE2A  mu3 / sigma^3 (0 if constant)
  out.add(tags::stat::kKurt, var > 0 ? mu4 / (var * var) - 3.0 : 0.0);             // IPH6  mu4 / sigma^4 - 3 (0 if constant)
  out.add(tags::stat::kMedian, median);                                            // Y12H  median
  out.add(tags::stat::kMin, lo);                                                   // 1GSF  minimum
  out.add(tags::stat::kP10, p10);                                                  // QG58  10th percentile
  out.add(tags::stat::kP90, p90);                                                  // 8DWT  90th percentile
  out.add(tags::stat::kMax, hi);                                                   // 84IY  maximum
  out.add(tags::stat::kIqr, p75 - p25);                                            // SALO  P75 - P25
  out.add(tags::stat::kRange, hi - lo);                                            // 2OJQ  max - min
  out.add(tags::stat::kMad, mad);                                                  // 4FUA  sum |X - mu| / N
  out.add(tags::stat::kRmad, rmad);                                                // 1128  MAD of X in [P10, P90]
  out.add(tags::stat::kMedad, medad);                                              // N72L  sum |X - median| / N
  out.add(tags::stat::kCov, mean != 0 ? std::sqrt(var) / mean : NAN);              // 7TET  sigma / mu
  out.add(tags::stat::kQcod, (p75 + p25) != 0 ? (p75 - p25) / (p75 + p25) : NAN);  // 9S40  (P75-P25)/(P75+P25)
  out.add(tags::stat::kEnergy, energy);                                            // N8CA  sum X^2
  out.add(tags::stat::kRms, std::sqrt(energy / nd));                               // 5ZWQ  sqrt(sum X^2 / N)
  if (mean == 0) out.warn("stat_cov is undefined (NaN): the ROI mean intensity is 0");
  if (p75 + p25 == 0) out.warn("stat_qcod is undefined (NaN): P75 + P25 = 0");
}

}  // namespace radiomics
