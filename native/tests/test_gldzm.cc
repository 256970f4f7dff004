// GLDZM (IBSI 3.9): the digital phantom's matrices as written out in the IBSI manual, every phantom reference
// value by the IBSI rule, the distance map, hand-worked cases and edge cases.
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "check.h"
#include "core/discretise.h"
#include "core/error.h"
#include "fixtures.h"
#include "gldzm.h"
#include "reference.h"
#include "texture_fixtures.h"
#include "texture_zones.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {


std::map<std::string, double> gldzmOf(const DiscreteImage& im, TextureSettings t = TextureSettings(),
                                       FeatureSink* keep = nullptr) {
  return familyFeatures(computeGldzm, im, t, keep);
}


}  // namespace

TEST(gldzm_phantom_matrices) {
  // IBSI manual, "Digital phantom texture matrices": GLDZM (2D) per slice and GLDZM (3D); (i, d, count).
  FeatureSink sink;
  TextureSettings t;
  t.returnMatrices = true;
  gldzmOf(levelsOf(phantomRoi()), t, &sink);
  checkMatrix(sink, "dzm_2D_z0", {{1, 1, 2}, {4, 1, 2}, {6, 1, 1}});
  checkMatrix(sink, "dzm_2D_z1", {{1, 1, 2}, {3, 2, 1}, {4, 1, 2}, {6, 1, 1}, {6, 2, 1}});
  checkMatrix(sink, "dzm_2D_z2", {{1, 1, 1}, {4, 1, 1}, {6, 1, 1}});
  checkMatrix(sink, "dzm_2D_z3", {{1, 1, 1}, {4, 1, 1}, {6, 1, 1}});
  checkMatrix(sink, "dzm_3D", {{1, 1, 1}, {3, 1, 1}, {4, 1, 2}, {6, 1, 1}});
  checkMatrix(sink, "dzm_2_5D", {{1, 1, 6}, {3, 2, 1}, {4, 1, 6}, {6, 1, 4}, {6, 2, 1}});
}

TEST(gldzm_ibsi_rule_on_phantom) {
  FeatureSink sink;
  gldzmOf(levelsOf(phantomRoi()), TextureSettings(), &sink);
  CHECK(checkFamilyAgainstReference(sink, "gldzm") == 48);
  CHECK(sink.features.size() == 48);
  CHECK(sink.warnings.empty());
}

TEST(gldzm_distance_map) {
  // 5x5 slice: edge voxels 1, next ring 2, centre 3 (4-connected steps to the outside, the grid edge included).
  Grid g;
  g.nx = g.ny = 5;
  g.nz = 1;
  const std::vector<uint32_t> d2 = edgeDistanceMap(g, std::vector<uint8_t>(25, 1), true);
  CHECK(d2[0] == 1 && d2[6] == 2 && d2[12] == 3 && d2[2] == 1 && d2[7] == 2);
  // A hole at the centre: its 4-neighbours become edge voxels, diagonal ones stay at 2 (city-block).
  std::vector<uint8_t> holed(25, 1);
  holed[12] = 0;
  const std::vector<uint32_t> h = edgeDistanceMap(g, holed, true);
  CHECK(h[12] == 0 && h[7] == 1 && h[11] == 1 && h[6] == 2);
  // 5x5x5 cube in 3D: centre 3; in 2D (slice-wise) the centre of the middle slice is 3 too, its z-edge is ignored.
  g.nz = 5;
  const std::vector<uint8_t> cube(125, 1);
  const std::vector<uint32_t> d3 = edgeDistanceMap(g, cube, false);
  CHECK(d3[62] == 3 && d3[12] == 1 && d3[37] == 2);
  const std::vector<uint32_t> p3 = edgeDistanceMap(g, cube, true);
  CHECK(p3[12] == 3 && p3[62] == 3);
  // City-block, not Chebyshev: in a 7x7 slice the voxel at (1,1) is 2 from the edge, (2,3) is 3.
  Grid s;
  s.nx = s.ny = 7;
  s.nz = 1;
  const std::vector<uint32_t> d7 = edgeDistanceMap(s, std::vector<uint8_t>(49, 1), true);
  CHECK(d7[1 + 7 * 1] == 2 && d7[2 + 7 * 3] == 3 && d7[3 + 7 * 3] == 4);
}

TEST(gldzm_hand_worked_slice) {
  // 5x5 slice: level 2 at the centre (distance 3), level 1 around it (distance 1): zones (1, 1), (2, 3).
  std::vector<double> v(25, 1);
  v[12] = 2;
  auto f = gldzmOf(levelsOf(makeRoi(5, 5, 1, v, std::vector<uint8_t>(25, 1))));
  // In 3D a single slice is all edge (its z faces border the outside): both zones at distance 1.
  CHECK_NEAR(f["dzm_sde_3D"], 1, 0);
  CHECK_NEAR(f["dzm_lde_3D"], 1, 0);
  CHECK_NEAR(f["dzm_ldhge_3D"], 2.5, 1e-12);
  for (const char* a : {"_2D", "_2_5D"}) {
    const std::string s = a;
    CHECK_NEAR(f["dzm_sde" + s], (1 + 1.0 / 9) / 2, 1e-12);
    CHECK_NEAR(f["dzm_lde" + s], 5, 1e-12);
    CHECK_NEAR(f["dzm_lgze" + s], (1 + 0.25) / 2, 1e-12);
    CHECK_NEAR(f["dzm_hgze" + s], 2.5, 1e-12);
    CHECK_NEAR(f["dzm_sdlge" + s], (1 + 1.0 / 36) / 2, 1e-12);
    CHECK_NEAR(f["dzm_sdhge" + s], (1 + 4.0 / 9) / 2, 1e-12);
    CHECK_NEAR(f["dzm_ldlge" + s], (1 + 9.0 / 4) / 2, 1e-12);
    CHECK_NEAR(f["dzm_ldhge" + s], (1 + 36.0) / 2, 1e-12);
    CHECK_NEAR(f["dzm_glnu" + s], 1, 1e-12);
    CHECK_NEAR(f["dzm_glnu_norm" + s], 0.5, 1e-12);
    CHECK_NEAR(f["dzm_zdnu" + s], 1, 1e-12);
    CHECK_NEAR(f["dzm_zdnu_norm" + s], 0.5, 1e-12);
    CHECK_NEAR(f["dzm_z_perc" + s], 2.0 / 25, 1e-12);
    CHECK_NEAR(f["dzm_gl_var" + s], 0.25, 1e-12);
    CHECK_NEAR(f["dzm_zd_var" + s], 1, 1e-12);
    CHECK_NEAR(f["dzm_zd_entr" + s], 1, 1e-12);
  }
}

