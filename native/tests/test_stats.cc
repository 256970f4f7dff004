// Intensity statistics on the digital phantom (IBSI reference values, 3 significant digits) and on
// hand-worked tiny cases.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "check.h"
#include "core/dispatch.h"
#include "core/error.h"
#include "fixtures.h"
#include "order_statistics.h"
#include "stats.h"

using namespace radiomics;
using namespace radiomics_test;

static std::map<std::string, double> statsOf(const RoiImage& roi) {
  FeatureSink sink;
  computeIntensityStatistics(roi, sink);
  return std::map<std::string, double>(sink.features.begin(), sink.features.end());
}

TEST(stats_digital_phantom) {
  auto f = statsOf(phantomRoi());
  CHECK_NEAR(f["stat_mean"], 2.15, 0.005);
  CHECK_NEAR(f["stat_var"], 3.05, 0.005);
  CHECK_NEAR(f["stat_skew"], 1.08, 0.005);
  CHECK_NEAR(f["stat_kurt"], -0.355, 0.0005);
  CHECK_NEAR(f["stat_median"], 1, 1e-12);
  CHECK_NEAR(f["stat_p10"], 1, 1e-12);
  CHECK_NEAR(f["stat_p90"], 4, 1e-12);
  CHECK_NEAR(f["stat_iqr"], 3, 1e-12);
  CHECK_NEAR(f["stat_mad"], 1.55, 0.005);
  CHECK_NEAR(f["stat_rmad"], 1.11, 0.005);
  CHECK_NEAR(f["stat_medad"], 1.15, 0.005);
  CHECK_NEAR(f["stat_cov"], 0.812, 0.0005);
  CHECK_NEAR(f["stat_qcod"], 0.6, 0.0005);
  CHECK_NEAR(f["stat_energy"], 567, 0.5);
  CHECK_NEAR(f["stat_rms"], 2.77, 0.005);
}

TEST(stats_hand_worked_four_voxels) {
  // Values 1, 2, 3, 4: mean 2.5, var 1.25, median 2.5, P10 = 1.3, P90 = 3.7 (linear), energy 30.
  auto f = statsOf(makeRoi(4, 1, 1, {1, 2, 3, 4}, {1, 1, 1, 1}));
  CHECK_NEAR(f["stat_mean"], 2.5, 1e-12);
  CHECK_NEAR(f["stat_var"], 1.25, 1e-12);
  CHECK_NEAR(f["stat_skew"], 0.0, 1e-12);
  CHECK_NEAR(f["stat_kurt"], (2 * 1.5 * 1.5 * 1.5 * 1.5 + 2 * 0.0625) / 4 / (1.25 * 1.25) - 3, 1e-12);
  CHECK_NEAR(f["stat_median"], 2.5, 1e-12);
  CHECK_NEAR(f["stat_p10"], 1.3, 1e-12);
  CHECK_NEAR(f["stat_p90"], 3.7, 1e-12);
  CHECK_NEAR(f["stat_iqr"], 3.25 - 1.75, 1e-12);
  CHECK_NEAR(f["stat_energy"], 30, 1e-12);
  CHECK_NEAR(f["stat_mad"], 1.0, 1e-12);
  // Values within [1.3, 3.7] are 2 and 3: mean 2.5, rMAD 0.5.
  CHECK_NEAR(f["stat_rmad"], 0.5, 1e-12);
  CHECK_NEAR(f["stat_medad"], 1.0, 1e-12);  // (1.5 + 0.5 + 0.5 + 1.5) / 4
  // Five values, unsorted (the four-lane kernels' tail): 5 1 4 2 3. Mean 3, MAD = medAD = 6 / 5,
  // P10 = 1.4, P90 = 4.6, band {2, 3, 4}: rMAD 2 / 3; min 1, max 5, energy 55.
  auto g = statsOf(makeRoi(5, 1, 1, {5, 1, 4, 2, 3}, {1, 1, 1, 1, 1}));
  CHECK_NEAR(g["stat_mad"], 1.2, 1e-12);
  CHECK_NEAR(g["stat_medad"], 1.2, 1e-12);
  CHECK_NEAR(g["stat_rmad"], 2.0 / 3.0, 1e-12);
  CHECK_NEAR(g["stat_p10"], 1.4, 1e-12);
  CHECK_NEAR(g["stat_p90"], 4.6, 1e-12);
  CHECK(g["stat_min"] == 1 && g["stat_max"] == 5 && g["stat_energy"] == 55);
}

TEST(stats_single_voxel_and_constant) {
  auto f = statsOf(makeRoi(1, 1, 1, {7}, {1}));
  CHECK_NEAR(f["stat_mean"], 7, 0);
  CHECK_NEAR(f["stat_var"], 0, 0);
  CHECK_NEAR(f["stat_skew"], 0, 0);
  CHECK_NEAR(f["stat_kurt"], 0, 0);
  CHECK_NEAR(f["stat_qcod"], 0, 0);
  CHECK_NEAR(f["stat_rmad"], 0, 0);
}

