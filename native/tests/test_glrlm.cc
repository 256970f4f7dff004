// GLRLM (IBSI 3.7): the digital phantom's matrices as written out in the IBSI manual (chapter "Digital phantom
// texture matrices"), all 96 phantom reference values by the IBSI rule, hand-worked tiny cases, scalar vs
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
#include "glrlm.h"
#include "glrlm_matrix.h"
#include "reference.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {

// Transcribed from ibsi1_manual/06_Digital_phantom_texture_matrices.rst, in the manual's order. The manual's
// direction captions are garbled in the text version; each table was identified by its content, and `dir`
// gives the direction in this library's (x, y, z) convention.
static const PhantomMatrix kGlrlm2D[16] = {
    {1, 0, {{1, 1, 1}, {1, 2, 2}, {1, 4, 1}, {4, 1, 2}, {4, 2, 3}, {6, 3, 1}}},
    {1, 1, {{1, 2, 2}, {1, 4, 2}, {3, 1, 1}, {4, 1, 4}, {6, 1, 2}}},
    {1, 2, {{1, 1, 1}, {1, 3, 3}, {1, 4, 1}, {4, 1, 2}, {6, 1, 1}}},
    {1, 3, {{1, 2, 1}, {1, 3, 3}, {1, 4, 1}, {4, 1, 2}, {6, 1, 1}}},
    {3, 0, {{1, 1, 7}, {1, 2, 1}, {4, 1, 5}, {4, 3, 1}, {6, 1, 3}}},
    {3, 1, {{1, 1, 6}, {1, 2, 3}, {3, 1, 1}, {4, 1, 4}, {6, 1, 2}}},
    {3, 2, {{1, 1, 5}, {1, 2, 3}, {1, 3, 1}, {4, 1, 2}, {6, 1, 1}}},
    {3, 3, {{1, 1, 3}, {1, 2, 3}, {1, 3, 2}, {4, 1, 2}, {6, 1, 1}}},
    {0, 0, {{1, 1, 5}, {1, 2, 2}, {4, 1, 4}, {4, 2, 2}, {6, 1, 3}}},
    {0, 1, {{1, 1, 2}, {1, 2, 5}, {3, 1, 1}, {4, 2, 2}, {6, 1, 2}}},
    {0, 2, {{1, 1, 1}, {1, 2, 4}, {1, 5, 1}, {4, 2, 1}, {6, 1, 1}}},
    {0, 3, {{1, 1, 1}, {1, 2, 2}, {1, 5, 2}, {4, 2, 1}, {6, 1, 1}}},
    {2, 0, {{1, 1, 3}, {1, 2, 3}, {4, 1, 6}, {4, 2, 1}, {6, 1, 3}}},
    {2, 1, {{1, 1, 2}, {1, 2, 5}, {3, 1, 1}, {4, 1, 4}, {6, 1, 2}}},
    {2, 2, {{1, 1, 3}, {1, 2, 4}, {1, 3, 1}, {4, 1, 2}, {6, 1, 1}}},
    {2, 3, {{1, 1, 2}, {1, 2, 3}, {1, 3, 1}, {1, 4, 1}, {4, 1, 2}, {6, 1, 1}}},
};
static const PhantomMatrix kGlrlm2DMerged[4] = {
    {-1, 0, {{1, 1, 16}, {1, 2, 8}, {1, 4, 1}, {4, 1, 17}, {4, 2, 6}, {4, 3, 1}, {6, 1, 9}, {6, 3, 1}}},
    {-1, 1, {{1, 1, 10}, {1, 2, 15}, {1, 4, 2}, {3, 1, 4}, {4, 1, 12}, {4, 2, 2}, {6, 1, 8}}},
    {-1, 2, {{1, 1, 10}, {1, 2, 11}, {1, 3, 5}, {1, 4, 1}, {1, 5, 1}, {4, 1, 6}, {4, 2, 1}, {6, 1, 4}}},
    {-1, 3, {{1, 1, 6}, {1, 2, 9}, {1, 3, 6}, {1, 4, 2}, {1, 5, 2}, {4, 1, 6}, {4, 2, 1}, {6, 1, 4}}},
};
static const PhantomMatrix kGlrlm3D[13] = {
    {4, -1, {{1, 1, 1}, {1, 2, 6}, {1, 3, 3}, {1, 4, 7}, {3, 1, 1}, {4, 1, 4}, {4, 2, 2}, {4, 4, 2}, {6, 1, 1}, {6, 2, 1}, {6, 4, 1}}},  // (0,0,1)
    {8, -1, {{1, 1, 11}, {1, 2, 15}, {1, 3, 3}, {3, 1, 1}, {4, 1, 14}, {4, 2, 1}, {6, 1, 5}, {6, 2, 1}}},  // (0,-1,1)
    {1, -1, {{1, 1, 2}, {1, 2, 5}, {1, 3, 6}, {1, 4, 5}, {3, 1, 1}, {4, 1, 10}, {4, 2, 3}, {6, 1, 4}, {6, 3, 1}}},  // (0,1,0)
    {7, -1, {{1, 1, 10}, {1, 2, 5}, {1, 3, 6}, {1, 4, 3}, {3, 1, 1}, {4, 1, 14}, {4, 2, 1}, {6, 1, 5}, {6, 2, 1}}},  // (0,1,1)
    {11, -1, {{1, 1, 22}, {1, 2, 11}, {1, 3, 2}, {3, 1, 1}, {4, 1, 16}, {6, 1, 7}}},  // (-1,1,1)
    {3, -1, {{1, 1, 21}, {1, 2, 10}, {1, 3, 3}, {3, 1, 1}, {4, 1, 13}, {4, 3, 1}, {6, 1, 7}}},  // (1,-1,0)
    {10, -1, {{1, 1, 30}, {1, 2, 10}, {3, 1, 1}, {4, 1, 14}, {4, 2, 1}, {6, 1, 7}}},  // (1,-1,1)
    {6, -1, {{1, 1, 16}, {1, 2, 12}, {1, 3, 2}, {1, 4, 1}, {3, 1, 1}, {4, 1, 8}, {4, 2, 4}, {6, 1, 7}}},  // (-1,0,1)
    {0, -1, {{1, 1, 9}, {1, 2, 13}, {1, 5, 3}, {3, 1, 1}, {4, 1, 4}, {4, 2, 6}, {6, 1, 7}}},  // (1,0,0)
    {5, -1, {{1, 1, 19}, {1, 2, 12}, {1, 3, 1}, {1, 4, 1}, {3, 1, 1}, {4, 1, 8}, {4, 2, 4}, {6, 1, 7}}},  // (1,0,1)
    {12, -1, {{1, 1, 20}, {1, 2, 12}, {1, 3, 2}, {3, 1, 1}, {4, 1, 16}, {6, 1, 7}}},  // (-1,-1,1)
    {2, -1, {{1, 1, 10}, {1, 2, 15}, {1, 3, 2}, {1, 4, 1}, {3, 1, 1}, {4, 1, 14}, {4, 2, 1}, {6, 1, 7}}},  // (1,1,0)
    {9, -1, {{1, 1, 19}, {1, 2, 14}, {1, 3, 1}, {3, 1, 1}, {4, 1, 14}, {4, 2, 1}, {6, 1, 7}}},  // (1,1,1)
};
static const PhantomMatrix kGlrlm3DMerged = {-1, -1, {{1, 1, 190}, {1, 2, 140}, {1, 3, 31}, {1, 4, 18}, {1, 5, 3}, {3, 1, 13}, {4, 1, 149}, {4, 2, 24}, {4, 3, 1}, {4, 4, 2}, {6, 1, 78}, {6, 2, 3}, {6, 3, 1}, {6, 4, 1}}};

