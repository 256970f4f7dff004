// Intensity-volume histogram (IBSI 3.5): the digital phantom, negative (CT-like) intensities with and
// without a re-segmentation range, fixed bin size with bin centres, fixed bin number, degenerate ranges.
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "check.h"
#include "core/error.h"
#include "fixtures.h"
#include "ivh.h"
#include "reference.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {

std::map<std::string, double> ivhOf(const std::vector<double>& values, const IvhSettings& s,
                                    FeatureSink* sinkOut = nullptr) {
  RoiImage roi = makeRoi(static_cast<int64_t>(values.size()), 1, 1, values, std::vector<uint8_t>(values.size(), 1));
  FeatureSink sink;
  computeIntensityVolumeHistogram(roi, s, sink);
  if (sinkOut) *sinkOut = sink;
  return std::map<std::string, double>(sink.features.begin(), sink.features.end());
}

}  // namespace

TEST(ivh_digital_phantom) {
  FeatureSink sink;
  computeIntensityVolumeHistogram(phantomRoi(), IvhSettings{}, sink);
  CHECK(checkFamilyAgainstReference(sink, "intensity_volume_histogram") == 6);
  std::map<std::string, double> f(sink.features.begin(), sink.features.end());
  CHECK(f.size() == 7);
  // nu over i = 1..6 (74 voxels): 74, 24, 24, 23, 7, 7 voxels; gamma steps of 0.2. Trapezoidal area:
  // 0.2 * (159 - (74 + 7) / 2) / 74.
  CHECK_NEAR(f["ivh_auc"], 0.2 * (159 - 40.5) / 74, 1e-12);
  CHECK_NEAR(f["ivh_v10"], 24.0 / 74, 1e-12);
  CHECK_NEAR(f["ivh_v90"], 7.0 / 74, 1e-12);
}

TEST(ivh_none_negative_intensities) {
  // -3, -1, -1, 0, 2 (no range): G = [-3, 2], grid -3..2, voxels at or above: 5, 4, 4, 2, 1, 1.
  const std::vector<double> v = {0, -1, 2, -3, -1};
  auto f = ivhOf(v, IvhSettings{});
  CHECK_NEAR(f["ivh_v10"], 0.8, 1e-12);  // first gamma >= 0.1: i = -2 (gamma 0.2)
  CHECK_NEAR(f["ivh_v90"], 0.2, 1e-12);  // gamma >= 0.9: i = 2
  CHECK_NEAR(f["ivh_i90"], -2, 0);       // nu <= 0.9 first at -2 (4 of 5 voxels)
  CHECK_NEAR(f["ivh_i10"], 3, 0);        // no grid intensity holds <= 10%: the next one, 3 (nu = 0)
  CHECK_NEAR(f["ivh_diff_v10_v90"], 0.6, 1e-12);
  CHECK_NEAR(f["ivh_diff_i10_i90"], 5, 0);
  CHECK_NEAR(f["ivh_auc"], (3.4 - 0.6) / 5, 1e-12);

  // Re-segmentation range [-5, 5]: G is the range, absent intensities included; grid -5..5.
  IvhSettings r;
  r.discretisation.hasMin = r.discretisation.hasMax = true;
  r.discretisation.min = -5;
  r.discretisation.max = 5;
  auto g = ivhOf(v, r);
  CHECK_NEAR(g["ivh_v10"], 1.0, 1e-12);  // gamma = 0.1 exactly at -4
  CHECK_NEAR(g["ivh_v90"], 0.0, 1e-12);  // gamma 0.9 at 4: no voxel
  CHECK_NEAR(g["ivh_i10"], 3, 0);
  CHECK_NEAR(g["ivh_i90"], -2, 0);
  CHECK_NEAR(g["ivh_auc"], (27.0 / 5 - 0.5) / 10, 1e-12);

  // Half-open range (lower bound only): G = [-5, max X] = [-5, 2].
  IvhSettings h;
  h.discretisation.hasMin = true;
  h.discretisation.min = -5;
  auto k = ivhOf(v, h);
  CHECK_NEAR(k["ivh_v90"], 0.2, 1e-12);  // gamma >= 0.9 at 2 (6.3 / 7 -> i = -5 + 7)
  CHECK_NEAR(k["ivh_v10"], 1.0, 1e-12);  // gamma >= 0.1 at -4
}

