#include "fft.h"

#include "dispatch.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace radiomics {

int64_t nextPowerOfTwo(int64_t n) {
  int64_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

// Twiddle factors of every stage of a size-n radix-2 FFT: stage `len` (half = len / 2) holds
// w_k = exp(sign 2 pi i k / len), k < half, at offset half - 1 (n - 1 values in all). Computed once per
// transform (not per line) and exactly as before: cos / sin of (sign 2 pi / len) * k.
std::vector<cplx> fftTwiddles(int64_t n, bool inverse) {
  std::vector<cplx> w(static_cast<size_t>(n > 1 ? n - 1 : 0));
  const double sign = inverse ? 1.0 : -1.0;
  for (int64_t len = 2; len <= n; len <<= 1) {
    const double ang = sign * 2.0 * M_PI / static_cast<double>(len);
    const int64_t half = len >> 1;
    for (int64_t k = 0; k < half; ++k)
      w[static_cast<size_t>(half - 1 + k)] = cplx(std::cos(ang * static_cast<double>(k)), std::sin(ang * static_cast<double>(k)));
  }
  return w;
}

// `width` adjacent FFTs at once: element j of column c is base[j * stride + c], c < width (stride >=
// width). Each butterfly runs across the columns (contiguous, vectorisable); every column gets exactly
// the operations of a one-line transform, so grouping changes no result.
// Compiled for every ISA (the column loop is the vector loop); -ffp-contract=off keeps every variant's
// arithmetic, and so its result, identical.
static inline void fftColumnsKernel(cplx* base, int64_t n, int64_t width, int64_t stride, const cplx* tw) {
  for (int64_t i = 1, j = 0; i < n; ++i) {
    int64_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap_ranges(base + i * stride, base + i * stride + width, base + j * stride);
  }
  double* d = reinterpret_cast<double*>(base);
  for (int64_t len = 2; len <= n; len <<= 1) {
    const int64_t half = len >> 1;
    const cplx* w = tw + (half - 1);
    for (int64_t i = 0; i < n; i += len)
      for (int64_t k = 0; k < half; ++k) {
        double* a = d + 2 * (i + k) * stride;
        double* b = d + 2 * (i + k + half) * stride;
        const double wr = w[k].real(), wi = w[k].imag();
        for (int64_t c = 0; c < width; ++c) {
          // v = b * w (the finite-value result of std::complex multiplication), then u +- v.
          const double br = b[2 * c], bi = b[2 * c + 1];
          const double vr = br * wr - bi * wi, vi = br * wi + bi * wr;
          const double ur = a[2 * c], ui = a[2 * c + 1];
          a[2 * c] = ur + vr;
          a[2 * c + 1] = ui + vi;
          b[2 * c] = ur - vr;
          b[2 * c + 1] = ui - vi;
        }
      }
  }
}

namespace {
RADIOMICS_MULTIVERSION(fftColumnsDispatch, fftColumnsKernel)
}  // namespace

void fftColumns(cplx* base, int64_t n, int64_t width, int64_t stride, const std::vector<cplx>& tw) {
  if (n <= 1 || width <= 0) return;
  fftColumnsDispatch(base, n, width, stride, tw.data());
}

void fft1d(cplx* a, int64_t n, bool inverse) {
  if (n <= 1) return;
  fftColumns(a, n, 1, 1, fftTwiddles(n, inverse));
}

void fft3d(std::vector<cplx>& data, int64_t nx, int64_t ny, int64_t nz, bool inverse) {
  // x: contiguous rows, one at a time.
  const std::vector<cplx> tx = fftTwiddles(nx, inverse);
  for (int64_t r = 0; r < ny * nz; ++r) fftColumns(data.data() + r * nx, nx, 1, 1, tx);
  // y: per slice, all x columns together; z: all (x, y) columns together.
  const std::vector<cplx> ty = fftTwiddles(ny, inverse);
  for (int64_t z = 0; z < nz; ++z) fftColumns(data.data() + z * nx * ny, ny, nx, nx, ty);
  if (nz > 1) fftColumns(data.data(), nz, nx * ny, nx * ny, fftTwiddles(nz, inverse));
  if (inverse) {
    const double scale = 1.0 / static_cast<double>(nx * ny * nz);
    for (cplx& c : data) c *= scale;
  }
}

}  // namespace radiomics
