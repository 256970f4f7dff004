// GLCM (IBSI 3.6): the digital phantom's matrices as written out in the IBSI manual (chapter "Digital phantom
// texture matrices"), all 150 phantom reference values by the IBSI rule, hand-worked tiny cases, scalar vs
// SIMD, brute-force matrices on random volumes (dense and sparse paths), and degenerate inputs.
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "check.h"
#include "directional_fixtures.h"
#include "texture_fixtures.h"
#include "core/discretise.h"
#include "core/dispatch.h"
#include "core/error.h"
#include "fixtures.h"
#include "glcm.h"
#include "glcm_matrix.h"
#include "reference.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {

// Transcribed from ibsi1_manual/06_Digital_phantom_texture_matrices.rst (Chebyshev distance 1, symmetric),
// in the manual's order. The manual's direction captions are garbled in the text version; each table was
// identified by its content, and `dir` gives the direction in this library's (x, y, z) convention.
static const PhantomMatrix kGlcm2D[16] = {
    {1, 0, {{1, 1, 10}, {1, 4, 4}, {4, 1, 4}, {4, 4, 6}, {4, 6, 1}, {6, 4, 1}, {6, 6, 4}}},
    {1, 1, {{1, 1, 16}, {1, 4, 2}, {3, 6, 2}, {4, 1, 2}, {4, 6, 1}, {6, 3, 2}, {6, 4, 1}}},
    {1, 2, {{1, 1, 18}, {1, 4, 2}, {4, 1, 2}}},
    {1, 3, {{1, 1, 20}, {1, 4, 2}, {1, 6, 1}, {4, 1, 2}, {6, 1, 1}}},
    {3, 0, {{1, 1, 2}, {1, 4, 4}, {1, 6, 3}, {4, 1, 4}, {4, 4, 4}, {4, 6, 2}, {6, 1, 3}, {6, 4, 2}}},
    {3, 1, {{1, 1, 6}, {1, 3, 1}, {1, 4, 3}, {1, 6, 3}, {3, 1, 1}, {3, 4, 1}, {4, 1, 3}, {4, 3, 1}, {6, 1, 3}}},
    {3, 2, {{1, 1, 10}, {1, 4, 2}, {1, 6, 1}, {4, 1, 2}, {6, 1, 1}}},
    {3, 3, {{1, 1, 14}, {1, 4, 2}, {1, 6, 1}, {4, 1, 2}, {6, 1, 1}}},
    {0, 0, {{1, 1, 4}, {1, 4, 6}, {1, 6, 2}, {4, 1, 6}, {4, 4, 4}, {4, 6, 4}, {6, 1, 2}, {6, 4, 4}}},
    {0, 1, {{1, 1, 10}, {1, 3, 2}, {1, 4, 2}, {1, 6, 3}, {3, 1, 2}, {4, 1, 2}, {4, 4, 4}, {4, 6, 1}, {6, 1, 3}, {6, 4, 1}}},
    {0, 2, {{1, 1, 16}, {1, 4, 1}, {1, 6, 2}, {4, 1, 1}, {4, 4, 2}, {6, 1, 2}}},
    {0, 3, {{1, 1, 20}, {1, 4, 1}, {1, 6, 2}, {4, 1, 1}, {4, 4, 2}, {6, 1, 2}}},
    {2, 0, {{1, 1, 6}, {1, 4, 3}, {1, 6, 1}, {4, 1, 3}, {4, 4, 2}, {4, 6, 4}, {6, 1, 1}, {6, 4, 4}}},
    {2, 1, {{1, 1, 10}, {1, 3, 2}, {1, 4, 1}, {1, 6, 2}, {3, 1, 2}, {4, 1, 1}, {4, 6, 1}, {6, 1, 2}, {6, 4, 1}}},
    {2, 2, {{1, 1, 12}, {1, 4, 2}, {1, 6, 1}, {4, 1, 2}, {6, 1, 1}}},
    {2, 3, {{1, 1, 16}, {1, 4, 2}, {1, 6, 1}, {4, 1, 2}, {6, 1, 1}}},
};
static const PhantomMatrix kGlcm2DMerged[4] = {
    {-1, 0, {{1, 1, 22}, {1, 4, 17}, {1, 6, 6}, {4, 1, 17}, {4, 4, 16}, {4, 6, 11}, {6, 1, 6}, {6, 4, 11}, {6, 6, 4}}},
    {-1, 1, {{1, 1, 42}, {1, 3, 5}, {1, 4, 8}, {1, 6, 8}, {3, 1, 5}, {3, 4, 1}, {3, 6, 2}, {4, 1, 8}, {4, 3, 1}, {4, 4, 4}, {4, 6, 3}, {6, 1, 8}, {6, 3, 2}, {6, 4, 3}}},
    {-1, 2, {{1, 1, 56}, {1, 4, 7}, {1, 6, 4}, {4, 1, 7}, {4, 4, 2}, {6, 1, 4}}},
    {-1, 3, {{1, 1, 70}, {1, 4, 7}, {1, 6, 5}, {4, 1, 7}, {4, 4, 2}, {6, 1, 5}}},
};
static const PhantomMatrix kGlcm3D[13] = {
    {4, -1, {{1, 1, 66}, {1, 4, 5}, {1, 6, 1}, {3, 6, 1}, {4, 1, 5}, {4, 4, 16}, {6, 1, 1}, {6, 3, 1}, {6, 6, 8}}},  // (0,0,1)
    {8, -1, {{1, 1, 42}, {1, 3, 1}, {1, 4, 9}, {1, 6, 1}, {3, 1, 1}, {3, 6, 1}, {4, 1, 9}, {4, 4, 2}, {4, 6, 2}, {6, 1, 1}, {6, 3, 1}, {6, 4, 2}, {6, 6, 2}}},  // (0,-1,1)
    {1, -1, {{1, 1, 64}, {1, 4, 10}, {1, 6, 1}, {3, 6, 2}, {4, 1, 10}, {4, 4, 6}, {4, 6, 2}, {6, 1, 1}, {6, 3, 2}, {6, 4, 2}, {6, 6, 4}}},  // (0,1,0)
    {7, -1, {{1, 1, 52}, {1, 4, 8}, {3, 6, 2}, {4, 1, 8}, {4, 4, 2}, {4, 6, 1}, {6, 3, 2}, {6, 4, 1}, {6, 6, 2}}},  // (0,1,1)
    {11, -1, {{1, 1, 30}, {1, 3, 2}, {1, 4, 7}, {1, 6, 5}, {3, 1, 2}, {4, 1, 7}, {4, 6, 2}, {6, 1, 5}, {6, 4, 2}}},  // (-1,1,1)
    {3, -1, {{1, 1, 32}, {1, 3, 1}, {1, 4, 11}, {1, 6, 8}, {3, 1, 1}, {3, 4, 1}, {4, 1, 11}, {4, 3, 1}, {4, 4, 4}, {4, 6, 2}, {6, 1, 8}, {6, 4, 2}}},  // (1,-1,0)
    {10, -1, {{1, 1, 20}, {1, 3, 1}, {1, 4, 10}, {1, 6, 6}, {3, 1, 1}, {3, 4, 1}, {4, 1, 10}, {4, 3, 1}, {4, 4, 2}, {6, 1, 6}}},  // (1,-1,1)
    {6, -1, {{1, 1, 38}, {1, 3, 1}, {1, 4, 7}, {1, 6, 8}, {3, 1, 1}, {3, 4, 1}, {4, 1, 7}, {4, 3, 1}, {4, 4, 8}, {4, 6, 2}, {6, 1, 8}, {6, 4, 2}}},  // (-1,0,1)
    {0, -1, {{1, 1, 50}, {1, 3, 2}, {1, 4, 10}, {1, 6, 9}, {3, 1, 2}, {4, 1, 10}, {4, 4, 12}, {4, 6, 5}, {6, 1, 9}, {6, 4, 5}}},  // (1,0,0)
    {5, -1, {{1, 1, 34}, {1, 3, 2}, {1, 4, 8}, {1, 6, 7}, {3, 1, 2}, {4, 1, 8}, {4, 4, 8}, {4, 6, 3}, {6, 1, 7}, {6, 4, 3}}},  // (1,0,1)
    {12, -1, {{1, 1, 32}, {1, 3, 1}, {1, 4, 6}, {1, 6, 4}, {3, 1, 1}, {3, 4, 1}, {4, 1, 6}, {4, 3, 1}, {4, 6, 3}, {6, 1, 4}, {6, 4, 3}}},  // (-1,-1,1)
    {2, -1, {{1, 1, 44}, {1, 3, 2}, {1, 4, 8}, {1, 6, 5}, {3, 1, 2}, {4, 1, 8}, {4, 4, 2}, {4, 6, 5}, {6, 1, 5}, {6, 4, 5}}},  // (1,1,0)
    {9, -1, {{1, 1, 32}, {1, 3, 1}, {1, 4, 6}, {1, 6, 6}, {3, 1, 1}, {3, 4, 1}, {4, 1, 6}, {4, 3, 1}, {4, 4, 2}, {4, 6, 1}, {6, 1, 6}, {6, 4, 1}}},  // (1,1,1)
};
static const PhantomMatrix kGlcm3DMerged = {-1, -1, {{1, 1, 536}, {1, 3, 14}, {1, 4, 105}, {1, 6, 61}, {3, 1, 14}, {3, 4, 5}, {3, 6, 6}, {4, 1, 105}, {4, 3, 5}, {4, 4, 64}, {4, 6, 28}, {6, 1, 61}, {6, 3, 6}, {6, 4, 28}, {6, 6, 16}}};
DiscreteImage phantomLevels() { return levelsOf(phantomRoi()); }

