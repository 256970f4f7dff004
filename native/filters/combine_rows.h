// The one inner loop of every separable pass (convolve.cc, the streamed rotation pooling of separable.cc):
// a kernel's taps combined over rows of a plane, x innermost (contiguous, vectorisable), in double.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "kernel.h"

namespace radiomics {
namespace filters {

// +1: taps symmetric about position 0 (k(-i) = k(i)); -1: antisymmetric (k(-i) = -k(i)); 0: neither.
// Symmetric and antisymmetric kernels fold each pair of taps into one multiplication.
inline int symmetryOf(const Kernel1D& k) {
  if (k.first != -k.last()) return 0;
  const size_t n = k.taps.size();
  bool sym = true, anti = true;
  for (size_t i = 0; i < n; ++i) {
    sym = sym && k.taps[i] == k.taps[n - 1 - i];
    anti = anti && k.taps[i] == -k.taps[n - 1 - i];
  }
  return sym ? 1 : anti ? -1 : 0;
}

// acc[x] = sum_t taps[t] * row(t + first)[x] over x in [0, nx), row(o) the row at position o (float or
// double): each value is taken to double first, so float rows give the same sums as those rows converted to
// double. Folded for (anti)symmetric kernels; every output sums its taps in the same order whatever the
// thread count or where the rows lie.
template <typename Rows>
inline void combineRowsAt(double* acc, Rows&& row, int64_t nx, const Kernel1D& k, int symmetry) {
  std::fill(acc, acc + nx, 0.0);
  const int64_t ntaps = static_cast<int64_t>(k.taps.size());
  if (symmetry != 0) {
    const int64_t r = k.last();  // taps at -r..r, centre index r
    const double c = k.taps[static_cast<size_t>(r)];
    if (c != 0.0) {
      const auto* s0 = row(0);
      for (int64_t x = 0; x < nx; ++x) acc[x] += c * static_cast<double>(s0[x]);
    }
    for (int64_t i = 1; i <= r; ++i) {
      const double w = k.taps[static_cast<size_t>(r + i)];  // weight of position +i
      if (w == 0.0) continue;
      const auto* plus = row(i);
      const auto* minus = row(-i);
      if (symmetry > 0)
        for (int64_t x = 0; x < nx; ++x) acc[x] += w * (static_cast<double>(plus[x]) + static_cast<double>(minus[x]));
      else
        for (int64_t x = 0; x < nx; ++x) acc[x] += w * (static_cast<double>(plus[x]) - static_cast<double>(minus[x]));
    }
    return;
  }
  for (int64_t t = 0; t < ntaps; ++t) {
    const double w = k.taps[static_cast<size_t>(t)];
    if (w == 0.0) continue;
    const auto* src = row(t + k.first);
    for (int64_t x = 0; x < nx; ++x) acc[x] += w * static_cast<double>(src[x]);
  }
}

// The same with the row at position o at base + o * stride.
template <typename T>
inline void combineRows(double* acc, const T* base, int64_t stride, int64_t nx, const Kernel1D& k, int symmetry) {
  combineRowsAt(
      acc, [base, stride](int64_t o) { return base + o * stride; }, nx, k, symmetry);
}

}  // namespace filters
}  // namespace radiomics
