// Intensity histogram (IBSI 3.4): the digital phantom, a hand-worked histogram, mode ties, a constant ROI,
// and agreement with the intensity statistics on integer data (same percentile convention).
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "check.h"
#include "core/discretise.h"
#include "fixtures.h"
#include "histogram.h"
#include "reference.h"
#include "stats.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {

// Histogram features of integer intensities >= 1 (discretisation 'none': level = intensity).
std::map<std::string, double> histOf(const std::vector<double>& values, FeatureSink* sinkOut = nullptr) {
  RoiImage roi = makeRoi(static_cast<int64_t>(values.size()), 1, 1, values, std::vector<uint8_t>(values.size(), 1));
  FeatureSink sink;
  computeIntensityHistogram(discretise(roi, DiscretisationSettings{}, 1 << 16), sink);
  if (sinkOut) *sinkOut = sink;
  return std::map<std::string, double>(sink.features.begin(), sink.features.end());
}

}  // namespace

TEST(histogram_digital_phantom) {
  FeatureSink sink;
  computeIntensityHistogram(discretise(phantomRoi(), DiscretisationSettings{}, 1 << 16), sink);
  CHECK(checkFamilyAgainstReference(sink, "intensity_histogram") == 23);
  CHECK(sink.features.size() == 23);
  CHECK(sink.warnings.empty());
}

TEST(histogram_hand_worked) {
  // Levels 1, 1, 2, 4, 4, 4: H = {2, 1, 0, 3}, N_v = 6, mu = 16/6.
  auto f = histOf({4, 1, 2, 4, 1, 4});
  const double mu = 16.0 / 6.0;
  CHECK_NEAR(f["ih_mean"], mu, 1e-12);
  CHECK_NEAR(f["ih_var"], 102.0 / 54.0, 1e-12);
  const double m3 = (2 * std::pow(1 - mu, 3) + std::pow(2 - mu, 3) + 3 * std::pow(4 - mu, 3)) / 6;
  CHECK_NEAR(f["ih_skew"], m3 / std::pow(102.0 / 54.0, 1.5), 1e-12);
  // Sorted 1 1 2 4 4 4 (linear interpolation): P10 = 1, P25 = 1.25, median = 3, P75 = 4, P90 = 4.
  CHECK_NEAR(f["ih_median"], 3, 1e-12);
  CHECK_NEAR(f["ih_p10"], 1, 1e-12);
  CHECK_NEAR(f["ih_p90"], 4, 1e-12);
  CHECK_NEAR(f["ih_iqr"], 2.75, 1e-12);
  CHECK_NEAR(f["ih_qcod"], 2.75 / 5.25, 1e-12);
  CHECK_NEAR(f["ih_min"], 1, 0);
  CHECK_NEAR(f["ih_max"], 4, 0);
  CHECK_NEAR(f["ih_range"], 3, 0);
  CHECK_NEAR(f["ih_mode"], 4, 0);
  CHECK_NEAR(f["ih_mad"], 4.0 / 3.0, 1e-12);
  CHECK_NEAR(f["ih_rmad"], 4.0 / 3.0, 1e-12);  // [P10, P90] = [1, 4] keeps every voxel
  CHECK_NEAR(f["ih_medad"], 4.0 / 3.0, 1e-12);
  CHECK_NEAR(f["ih_cov"], std::sqrt(102.0 / 54.0) / mu, 1e-12);
  CHECK_NEAR(f["ih_entropy"], -(std::log2(1.0 / 3) / 3 + std::log2(1.0 / 6) / 6 + std::log2(0.5) / 2), 1e-12);
  CHECK_NEAR(f["ih_uniformity"], 14.0 / 36.0, 1e-12);
  // H' = {n2 - n1, (n3 - n1)/2, (n4 - n2)/2, n4 - n3} = {-1, -1, 1, 3}: max 3 at 4, min -1 first at 1.
  CHECK_NEAR(f["ih_max_grad"], 3, 0);
  CHECK_NEAR(f["ih_max_grad_g"], 4, 0);
  CHECK_NEAR(f["ih_min_grad"], -1, 0);
  CHECK_NEAR(f["ih_min_grad_g"], 1, 0);
}

TEST(histogram_robust_mad_excludes_tails) {
  // 1 x 1, 5 x 8, 1 x 20 (N = 7): P10 = 1 + 0.6 * 7 = 5.2, P90 = 8 + 0.4 * 12 = 12.8 -> only the 8s: rMAD 0.
  auto f = histOf({1, 8, 8, 8, 8, 8, 20});
  CHECK_NEAR(f["ih_p10"], 5.2, 1e-12);
  CHECK_NEAR(f["ih_p90"], 12.8, 1e-12);
  CHECK_NEAR(f["ih_rmad"], 0, 1e-12);
  // Two voxels of different levels: [P10, P90] = [1.1, 1.9] holds no voxel -> NaN + warning.
  FeatureSink sink;
  auto g = histOf({1, 2}, &sink);
  CHECK(std::isnan(g["ih_rmad"]));
  CHECK(sink.warnings.size() == 1);
}

