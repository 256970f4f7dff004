// IBSI 3.7 GLRLM features of one (directional or merged) run length matrix.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "texture_directional.h"

namespace radiomics {

constexpr size_t kGlrlmFeatureCount = 16;
// Tags without aggregation suffix, in the order glrlmFeatures writes them.
extern const char* const kGlrlmFeatureNames[kGlrlmFeatureCount];

// Marginal sums, reused between matrices.
struct GlrlmScratch {
  std::vector<double> ri, rj;
};

// Writes the 16 features of run length matrix `m` (rows: grey level i, cols: run length j; m.nv = N_v) to
// f[0..15]; NaN for every feature when the matrix is empty.
void glrlmFeatures(const texture::SparseMatrix& m, GlrlmScratch& s, double* f);

}  // namespace radiomics
