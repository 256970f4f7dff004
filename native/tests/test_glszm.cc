// GLSZM (IBSI 3.8): the digital phantom's matrices as written out in the IBSI manual, every phantom reference
// value by the IBSI rule, hand-worked cases and edge cases (disjoint zones, constant ROI, single voxel,
// 1000 grey levels, matrix size cap). Zone labelling is shared with the GLDZM (native/texture_zones).
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "check.h"
#include "core/discretise.h"
#include "core/error.h"
#include "fixtures.h"
#include "glszm.h"
#include "reference.h"
#include "texture_fixtures.h"
#include "texture_zones.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {


std::map<std::string, double> glszmOf(const DiscreteImage& im, TextureSettings t = TextureSettings(),
                                       FeatureSink* keep = nullptr) {
  return familyFeatures(computeGlszm, im, t, keep);
}


}  // namespace

TEST(glszm_phantom_matrices) {
  // IBSI manual, "Digital phantom texture matrices": GLSZM (2D) per slice and GLSZM (3D); (i, size, count).
  FeatureSink sink;
  TextureSettings t;
  t.returnMatrices = true;
  glszmOf(levelsOf(phantomRoi()), t, &sink);
  checkMatrix(sink, "szm_2D_z0", {{1, 3, 1}, {1, 6, 1}, {4, 2, 1}, {4, 6, 1}, {6, 3, 1}});
  checkMatrix(sink, "szm_2D_z1", {{1, 4, 1}, {1, 8, 1}, {3, 1, 1}, {4, 2, 2}, {6, 1, 2}});
  checkMatrix(sink, "szm_2D_z2", {{1, 14, 1}, {4, 2, 1}, {6, 1, 1}});
  checkMatrix(sink, "szm_2D_z3", {{1, 15, 1}, {4, 2, 1}, {6, 1, 1}});
  checkMatrix(sink, "szm_3D", {{1, 50, 1}, {3, 1, 1}, {4, 2, 1}, {4, 14, 1}, {6, 7, 1}});
  // 2.5D: the slice matrices summed.
  checkMatrix(sink, "szm_2_5D",
              {{1, 3, 1}, {1, 6, 1}, {4, 2, 5}, {4, 6, 1}, {6, 3, 1}, {1, 4, 1}, {1, 8, 1}, {3, 1, 1}, {6, 1, 4},
               {1, 14, 1}, {1, 15, 1}});
  CHECK(sink.matrices.size() == 6);
}

TEST(glszm_ibsi_rule_on_phantom) {
  FeatureSink sink;
  glszmOf(levelsOf(phantomRoi()), TextureSettings(), &sink);
  CHECK(checkFamilyAgainstReference(sink, "glszm") == 48);
  CHECK(sink.features.size() == 48);
  CHECK(sink.warnings.empty());
}

TEST(glszm_hand_worked_slice) {
  // One 3x3 slice, 8-connectivity:   1 1 2 / 1 2 2 / 3 3 2  ->  zones (1, 3), (2, 4), (3, 2); N_s = 3, N_v = 9.
  auto f = glszmOf(levelsOf(makeRoi(3, 3, 1, {1, 1, 2, 1, 2, 2, 3, 3, 2}, std::vector<uint8_t>(9, 1))));
  for (const char* a : {"_2D", "_2_5D", "_3D"}) {  // a single slice: all aggregations agree
    const std::string s = a;
    CHECK_NEAR(f["szm_sze" + s], (1.0 / 9 + 1.0 / 16 + 1.0 / 4) / 3, 1e-12);
    CHECK_NEAR(f["szm_lze" + s], 29.0 / 3, 1e-12);
    CHECK_NEAR(f["szm_lgze" + s], (1 + 1.0 / 4 + 1.0 / 9) / 3, 1e-12);
    CHECK_NEAR(f["szm_hgze" + s], 14.0 / 3, 1e-12);
    CHECK_NEAR(f["szm_szlge" + s], (1.0 / 9 + 1.0 / 64 + 1.0 / 36) / 3, 1e-12);
    CHECK_NEAR(f["szm_szhge" + s], (1.0 / 9 + 4.0 / 16 + 9.0 / 4) / 3, 1e-12);
    CHECK_NEAR(f["szm_lzlge" + s], (9 + 16.0 / 4 + 4.0 / 9) / 3, 1e-12);
    CHECK_NEAR(f["szm_lzhge" + s], (9 + 64 + 36) / 3.0, 1e-12);
    CHECK_NEAR(f["szm_glnu" + s], 1, 1e-12);
    CHECK_NEAR(f["szm_glnu_norm" + s], 1.0 / 3, 1e-12);
    CHECK_NEAR(f["szm_zsnu" + s], 1, 1e-12);
    CHECK_NEAR(f["szm_zsnu_norm" + s], 1.0 / 3, 1e-12);
    CHECK_NEAR(f["szm_z_perc" + s], 3.0 / 9, 1e-12);
    CHECK_NEAR(f["szm_gl_var" + s], 2.0 / 3, 1e-12);  // mean level 2
    CHECK_NEAR(f["szm_zs_var" + s], 2.0 / 3, 1e-12);  // mean size 3
    CHECK_NEAR(f["szm_zs_entr" + s], std::log2(3.0), 1e-12);
  }
}