DiscreteImage phantomLevels() { return levelsOf(phantomRoi()); }

std::map<std::string, double> glrlmOf(const DiscreteImage& im, const TextureSettings& ts = TextureSettings()) {
  FeatureSink s;
  computeGlrlm(im, ts, s);
  return std::map<std::string, double>(s.features.begin(), s.features.end());
}

// Brute force: walk every run along o from its first voxel, over the voxels of slices [z0, z1).
std::map<std::pair<uint32_t, uint32_t>, double> bruteRuns(const DiscreteImage& im, const Offset& o, int64_t z0,
                                                          int64_t z1) {
  std::map<std::pair<uint32_t, uint32_t>, double> m;
  const Grid& g = im.grid;
  auto at = [&](int64_t x, int64_t y, int64_t z) -> uint32_t {
    return g.contains(x, y, z) ? im.levels[static_cast<size_t>(g.index(x, y, z))] : 0;
  };
  for (int64_t z = z0; z < z1; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x) {
        const uint32_t a = at(x, y, z);
        if (!a || at(x - o.dx, y - o.dy, z - o.dz) == a) continue;
        int64_t len = 1;
        while (at(x + len * o.dx, y + len * o.dy, z + len * o.dz) == a) ++len;
        m[{a, static_cast<uint32_t>(len)}] += 1;
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

TEST(glrlm_phantom_matrices_match_manual) {
  const DiscreteImage im = phantomLevels();
  const texture::LevelVolume<uint8_t> levels = texture::makeLevelVolume<uint8_t>(im, 1);
  CHECK(levels.nz == 4);
  glrlm_detail::GlrlmSource<uint8_t> src(levels, im.nLevels);
  for (const PhantomMatrix& pm : kGlrlm2D) CHECK(sameMatrix(src.slice(pm.slice, pm.dir), pm.cells));
  for (const PhantomMatrix& pm : kGlrlm3D) CHECK(sameMatrix(src.volume(pm.dir), pm.cells));

  TextureSettings ts;
  ts.returnMatrices = true;
  FeatureSink s;
  computeGlrlm(im, ts, s);
  for (const PhantomMatrix& pm : kGlrlm2DMerged) {
    const NamedMatrix* m = findMatrix(s, "rlm_2D_comb_z" + std::to_string(levels.z0 + pm.slice));
    CHECK(m && m->rows == 6 && m->cols == 5 && sameMatrix(*m, pm.cells));
  }
  const NamedMatrix* comb = findMatrix(s, "rlm_3D_comb");
  CHECK(comb && sameMatrix(*comb, kGlrlm3DMerged.cells));
  for (const PhantomMatrix& pm : kGlrlm3D) {
    const NamedMatrix* m = findMatrix(s, "rlm_dir" + std::to_string(pm.dir));
    CHECK(m && sameMatrix(*m, pm.cells));
  }
}

TEST(glrlm_ibsi_rule_on_phantom) {
  FeatureSink sink;
  computeGlrlm(phantomLevels(), TextureSettings(), sink);
  CHECK(checkFamilyAgainstReference(sink, "glrlm") == 96);
  CHECK(sink.features.size() == 96);
  CHECK(sink.warnings.empty());
}

TEST(glrlm_hand_worked_2x2) {
  // Levels 1 2 / 2 1 in one slice (N_v = 4). Runs: (1,0,0) and (0,1,0): four runs of length 1, two of each
  // level; (1,1,0): level 1 length 2, level 2 length 1 twice; (1,-1,0): level 2 length 2, level 1 length 1
  // twice. Each through-plane direction: four runs of length 1 (unlike GLCM pairs, these matrices exist).
  auto f = glrlmOf(makeLevels(2, 2, 1, {1, 2, 2, 1}, 2));
  for (const char* sfx : {"_2D_avg", "_2_5D_avg"}) {
    const std::string s(sfx);
    CHECK_NEAR(f["rlm_sre" + s], (1 + 1 + 0.75 + 0.75) / 4, 1e-12);         // diagonal: (2 + 1/4) / 3
    CHECK_NEAR(f["rlm_lre" + s], (1 + 1 + 2 + 2) / 4.0, 1e-12);             // diagonal: (2 + 4) / 3
    CHECK_NEAR(f["rlm_r_perc" + s], (1 + 1 + 0.75 + 0.75) / 4, 1e-12);
    CHECK_NEAR(f["rlm_glnu" + s], (2 + 2 + 5.0 / 3 + 5.0 / 3) / 4, 1e-12);  // diagonal: (1 + 4) / 3
    CHECK_NEAR(f["rlm_rl_entr" + s], (1 + 1 + 2 * (std::log2(3.0) - 2.0 / 3)) / 4, 1e-12);
  }
  CHECK_NEAR(f["rlm_sre_3D_avg"], (1 + 1 + 0.75 + 0.75 + 9) / 13, 1e-12);
  CHECK_NEAR(f["rlm_r_perc_3D_avg"], (1 + 1 + 0.75 + 0.75 + 9) / 13, 1e-12);
  // Merged in-plane: r(1,1) = 6, r(2,1) = 6, r(1,2) = 1, r(2,2) = 1; N_s = 14, N_v = 16.
  for (const char* sfx : {"_2D_comb", "_2_5D_comb"}) {
    const std::string s(sfx);
    CHECK_NEAR(f["rlm_sre" + s], (12 + 2 / 4.0) / 14, 1e-12);
    CHECK_NEAR(f["rlm_lre" + s], (12 + 2 * 4.0) / 14, 1e-12);
    CHECK_NEAR(f["rlm_lgre" + s], (7 + 7 / 4.0) / 14, 1e-12);
    CHECK_NEAR(f["rlm_hgre" + s], (7 + 7 * 4.0) / 14, 1e-12);
    CHECK_NEAR(f["rlm_srlge" + s], (6 + 6 / 4.0 + 1 / 4.0 + 1 / 16.0) / 14, 1e-12);
    CHECK_NEAR(f["rlm_srhge" + s], (6 + 6 * 4.0 + 1 / 4.0 + 1) / 14, 1e-12);
    CHECK_NEAR(f["rlm_lrlge" + s], (6 + 6 / 4.0 + 4 + 1) / 14, 1e-12);
    CHECK_NEAR(f["rlm_lrhge" + s], (6 + 6 * 4.0 + 4 + 16) / 14, 1e-12);
    CHECK_NEAR(f["rlm_glnu" + s], (49 + 49) / 14.0, 1e-12);
    CHECK_NEAR(f["rlm_glnu_norm" + s], 98 / 196.0, 1e-12);
    CHECK_NEAR(f["rlm_rlnu" + s], (144 + 4) / 14.0, 1e-12);
    CHECK_NEAR(f["rlm_rlnu_norm" + s], (144 + 4) / 196.0, 1e-12);
    CHECK_NEAR(f["rlm_r_perc" + s], 14 / 16.0, 1e-12);
    CHECK_NEAR(f["rlm_gl_var" + s], 0.25, 1e-12);
    CHECK_NEAR(f["rlm_rl_var" + s], (2.0 / 14) * (12.0 / 14), 1e-12);  // Bernoulli: length 2 with p = 2/14
    CHECK_NEAR(f["rlm_rl_entr" + s], -2 * (6 / 14.0) * std::log2(6 / 14.0) - 2 * (1 / 14.0) * std::log2(1 / 14.0), 1e-12);
  }
  // Merged over 13 directions: the 9 through-plane matrices add 18 runs of length 1 per level; N_v = 52.
  CHECK_NEAR(f["rlm_sre_3D_comb"], (48 + 2 / 4.0) / 50, 1e-12);
  CHECK_NEAR(f["rlm_r_perc_3D_comb"], 50 / 52.0, 1e-12);
}

TEST(glrlm_aggregation_selection) {
  TextureSettings ts;
  ts.aggregations.d2Avg = ts.aggregations.d2Comb = false;
  ts.aggregations.d25Comb = ts.aggregations.d3Comb = false;
  auto f = glrlmOf(phantomLevels(), ts);
  CHECK(f.size() == 32);
  CHECK_NEAR(f["rlm_sre_3D_avg"], 0.705, 0.0005);
  CHECK_NEAR(f["rlm_sre_2_5D_avg"], glrlmOf(phantomLevels())["rlm_sre_2_5D_avg"], 0);
}

TEST(glrlm_matrices_match_brute_force) {
  // Few levels (long runs, dense counting) and 1000 levels (sparse), every direction, volume and slices.
  for (uint32_t ng : {3u, 1000u}) {
    const DiscreteImage im = randomLevels(14, 9, 6, ng, 5 + ng);
    auto check = [&](auto tag) {
      using T = decltype(tag);
      const texture::LevelVolume<T> levels = texture::makeLevelVolume<T>(im, 1);
      glrlm_detail::GlrlmSource<T> src(levels, ng);
      for (int d = 0; d < kNumDirections3D; ++d)
        CHECK(sameAsBrute(src.volume(d), bruteRuns(im, kDirections3D[d], 0, im.grid.nz)));
      for (int64_t z = 0; z < levels.nz; ++z)
        for (int d = 0; d < kNumDirections2D; ++d)
          CHECK(sameAsBrute(src.slice(z, d), bruteRuns(im, kDirections3D[d], levels.z0 + z, levels.z0 + z + 1)));
    };
    if (ng < 256) check(uint8_t{}); else check(uint16_t{});
  }
}

TEST(glrlm_scalar_and_simd_agree) {
  for (uint32_t ng : {4u, 1000u}) {
    const DiscreteImage im = randomLevels(41, 23, 19, ng, 13);
    TextureSettings ts;
    ts.returnMatrices = true;
    const Isa best = detectIsa();
    setActiveIsa(Isa::Baseline);
    FeatureSink a, b;
    computeGlrlm(im, ts, a);
    setActiveIsa(best);
    computeGlrlm(im, ts, b);
    CHECK(a.features.size() == b.features.size() && a.matrices.size() == b.matrices.size());
    for (size_t k = 0; k < a.features.size() && k < b.features.size(); ++k) {
      CHECK(a.features[k].first == b.features[k].first);
      CHECK(a.features[k].second == b.features[k].second);
    }
    for (size_t k = 0; k < a.matrices.size() && k < b.matrices.size(); ++k) CHECK(a.matrices[k].data == b.matrices[k].data);
  }
}

TEST(glrlm_degenerate_inputs) {
  // Constant 3x3x3 ROI: every run spans the ROI along its line. (1,0,0): 9 runs of length 3.
  auto c = glrlmOf(makeLevels(3, 3, 3, std::vector<uint32_t>(27, 1), 1));
  CHECK(c.size() == 96);
  for (const auto& kv : c) CHECK(std::isfinite(kv.second));
  // Axis-parallel: 3 runs of length 3 (SRE 1/9); diagonals: lengths 1, 2, 3, 2, 1 (SRE (2 + 2/4 + 1/9) / 5).
  CHECK_NEAR(c["rlm_sre_2D_avg"], (2.0 / 9 + 2 * (2.5 + 1.0 / 9) / 5) / 4, 1e-12);
  CHECK_NEAR(c["rlm_r_perc_2D_avg"], (3 + 3 + 5 + 5) / 4.0 / 9, 1e-12);  // diagonals: 5 runs per slice
  CHECK_NEAR(c["rlm_gl_var_3D_comb"], 0, 0);

  // Single voxel: one run of length 1 in every direction.
  FeatureSink one;
  computeGlrlm(makeLevels(1, 1, 1, {3}, 3), TextureSettings(), one);
  std::map<std::string, double> f(one.features.begin(), one.features.end());
  CHECK(f.size() == 96);
  CHECK_NEAR(f["rlm_sre_3D_comb"], 1, 0);
  CHECK_NEAR(f["rlm_r_perc_3D_avg"], 1, 0);
  CHECK_NEAR(f["rlm_hgre_2D_avg"], 9, 0);
  CHECK_NEAR(f["rlm_rl_entr_2_5D_comb"], 0, 0);
  CHECK(one.warnings.empty());

  // 1000 grey levels (sparse matrices).
  auto big = glrlmOf(randomLevels(30, 30, 10, 1000, 3));
  CHECK(big.size() == 96);
  for (const auto& kv : big) CHECK(std::isfinite(kv.second));
  CHECK(big["rlm_sre_3D_avg"] > 0.95);

  // Matrix too large: N_g x N_r doubles (phantom: 6 x 5) beyond maxMatrixBytes.
  TextureSettings small;
  small.maxMatrixBytes = 6 * 5 * 8 - 1;
  CHECK_THROWS_CODE(glrlmOf(phantomLevels(), small), code::kMatrixTooLarge);
  small.maxMatrixBytes = 6 * 5 * 8;
  CHECK(glrlmOf(phantomLevels(), small).size() == 96);
  std::vector<uint32_t> line(5000, 0);
  line[0] = 40000, line[4999] = 1;
  CHECK_THROWS_CODE(glrlmOf(makeLevels(5000, 1, 1, line, 40000)), code::kMatrixTooLarge);  // 1.6 GB > 1 GiB
}
