#include "fft.h"

#include <cmath>
#include <utility>

namespace radiomics {

int64_t nextPowerOfTwo(int64_t n) {
  int64_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

void fft1d(cplx* a, int64_t n, bool inverse) {
  if (n <= 1) return;
  // Bit-reversal permutation.
  for (int64_t i = 1, j = 0; i < n; ++i) {
    int64_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  const double sign = inverse ? 1.0 : -1.0;
  for (int64_t len = 2; len <= n; len <<= 1) {
    const double ang = sign * 2.0 * M_PI / static_cast<double>(len);
    const int64_t half = len >> 1;
    // Twiddles computed directly (not by repeated multiplication) to keep the error at O(eps log n).
    std::vector<cplx> w(static_cast<size_t>(half));
    for (int64_t k = 0; k < half; ++k) w[static_cast<size_t>(k)] = cplx(std::cos(ang * static_cast<double>(k)), std::sin(ang * static_cast<double>(k)));
    for (int64_t i = 0; i < n; i += len)
      for (int64_t k = 0; k < half; ++k) {
        const cplx u = a[i + k], v = a[i + k + half] * w[static_cast<size_t>(k)];
        a[i + k] = u + v;
        a[i + k + half] = u - v;
      }
  }
}

void fft3d(std::vector<cplx>& data, int64_t nx, int64_t ny, int64_t nz, bool inverse) {
  std::vector<cplx> line(static_cast<size_t>(std::max(nx, std::max(ny, nz))));
  // x: contiguous rows.
  for (int64_t r = 0; r < ny * nz; ++r) fft1d(data.data() + r * nx, nx, inverse);
  // y and z: gather a line, transform, scatter.
  for (int64_t z = 0; z < nz; ++z)
    for (int64_t x = 0; x < nx; ++x) {
      for (int64_t y = 0; y < ny; ++y) line[static_cast<size_t>(y)] = data[static_cast<size_t>(x + nx * (y + ny * z))];
      fft1d(line.data(), ny, inverse);
      for (int64_t y = 0; y < ny; ++y) data[static_cast<size_t>(x + nx * (y + ny * z))] = line[static_cast<size_t>(y)];
    }
  if (nz > 1)
    for (int64_t y = 0; y < ny; ++y)
      for (int64_t x = 0; x < nx; ++x) {
        for (int64_t z = 0; z < nz; ++z) line[static_cast<size_t>(z)] = data[static_cast<size_t>(x + nx * (y + ny * z))];
        fft1d(line.data(), nz, inverse);
        for (int64_t z = 0; z < nz; ++z) data[static_cast<size_t>(x + nx * (y + ny * z))] = line[static_cast<size_t>(z)];
      }
  if (inverse) {
    const double scale = 1.0 / static_cast<double>(nx * ny * nz);
    for (cplx& c : data) c *= scale;
  }
}

}  // namespace radiomics
