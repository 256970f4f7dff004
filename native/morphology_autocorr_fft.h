// Exact Moran's I (N365) and Geary's C (NPT7) for large ROIs by FFT convolution.
//
// With d_k = X_k - mu on the intensity mask (m_k = 1) and 0 elsewhere, and the kernel K(r) = 1/|r| (r in
// mm, K(0) = 0), every sum over voxel pairs is a convolution evaluated on the mask:
//   W     = sum_{k != l} w_kl            = sum_k m_k (m * K)_k
//   S_I   = sum_{k != l} w_kl d_k d_l    = sum_k d_k (d * K)_k
//   S_C   = sum_{k != l} w_kl (X_k - X_l)^2 = 2 sum_k d_k^2 (m * K)_k - 2 S_I
//   I = N / W * S_I / sum d^2,   C = (N - 1) / (2 W) * S_C / sum d^2.
// The two convolutions share one complex FFT (d + i m; K is real and even, so its transform is real and
// is computed on the half grid only), on a grid padded to the smallest size >= 2n - 1 per axis whose factors are 2, 3 and 5 (no wrap-around): exact
// up to floating-point rounding, O(M log M) in the padded size M instead of O(N^2) pairs. The transforms
// are pruned: forward, an axis pass skips the lines (and the points of a line) that are still zero;
// inverse, those the reductions never read. The z axis is transformed, multiplied by the kernel and
// transformed back line by line (filterLines), so only the ROI box's z-slices of the field are stored.
#pragma once
#include <cstdint>

#include "core/roi.h"

namespace radiomics {

struct ExactAutocorrelation {
  double moranI = 0, gearyC = 0;
  int64_t voxels = 0;
  bool constant = false;  // zero variance: I and C undefined
};

// Returns false (and leaves `out` alone) when the padded grid would exceed maxPoints points
// (memory: about 10 bytes per point: the field keeps half the padded z extent). Needs roi.intCount >= 2. `threads` share the line transforms
// (<= 0: all cores); the result is the same for any thread count.
bool autocorrelationByFft(const RoiImage& roi, int64_t maxPoints, ExactAutocorrelation* out, int threads = 1);

}  // namespace radiomics