std::map<std::string, double> glcmOf(const DiscreteImage& im, const TextureSettings& ts = TextureSettings()) {
  FeatureSink s;
  computeGlcm(im, ts, s);
  return std::map<std::string, double>(s.features.begin(), s.features.end());
}

// Brute force: counts of (level(v), level(v + delta m)) over the whole grid, symmetrised if asked.
std::map<std::pair<uint32_t, uint32_t>, double> bruteGlcm(const DiscreteImage& im, const Offset& o, int delta,
                                                          bool symmetric) {
  std::map<std::pair<uint32_t, uint32_t>, double> m;
  const Grid& g = im.grid;
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x) {
        const int64_t x2 = x + delta * o.dx, y2 = y + delta * o.dy, z2 = z + delta * o.dz;
        if (!g.contains(x2, y2, z2)) continue;
        const uint32_t a = im.levels[static_cast<size_t>(g.index(x, y, z))];
        const uint32_t b = im.levels[static_cast<size_t>(g.index(x2, y2, z2))];
        if (!a || !b) continue;
        m[{a, b}] += 1;
        if (symmetric) m[{b, a}] += 1;
      }
  return m;
}

bool sameAsBrute(const texture::SparseMatrix& m, const std::map<std::pair<uint32_t, uint32_t>, double>& b) {
  if (m.e.size() != b.size()) return false;
  size_t k = 0;
  for (const auto& kv : b) {
    const texture::Entry& e = m.e[k++];
    if (e.row != kv.first.first || e.col != kv.first.second || e.count != kv.second) return false;
  }
  return true;
}

}  // namespace