TEST(gldzm_uses_the_morphological_mask) {
  // Morphological mask: a 5x5x5 cube; intensity mask (after re-segmentation): the central 3x3x3 only.
  // One zone per slice (2D) or one zone (3D); its distance is 2 on the morphological mask (1 on the intensity mask).
  RoiImage r = makeRoi(5, 5, 5, std::vector<double>(125, 1), std::vector<uint8_t>(125, 1));
  auto inner = [](int c) { return c >= 1 && c <= 3; };
  for (int z = 0; z < 5; ++z)
    for (int y = 0; y < 5; ++y)
      for (int x = 0; x < 5; ++x) r.intMask[static_cast<size_t>(x + 5 * y + 25 * z)] = inner(x) && inner(y) && inner(z);
  r.intCount = 27;
  auto f = gldzmOf(levelsOf(r));
  CHECK_NEAR(f["dzm_lde_2D"], 4, 1e-12);
  CHECK_NEAR(f["dzm_lde_2_5D"], 4, 1e-12);
  CHECK_NEAR(f["dzm_lde_3D"], 4, 1e-12);
  CHECK_NEAR(f["dzm_z_perc_2D"], 1.0 / 9, 1e-12);
  CHECK_NEAR(f["dzm_z_perc_3D"], 1.0 / 27, 1e-12);
}

TEST(gldzm_disjoint_components_constant_single) {
  // Two separate zones of the same level: both at distance 1, counted twice.
  auto f = gldzmOf(levelsOf(makeRoi(5, 1, 1, {3, 3, 3, 3, 3}, {1, 1, 0, 1, 1})));
  CHECK_NEAR(f["dzm_zdnu_3D"], 2, 1e-12);
  CHECK_NEAR(f["dzm_z_perc_3D"], 0.5, 1e-12);
  // Constant 3x3x3 cube: one zone whose minimum distance is 1.
  FeatureSink sink;
  auto c = gldzmOf(levelsOf(makeRoi(3, 3, 3, std::vector<double>(27, 5), std::vector<uint8_t>(27, 1))),
                   TextureSettings(), &sink);
  CHECK_NEAR(c["dzm_sde_3D"], 1, 0);
  CHECK_NEAR(c["dzm_zd_var_3D"], 0, 0);
  CHECK_NEAR(c["dzm_glnu_norm_2D"], 1, 0);
  CHECK(sink.warnings.empty());
  // Single voxel: distance 1, every feature defined.
  auto s = gldzmOf(levelsOf(makeRoi(1, 1, 1, {2}, {1})), TextureSettings(), &sink);
  CHECK(sink.features.size() == 48);
  for (const auto& kv : s) CHECK(std::isfinite(kv.second));
  CHECK_NEAR(s["dzm_ldhge_3D"], 4, 0);
}

TEST(gldzm_1000_grey_levels_and_too_large) {
  std::vector<double> v(1000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i + 1);
  const DiscreteImage im = levelsOf(makeRoi(10, 10, 10, v, std::vector<uint8_t>(1000, 1)));
  auto f = gldzmOf(im);
  // 1000 one-voxel zones; 3D distances of a 10^3 cube: 1..5, count of voxels at distance k = 10^3 shells.
  CHECK_NEAR(f["dzm_z_perc_3D"], 1, 1e-12);
  CHECK_NEAR(f["dzm_glnu_norm_3D"], 1e-3, 1e-15);
  CHECK_NEAR(f["dzm_zdnu_3D"], (488.0 * 488 + 296.0 * 296 + 152.0 * 152 + 56.0 * 56 + 8.0 * 8) / 1000, 1e-9);
  TextureSettings t;
  t.maxMatrixBytes = 1024;
  FeatureSink sink;
  CHECK_THROWS_CODE(computeGldzm(im, t, sink), code::kMatrixTooLarge);
}

TEST(gldzm_empty_image) {
  DiscreteImage im;
  im.grid.nx = im.grid.ny = im.grid.nz = 3;
  im.levels.assign(27, 0);
  im.nLevels = 1;
  FeatureSink sink;
  auto f = gldzmOf(im, TextureSettings(), &sink);
  CHECK(f.size() == (std::string("gldzm") == "ngldm" ? 51u : 48u));
  for (const auto& kv : f) CHECK(std::isnan(kv.second));
  CHECK(sink.warnings.size() == 3);
}
