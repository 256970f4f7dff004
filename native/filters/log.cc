// Laplacian of Gaussian (IBSI 2 reference manual, "Laplacian of Gaussian"; phase-1 tests 2.a-2.c):
//   LoG(x) = sum_d (x_d^2 / s_d^4 - 1 / s_d^2) G(x),  G(x) = prod_d exp(-x_d^2 / (2 s_d^2)) / (s_d sqrt(2 pi)),
// sampled on the voxel grid, s_d = sigma_mm / spacing_d (voxels), truncated at radius
// floor(truncate * s_d + 0.5) voxels per axis (kernel size M = 1 + 2 floor(truncate s + 0.5)). Not renormalised.
// Evaluated as the sum of D separable terms (term d: the second-derivative factor along axis d, the
// Gaussian along the others), plane by plane: the z factors straight from the input, then in-plane passes,
//   LoG = Gy (D2x Gz I + Gx D2z I) + D2y (Gx Gz I),
// in double precision, so that the working memory is a few planes per thread (none of the volume's size).
#include <algorithm>
#include <cmath>
#include <vector>

#include "../resample_parallel.h"
#include "filter.h"
#include "separable.h"

namespace radiomics {
namespace filters {

Kernel1D sampledGaussian(double sigma, double truncate, bool secondDerivative) {
  const int64_t radius = static_cast<int64_t>(std::floor(truncate * sigma + 0.5));
  Kernel1D k;
  k.first = -radius;
  const double norm = 1.0 / (sigma * std::sqrt(2.0 * M_PI));
  for (int64_t x = -radius; x <= radius; ++x) {
    const double xx = static_cast<double>(x * x);
    const double g = norm * std::exp(-xx / (2 * sigma * sigma));
    k.taps.push_back(secondDerivative ? (xx / (sigma * sigma * sigma * sigma) - 1.0 / (sigma * sigma)) * g : g);
  }
  return k;
}

void logFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  const int axes = s.threeD ? 3 : 2;
  Kernel1D gauss[3], second[3];
  for (int a = 0; a < axes; ++a) {
    const double sigma = s.sigmaMm / s.spacing[a];
    gauss[a] = sampledGaussian(sigma, s.truncate, false);
    second[a] = sampledGaussian(sigma, s.truncate, true);
  }
  const int64_t nx = d.n[0], ny = d.n[1], nz = d.n[2], plane = nx * ny;
  // In place in 3D, other planes read input planes around the one written: those need a copy. In 2D each
  // plane reads only itself, before it is written.
  std::vector<float> copy;
  if (in == v && s.threeD) copy.assign(in, in + d.size());
  const float* input = copy.empty() ? in : copy.data();
  parallelFor(nz, s.threads, [&](int64_t z0, int64_t z1) {
    std::vector<double> c(static_cast<size_t>(plane)), e(c.size()), p(c.size()), q(c.size()), scratch;
    // c = the z Gaussian of the input at plane z, e = its z second derivative (both kernels symmetric, same
    // taps): one sweep over the input planes, row by row, each pair of planes z - j, z + j summed once.
    const int64_t r = s.threeD ? gauss[2].last() : 0;
    std::vector<const float*> src(static_cast<size_t>(2 * r + 1));
    auto zFactors = [&](int64_t z) {
      for (int64_t j = -r; j <= r; ++j) {
        const int64_t k = boundaryIndex(z + j, nz, s.boundary);
        src[static_cast<size_t>(j + r)] = k < 0 ? nullptr : input + k * plane;
      }
      for (int64_t y = 0; y < ny; ++y) {
        double* cr = c.data() + y * nx;
        double* er = e.data() + y * nx;
        const size_t centre = static_cast<size_t>(r);
        const float* mid = src[centre];
        const double g0 = gauss[2].taps[centre], d0 = second[2].taps[centre];
        if (mid) {
          const float* mr = mid + y * nx;
          for (int64_t x = 0; x < nx; ++x) {
            cr[x] = g0 * mr[x];
            er[x] = d0 * mr[x];
          }
        } else {
          std::fill(cr, cr + nx, 0.0);
          std::fill(er, er + nx, 0.0);
        }
        for (int64_t j = 1; j <= r; ++j) {
          const float* a = src[centre - static_cast<size_t>(j)];
          const float* b = src[centre + static_cast<size_t>(j)];
          if (!a && !b) continue;
          const double g = gauss[2].taps[centre + static_cast<size_t>(j)], dd = second[2].taps[centre + static_cast<size_t>(j)];
          if (a && b) {
            const float* ar = a + y * nx;
            const float* br = b + y * nx;
            for (int64_t x = 0; x < nx; ++x) {
              const double pair = static_cast<double>(ar[x]) + static_cast<double>(br[x]);
              cr[x] += g * pair;
              er[x] += dd * pair;
            }
          } else {
            const float* one = (a ? a : b) + y * nx;
            for (int64_t x = 0; x < nx; ++x) {
              cr[x] += g * one[x];
              er[x] += dd * one[x];
            }
          }
        }
      }
    };
    for (int64_t z = z0; z < z1; ++z) {
      if (s.threeD) {
        zFactors(z);
      } else {
        std::copy(input + z * plane, input + (z + 1) * plane, c.begin());
      }
      // LoG = Gy (D2x c + Gx e) + D2y (Gx c)   (e: 0 in 2D)
      planePass(c.data(), p.data(), nx, ny, 0, second[0], s.boundary, false, scratch);
      if (s.threeD) planePass(e.data(), p.data(), nx, ny, 0, gauss[0], s.boundary, true, scratch);
      planePass(c.data(), q.data(), nx, ny, 0, gauss[0], s.boundary, false, scratch);
      planePass(p.data(), c.data(), nx, ny, 1, gauss[1], s.boundary, false, scratch);
      planePass(q.data(), c.data(), nx, ny, 1, second[1], s.boundary, true, scratch);
      float* out = v + z * plane;
      for (int64_t i = 0; i < plane; ++i) out[i] = static_cast<float>(c[static_cast<size_t>(i)]);
    }
  });
}

}  // namespace filters
}  // namespace radiomics