TEST(glcm_phantom_matrices_match_manual) {
  const DiscreteImage im = phantomLevels();
  CHECK(im.nLevels == 6);
  const texture::LevelVolume<uint8_t> levels = texture::makeLevelVolume<uint8_t>(im, 0);
  CHECK(levels.nz == 4);
  glcm_detail::GlcmSource<uint8_t> src(levels, im.nLevels, 1, true);
  for (const PhantomMatrix& pm : kGlcm2D) CHECK(sameMatrix(src.slice(pm.slice, pm.dir), pm.cells));
  for (const PhantomMatrix& pm : kGlcm3D) CHECK(sameMatrix(src.volume(pm.dir), pm.cells));

  // The merged matrices through the public entry point (settings.returnMatrices).
  TextureSettings ts;
  ts.returnMatrices = true;
  FeatureSink s;
  computeGlcm(im, ts, s);
  for (const PhantomMatrix& pm : kGlcm2DMerged) {
    const NamedMatrix* m = findMatrix(s, "cm_2D_comb_z" + std::to_string(levels.z0 + pm.slice));
    CHECK(m && m->rows == 6 && m->cols == 6 && sameMatrix(*m, pm.cells));
  }
  const NamedMatrix* comb = findMatrix(s, "cm_3D_comb");
  CHECK(comb && sameMatrix(*comb, kGlcm3DMerged.cells));
  for (const PhantomMatrix& pm : kGlcm3D) {
    const NamedMatrix* m = findMatrix(s, "cm_dir" + std::to_string(pm.dir));
    CHECK(m && sameMatrix(*m, pm.cells));
  }
  CHECK(findMatrix(s, "cm_2_5D_comb") != nullptr);
}