TEST(ivh_fixed_bin_size_uses_bin_centres) {
  // w = 1, X_min = 0, X_max = 3: levels 1, 1, 2, 3, 3 and N_g = 4 -> centres 0.5, 1.5, 2.5, 3.5 = G.
  IvhSettings s;
  s.discretisation.method = DiscretisationMethod::FixedBinSize;
  s.discretisation.binWidth = 1;
  s.discretisation.hasMin = s.discretisation.hasMax = true;
  s.discretisation.min = 0;
  s.discretisation.max = 3;
  auto f = ivhOf({0.0, 0.3, 1.2, 2.6, 2.9}, s);
  // Voxels at or above each centre: 5, 3, 2, 0; gamma 0, 1/3, 2/3, 1.
  CHECK_NEAR(f["ivh_v10"], 0.6, 1e-12);
  CHECK_NEAR(f["ivh_v90"], 0.0, 1e-12);
  CHECK_NEAR(f["ivh_i10"], 3.5, 1e-12);  // a bin centre, not a bin number
  CHECK_NEAR(f["ivh_i90"], 1.5, 1e-12);
  CHECK_NEAR(f["ivh_diff_i10_i90"], 2.0, 1e-12);
  CHECK_NEAR(f["ivh_auc"], (2.0 - 0.5) / 3, 1e-12);

  // Config C-like: w = 2.5 HU on [-1000, 400] (N_g = 561, centres -998.75 + 2.5 k).
  s.discretisation.binWidth = 2.5;
  s.discretisation.min = -1000;
  s.discretisation.max = 400;
  auto g = ivhOf({-1000, -997, -990, 399, 400}, s);
  CHECK_NEAR(g["ivh_i90"], -996.25, 1e-9);  // first centre above the -1000 voxel's bin
  CHECK_NEAR(g["ivh_v10"], 0.4, 1e-12);     // gamma >= 0.1 from centre 56 (-858.75): the two top voxels
  CHECK_NEAR(g["ivh_v90"], 0.4, 1e-12);
  CHECK_NEAR(g["ivh_i10"], -998.75 + 561 * 2.5, 1e-9);  // past the last centre (the top bin holds 20%)
}

TEST(ivh_fixed_bin_number) {
  // 0..9 in 5 bins: two voxels per level, G = [1, 5]; voxels at or above level: 10, 8, 6, 4, 2.
  IvhSettings s;
  s.discretisation.method = DiscretisationMethod::FixedBinNumber;
  s.discretisation.nBins = 5;
  auto f = ivhOf({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, s);
  CHECK_NEAR(f["ivh_v10"], 0.8, 1e-12);
  CHECK_NEAR(f["ivh_v90"], 0.2, 1e-12);
  CHECK_NEAR(f["ivh_i90"], 2, 0);
  CHECK_NEAR(f["ivh_i10"], 6, 0);  // level 5 holds 20%: the next level
  CHECK_NEAR(f["ivh_auc"], (3.0 - 0.6) / 4, 1e-12);
}

TEST(ivh_constant_roi) {
  // One intensity, no range: G = [7, 7] has a single point, intensity fractions are undefined.
  FeatureSink sink;
  auto f = ivhOf({7, 7, 7}, IvhSettings{}, &sink);
  CHECK(std::isnan(f["ivh_v10"]) && std::isnan(f["ivh_v90"]) && std::isnan(f["ivh_diff_v10_v90"]));
  CHECK(sink.warnings.size() == 1);
  CHECK_NEAR(f["ivh_i10"], 8, 0);
  CHECK_NEAR(f["ivh_i90"], 8, 0);
  CHECK_NEAR(f["ivh_diff_i10_i90"], 0, 0);
  CHECK_NEAR(f["ivh_auc"], 0, 0);  // IBSI: 0 for a single discretised intensity
}

TEST(ivh_none_non_integer_and_bad_range) {
  FeatureSink sink;
  auto f = ivhOf({0.5, 1.25, 2.0}, IvhSettings{}, &sink);  // grid 0.5, 1.5: voxels at or above 3, 1
  CHECK(sink.warnings.size() == 1);
  CHECK_NEAR(f["ivh_v90"], 0.0, 1e-12);  // gamma(1.5) = 1 / 1.5 < 0.9: past the grid
  CHECK_NEAR(f["ivh_v10"], 1.0 / 3, 1e-12);
  IvhSettings bad;
  bad.discretisation.hasMin = bad.discretisation.hasMax = true;
  bad.discretisation.min = 10;
  bad.discretisation.max = -10;
  RoiImage roi = makeRoi(2, 1, 1, {1, 2}, {1, 1});
  CHECK_THROWS_CODE(computeIntensityVolumeHistogram(roi, bad, sink), code::kInvalidConfig);
  IvhSettings wide;
  wide.discretisation.hasMax = true;
  wide.discretisation.max = 1e300;
  CHECK_THROWS_CODE(computeIntensityVolumeHistogram(roi, wide, sink), code::kMatrixTooLarge);
}
