// Moran's I (N365) and Geary's C (NPT7): spatial autocorrelation of the intensity-mask voxels with
// inverse-distance weights.
#pragma once
#include <cmath>
#include <cstdint>

#include "core/roi.h"

namespace radiomics {

struct Autocorrelation {
  double moranI = NAN, gearyC = NAN;
  int64_t voxels = 0;           // N_v,gl
  int64_t sampled = 0;          // voxels whose pairs were summed (== voxels when exact)
  bool estimated = false;       // true when sampled < voxels
  bool constant = false;        // all ROI intensities equal: I and C undefined (NaN)
  bool subsetConstant = false;  // estimate only: the sampled voxels are all equal (NaN)
};

// Exact (all N (N - 1) / 2 pairs, O(N^2)) when roi.intCount <= exactMaxVoxels. Above that, the
// estimate is Moran's I / Geary's C of a deterministic random subset of n = exactMaxVoxels voxels of
// the intensity mask (selection sampling seeded by `seed`: same input and seed, same value), with the
// subset's own mean and variance: the "repeated subsampling" the manual suggests, done once. Every
// pair of ROI voxels is equally likely to be among the subset's pairs, so the subset's weighted pair
// averages sum w d d / sum w and sum w (X - X')^2 / sum w, and its variance, are consistent
// estimates of the ROI's; the estimate converges to the exact value as n -> N (bias O(1/n)) and
// equals it for n = N. The cost is that of the exact value at N = exactMaxVoxels. Measured on
// synthetic ellipsoids of 63k voxels at n = 20000 (8 seeds): standard error about 1% of I and 0.2% of
// C, no visible bias. Needs N >= 2 voxels.
Autocorrelation spatialAutocorrelation(const RoiImage& roi, int64_t exactMaxVoxels, uint64_t seed);

}  // namespace radiomics