TEST(glcm_ibsi_rule_on_phantom) {
  FeatureSink sink;
  computeGlcm(phantomLevels(), TextureSettings(), sink);
  CHECK(checkFamilyAgainstReference(sink, "glcm") == 150);
  CHECK(sink.features.size() == 150);
  CHECK(sink.warnings.empty());
}

TEST(glcm_hand_worked_2x2) {
  // Levels 1 2 / 2 1 in one slice. Symmetric matrices: (1,0,0) and (0,1,0): [[0,2],[2,0]];
  // (1,1,0): [[2,0],[0,0]]; (1,-1,0): [[0,0],[0,2]]; merged: [[2,4],[4,2]], p = [[1/6,1/3],[1/3,1/6]].
  // No through-plane pair: the 3D aggregations see the same 4 matrices.
  auto f = glcmOf(makeLevels(2, 2, 1, {1, 2, 2, 1}, 2));
  for (const char* sfx : {"_2D_avg", "_2_5D_avg", "_3D_avg"}) {
    const std::string s(sfx);
    CHECK_NEAR(f["cm_joint_max" + s], (0.5 + 0.5 + 1 + 1) / 4, 1e-12);
    CHECK_NEAR(f["cm_joint_avg" + s], (1.5 + 1.5 + 1 + 2) / 4, 1e-12);
    CHECK_NEAR(f["cm_joint_var" + s], (0.25 + 0.25 + 0 + 0) / 4, 1e-12);
    CHECK_NEAR(f["cm_joint_entr" + s], (1 + 1 + 0 + 0) / 4.0, 1e-12);
    CHECK_NEAR(f["cm_contrast" + s], 0.5, 1e-12);
    CHECK_NEAR(f["cm_energy" + s], 0.75, 1e-12);
    CHECK_NEAR(f["cm_corr" + s], -1, 1e-12);  // undefined (sigma = 0) for the two diagonal matrices: skipped
    CHECK_NEAR(f["cm_info_corr1" + s], -1, 1e-12);  // (HXY - HXY1) / HX = (1 - 2) / 1; undefined for HX = 0
  }
  for (const char* sfx : {"_2D_comb", "_2_5D_comb", "_3D_comb"}) {
    const std::string s(sfx);
    const double hxy = 1.0 / 3 + std::log2(3.0);  // -(2/6 log2(1/6) + 4/6 log2(1/3))
    CHECK_NEAR(f["cm_joint_max" + s], 1.0 / 3, 1e-12);
    CHECK_NEAR(f["cm_joint_avg" + s], 1.5, 1e-12);
    CHECK_NEAR(f["cm_joint_var" + s], 0.25, 1e-12);
    CHECK_NEAR(f["cm_joint_entr" + s], hxy, 1e-12);
    CHECK_NEAR(f["cm_diff_avg" + s], 2.0 / 3, 1e-12);
    CHECK_NEAR(f["cm_diff_var" + s], 2.0 / 9, 1e-12);  // (0 - 2/3)^2 1/3 + (1 - 2/3)^2 2/3
    CHECK_NEAR(f["cm_sum_avg" + s], 3, 1e-12);
    CHECK_NEAR(f["cm_sum_var" + s], 1.0 / 3, 1e-12);  // p_{i+j}: 2 -> 1/6, 3 -> 2/3, 4 -> 1/6
    CHECK_NEAR(f["cm_energy" + s], 5.0 / 18, 1e-12);
    CHECK_NEAR(f["cm_contrast" + s], 2.0 / 3, 1e-12);
    CHECK_NEAR(f["cm_inv_diff" + s], 2.0 / 3, 1e-12);       // 1/3 + (2/3) / 2
    CHECK_NEAR(f["cm_inv_diff_norm" + s], 7.0 / 9, 1e-12);  // 1/3 + (2/3) / (1 + 1/2), N_g = 2
    CHECK_NEAR(f["cm_inv_diff_mom" + s], 2.0 / 3, 1e-12);
    CHECK_NEAR(f["cm_inv_diff_mom_norm" + s], 1.0 / 3 + (2.0 / 3) / 1.25, 1e-12);
    CHECK_NEAR(f["cm_inv_var" + s], 2.0 / 3, 1e-12);
    CHECK_NEAR(f["cm_auto_corr" + s], 13.0 / 6, 1e-12);
    CHECK_NEAR(f["cm_corr" + s], -1.0 / 3, 1e-12);  // (13/6 - 9/4) / (1/4)
    CHECK_NEAR(f["cm_clust_tend" + s], 1.0 / 3, 1e-12);
    CHECK_NEAR(f["cm_clust_shade" + s], 0, 1e-12);
    CHECK_NEAR(f["cm_clust_prom" + s], 1.0 / 3, 1e-12);
    CHECK_NEAR(f["cm_info_corr1" + s], hxy - 2, 1e-12);  // HXY1 = 2, HX = 1
    CHECK_NEAR(f["cm_info_corr2" + s], std::sqrt(1 - std::exp(-2 * (2 - hxy))), 1e-12);  // HXY2 = 2
  }
}

