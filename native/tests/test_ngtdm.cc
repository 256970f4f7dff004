// NGTDM (IBSI 3.10): the digital phantom's matrices as written out in the IBSI manual, every phantom reference
// value by the IBSI rule, hand-worked cases, undefined cases (NaN + warning) and edge cases.
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "check.h"
#include "core/discretise.h"
#include "core/dispatch.h"
#include "core/error.h"
#include "fixtures.h"
#include "ngtdm.h"
#include "reference.h"
#include "texture_fixtures.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {


std::map<std::string, double> ngtdmOf(const DiscreteImage& im, TextureSettings t = TextureSettings(),
                                       FeatureSink* keep = nullptr) {
  return familyFeatures(computeNgtdm, im, t, keep);
}

// (grey level i, s_i, n_i) as the manual lists them; levels not listed have n_i = s_i = 0.
using Rows = std::vector<std::tuple<int, double, double>>;

void checkNgtdmMatrix(const FeatureSink& sink, const std::string& name, const Rows& expected) {
  const NamedMatrix* m = findMatrix(sink, name);
  if (!m) return;
  CHECK(m->cols == 2);
  std::vector<double> s(static_cast<size_t>(m->rows) + 1, 0.0), n(static_cast<size_t>(m->rows) + 1, 0.0);
  for (const auto& r : expected) {
    s[static_cast<size_t>(std::get<0>(r))] = std::get<1>(r);
    n[static_cast<size_t>(std::get<0>(r))] = std::get<2>(r);
  }
  for (int64_t i = 1; i <= m->rows; ++i) {
    CHECK_NEAR(m->data[static_cast<size_t>(2 * (i - 1))], s[static_cast<size_t>(i)], 1e-6);
    CHECK_NEAR(m->data[static_cast<size_t>(2 * (i - 1) + 1)], n[static_cast<size_t>(i)], 0);
  }
}

}  // namespace

TEST(ngtdm_phantom_matrices) {
  // IBSI manual, "Digital phantom texture matrices": NGTDM (2D) per slice and NGTDM (3D), delta = 1; (i, s, n).
  FeatureSink sink;
  TextureSettings t;
  t.returnMatrices = true;
  ngtdmOf(levelsOf(phantomRoi()), t, &sink);
  checkNgtdmMatrix(sink, "ngt_2D_z0", {{1, 14.575, 9}, {4, 5.775, 8}, {6, 7.325, 3}});
  checkNgtdmMatrix(sink, "ngt_2D_z1", {{1, 11.928571, 12}, {3, 0.375, 1}, {4, 4.8, 4}, {6, 8.0, 2}});
  checkNgtdmMatrix(sink, "ngt_2D_z2", {{1, 7.985714, 14}, {4, 4.65, 2}, {6, 5.0, 1}});
  checkNgtdmMatrix(sink, "ngt_2D_z3", {{1, 7.582143, 15}, {4, 4.65, 2}, {6, 5.0, 1}});
  checkNgtdmMatrix(sink, "ngt_3D", {{1, 39.946954, 50}, {3, 0.2, 1}, {4, 20.825401, 16}, {6, 24.127005, 7}});
  checkNgtdmMatrix(sink, "ngt_2_5D", {{1, 14.575 + 11.928571 + 7.985714 + 7.582143, 50},
                                 {3, 0.375, 1},
                                 {4, 5.775 + 4.8 + 4.65 + 4.65, 16},
                                 {6, 7.325 + 8.0 + 5.0 + 5.0, 7}});
}

TEST(ngtdm_ibsi_rule_on_phantom) {
  FeatureSink sink;
  ngtdmOf(levelsOf(phantomRoi()), TextureSettings(), &sink);
  CHECK(checkFamilyAgainstReference(sink, "ngtdm") == 15);
  CHECK(sink.features.size() == 15);
  CHECK(sink.warnings.empty());
}

TEST(ngtdm_hand_worked_row) {
  // Row 1 2 3: neighbour means 2, 2, 2 -> s = (1, 0, 1), n = (1, 1, 1), N_vc = 3, p_i = 1/3, N_gp = 3.
  auto f = ngtdmOf(levelsOf(makeRoi(3, 1, 1, {1, 2, 3}, {1, 1, 1})));
  for (const char* a : {"_2D", "_2_5D", "_3D"}) {
    const std::string s = a;
    CHECK_NEAR(f["ngt_coarseness" + s], 1.5, 1e-12);     // 1 / (2/3)
    CHECK_NEAR(f["ngt_contrast" + s], 4.0 / 27, 1e-12);  // (12/9) / (3*2) * (2/3)
    CHECK_NEAR(f["ngt_busyness" + s], 0.25, 1e-12);      // (2/3) / (2 * (1/3 + 2/3 + 1/3))
    CHECK_NEAR(f["ngt_complexity" + s], 2, 1e-12);       // 2 * (1/2 + 2 + 1/2) / 3
    CHECK_NEAR(f["ngt_strength" + s], 4, 1e-12);         // 2 * (2/3) * (1 + 4 + 1) / 2
  }
}

