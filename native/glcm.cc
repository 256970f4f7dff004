// IBSI 3.6 GLCM: matrices per direction (glcm_matrix.h), features (glcm_features.cc), the six aggregations
// (texture_directional.h).
//
// Tags: name + suffix (e.g. cm_joint_max_3D_avg) when settings.distances is {1}; otherwise every distance N
// gets name + "_d" + N + suffix (cm_joint_max_d1_3D_avg, cm_joint_max_d2_3D_avg, ...).
// Matrices (settings.returnMatrices), symmetric counts, N_g x N_g, row/column k = grey level k + 1, named
// "cm" + distance infix + "_" + what, what being (only for the enabled aggregations):
//   3D_comb, 2_5D_comb, dir<k> (whole-volume matrix of kDirections3D[k]; k < 4 are the 2.5D
//   direction-merged matrices), 2D_comb_z<k> (slice k of the discretised crop, in-plane directions merged).
#include "glcm.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "glcm_matrix.h"

namespace radiomics {
namespace {

template <class T>
void computeWithType(const DiscreteImage& image, const TextureSettings& settings, const std::vector<int64_t>& distances,
                     FeatureSink& out) {
  const texture::LevelVolume<T> levels = texture::makeLevelVolume<T>(image, 0);
  const std::vector<const char*> names(kGlcmFeatureNames, kGlcmFeatureNames + kGlcmFeatureCount);
  const bool plain = distances.size() == 1 && distances[0] == 1;
  for (int64_t delta : distances) {
    const std::string infix = plain ? std::string() : "_d" + std::to_string(delta);
    glcm_detail::GlcmSource<T> source(levels, image.nLevels, delta, settings.symmetric);
    texture::MatrixCallback onMatrix;
    if (settings.returnMatrices)
      onMatrix = [&](const std::string& what, const texture::SparseMatrix& m) {
        out.matrices.push_back(texture::toNamedMatrix("cm" + infix + "_" + what, m));
      };
    const texture::DirectionalResult r = texture::runDirectional(source, settings.aggregations, onMatrix);
    texture::emitDirectional(r, names, infix, "cm", out);
  }
}

// PyRadiomics' angle set: every offset with Chebyshev norm in `distances`, one of each +- pair (the first
// non-zero component positive, in z, y, x order), in-plane offsets only when `inPlane`.
std::vector<Offset> shellOffsets(const std::vector<int64_t>& distances, bool inPlane) {
  std::vector<Offset> out;
  int64_t dmax = 0;
  for (int64_t d : distances) dmax = std::max(dmax, d);
  const int32_t r = static_cast<int32_t>(dmax);
  for (int32_t dz = inPlane ? 0 : -r; dz <= (inPlane ? 0 : r); ++dz)
    for (int32_t dy = -r; dy <= r; ++dy)
      for (int32_t dx = -r; dx <= r; ++dx) {
        const int32_t norm = std::max(std::abs(dx), std::max(std::abs(dy), std::abs(dz)));
        if (norm == 0 || std::find(distances.begin(), distances.end(), norm) == distances.end()) continue;
        const bool canonical = dz > 0 || (dz == 0 && (dy > 0 || (dy == 0 && dx > 0)));
        if (canonical) out.push_back({dx, dy, dz});
      }
  return out;
}

template <class T>
void computeShells(const DiscreteImage& image, const TextureSettings& settings, const std::vector<int64_t>& distances,
                   FeatureSink& out) {
  const texture::LevelVolume<T> levels = texture::makeLevelVolume<T>(image, 0);
  const std::vector<const char*> names(kGlcmFeatureNames, kGlcmFeatureNames + kGlcmFeatureCount);
  glcm_detail::GlcmSource<T> source(levels, image.nLevels, 1, settings.symmetric);
  texture::DirectionalResult r;
  const bool inPlane = !settings.aggregations.d3;
  const texture::AggIndex agg = inPlane ? texture::k25DAvg : texture::k3DAvg;
  r.enabled[agg] = true;
  texture::FeatureMean mean(kGlcmFeatureCount);
  std::vector<double> f(kGlcmFeatureCount);
  int k = 0;
  for (const Offset& o : shellOffsets(distances, inPlane)) {
    const texture::SparseMatrix m = source.buildOffset(o, 1, 0, source.slices());
    if (m.empty()) continue;
    source.features(m, f);
    mean.add(f);
    if (settings.returnMatrices) out.matrices.push_back(texture::toNamedMatrix("cm_dir" + std::to_string(k++), m));
  }
  r.value[agg] = mean.mean();
  r.matrices[agg] = mean.matrices();
  texture::emitDirectional(r, names, "", "cm", out);
}

}  // namespace

void computeGlcm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  std::vector<int64_t> distances;
  for (int32_t d : settings.distances) {
    if (d < 1) fail(code::kInvalidConfig, "GLCM distances must be integers >= 1, got " + std::to_string(d));
    if (std::find(distances.begin(), distances.end(), d) == distances.end()) distances.push_back(d);
  }
  if (distances.empty()) distances.push_back(1);

  // The dense N_g x N_g matrix of doubles bounds what one GLCM may cost (and what returnMatrices hands back).
  const double bytes = static_cast<double>(image.nLevels) * static_cast<double>(image.nLevels) * 8.0;
  if (bytes > static_cast<double>(settings.maxMatrixBytes)) {
    std::ostringstream m;
    m << "the GLCM of " << image.nLevels << " grey levels needs " << bytes << " bytes, more than maxMatrixBytes ("
      << settings.maxMatrixBytes << "); use fewer grey levels (a larger discretisation binWidth or a smaller nBins) "
      << "or raise maxMatrixBytes";
    fail(code::kMatrixTooLarge, m.str());
  }
  texture::withLevelType(image.nLevels, [&](auto tag) {
    if (settings.chebyshevShells) computeShells<decltype(tag)>(image, settings, distances, out);
    else computeWithType<decltype(tag)>(image, settings, distances, out);
  });
}

}  // namespace radiomics