TEST(stats_simd_matches_scalar) {
  std::vector<double> v(10007);
  for (size_t i = 0; i < v.size(); ++i) v[i] = std::sin(0.37 * static_cast<double>(i)) * 1000.0 + static_cast<double>(i % 17);
  double a[4], b[4];
  const Isa best = detectIsa();
  setActiveIsa(Isa::Baseline);
  intensityMoments(v.data(), v.size(), a);
  setActiveIsa(best);
  intensityMoments(v.data(), v.size(), b);
  for (int k = 0; k < 4; ++k) CHECK(a[k] == b[k]);  // same association order: bit-identical
  // Every statistic (spread, band and deviation kernels too) on an ROI of these values.
  std::vector<uint8_t> m(v.size(), 1);
  m[5] = m[77] = 0;
  const RoiImage roi = makeRoi(static_cast<int>(v.size()), 1, 1, v, m);
  setActiveIsa(Isa::Baseline);
  const auto base = statsOf(roi);
  setActiveIsa(best);
  const auto simd = statsOf(roi);
  CHECK(base.size() == 18);
  for (const auto& kv : base) CHECK(kv.second == simd.at(kv.first));
}

TEST(crop_rejects_bad_input) {
  std::vector<int16_t> img = phantomImage(), mask = phantomMask();
  RawVolume im = phantomRaw(img), mk = phantomRaw(mask);
  const int64_t m[3] = {1, 1, 1};
  RawVolume shortImg = im;
  shortImg.length = 79;
  CHECK_THROWS_CODE(cropRoi(shortImg, mk, 1, m), code::kDataLength);
  CHECK_THROWS_CODE(cropRoi(im, mk, 7, m), code::kEmptyRoi);
  RawVolume badSpacing = im;
  badSpacing.grid.spacing[1] = 0;
  CHECK_THROWS_CODE(cropRoi(badSpacing, mk, 1, m), code::kBadSpacing);
  RawVolume otherShape = mk;
  otherShape.grid.nx = 4; otherShape.grid.ny = 5;
  CHECK_THROWS_CODE(cropRoi(im, otherShape, 1, m), code::kShapeMismatch);
  std::vector<double> nanImg(80, 1.0);
  nanImg[0] = NAN;
  RawVolume nanVol = im;
  nanVol.data = nanImg.data();
  nanVol.dtype = DType::F64;
  CHECK_THROWS_CODE(cropRoi(nanVol, mk, 1, m), code::kNonFinite);
}

#include "reference.h"

TEST(stats_ibsi_rule_on_phantom) {
  FeatureSink sink;
  computeIntensityStatistics(phantomRoi(), sink);
  CHECK(checkFamilyAgainstReference(sink, "intensity_statistics") == 18);
}

TEST(stats_multi_percentiles_match_single) {
  std::vector<double> v(1001);
  for (size_t i = 0; i < v.size(); ++i) v[i] = std::fmod(static_cast<double>(i) * 7919.0, 1009.0) * 0.5;
  const double ps[6] = {0.0, 0.1, 0.25, 0.5, 0.9, 1.0};
  double multi[6];
  const std::vector<double> before = v;
  const auto range = std::minmax_element(v.begin(), v.end());
  percentiles(v.data(), v.size(), *range.first, *range.second, ps, 6, multi);
  CHECK(v == before);  // input untouched
  for (int i = 0; i < 6; ++i) {
    std::vector<double> u = v;
    CHECK(multi[i] == percentileInPlace(u, ps[i]));
  }
}

// valuesAtRanks against a full sort, on data that stresses the bucket histogram: ties, one dominant
// value, outliers that squeeze the rest into one bucket, a spread near the double range, tiny spreads,
// negative zero, sizes around the histogram's threshold.
TEST(order_statistics_match_sort) {
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  std::vector<std::vector<double>> cases;
  for (size_t n : {1, 2, 3, 7, 127, 128, 129, 1000, 4096}) {
    std::vector<double> uniform(n), ties(n), skew(n), outlier(n);
    for (size_t i = 0; i < n; ++i) {
      uniform[i] = next() * 2000.0 - 1000.0;
      ties[i] = std::floor(next() * 5.0);
      skew[i] = std::exp(next() * 30.0);
      outlier[i] = next();
    }
    outlier[n / 2] = 1e15;
    cases.push_back(uniform), cases.push_back(ties), cases.push_back(skew), cases.push_back(outlier);
  }
  std::vector<double> wide(2000), tiny(2000), zeros(500, 0.0), constant(300, 42.5);
  for (size_t i = 0; i < wide.size(); ++i) wide[i] = (next() * 2.0 - 1.0) * 1.7e308;
  wide[0] = -1.7976931348623157e308, wide[1] = 1.7976931348623157e308;
  for (size_t i = 0; i < tiny.size(); ++i) tiny[i] = 1.0 + next() * 1e-15;
  for (size_t i = 0; i < zeros.size(); i += 2) zeros[i] = -0.0;
  zeros[7] = 5e-324;
  cases.push_back(wide), cases.push_back(tiny), cases.push_back(zeros), cases.push_back(constant);
  for (const std::vector<double>& v : cases) {
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = v.size();
    std::vector<size_t> ranks;
    if (n <= 200) {
      for (size_t r = 0; r < n; ++r) ranks.push_back(r);
    } else {
      for (size_t r : {size_t(0), n / 10, n / 4, n / 2 - 1, n / 2, n / 2 + 1, 3 * n / 4, 9 * n / 10, n - 1})
        if (ranks.empty() || ranks.back() < r) ranks.push_back(r);
    }
    std::vector<double> got(ranks.size());
    valuesAtRanks(v.data(), n, ranks.data(), ranks.size(), got.data());
    for (size_t j = 0; j < ranks.size(); ++j) CHECK(got[j] == sorted[ranks[j]]);
  }
}
