// IBSI 3.7 GLRLM: matrices per direction (glrlm_matrix.h), features (glrlm_features.cc), the six aggregations
// (texture_directional.h). Tags: name + aggregation suffix (rlm_sre_3D_avg, ...).
// Matrices (settings.returnMatrices): run counts, N_g x N_r (N_r = the largest ROI bounding-box extent),
// element (i, j) = runs of grey level i + 1 and length j + 1, named "rlm_" + what, what being (only for the
// enabled aggregations): 3D_comb, 2_5D_comb, dir<k> (whole-volume matrix of kDirections3D[k]; k < 4 are the
// 2.5D direction-merged matrices), 2D_comb_z<k> (slice k of the discretised crop, in-plane directions merged).
#include "glrlm.h"

#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "glrlm_matrix.h"

namespace radiomics {
namespace {

template <class T>
void computeWithType(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  const texture::LevelVolume<T> levels = texture::makeLevelVolume<T>(image, 1);
  // The dense N_g x N_r matrix of doubles (N_r: the longest possible run, the largest bounding-box extent)
  // bounds what one GLRLM may cost (and what returnMatrices hands back). Checked before any matrix exists.
  const double bytes = static_cast<double>(image.nLevels) * static_cast<double>(levels.maxExtent()) * 8.0;
  if (bytes > static_cast<double>(settings.maxMatrixBytes)) {
    std::ostringstream m;
    m << "the GLRLM of " << image.nLevels << " grey levels x " << levels.maxExtent() << " run lengths needs " << bytes
      << " bytes, more than maxMatrixBytes (" << settings.maxMatrixBytes
      << "); use fewer grey levels (a larger discretisation binWidth or a smaller nBins) or raise maxMatrixBytes";
    fail(code::kMatrixTooLarge, m.str());
  }
  glrlm_detail::GlrlmSource<T> source(levels, image.nLevels);
  texture::MatrixCallback onMatrix;
  if (settings.returnMatrices)
    onMatrix = [&](const std::string& what, const texture::SparseMatrix& m) {
      out.matrices.push_back(texture::toNamedMatrix("rlm_" + what, m));
    };
  const texture::DirectionalResult r = texture::runDirectional(source, settings.aggregations, onMatrix);
  texture::emitDirectional(r, std::vector<const char*>(kGlrlmFeatureNames, kGlrlmFeatureNames + kGlrlmFeatureCount),
                           "", "rlm", out);
}

}  // namespace

void computeGlrlm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  texture::withLevelType(image.nLevels, [&](auto tag) { computeWithType<decltype(tag)>(image, settings, out); });
}

}  // namespace radiomics
