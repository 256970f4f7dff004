#include "extended_fourier.h"

#include <algorithm>
#include <complex>
#include <cstring>

#include "../fft_lines.h"
#include "../resample_parallel.h"

namespace radiomics {
namespace filters {

void filterExtendedReal(const float* in, float* out, const Dims& d, const int64_t p[3],
                        const std::vector<int64_t> ext[3], bool threeD, const Transfer& t, int threads) {
  const int64_t nx = d.n[0], ny = d.n[1], nz = d.n[2], px = p[0], py = p[1], pz = threeD ? p[2] : 1;
  const int64_t rows = ny * nz, m = (px - 1) / 2, len = std::max(2 * m, nx);
  const bool hasNyquist = px % 2 == 0;
  // Row r = y + n_y z holds bins 1 .. m of its DFT along x as float pairs; bins 0 and p_x / 2 aside.
  const int64_t split = std::min(rows, d.size() / len);
  std::vector<float> tail(static_cast<size_t>((rows - split) * len));
  const RowStore store{out, split, tail.empty() ? nullptr : tail.data(), len};
  std::vector<std::complex<float>> zero(static_cast<size_t>(rows)), nyquist(hasNyquist ? static_cast<size_t>(rows) : 0);
  auto get = [&](int64_t kx, int64_t r) -> cplx {
    if (kx == 0) return cplx(zero[static_cast<size_t>(r)]);
    if (kx > m) return cplx(nyquist[static_cast<size_t>(r)]);
    const float* q = store.row(r) + 2 * (kx - 1);
    return cplx(q[0], q[1]);
  };
  auto set = [&](int64_t kx, int64_t r, double re, double im) {
    const std::complex<float> c(static_cast<float>(re), static_cast<float>(im));
    if (kx == 0) {
      zero[static_cast<size_t>(r)] = c;
    } else if (kx > m) {
      nyquist[static_cast<size_t>(r)] = c;
    } else {
      float* q = store.row(r) + 2 * (kx - 1);
      q[0] = c.real(), q[1] = c.imag();
    }
  };

  // Rows along x, extended by ext[0]: kFftBlock rows at a time.
  transformLines(
      planFft(px, false), rows, threads,
      [&](int64_t first, int64_t w, double* re, double* im) {
        for (int64_t x = 0; x < px; ++x) {
          const int64_t sx = ext[0][static_cast<size_t>(x)];
          for (int64_t c = 0; c < w; ++c) re[x * w + c] = sx < 0 ? 0.0 : in[nx * (first + c) + sx], im[x * w + c] = 0.0;
        }
      },
      [&](int64_t first, int64_t w, const double* re, const double* im) {
        for (int64_t c = 0; c < w; ++c)
          for (int64_t kx = 0; kx <= px / 2; ++kx) set(kx, first + c, re[kx * w + c], im[kx * w + c]);
      });

  // (T(k) + conj(T(-k))) / 2, as filterRealInPlace applies it.
  auto symmetric = [&](int64_t kx, int64_t ky, int64_t kz) {
    const int64_t mz = threeD ? (pz - kz) % pz : 0;
    return 0.5 * (t(kx, ky, kz) + std::conj(t((px - kx) % px, (py - ky) % py, mz)));
  };
  const FftPlan fy = planFft(py, false), iy = planFft(py, true);
  const FftPlan fz = threeD ? planFft(pz, false) : FftPlan(), iz = threeD ? planFft(pz, true) : FftPlan();
  const double scaleY = 1.0 / static_cast<double>(py), scaleZ = 1.0 / static_cast<double>(pz);
  // One x bin at a time: its plane of bins along y (all p_y) by z (the image's n_z), y fastest per z line.
  parallelFor(px / 2 + 1, threads, [&](int64_t k0, int64_t k1) {
    const int64_t b = kFftBlock, longest = std::max(py, pz);
    std::vector<double> sre(static_cast<size_t>(py * nz)), sim(sre.size()), block(static_cast<size_t>(4 * b * longest));
    double *re = block.data(), *im = re + b * longest, *sr = im + b * longest, *si = sr + b * longest;
    for (int64_t kx = k0; kx < k1; ++kx) {
      // Along y, columns z (the extension read through ext[1]); the plane at ky * n_z + z.
      for (int64_t z0 = 0; z0 < nz; z0 += b) {
        const int64_t w = std::min(b, nz - z0);
        for (int64_t y = 0; y < py; ++y) {
          const int64_t sy = ext[1][static_cast<size_t>(y)];
          for (int64_t c = 0; c < w; ++c) {
            const cplx v = sy < 0 ? cplx(0, 0) : get(kx, sy + ny * (z0 + c));
            re[y * w + c] = v.real(), im[y * w + c] = v.imag();
          }
        }
        fftColumnsPlanned(fy, re, im, sr, si, w);
        for (int64_t ky = 0; ky < py; ++ky)
          for (int64_t c = 0; c < w; ++c)
            sre[static_cast<size_t>(ky * nz + z0 + c)] = re[ky * w + c],
                                                   sim[static_cast<size_t>(ky * nz + z0 + c)] = im[ky * w + c];
      }
      if (threeD) {
        // Along z (the extension read through ext[2]), times the transfer, back along z, [0, n_z) kept.
        for (int64_t y0 = 0; y0 < py; y0 += b) {
          const int64_t w = std::min(b, py - y0);
          for (int64_t z = 0; z < pz; ++z) {
            const int64_t sz = ext[2][static_cast<size_t>(z)];
            for (int64_t c = 0; c < w; ++c) {
              const size_t at = static_cast<size_t>((y0 + c) * nz + sz);
              re[z * w + c] = sz < 0 ? 0.0 : sre[at], im[z * w + c] = sz < 0 ? 0.0 : sim[at];
            }
          }
          fftColumnsPlanned(fz, re, im, sr, si, w);
          for (int64_t kz = 0; kz < pz; ++kz)
            for (int64_t c = 0; c < w; ++c) {
              const cplx v = cplx(re[kz * w + c], im[kz * w + c]) * symmetric(kx, y0 + c, kz);
              re[kz * w + c] = v.real(), im[kz * w + c] = v.imag();
            }
          fftColumnsPlanned(iz, re, im, sr, si, w);
          for (int64_t z = 0; z < nz; ++z)
            for (int64_t c = 0; c < w; ++c) {
              const size_t at = static_cast<size_t>((y0 + c) * nz + z);
              sre[at] = re[z * w + c] * scaleZ, sim[at] = im[z * w + c] * scaleZ;
            }
        }
      } else {
        for (int64_t ky = 0; ky < py; ++ky) {
          const cplx f = symmetric(kx, ky, 0);
          for (int64_t z = 0; z < nz; ++z) {
            const size_t at = static_cast<size_t>(ky * nz + z);
            const cplx v = cplx(sre[at], sim[at]) * f;
            sre[at] = v.real(), sim[at] = v.imag();
          }
        }
      }
      // Back along y, [0, n_y) kept.
      for (int64_t z0 = 0; z0 < nz; z0 += b) {
        const int64_t w = std::min(b, nz - z0);
        for (int64_t ky = 0; ky < py; ++ky)
          for (int64_t c = 0; c < w; ++c)
            re[ky * w + c] = sre[static_cast<size_t>(ky * nz + z0 + c)],
                        im[ky * w + c] = sim[static_cast<size_t>(ky * nz + z0 + c)];
        fftColumnsPlanned(iy, re, im, sr, si, w);
        for (int64_t y = 0; y < ny; ++y)
          for (int64_t c = 0; c < w; ++c) set(kx, y + ny * (z0 + c), re[y * w + c] * scaleY, im[y * w + c] * scaleY);
      }
    }
  });

  // Rows back along x from their Hermitian half, [0, n_x) written over the row's first floats.
  const double scaleX = 1.0 / static_cast<double>(px);
  transformLines(
      planFft(px, true), rows, threads,
      [&](int64_t first, int64_t w, double* re, double* im) {
        for (int64_t c = 0; c < w; ++c) {
          const int64_t r = first + c;
          for (int64_t kx = 0; kx <= px / 2; ++kx) {
            const cplx v = get(kx, r);
            re[kx * w + c] = v.real(), im[kx * w + c] = v.imag();
            if (kx > 0 && kx < px - kx) re[(px - kx) * w + c] = v.real(), im[(px - kx) * w + c] = -v.imag();
          }
        }
      },
      [&](int64_t first, int64_t w, const double* re, const double*) {
        for (int64_t c = 0; c < w; ++c) {
          float* row = store.row(first + c);
          for (int64_t x = 0; x < nx; ++x) row[x] = static_cast<float>(re[x * w + c] * scaleX);
        }
      });
  // Output row r (n_x floats) from store row r (len >= n_x floats from r len on): copied in increasing
  // order, no row is overwritten before it is read.
  for (int64_t r = 0; r < rows; ++r) std::memmove(out + nx * r, store.row(r), static_cast<size_t>(nx) * sizeof(float));
}

}  // namespace filters
}  // namespace radiomics
