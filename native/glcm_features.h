// IBSI 3.6 GLCM features of one (directional or merged) co-occurrence matrix.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "texture_directional.h"

namespace radiomics {

constexpr size_t kGlcmFeatureCount = 25;
// Tags without aggregation suffix, in the order glcmFeatures writes them.
extern const char* const kGlcmFeatureNames[kGlcmFeatureCount];

// Marginal and diagonal distributions, reused between matrices.
struct GlcmScratch {
  std::vector<double> px, py, pdiff, psum;
};

// Writes the 25 features of count matrix `m` (N_g = nLevels) to f[0..24]. NaN where undefined
// (correlation with a zero marginal variance, information correlation 1 with HX = 0).
void glcmFeatures(const texture::SparseMatrix& m, uint32_t nLevels, GlcmScratch& s, double* f);

}  // namespace radiomics