TEST(glszm_26_connectivity_across_slices) {
  // Two slices of 2 voxels: z0 = 1 2, z1 = 2 1. In 3D the diagonal (dx = 1, dz = 1) links equal levels:
  // zones (1, 2) and (2, 2). In 2D every voxel is its own zone.
  auto f = glszmOf(levelsOf(makeRoi(2, 1, 2, {1, 2, 2, 1}, {1, 1, 1, 1})));
  CHECK_NEAR(f["szm_lze_3D"], 4, 1e-12);
  CHECK_NEAR(f["szm_z_perc_3D"], 0.5, 1e-12);
  CHECK_NEAR(f["szm_lze_2D"], 1, 1e-12);
  CHECK_NEAR(f["szm_z_perc_2_5D"], 1, 1e-12);
  CHECK_NEAR(f["szm_zsnu_2_5D"], 4, 1e-12);  // four zones of size 1 merged
}

TEST(glszm_disjoint_components) {
  // Same level, separated by a voxel outside the ROI: two zones of size 2, not one of 4.
  auto f = glszmOf(levelsOf(makeRoi(5, 1, 1, {3, 3, 3, 3, 3}, {1, 1, 0, 1, 1})));
  CHECK_NEAR(f["szm_lze_3D"], 4, 1e-12);
  CHECK_NEAR(f["szm_z_perc_3D"], 0.5, 1e-12);
  CHECK_NEAR(f["szm_glnu_3D"], 2, 1e-12);
  // Same level, touching only through a corner in 3D: one zone.
  std::vector<double> v(8, 1);
  std::vector<uint8_t> m = {1, 0, 0, 0, 0, 0, 0, 1};  // (0,0,0) and (1,1,1)
  auto g = glszmOf(levelsOf(makeRoi(2, 2, 2, v, m)));
  CHECK_NEAR(g["szm_lze_3D"], 4, 1e-12);
  CHECK_NEAR(g["szm_lze_2_5D"], 1, 1e-12);
}

TEST(glszm_constant_roi_and_single_voxel) {
  FeatureSink sink;
  auto f = glszmOf(levelsOf(makeRoi(3, 3, 3, std::vector<double>(27, 5), std::vector<uint8_t>(27, 1))),
                   TextureSettings(), &sink);
  CHECK_NEAR(f["szm_sze_3D"], 1.0 / 729, 1e-15);
  CHECK_NEAR(f["szm_lze_3D"], 729, 1e-9);
  CHECK_NEAR(f["szm_z_perc_3D"], 1.0 / 27, 1e-15);
  CHECK_NEAR(f["szm_gl_var_3D"], 0, 0);
  CHECK_NEAR(f["szm_zs_var_3D"], 0, 0);
  CHECK_NEAR(f["szm_zs_entr_3D"], 0, 0);
  CHECK_NEAR(f["szm_lze_2D"], 81, 1e-9);
  CHECK(sink.warnings.empty());

  auto s = glszmOf(levelsOf(makeRoi(1, 1, 1, {2}, {1})), TextureSettings(), &sink);
  CHECK(sink.features.size() == 48);
  for (const auto& kv : s) CHECK(std::isfinite(kv.second));
  CHECK_NEAR(s["szm_sze_3D"], 1, 0);
  CHECK_NEAR(s["szm_z_perc_2D"], 1, 0);
  CHECK_NEAR(s["szm_hgze_2_5D"], 4, 0);
}

TEST(glszm_1000_grey_levels_and_wide_types) {
  // 10x10x10 voxels, each its own level 1..1000 (16-bit level path): 1000 zones of size 1.
  std::vector<double> v(1000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i + 1);
  auto f = glszmOf(levelsOf(makeRoi(10, 10, 10, v, std::vector<uint8_t>(1000, 1))));
  CHECK_NEAR(f["szm_sze_3D"], 1, 1e-12);
  CHECK_NEAR(f["szm_glnu_3D"], 1, 1e-12);
  CHECK_NEAR(f["szm_glnu_norm_3D"], 1e-3, 1e-15);
  CHECK_NEAR(f["szm_zsnu_3D"], 1000, 1e-9);
  CHECK_NEAR(f["szm_z_perc_3D"], 1, 1e-12);
  CHECK_NEAR(f["szm_gl_var_3D"], (1000.0 * 1000.0 - 1) / 12, 1e-6);
  CHECK_NEAR(f["szm_zs_entr_3D"], std::log2(1000.0), 1e-12);

  // The phantom with its levels scaled to need 16 and 32 bits: the zones (and size features) are unchanged.
  auto base = glszmOf(levelsOf(phantomRoi()));
  for (double scale : {1000.0, 20000.0}) {
    RoiImage r = phantomRoi();
    for (double& x : r.intensity) x *= scale;
    auto g = glszmOf(levelsOf(r, 1u << 20));
    for (const char* tag : {"szm_sze_3D", "szm_lze_3D", "szm_zsnu_2D", "szm_z_perc_2_5D", "szm_zs_var_3D",
                            "szm_zs_entr_2D", "szm_glnu_2_5D"})
      CHECK_NEAR(g[tag], base[tag], 1e-12);
    CHECK_NEAR(g["szm_hgze_3D"], base["szm_hgze_3D"] * scale * scale, 1e-6 * scale * scale);
  }
}

