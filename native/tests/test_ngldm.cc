// NGLDM (IBSI 3.11): the digital phantom's matrices as written out in the IBSI manual, every phantom reference
// value by the IBSI rule, hand-worked cases (alpha, delta) and edge cases.
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
#include "ngldm.h"
#include "reference.h"
#include "texture_fixtures.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {


std::map<std::string, double> ngldmOf(const DiscreteImage& im, TextureSettings t = TextureSettings(),
                                       FeatureSink* keep = nullptr) {
  return familyFeatures(computeNgldm, im, t, keep);
}


}  // namespace

TEST(ngldm_phantom_matrices) {
  // IBSI manual, "Digital phantom texture matrices": NGLDM (2D) per slice and NGLDM (3D), delta = 1, alpha = 0;
  // (i, j, s).
  FeatureSink sink;
  TextureSettings t;
  t.returnMatrices = true;
  ngldmOf(levelsOf(phantomRoi()), t, &sink);
  checkMatrix(sink, "ngl_2D_z0",
              {{1, 2, 3}, {1, 3, 1}, {1, 4, 3}, {1, 5, 2}, {4, 2, 2}, {4, 3, 4}, {4, 4, 2}, {6, 2, 2}, {6, 3, 1}});
  checkMatrix(sink, "ngl_2D_z1", {{1, 3, 2}, {1, 4, 6}, {1, 6, 4}, {3, 1, 1}, {4, 2, 4}, {6, 1, 2}});
  checkMatrix(sink, "ngl_2D_z2", {{1, 3, 1}, {1, 4, 5}, {1, 5, 3}, {1, 6, 3}, {1, 7, 2}, {4, 2, 2}, {6, 1, 1}});
  checkMatrix(sink, "ngl_2D_z3",
              {{1, 3, 1}, {1, 4, 3}, {1, 5, 3}, {1, 6, 4}, {1, 7, 1}, {1, 8, 3}, {4, 2, 2}, {6, 1, 1}});
  checkMatrix(sink, "ngl_3D",
              {{1, 5, 2},  {1, 6, 2},  {1, 7, 1},  {1, 8, 6},  {1, 9, 4},  {1, 10, 6}, {1, 11, 5},
               {1, 12, 5}, {1, 13, 3}, {1, 14, 2}, {1, 15, 5}, {1, 16, 3}, {1, 17, 3}, {1, 18, 2},
               {1, 21, 1}, {3, 1, 1},  {4, 2, 2},  {4, 4, 2},  {4, 5, 6},  {4, 6, 4},  {4, 7, 2},
               {6, 2, 1},  {6, 3, 4},  {6, 4, 1},  {6, 5, 1}});
  checkMatrix(sink, "ngl_2_5D",
              {{1, 2, 3}, {1, 3, 5}, {1, 4, 17}, {1, 5, 8}, {1, 6, 11}, {1, 7, 3}, {1, 8, 3}, {3, 1, 1},
               {4, 2, 10}, {4, 3, 4}, {4, 4, 2}, {6, 1, 4}, {6, 2, 2}, {6, 3, 1}});
}

TEST(ngldm_ibsi_rule_on_phantom) {
  FeatureSink sink;
  ngldmOf(levelsOf(phantomRoi()), TextureSettings(), &sink);
  CHECK(checkFamilyAgainstReference(sink, "ngldm") == 51);
  CHECK(sink.features.size() == 51);
  CHECK(sink.warnings.empty());
}

