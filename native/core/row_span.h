// The span of a row between its first and last non-zero entry (an ROI voxel, a mask voxel), scanned from both
// ends: most rows of an ROI's crop hold none or one run, so this costs a few reads per row instead of a branch
// per voxel. Shared by the texture level grids, the neighbourhood walks and the ROI diagnostics.
#pragma once
#include <cstdint>

namespace radiomics {

// [lo, hi) = the span of row[0, n) between its first and last non-zero entry; lo = hi when there is none.
template <typename T>
inline void roiSpan(const T* row, int64_t n, int64_t* lo, int64_t* hi) {
  int64_t a = 0, b = n;
  while (a < b && !row[a]) ++a;
  while (b > a && !row[b - 1]) --b;
  *lo = a;
  *hi = b;
}

}  // namespace radiomics