TEST(glszm_matrix_too_large) {
  std::vector<double> v(1000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i + 1);
  const DiscreteImage im = levelsOf(makeRoi(10, 10, 10, v, std::vector<uint8_t>(1000, 1)));
  TextureSettings t;
  t.maxMatrixBytes = 1024;  // 1000 levels x 1 size x 8 bytes does not fit
  FeatureSink sink;
  CHECK_THROWS_CODE(computeGlszm(im, t, sink), code::kMatrixTooLarge);
  try {
    computeGlszm(im, t, sink);
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("discretisation") != std::string::npos);
    CHECK(std::string(e.what()).find("texture.maxMatrixBytes") != std::string::npos);
  }
  // returnMatrices exports the full N_g x N_z layout, which is capped as well: 1 level x 10^6 sizes.
  const DiscreteImage big = levelsOf(makeRoi(100, 100, 100, std::vector<double>(1000000, 1),
                                            std::vector<uint8_t>(1000000, 1)));
  TextureSettings r;
  r.returnMatrices = true;
  r.maxMatrixBytes = 1u << 20;
  r.aggregations.d2 = r.aggregations.d25 = false;
  CHECK_THROWS_CODE(computeGlszm(big, r, sink), code::kMatrixTooLarge);
  r.returnMatrices = false;  // the compact matrix is 1 x 1
  FeatureSink ok;
  computeGlszm(big, r, ok);
  CHECK(ok.features.size() == 16);
}

TEST(glszm_aggregation_switches) {
  TextureSettings t;
  t.aggregations.d2 = false;
  t.aggregations.d3 = false;
  auto f = glszmOf(levelsOf(phantomRoi()), t);
  CHECK(f.size() == 16);
  CHECK(f.count("szm_sze_2_5D") == 1);
}

namespace {

// Reference labelling by breadth-first search: sorted (level, size) of every zone.
std::vector<std::pair<uint32_t, uint32_t>> bfsZones(const DiscreteImage& im, bool planar) {
  const Grid& g = im.grid;
  std::vector<uint8_t> seen(im.levels.size(), 0);
  std::vector<std::pair<uint32_t, uint32_t>> out;
  std::vector<int64_t> stack;
  for (int64_t s = 0; s < g.size(); ++s) {
    if (!im.levels[s] || seen[s]) continue;
    const uint32_t c = im.levels[s];
    uint32_t size = 0;
    stack.assign(1, s);
    seen[s] = 1;
    while (!stack.empty()) {
      const int64_t v = stack.back();
      stack.pop_back();
      ++size;
      const int64_t x = v % g.nx, y = (v / g.nx) % g.ny, z = v / (g.nx * g.ny);
      for (int dz = planar ? 0 : -1; dz <= (planar ? 0 : 1); ++dz)
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            if (!g.contains(x + dx, y + dy, z + dz)) continue;
            const int64_t w = g.index(x + dx, y + dy, z + dz);
            if (!seen[w] && im.levels[w] == c) {
              seen[w] = 1;
              stack.push_back(w);
            }
          }
    }
    out.emplace_back(c, size);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(zones_match_breadth_first_search) {
  // Random volumes (few levels, so zones are large and wind through the grid; random holes in the mask).
  uint64_t state = 12345;
  auto next = [&]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  for (int trial = 0; trial < 40; ++trial) {
    const int64_t nx = 1 + next() % 12, ny = 1 + next() % 12, nz = 1 + next() % 6;
    const uint32_t levels = 1 + next() % 3;
    std::vector<double> v(static_cast<size_t>(nx * ny * nz));
    std::vector<uint8_t> m(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
      v[i] = 1 + next() % levels;
      m[i] = next() % 5 != 0;
    }
    m[0] = 1;
    const DiscreteImage im = levelsOf(makeRoi(nx, ny, nz, v, m));
    const Zones z = findZones(im, true, true, false);
    for (int planar = 0; planar < 2; ++planar) {
      const ZoneList& list = planar ? z.planar : z.volume;
      std::vector<std::pair<uint32_t, uint32_t>> got;
      for (size_t k = 0; k < list.level.size(); ++k) got.emplace_back(list.level[k], list.size[k]);
      std::sort(got.begin(), got.end());
      CHECK(got == bfsZones(im, planar != 0));
    }
  }
}

TEST(glszm_empty_image) {
  DiscreteImage im;
  im.grid.nx = im.grid.ny = im.grid.nz = 3;
  im.levels.assign(27, 0);
  im.nLevels = 1;
  FeatureSink sink;
  auto f = glszmOf(im, TextureSettings(), &sink);
  CHECK(f.size() == (std::string("glszm") == "ngldm" ? 51u : 48u));
  for (const auto& kv : f) CHECK(std::isnan(kv.second));
  CHECK(sink.warnings.size() == 3);
}