TEST(glcm_asymmetric_and_distances) {
  // Levels 1 2 3 in a row: asymmetric (1,0,0) counts (1,2) and (2,3) once each.
  const DiscreteImage row = makeLevels(3, 1, 1, {1, 2, 3}, 3);
  TextureSettings ts;
  ts.symmetric = false;
  ts.returnMatrices = true;
  FeatureSink s;
  computeGlcm(row, ts, s);
  const NamedMatrix* d0 = findMatrix(s, "cm_dir0");
  CHECK(d0 && d0->data == std::vector<double>({0, 1, 0, 0, 0, 1, 0, 0, 0}));
  std::map<std::string, double> f(s.features.begin(), s.features.end());
  CHECK_NEAR(f["cm_joint_avg_3D_comb"], 1.5, 1e-12);  // sum i p_ij = (1 + 2) / 2
  CHECK_NEAR(f["cm_corr_3D_comb"], 1, 1e-12);         // (4 - 1.5 * 2.5) / (0.5 * 0.5)

  // Several distances: every tag carries _d<N>; at distance 2 only the pair (1, 3) remains.
  ts = TextureSettings();
  ts.distances = {1, 2};
  auto g = glcmOf(row, ts);
  CHECK(g.count("cm_joint_max_3D_avg") == 0);
  CHECK(g.size() == 2 * 150);
  CHECK_NEAR(g["cm_contrast_d1_3D_comb"], 1, 1e-12);
  CHECK_NEAR(g["cm_contrast_d2_3D_comb"], 4, 1e-12);
  CHECK_NEAR(g["cm_joint_max_d2_2D_avg"], 0.5, 1e-12);

  // Distances beyond the ROI: NaN and a warning, no crash.
  ts.distances = {5};
  FeatureSink far;
  computeGlcm(row, ts, far);
  for (const auto& kv : far.features) CHECK(std::isnan(kv.second));
  CHECK(!far.warnings.empty());
  ts.distances = {0};
  CHECK_THROWS_CODE(glcmOf(row, ts), code::kInvalidConfig);
}

TEST(glcm_aggregation_selection) {
  TextureSettings ts;
  Aggregations& a = ts.aggregations;  // only 3D_comb
  a.d2Avg = a.d2Comb = a.d25Avg = a.d25Comb = a.d3Avg = false;
  auto f = glcmOf(phantomLevels(), ts);
  CHECK(f.size() == 25);
  CHECK(f.count("cm_joint_max_3D_comb") == 1);
  CHECK_NEAR(f["cm_joint_max_3D_comb"], 0.509, 0.0005);
  ts = TextureSettings();
  ts.aggregations.d3Avg = ts.aggregations.d3Comb = false;
  ts.aggregations.d2Avg = ts.aggregations.d2Comb = false;
  auto g = glcmOf(phantomLevels(), ts);  // 2.5D without 2D: in-plane volume matrices built directly
  CHECK(g.size() == 50);
  CHECK_NEAR(g["cm_joint_max_2_5D_avg"], 0.489, 0.0005);
  CHECK_NEAR(g["cm_joint_max_2_5D_comb"], 0.492, 0.0005);
}