TEST(ngldm_hand_worked_row) {
  // Row 1 1 2, alpha = 0: j = 2, 2, 1 -> s(1, 2) = 2, s(2, 1) = 1; N_s = N_v = 3.
  auto f = ngldmOf(levelsOf(makeRoi(3, 1, 1, {1, 1, 2}, {1, 1, 1})));
  for (const char* a : {"_2D", "_2_5D", "_3D"}) {
    const std::string s = a;
    CHECK_NEAR(f["ngl_lde" + s], (2.0 / 4 + 1) / 3, 1e-12);
    CHECK_NEAR(f["ngl_hde" + s], 3, 1e-12);
    CHECK_NEAR(f["ngl_lgce" + s], (2 + 0.25) / 3, 1e-12);
    CHECK_NEAR(f["ngl_hgce" + s], 2, 1e-12);
    CHECK_NEAR(f["ngl_ldlge" + s], (2.0 / 4 + 1.0 / 4) / 3, 1e-12);
    CHECK_NEAR(f["ngl_ldhge" + s], (2.0 / 4 + 4) / 3, 1e-12);
    CHECK_NEAR(f["ngl_hdlge" + s], (8 + 0.25) / 3, 1e-12);
    CHECK_NEAR(f["ngl_hdhge" + s], (8 + 4) / 3.0, 1e-12);
    CHECK_NEAR(f["ngl_glnu" + s], 5.0 / 3, 1e-12);
    CHECK_NEAR(f["ngl_glnu_norm" + s], 5.0 / 9, 1e-12);
    CHECK_NEAR(f["ngl_dcnu" + s], 5.0 / 3, 1e-12);
    CHECK_NEAR(f["ngl_dcnu_norm" + s], 5.0 / 9, 1e-12);
    CHECK_NEAR(f["ngl_dc_perc" + s], 1, 0);
    CHECK_NEAR(f["ngl_gl_var" + s], 2.0 / 9, 1e-12);
    CHECK_NEAR(f["ngl_dc_var" + s], 2.0 / 9, 1e-12);
    CHECK_NEAR(f["ngl_dc_entr" + s], -(2.0 / 3) * std::log2(2.0 / 3) - (1.0 / 3) * std::log2(1.0 / 3), 1e-12);
    CHECK_NEAR(f["ngl_dc_energy" + s], 5.0 / 9, 1e-12);
  }
}

TEST(ngldm_alpha_and_distance) {
  // Row 1 1 2 with alpha = 1: every neighbour is dependent: j = 2, 3, 2.
  FeatureSink sink;
  TextureSettings t;
  t.returnMatrices = true;
  t.ngldmAlpha = 1;
  ngldmOf(levelsOf(makeRoi(3, 1, 1, {1, 1, 2}, {1, 1, 1})), t, &sink);
  checkMatrix(sink, "ngl_3D", {{1, 2, 1}, {1, 3, 1}, {2, 2, 1}});
  // Row of five 1s with a 9 outside the ROI in the middle... and alpha = 10: outside voxels never count.
  sink = FeatureSink();
  t.ngldmAlpha = 10;
  ngldmOf(levelsOf(makeRoi(5, 1, 1, {1, 1, 9, 1, 1}, {1, 1, 0, 1, 1})), t, &sink);
  checkMatrix(sink, "ngl_3D", {{1, 2, 4}});
  // Row of five 1s: delta = 1 -> j = 2, 3, 3, 3, 2; delta = 2 -> j = 3, 4, 5, 4, 3.
  sink = FeatureSink();
  t.ngldmAlpha = 0;
  ngldmOf(levelsOf(makeRoi(5, 1, 1, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1})), t, &sink);
  checkMatrix(sink, "ngl_3D", {{1, 2, 2}, {1, 3, 3}});
  sink = FeatureSink();
  t.neighbourhoodDistance = 2;
  ngldmOf(levelsOf(makeRoi(5, 1, 1, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1})), t, &sink);
  checkMatrix(sink, "ngl_3D", {{1, 3, 2}, {1, 4, 2}, {1, 5, 1}});
  // A distance beyond the grid's extent behaves as the extent (no crash, no huge padding).
  sink = FeatureSink();
  t.neighbourhoodDistance = 64;
  ngldmOf(levelsOf(makeRoi(5, 1, 1, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1})), t, &sink);
  checkMatrix(sink, "ngl_3D", {{1, 5, 5}});
}

