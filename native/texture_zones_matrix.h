// The count matrix shared by GLSZM (IBSI 3.8), GLDZM (3.9) and NGLDM (3.11): element m_ij counts zones (or
// neighbourhoods) of grey level i with column value j (zone size, distance to the ROI edge, dependence count).
// The three families define the same features on it under different names, so the features, the 2D / 2.5D / 3D
// aggregation and the optional matrix export live here once; each family supplies its tags.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/feature_sink.h"
#include "core/settings.h"

namespace radiomics {

// Compact storage: only the grey levels (rows) and column values (columns) that occur. N_g x N_z may be huge
// (a constant 1M-voxel ROI has one zone of size 10^6); this is (levels present) x (distinct values present).
struct CountMatrix {
  std::vector<uint32_t> levels;  // grey level i of each row, ascending
  std::vector<uint32_t> values;  // column value j of each column, ascending
  std::vector<double> counts;    // levels.size() x values.size(), row-major
  double nVoxels = 0;            // N_v: intensity-mask voxels the matrix was built from
};

// Builds the matrix from n (level, value) pairs, one per zone / neighbourhood. Fails with kMatrixTooLarge
// (naming the discretisation setting and texture.maxMatrixBytes) when the compact matrix exceeds maxBytes.
CountMatrix buildCountMatrix(const uint32_t* level, const uint32_t* value, size_t n, double nVoxels,
                             uint64_t maxBytes, const char* family);

// Features in the order of the tag tables (see CountFamily). IBSI identifiers of the three families beside
// each formula in texture_zones_matrix.cc.
enum CountFeature {
  kSmallEmphasis,     // (1/N_s) sum_j s_.j / j^2
  kLargeEmphasis,     // (1/N_s) sum_j j^2 s_.j
  kLowGrey,           // (1/N_s) sum_i s_i. / i^2
  kHighGrey,          // (1/N_s) sum_i i^2 s_i.
  kSmallLowGrey,      // (1/N_s) sum_ij s_ij / (i^2 j^2)
  kSmallHighGrey,     // (1/N_s) sum_ij i^2 s_ij / j^2
  kLargeLowGrey,      // (1/N_s) sum_ij j^2 s_ij / i^2
  kLargeHighGrey,     // (1/N_s) sum_ij i^2 j^2 s_ij
  kGreyNonUniformity, // (1/N_s) sum_i s_i.^2
  kGreyNonUniformityNorm,
  kValueNonUniformity,
  kValueNonUniformityNorm,
  kPercentage,        // N_s / N_v
  kGreyVariance,
  kValueVariance,
  kEntropy,
  kEnergy,            // NGLDM only
  kNumCountFeatures
};

// All features of one matrix (N_s > 0). Marginals are computed once.
void countMatrixFeatures(const CountMatrix& m, double out[kNumCountFeatures]);

// A family's names: tags[k] is the tag stem of feature k < nTags, from the catalogue (core/feature_tags.h) in
// CountFeature order; a family with nTags < kNumCountFeatures has none of the features from nTags on (energy).
struct CountFamily {
  const char* title;         // for messages, e.g. "GLSZM"
  const char* matrixPrefix;  // for returned matrices, e.g. "szm"
  const char* const* tags;
  size_t nTags;
};

// The (level, value) pairs of one source (2D: all slices, sliced; 3D: one "slice").
struct PairSource {
  const uint32_t* level = nullptr;
  const uint32_t* value = nullptr;
  std::vector<size_t> sliceBegin;  // pairs of slice z: [sliceBegin[z], sliceBegin[z+1])
  std::vector<double> sliceVoxels; // N_v of slice z
};

// Emits the family's features for the enabled aggregations (tags = stem + "_2D" / "_2_5D" / "_3D"):
//  _2D   (8QNN): one matrix per slice with intensity-mask voxels, features averaged over those slices;
//  _2_5D (62GR): one matrix from the pairs of all slices (merged matrices, N_v summed);
//  _3D   (KOBO): one matrix from the volumetric pairs.
// planar / volume may be null when the matching aggregations are off.
// With settings.returnMatrices the matrices go to out.matrices in the IBSI layout, counts as counted:
// rows = grey levels 1..N_g, columns = values 1..max value (zone size, distance or dependence count).
// Names: "<prefix>_2D_z<k>" (k = slice index in the cropped grid), "<prefix>_2_5D", "<prefix>_3D".
// The full matrix is checked against settings.maxMatrixBytes too.
void emitCountFamily(const CountFamily& family, const PairSource* planar, const PairSource* volume, uint32_t nLevels,
                     const TextureSettings& settings, FeatureSink& out);

}  // namespace radiomics
