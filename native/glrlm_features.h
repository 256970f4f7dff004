// IBSI 3.7 GLRLM features of one (directional or merged) run length matrix.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/feature_tags.h"
#include "texture_directional.h"

namespace radiomics {

// Tags without aggregation suffix, in the order glrlmFeatures writes them: the catalogue order
// (catalogue/features.json, generated into core/feature_tags.h).
constexpr size_t kGlrlmFeatureCount = tags::kGlrlmCount;
inline constexpr const char* const* kGlrlmFeatureNames = tags::kGlrlm;

// Marginal sums, reused between matrices.
struct GlrlmScratch {
  std::vector<double> ri, rj;
};

// Writes the 16 features of run length matrix `m` (rows: grey level i, cols: run length j; m.nv = N_v) to
// f[0..15]; NaN for every feature when the matrix is empty.
void glrlmFeatures(const texture::SparseMatrix& m, GlrlmScratch& s, double* f);

}  // namespace radiomics