TEST(glcm_matrices_match_brute_force) {
  // Dense path (20 levels, uint8) and sparse path (1000 levels, uint16), symmetric and not, distances 1 and 2.
  for (uint32_t ng : {20u, 1000u}) {
    const DiscreteImage im = randomLevels(13, 11, 7, ng, 7 + ng);
    auto check = [&](auto tag) {
      using T = decltype(tag);
      const texture::LevelVolume<T> levels = texture::makeLevelVolume<T>(im, 0);
      for (int delta : {1, 2})
        for (bool sym : {true, false}) {
          glcm_detail::GlcmSource<T> src(levels, ng, delta, sym);
          for (int d = 0; d < kNumDirections3D; ++d)
            CHECK(sameAsBrute(src.volume(d), bruteGlcm(im, kDirections3D[d], delta, sym)));
        }
    };
    if (ng < 256) check(uint8_t{}); else check(uint16_t{});
  }
}

TEST(glcm_scalar_and_simd_agree) {
  for (uint32_t ng : {32u, 1000u}) {
    const DiscreteImage im = randomLevels(37, 29, 17, ng, 11);
    TextureSettings ts;
    ts.returnMatrices = true;
    ts.distances = {1, 3};
    const Isa best = detectIsa();
    setActiveIsa(Isa::Baseline);
    FeatureSink a, b;
    computeGlcm(im, ts, a);
    setActiveIsa(best);
    computeGlcm(im, ts, b);
    CHECK(a.features.size() == b.features.size() && a.matrices.size() == b.matrices.size());
    for (size_t k = 0; k < a.features.size() && k < b.features.size(); ++k) {
      CHECK(a.features[k].first == b.features[k].first);
      CHECK(a.features[k].second == b.features[k].second ||
            (std::isnan(a.features[k].second) && std::isnan(b.features[k].second)));
    }
    for (size_t k = 0; k < a.matrices.size() && k < b.matrices.size(); ++k) CHECK(a.matrices[k].data == b.matrices[k].data);
  }
}

TEST(glcm_degenerate_inputs) {
  // Constant ROI: one grey level. Defined features take their limits; correlation and information
  // correlation 1 are undefined (zero variance, HX = 0): NaN with a warning.
  FeatureSink c;
  computeGlcm(makeLevels(3, 3, 3, std::vector<uint32_t>(27, 1), 1), TextureSettings(), c);
  std::map<std::string, double> f(c.features.begin(), c.features.end());
  CHECK(f.size() == 150);
  CHECK_NEAR(f["cm_joint_max_3D_avg"], 1, 0);
  CHECK_NEAR(f["cm_joint_entr_2D_comb"], 0, 0);
  CHECK_NEAR(f["cm_inv_diff_2_5D_avg"], 1, 0);
  CHECK_NEAR(f["cm_info_corr2_3D_comb"], 0, 0);
  CHECK(std::isnan(f["cm_corr_3D_comb"]) && std::isnan(f["cm_info_corr1_2D_avg"]));
  CHECK(c.warnings.size() == 6);

  // Single voxel: no pair anywhere; every feature NaN, one warning per aggregation.
  FeatureSink one;
  computeGlcm(makeLevels(3, 3, 3, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 5),
              TextureSettings(), one);
  CHECK(one.features.size() == 150);
  for (const auto& kv : one.features) CHECK(std::isnan(kv.second));
  CHECK(one.warnings.size() == 6);

  // 1000 grey levels (sparse matrices): finite, bounded values.
  auto big = glcmOf(randomLevels(30, 30, 10, 1000, 3));
  CHECK(big.size() == 150);
  for (const auto& kv : big) CHECK(std::isfinite(kv.second));
  CHECK(big["cm_joint_max_3D_comb"] > 0 && big["cm_joint_max_3D_comb"] < 0.01);
  CHECK(big["cm_inv_diff_norm_3D_avg"] > 0.5 && big["cm_inv_diff_norm_3D_avg"] <= 1);

  // Matrix too large: N_g^2 doubles beyond maxMatrixBytes.
  TextureSettings small;
  small.maxMatrixBytes = 6 * 6 * 8 - 1;
  CHECK_THROWS_CODE(glcmOf(phantomLevels(), small), code::kMatrixTooLarge);
  small.maxMatrixBytes = 6 * 6 * 8;
  CHECK(glcmOf(phantomLevels(), small).size() == 150);
  CHECK_THROWS_CODE(glcmOf(makeLevels(1, 1, 1, {20000}, 20000)), code::kMatrixTooLarge);  // 3.2 GB > 1 GiB
}
