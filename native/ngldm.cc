// IBSI 3.11 Neighbouring grey level dependence matrix (REK0): s_ij = number of intensity-mask voxels of grey
// level i whose neighbourhood (Chebyshev distance delta = settings.neighbourhoodDistance, in-plane for 2D /
// 2.5D) holds j voxels k + m (the centre included) that lie in the intensity mask and have
// |X(k) - X(k + m)| <= alpha (settings.ngldmAlpha). Every intensity-mask voxel has a neighbourhood (N_s = N_v);
// voxels outside the ROI never count. Matrix, features and aggregation: native/texture_zones_matrix (shared
// with GLSZM and GLDZM).
#include "ngldm.h"

#include <type_traits>

#include "core/dispatch.h"
#include "core/error.h"
#include "core/feature_tags.h"
#include "texture_neighbourhood.h"
#include "texture_zones_matrix.h"

namespace radiomics {
namespace {

// Tags from the catalogue (core/feature_tags.h) in CountFeature order; IBSI ids and formulas (j = dependence count)
// beside each feature in texture_zones_matrix.cc.
static_assert(tags::kNgldmCount == kNumCountFeatures, "NGLDM tags follow CountFeature order, energy included");
constexpr CountFamily kNgldm = {"NGLDM", "ngl", tags::kNgldm, tags::kNgldmCount};

// One kernel for 2D and 3D (the offsets decide) and every level type: writes, in flat order, the level and the
// dependence count j_k of every intensity-mask voxel, and where each slice's voxels start.
// kExact (alpha = 0): dependent <=> same level (a non-zero level, so inside the ROI).
template <typename T, bool kExact>
static inline void dependenceKernel(const PaddedLevels<T>& g, const int64_t* offsets, size_t nOffsets, uint32_t alpha,
                                    uint32_t* count, uint32_t* level, uint32_t* value, size_t* sliceBegin,
                                    std::integral_constant<bool, kExact>) {
  using Wide = std::conditional_t<(sizeof(T) < 4), int32_t, int64_t>;
  const Wide a = static_cast<Wide>(alpha);
  size_t k = 0;
  for (int64_t z = 0; z < g.nz; ++z) {
    sliceBegin[z] = k;
    // Dependence counts over the slice's ROI stretch in one walk (count holds sliceSpan(g) values).
    int64_t lo, hi;
    sliceRoiStretch(g, z, &lo, &hi);
    const T* slice = g.v.data() + g.at(0, 0, z);
    for (int64_t x = lo; x < hi; ++x) count[x] = 1;  // the centre voxel itself
    walkNeighbourhoodRow(slice + lo, hi - lo, offsets, nOffsets, [cnt = count + lo, a](int64_t x, T c, T nb) {
      if constexpr (kExact) {
        cnt[x] += static_cast<uint32_t>(nb == c);
      } else {
        const Wide d = static_cast<Wide>(nb) - static_cast<Wide>(c);
        cnt[x] += static_cast<uint32_t>((nb != 0) & (d <= a) & (d >= -a));
      }
    });
    // The ROI voxels, row by row in flat order.
    for (int64_t y = 0; y < g.ny; ++y) {
      int64_t a0, b0;
      const T* row = slice + y * g.sy;
      roiSpan(row, g.nx, &a0, &b0);
      for (int64_t x = a0; x < b0; ++x)
        if (row[x]) {
          level[k] = row[x];
          value[k] = count[y * g.sy + x];
          ++k;
        }
    }
  }
  sliceBegin[g.nz] = k;
}

RADIOMICS_MULTIVERSION(dependenceDispatch, dependenceKernel)

// Dependence counts of every intensity-mask voxel for one neighbourhood (planar or volumetric).
template <typename T>
void dependences(const PaddedLevels<T>& g, const TextureSettings& settings, bool planar, int64_t roiVoxels,
                 std::vector<uint32_t>& level, std::vector<uint32_t>& value, PairSource& src) {
  const std::vector<int64_t> offsets = neighbourhoodOffsets(g.pad, g.sy, g.sz, planar);
  checkNeighbourhoodWork("NGLDM", settings.neighbourhoodDistance, offsets.size(), g.nx * g.ny * g.nz);
  level.resize(static_cast<size_t>(roiVoxels));
  value.resize(static_cast<size_t>(roiVoxels));
  std::vector<uint32_t> count(static_cast<size_t>(sliceSpan(g)));
  std::vector<size_t> begin(static_cast<size_t>(g.nz) + 1);
  const uint32_t alpha = static_cast<uint32_t>(settings.ngldmAlpha);
  if (alpha == 0)
    dependenceDispatch(g, offsets.data(), offsets.size(), alpha, count.data(), level.data(), value.data(),
                       begin.data(), std::integral_constant<bool, true>());
  else
    dependenceDispatch(g, offsets.data(), offsets.size(), alpha, count.data(), level.data(), value.data(),
                       begin.data(), std::integral_constant<bool, false>());
  src.level = level.data();
  src.value = value.data();
  if (planar) {
    src.sliceBegin = begin;
    src.sliceVoxels.resize(static_cast<size_t>(g.nz));
    for (size_t z = 0; z < src.sliceVoxels.size(); ++z)
      src.sliceVoxels[z] = static_cast<double>(begin[z + 1] - begin[z]);
  } else {
    src.sliceBegin = {0, begin.back()};
    src.sliceVoxels = {static_cast<double>(begin.back())};
  }
}

}  // namespace

void computeNgldm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  const Aggregations& agg = settings.aggregations;
  const bool planar = agg.d2 || agg.d25, volumetric = agg.d3;
  if (!planar && !volumetric) return;
  if (settings.neighbourhoodDistance < 1)
    fail(code::kInvalidConfig, "NGLDM: texture.neighbourhoodDistance must be >= 1");
  if (settings.ngldmAlpha < 0) fail(code::kInvalidConfig, "NGLDM: texture.ngldmAlpha must be >= 0");

  int64_t roiVoxels = 0;
  for (uint32_t l : image.levels) roiVoxels += l != 0;
  int64_t pad[3];
  neighbourhoodPadding(image.grid, settings.neighbourhoodDistance, !volumetric, pad);
  std::vector<uint32_t> levelP, valueP, levelV, valueV;
  PairSource p, v;
  withLevelType(image.nLevels, [&](auto tag) {
    using T = decltype(tag);
    const PaddedLevels<T> g = padLevels<T>(image, pad);
    if (planar) dependences(g, settings, true, roiVoxels, levelP, valueP, p);
    if (volumetric) dependences(g, settings, false, roiVoxels, levelV, valueV, v);
  });
  emitCountFamily(kNgldm, planar ? &p : nullptr, volumetric ? &v : nullptr, image.nLevels, settings, out);
}

}  // namespace radiomics