TEST(ngtdm_neighbours_outside_roi_excluded) {
  // Row 1 2 [9] 3 4 with the 9 outside the ROI: voxel 2's only neighbour is 1, voxel 3's only neighbour is 4.
  // s = (1, 1, 1, 1) for levels 1..4 (|1-2|, |2-1|, |3-4|, |4-3|), n = 1 each.
  FeatureSink sink;
  TextureSettings t;
  t.returnMatrices = true;
  auto f = ngtdmOf(levelsOf(makeRoi(5, 1, 1, {1, 2, 9, 3, 4}, {1, 1, 0, 1, 1})), t, &sink);
  checkNgtdmMatrix(sink, "ngt_3D", {{1, 1, 1}, {2, 1, 1}, {3, 1, 1}, {4, 1, 1}});
  CHECK_NEAR(f["ngt_coarseness_3D"], 1, 1e-12);
  // Larger neighbourhood (delta = 2): voxel 2 (x = 1) now also sees 3 (x = 3): mean 2 -> s_2 = 0.
  t.neighbourhoodDistance = 2;
  sink = FeatureSink();
  ngtdmOf(levelsOf(makeRoi(5, 1, 1, {1, 2, 9, 3, 4}, {1, 1, 0, 1, 1})), t, &sink);
  // x=0 (1): neighbours 2 -> 1; x=1 (2): 1, 3 -> 0; x=3 (3): 2, 4 -> 0; x=4 (4): 3 -> 1.
  checkNgtdmMatrix(sink, "ngt_3D", {{1, 1, 1}, {2, 0, 1}, {3, 0, 1}, {4, 1, 1}});
}

TEST(ngtdm_constant_roi) {
  // Every voxel equals its neighbours: sum p_i s_i = 0 -> coarseness at the 10^6 cap; N_gp = 1 -> 0.
  FeatureSink sink;
  auto f = ngtdmOf(levelsOf(makeRoi(3, 3, 3, std::vector<double>(27, 4), std::vector<uint8_t>(27, 1))),
                   TextureSettings(), &sink);
  for (const char* a : {"_2D", "_2_5D", "_3D"}) {
    const std::string s = a;
    CHECK_NEAR(f["ngt_coarseness" + s], 1e6, 0);
    CHECK_NEAR(f["ngt_contrast" + s], 0, 0);
    CHECK_NEAR(f["ngt_busyness" + s], 0, 0);
    CHECK_NEAR(f["ngt_complexity" + s], 0, 0);
    CHECK_NEAR(f["ngt_strength" + s], 0, 0);
  }
  CHECK(sink.warnings.empty());
}

TEST(ngtdm_single_voxel_and_isolated_voxels) {
  // No voxel has a neighbour in the ROI: N_vc = 0, every feature NaN with a warning, no crash.
  FeatureSink sink;
  auto f = ngtdmOf(levelsOf(makeRoi(1, 1, 1, {3}, {1})), TextureSettings(), &sink);
  CHECK(f.size() == 15);
  for (const auto& kv : f) CHECK(std::isnan(kv.second));
  CHECK(!sink.warnings.empty());
  // Two disjoint single voxels (a gap between them): the same.
  auto g = ngtdmOf(levelsOf(makeRoi(3, 1, 1, {1, 1, 2}, {1, 0, 1})), TextureSettings(), &sink);
  for (const auto& kv : g) CHECK(std::isnan(kv.second));
  // Two slices of one voxel each, linked only through z: 3D is defined, 2D / 2.5D are not.
  FeatureSink s2;
  auto h = ngtdmOf(levelsOf(makeRoi(1, 1, 2, {1, 3}, {1, 1})), TextureSettings(), &s2);
  CHECK(std::isnan(h["ngt_coarseness_2D"]) && std::isnan(h["ngt_strength_2_5D"]));
  CHECK_NEAR(h["ngt_coarseness_3D"], 0.5, 1e-12);  // s = (2, 2), p = 1/2
  CHECK(s2.warnings.size() >= 2);
  // A slice without in-plane neighbours is left out of the 2D average (with a warning).
  FeatureSink s3;
  auto k = ngtdmOf(levelsOf(makeRoi(3, 1, 2, {1, 2, 3, 5, 0, 0}, {1, 1, 1, 1, 0, 0})), TextureSettings(), &s3);
  CHECK_NEAR(k["ngt_coarseness_2D"], 1.5, 1e-12);
  CHECK(!s3.warnings.empty());
}

