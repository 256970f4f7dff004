// IBSI 3.6 GLCM features of one (directional or merged) co-occurrence matrix.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/feature_tags.h"
#include "texture_directional.h"

namespace radiomics {

// Tags without aggregation suffix, in the order glcmFeatures writes them: the catalogue order
// (catalogue/features.json, generated into core/feature_tags.h).
constexpr size_t kGlcmFeatureCount = tags::kGlcmCount;
inline constexpr const char* const* kGlcmFeatureNames = tags::kGlcm;

// Marginal and diagonal distributions, reused between matrices.
struct GlcmScratch {
  std::vector<double> px, py, pdiff, psum;
};

// Writes the 25 features of count matrix `m` (N_g = nLevels) to f[0..24]. NaN where undefined
// (correlation with a zero marginal variance, information correlation 1 with HX = 0).
void glcmFeatures(const texture::SparseMatrix& m, uint32_t nLevels, GlcmScratch& s, double* f);

}  // namespace radiomics
