// Exact Moran's I (N365) and Geary's C (NPT7) for large ROIs by FFT convolution.
//
// With d_k = X_k - mu on the intensity mask (m_k = 1) and 0 elsewhere, and the kernel K(r) = 1/|r| (r in
// mm, K(0) = 0), every sum over voxel pairs is a convolution evaluated on the mask:
//   W     = sum_{k != l} w_kl            = sum_k m_k (m * K)_k
//   S_I   = sum_{k != l} w_kl d_k d_l    = sum_k d_k (d * K)_k
//   S_C   = sum_{k != l} w_kl (X_k - X_l)^2 = 2 sum_k d_k^2 (m * K)_k - 2 S_I
//   I = N / W * S_I / sum d^2,   C = (N - 1) / (2 W) * S_C / sum d^2.
// The sums are taken in the frequency domain (Parseval): with D, M, Q the DFTs of d, m and q = d^2 m on a grid
// padded to the smallest size >= 2n - 1 per axis whose factors are 2, 3 and 5 (no wrap-around), and K^ the
// kernel's DFT (real and even; computed on the half grid),
//   S_I = sum K^ |D|^2 / T,  W = sum K^ |M|^2 / T,  sum_k d_k^2 (m * K)_k = sum K^ Re(M conj Q) / T
// (T grid points): exact up to floating-point rounding, O(T log T) instead of O(N^2) pairs, and nothing is
// transformed back. The fields are real, so only half of each spectrum along x is formed (one complex FFT
// gives D and M of a row, another Q of two rows); then each x-frequency plane is transformed along y and z
// and reduced on its own (threads take planes; the plane sums are added in plane order).
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
// (memory: about 7 bytes per point: three half spectra of the ROI box, x-transformed only). Needs roi.intCount >= 2. `threads` share the line transforms
// (<= 0: all cores); the result is the same for any thread count.
bool autocorrelationByFft(const RoiImage& roi, int64_t maxPoints, ExactAutocorrelation* out, int threads = 1);

}  // namespace radiomics