TEST(ngtdm_busyness_undefined) {
  // Row 1 1 2: p_1 = 2/3, p_2 = 1/3 so 1 * p_1 = 2 * p_2 and the busyness denominator is 0: NaN + warning.
  FeatureSink sink;
  auto f = ngtdmOf(levelsOf(makeRoi(3, 1, 1, {1, 1, 2}, {1, 1, 1})), TextureSettings(), &sink);
  CHECK(std::isnan(f["ngt_busyness_3D"]));
  CHECK(std::isnan(f["ngt_busyness_2D"]));
  CHECK(std::isfinite(f["ngt_coarseness_3D"]));
  CHECK_NEAR(f["ngt_coarseness_3D"], 1.5, 1e-12);  // s = (0 + 0.5, 1): sum p s = 2/3 * 0.5 + 1/3 * 1
  CHECK(sink.warnings.size() >= 2);
}

TEST(ngtdm_1000_grey_levels_too_large_and_isa) {
  std::vector<double> v(1000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>((i * 7919) % 1000 + 1);
  const DiscreteImage im = levelsOf(makeRoi(10, 10, 10, v, std::vector<uint8_t>(1000, 1)));
  FeatureSink sink;
  auto f = ngtdmOf(im, TextureSettings(), &sink);
  for (const auto& kv : f) CHECK(std::isfinite(kv.second));
  TextureSettings t;
  t.maxMatrixBytes = 1024;  // (N_g + 1) x 2 doubles do not fit
  CHECK_THROWS_CODE(computeNgtdm(im, t, sink), code::kMatrixTooLarge);
  TextureSettings bad;
  bad.neighbourhoodDistance = 0;
  CHECK_THROWS_CODE(computeNgtdm(im, bad, sink), code::kInvalidConfig);
  // The dispatched kernel gives the same values on the scalar path.
  const Isa best = detectIsa();
  setActiveIsa(Isa::Baseline);
  auto g = ngtdmOf(im);
  setActiveIsa(best);
  for (const auto& kv : f) CHECK(g[kv.first] == kv.second);
}

TEST(ngtdm_level_types_and_wide_sums) {
  // Scaling every level by s scales s_i by s: coarseness / s, contrast * s^3, busyness unchanged,
  // complexity * s^2, strength * s. Checks the 16- and 32-bit level paths and, with delta = 4 and ~10^7 levels,
  // the double neighbour sums (W * N_g >= 2^32).
  for (int delta : {1, 4}) {
    TextureSettings t;
    t.neighbourhoodDistance = delta;
    auto base = ngtdmOf(levelsOf(phantomRoi()), t);
    for (double s : {1000.0, 20000.0, 2e6}) {
      RoiImage r = phantomRoi();
      for (double& x : r.intensity) x *= s;
      auto f = ngtdmOf(levelsOf(r, 1u << 24), t);
      for (const char* a : {"_2D", "_2_5D", "_3D"}) {
        const std::string g = a;
        CHECK_NEAR(f["ngt_coarseness" + g] * s / base["ngt_coarseness" + g], 1, 1e-9);
        CHECK_NEAR(f["ngt_contrast" + g] / (s * s * s) / base["ngt_contrast" + g], 1, 1e-9);
        CHECK_NEAR(f["ngt_busyness" + g] / base["ngt_busyness" + g], 1, 1e-9);
        CHECK_NEAR(f["ngt_complexity" + g] / (s * s) / base["ngt_complexity" + g], 1, 1e-9);
        CHECK_NEAR(f["ngt_strength" + g] / s / base["ngt_strength" + g], 1, 1e-9);
      }
    }
  }
}

TEST(ngtdm_empty_image) {
  DiscreteImage im;
  im.grid.nx = im.grid.ny = im.grid.nz = 3;
  im.levels.assign(27, 0);
  im.nLevels = 1;
  FeatureSink sink;
  auto f = ngtdmOf(im, TextureSettings(), &sink);
  CHECK(f.size() == 15);
  for (const auto& kv : f) CHECK(std::isnan(kv.second));
  CHECK(!sink.warnings.empty());
}
