// Laplacian of Gaussian (IBSI 2 reference manual, "Laplacian of Gaussian"; phase-1 tests 2.a-2.c):
//   LoG(x) = sum_d (x_d^2 / s_d^4 - 1 / s_d^2) G(x),  G(x) = prod_d exp(-x_d^2 / (2 s_d^2)) / (s_d sqrt(2 pi)),
// sampled on the voxel grid, s_d = sigma_mm / spacing_d (voxels), truncated at radius
// floor(truncate * s_d + 0.5) voxels per axis (kernel size M = 1 + 2 floor(truncate s + 0.5)). Not renormalised.
// Evaluated as the sum of D separable terms: term d takes the second-derivative factor along axis d and
// the Gaussian along the others.
#include <cmath>

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
  const int64_t n = d.size();
  std::vector<float> copy, term(static_cast<size_t>(n));
  if (in == v) copy.assign(in, in + n);
  const float* input = in == v ? copy.data() : in;
  for (int t = 0; t < axes; ++t) {
    const Kernel1D* k[3] = {nullptr, nullptr, nullptr};
    for (int a = 0; a < axes; ++a) k[a] = a == t ? &second[a] : &gauss[a];
    if (t == 0) {
      convolveSeparable(input, v, d, k, s.boundary, s.threads);
    } else {
      convolveSeparable(input, term.data(), d, k, s.boundary, s.threads);
      accumulate(v, term.data(), n, 0, s.threads);
    }
  }
}

}  // namespace filters
}  // namespace radiomics
