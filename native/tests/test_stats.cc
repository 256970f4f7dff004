// Intensity statistics on the digital phantom (IBSI reference values, 3 significant digits) and on
// hand-worked tiny cases.
#include <map>
#include <string>

#include "check.h"
#include "core/dispatch.h"
#include "core/error.h"
#include "fixtures.h"
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
  std::vector<double> w = v;
  percentilesInPlace(w, ps, 6, multi);
  for (int i = 0; i < 6; ++i) {
    std::vector<double> u = v;
    CHECK(multi[i] == percentileInPlace(u, ps[i]));
  }
}