TEST(histogram_mode_ties) {
  CHECK_NEAR(histOf({1, 1, 3, 3})["ih_mode"], 1, 0);     // mean 2, equidistant: the lower level
  CHECK_NEAR(histOf({1, 1, 2, 4, 4})["ih_mode"], 1, 0);  // mean 2.4: 1 is 1.4 away, 4 is 1.6
  CHECK_NEAR(histOf({1, 1, 3, 4, 4})["ih_mode"], 4, 0);  // mean 2.6: 4 is closer
}

TEST(histogram_constant_roi) {
  // All voxels at level 3: H = {0, 0, n}. Spread features 0, entropy 0, uniformity 1; H' = {0, n/2, n}.
  FeatureSink sink;
  auto f = histOf({3, 3, 3, 3, 3}, &sink);
  CHECK_NEAR(f["ih_var"], 0, 0);
  CHECK_NEAR(f["ih_skew"], 0, 0);
  CHECK_NEAR(f["ih_kurt"], 0, 0);
  CHECK_NEAR(f["ih_entropy"], 0, 0);
  CHECK(!std::signbit(f["ih_entropy"]));
  CHECK_NEAR(f["ih_uniformity"], 1, 1e-15);
  CHECK_NEAR(f["ih_iqr"], 0, 0);
  CHECK_NEAR(f["ih_qcod"], 0, 0);
  CHECK_NEAR(f["ih_cov"], 0, 0);
  CHECK_NEAR(f["ih_mode"], 3, 0);
  CHECK_NEAR(f["ih_max_grad"], 5, 0);
  CHECK_NEAR(f["ih_max_grad_g"], 3, 0);
  CHECK_NEAR(f["ih_min_grad"], 0, 0);
  CHECK_NEAR(f["ih_min_grad_g"], 1, 0);
  CHECK(sink.warnings.empty());

  // A single grey level (N_g = 1): the gradient is undefined -> NaN + one warning, the rest defined.
  FeatureSink one;
  auto g = histOf({1, 1, 1}, &one);
  CHECK(std::isnan(g["ih_max_grad"]) && std::isnan(g["ih_max_grad_g"]));
  CHECK(std::isnan(g["ih_min_grad"]) && std::isnan(g["ih_min_grad_g"]));
  CHECK(one.warnings.size() == 1);
  CHECK(one.features.size() == 23);
  CHECK_NEAR(g["ih_entropy"], 0, 0);
  CHECK_NEAR(g["ih_mean"], 1, 0);
}

TEST(histogram_agrees_with_statistics_on_integer_levels) {
  std::vector<double> v(997);
  uint64_t s = 3;
  for (double& x : v) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    x = static_cast<double>(1 + (s >> 33) % 23 + ((s >> 40) % 5 == 0 ? 30 : 0));
  }
  auto h = histOf(v);
  FeatureSink st;
  computeIntensityStatistics(makeRoi(static_cast<int64_t>(v.size()), 1, 1, v, std::vector<uint8_t>(v.size(), 1)), st);
  std::map<std::string, double> f(st.features.begin(), st.features.end());
  for (const char* k : {"mean", "var", "skew", "kurt", "median", "min", "p10", "p90", "max", "iqr", "range", "mad",
                        "rmad", "medad", "cov", "qcod"})
    CHECK_NEAR(h[std::string("ih_") + k], f[std::string("stat_") + k], 1e-9);
}

TEST(histogram_fixed_bin_number_levels) {
  // FBN with 8 bins of 0..7 over a ROI holding only 0 and 7: levels 1 and 8, N_g = 8 (empty bins count).
  RoiImage roi = makeRoi(4, 1, 1, {0, 0, 0, 7}, {1, 1, 1, 1});
  DiscretisationSettings d;
  d.method = DiscretisationMethod::FixedBinNumber;
  d.nBins = 8;
  FeatureSink sink;
  computeIntensityHistogram(discretise(roi, d, 1 << 16), sink);
  std::map<std::string, double> f(sink.features.begin(), sink.features.end());
  // H = {3, 0, 0, 0, 0, 0, 0, 1}: H' = {-3, -1.5, 0, 0, 0, 0, 0.5, 1}.
  CHECK_NEAR(f["ih_min_grad"], -3, 0);
  CHECK_NEAR(f["ih_min_grad_g"], 1, 0);
  CHECK_NEAR(f["ih_max_grad"], 1, 0);
  CHECK_NEAR(f["ih_max_grad_g"], 8, 0);
  CHECK_NEAR(f["ih_range"], 7, 0);
}