TEST(ngldm_constant_single_disjoint) {
  // Constant 3x3x3 cube: j = 1 + number of ROI neighbours (corner 8, edge 12, face 18, centre 27).
  FeatureSink sink;
  TextureSettings t;
  t.returnMatrices = true;
  auto c = ngldmOf(levelsOf(makeRoi(3, 3, 3, std::vector<double>(27, 2), std::vector<uint8_t>(27, 1))), t, &sink);
  checkMatrix(sink, "ngl_3D", {{2, 8, 8}, {2, 12, 12}, {2, 18, 6}, {2, 27, 1}});
  CHECK_NEAR(c["ngl_gl_var_3D"], 0, 0);
  CHECK_NEAR(c["ngl_glnu_norm_3D"], 1, 0);
  CHECK(sink.warnings.empty());
  // Single voxel: j = 1, every feature defined.
  auto s = ngldmOf(levelsOf(makeRoi(1, 1, 1, {4}, {1})), TextureSettings(), &sink);
  CHECK(sink.features.size() == 51);
  for (const auto& kv : s) CHECK(std::isfinite(kv.second));
  CHECK_NEAR(s["ngl_lde_3D"], 1, 0);
  CHECK_NEAR(s["ngl_hgce_2D"], 16, 0);
  // Two disjoint voxels: independent, j = 1 each.
  auto d = ngldmOf(levelsOf(makeRoi(3, 1, 1, {4, 4, 4}, {1, 0, 1})));
  CHECK_NEAR(d["ngl_hde_3D"], 1, 0);
  CHECK_NEAR(d["ngl_dcnu_3D"], 2, 0);
}

TEST(ngldm_1000_grey_levels_too_large_and_isa) {
  std::vector<double> v(1000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>((i * 7919) % 1000 + 1);
  const DiscreteImage im = levelsOf(makeRoi(10, 10, 10, v, std::vector<uint8_t>(1000, 1)));
  auto f = ngldmOf(im);
  for (const auto& kv : f) CHECK(std::isfinite(kv.second));
  CHECK_NEAR(f["ngl_glnu_norm_3D"], 1e-3, 1e-15);
  TextureSettings t;
  t.maxMatrixBytes = 1024;
  FeatureSink sink;
  CHECK_THROWS_CODE(computeNgldm(im, t, sink), code::kMatrixTooLarge);
  TextureSettings bad;
  bad.ngldmAlpha = -1;
  CHECK_THROWS_CODE(computeNgldm(im, bad, sink), code::kInvalidConfig);
  // Same values on the scalar path, for alpha = 0 and alpha > 0, and for 8-, 16- and 32-bit level types.
  for (int alpha : {0, 3}) {
    TextureSettings a;
    a.ngldmAlpha = alpha;
    const auto best = ngldmOf(im, a);
    const Isa isa = detectIsa();
    setActiveIsa(Isa::Baseline);
    const auto scalar = ngldmOf(im, a);
    setActiveIsa(isa);
    for (const auto& kv : best) CHECK(scalar.at(kv.first) == kv.second);
  }
  auto base = ngldmOf(levelsOf(phantomRoi()));
  for (double scale : {1000.0, 20000.0}) {  // levels of the phantom scaled: dependence counts unchanged (alpha 0)
    RoiImage r = phantomRoi();
    for (double& x : r.intensity) x *= scale;
    auto g = ngldmOf(levelsOf(r, 1u << 20));
    for (const char* tag : {"ngl_lde_3D", "ngl_hde_2D", "ngl_dcnu_2_5D", "ngl_dc_entr_3D", "ngl_glnu_2D"})
      CHECK_NEAR(g[tag], base[tag], 1e-12);
  }
}

TEST(ngldm_empty_image) {
  DiscreteImage im;
  im.grid.nx = im.grid.ny = im.grid.nz = 3;
  im.levels.assign(27, 0);
  im.nLevels = 1;
  FeatureSink sink;
  auto f = ngldmOf(im, TextureSettings(), &sink);
  CHECK(f.size() == (std::string("ngldm") == "ngldm" ? 51u : 48u));
  for (const auto& kv : f) CHECK(std::isnan(kv.second));
  CHECK(sink.warnings.size() == 3);
}
