#include "histogram.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/feature_tags.h"

namespace radiomics {
namespace {

// Value at 0-based position `rank` of the sorted grey levels, read from the cumulative histogram:
// the smallest level i with cum[i] > rank (cum[i] = n_1 + ... + n_i).
double levelAtRank(const std::vector<int64_t>& cum, int64_t rank) {
  const auto it = std::upper_bound(cum.begin() + 1, cum.end(), rank);
  return static_cast<double>(it - cum.begin());
}

// Linear-interpolated percentile (numpy "linear"), the convention of percentileInPlace (stats.cc),
// evaluated on the histogram instead of a sorted copy: same position, same interpolation formula.
double histogramPercentile(const std::vector<int64_t>& cum, double p) {
  const int64_t n = cum.back();
  const double pos = p * static_cast<double>(n - 1);
  const int64_t lo = static_cast<int64_t>(std::floor(pos));
  const double frac = pos - static_cast<double>(lo);
  const double a = levelAtRank(cum, lo);
  if (frac == 0 || lo + 1 >= n) return a;
  const double b = levelAtRank(cum, lo + 1);
  return a + frac * (b - a);
}

}  // namespace

void computeIntensityHistogram(const DiscreteImage& image, FeatureSink& out) {
  // H = {n_1, ..., n_Ng} over every level 1..N_g, empty bins included (the gradient needs them).
  uint32_t ng = image.nLevels;
  for (uint32_t l : image.levels) ng = std::max(ng, l);
  if (ng == 0) return;  // empty intensity mask: nothing to describe
  std::vector<int64_t> hist(static_cast<size_t>(ng) + 1, 0);
  for (uint32_t l : image.levels)
    if (l) ++hist[l];
  std::vector<int64_t> cum(hist.size(), 0);  // cum[i] = n_1 + ... + n_i
  for (size_t i = 1; i < hist.size(); ++i) cum[i] = cum[i - 1] + hist[i];
  const int64_t nv = cum.back();
  if (nv == 0) return;
  const double n = static_cast<double>(nv);

  // Moments and extremes, from p_i = n_i / N_v.
  double mean = 0;
  for (uint32_t i = 1; i <= ng; ++i) mean += static_cast<double>(i) * static_cast<double>(hist[i]);
  mean /= n;
  double m2 = 0, m3 = 0, m4 = 0, mad = 0, entropy = 0, uniformity = 0;
  uint32_t lo = 0, hi = 0;
  for (uint32_t i = 1; i <= ng; ++i) {
    if (!hist[i]) continue;
    if (!lo) lo = i;
    hi = i;
    const double c = static_cast<double>(hist[i]), p = c / n, d = static_cast<double>(i) - mean, d2 = d * d;
    m2 += c * d2;
    m3 += c * d2 * d;
    m4 += c * d2 * d2;
    mad += c * std::fabs(d);
    entropy -= p * std::log2(p);
    uniformity += p * p;
  }
  const double var = m2 / n;
  mad /= n;

  const double p10 = histogramPercentile(cum, 0.10);
  const double p25 = histogramPercentile(cum, 0.25);
  const double median = histogramPercentile(cum, 0.50);
  const double p75 = histogramPercentile(cum, 0.75);
  const double p90 = histogramPercentile(cum, 0.90);

  // Robust MAD over the levels within [P10, P90]; median absolute deviation.
  double rsum = 0, rcount = 0, medad = 0;
  for (uint32_t i = 1; i <= ng; ++i) {
    const double x = static_cast<double>(i), c = static_cast<double>(hist[i]);
    medad += c * std::fabs(x - median);
    if (x >= p10 && x <= p90) {
      rsum += c * x;
      rcount += c;
    }
  }
  medad /= n;
  // [P10, P90] can fall strictly between two levels (two voxels of different levels): no voxel in it.
  double rmad = NAN;
  if (rcount > 0) {
    const double rmean = rsum / rcount;
    rmad = 0;
    for (uint32_t i = 1; i <= ng; ++i) {
      const double x = static_cast<double>(i);
      if (x >= p10 && x <= p90) rmad += static_cast<double>(hist[i]) * std::fabs(x - rmean);
    }
    rmad /= rcount;
  }

  // Mode: the most frequent level; ties -> the one closest to the mean, then the lower one.
  uint32_t mode = lo;
  for (uint32_t i = lo + 1; i <= hi; ++i) {
    if (hist[i] > hist[mode] ||
        (hist[i] == hist[mode] && std::fabs(static_cast<double>(i) - mean) < std::fabs(static_cast<double>(mode) - mean)))
      mode = i;
  }

  out.add(tags::ih::kMean, mean);                                           // X6K6  sum i p_i
  out.add(tags::ih::kVar, var);                                             // CH89  sum (i - mu)^2 p_i
  out.add(tags::ih::kSkew, var > 0 ? (m3 / n) / std::pow(var, 1.5) : 0.0);  // 88K1  mu3 / sigma^3 (0 if var = 0)
  out.add(tags::ih::kKurt, var > 0 ? (m4 / n) / (var * var) - 3.0 : 0.0);   // C3I7  mu4 / sigma^4 - 3 (0 if var = 0)
  out.add(tags::ih::kMedian, median);                                       // WIFQ  median of X_d
  out.add(tags::ih::kMin, lo);                                              // 1PR8  min X_d
  out.add(tags::ih::kP10, p10);                                             // GPMT  P10 (linear interpolation)
  out.add(tags::ih::kP90, p90);                                             // OZ0C  P90 (linear interpolation)
  out.add(tags::ih::kMax, hi);                                              // 3NCY  max X_d
  out.add(tags::ih::kMode, mode);                                           // AMMC  argmax n_i (ties: closest to mu, then lower)
  out.add(tags::ih::kIqr, p75 - p25);                                       // WR0O  P75 - P25
  out.add(tags::ih::kRange, static_cast<double>(hi) - lo);                  // 5Z3W  max X_d - min X_d
  out.add(tags::ih::kMad, mad);                                             // D2ZX  sum |X_d - mu| / N_v
  out.add(tags::ih::kRmad, rmad);                                           // WRZB  MAD of X_d within [P10, P90]
  out.add(tags::ih::kMedad, medad);                                         // 4RNL  sum |X_d - median| / N_v
  out.add(tags::ih::kCov, std::sqrt(var) / mean);                           // CWYJ  sigma / mu (mu >= 1: levels start at 1)
  out.add(tags::ih::kQcod, (p75 - p25) / (p75 + p25));                      // SLWD  (P75 - P25) / (P75 + P25), P25 >= 1
  out.add(tags::ih::kEntropy, entropy == 0 ? 0.0 : entropy);                // TLU2  -sum p_i log2 p_i (no -0)
  out.add(tags::ih::kUniformity, uniformity);                               // BJ5W  sum p_i^2
  if (rcount == 0) out.warn("ih_rmad is undefined (NaN): no voxel lies within [P10, P90]");

  // Histogram gradient H' over levels 1..N_g: n_2 - n_1 at i = 1, (n_{i+1} - n_{i-1}) / 2 inside,
  // n_Ng - n_{Ng-1} at i = N_g. Undefined for a single grey level (N_g = 1).
  if (ng < 2) {
    out.add(tags::ih::kMaxGrad, NAN);
    out.add(tags::ih::kMaxGradG, NAN);
    out.add(tags::ih::kMinGrad, NAN);
    out.add(tags::ih::kMinGradG, NAN);
    out.warn("ih_max_grad, ih_max_grad_g, ih_min_grad, ih_min_grad_g are undefined (NaN): the histogram has a single grey level");
    return;
  }
  auto grad = [&](uint32_t i) -> double {
    if (i == 1) return static_cast<double>(hist[2] - hist[1]);
    if (i == ng) return static_cast<double>(hist[ng] - hist[ng - 1]);
    return static_cast<double>(hist[i + 1] - hist[i - 1]) / 2.0;
  };
  uint32_t imax = 1, imin = 1;
  double gmax = grad(1), gmin = gmax;
  for (uint32_t i = 2; i <= ng; ++i) {  // first (lowest) level on ties
    const double g = grad(i);
    if (g > gmax) {
      gmax = g;
      imax = i;
    }
    if (g < gmin) {
      gmin = g;
      imin = i;
    }
  }
  out.add(tags::ih::kMaxGrad, gmax);   // 12CE  max H'
  out.add(tags::ih::kMaxGradG, imax);  // 8E6O  i of max H'
  out.add(tags::ih::kMinGrad, gmin);   // VQB3  min H'
  out.add(tags::ih::kMinGradG, imin);  // RHQZ  i of min H'
}

}  // namespace radiomics
