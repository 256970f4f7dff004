// Separable undecimated wavelets (IBSI 2 reference manual, "Separable wavelets"; phase-1 tests 5-7):
// the stationary (a trous) transform. Level j of sub-band "LHL" (x, y, z) convolves each axis with the
// decomposition low-pass filter at levels 1..j-1, then with the sub-band's filter at level j, the level-l
// filters dilated by inserting 2^(l-1) - 1 zeros between taps. The passes along one axis are composed
// into one kernel, so a sub-band costs one 1D pass per axis. Rotation invariance averages (or takes the
// max of) the response over the right-angle rotations of the whole chain. Filter taps are the
// decomposition filters of the PyWavelets convention (dec_lo; dec_hi[k] = (-1)^(k+1) dec_lo[N-1-k]).
#include <cmath>
#include <string>
#include <vector>

#include "../core/error.h"
#include "filter.h"
#include "separable.h"

namespace radiomics {
namespace filters {
namespace {

std::vector<double> decompositionLowPass(const std::string& name) {
  const double r2 = std::sqrt(2.0);
  if (name == "haar" || name == "db1") return {1 / r2, 1 / r2};
  if (name == "db2") {
    const double s3 = std::sqrt(3.0), c = 4 * r2;
    return {(1 - s3) / c, (3 - s3) / c, (3 + s3) / c, (1 + s3) / c};
  }
  if (name == "db3")
    return {0.03522629188570953, -0.08544127388202666, -0.13501102001025458, 0.45987750211849154, 0.8068915093110925, 0.33267055295008263};
  if (name == "coif1") {
    const double s7 = std::sqrt(7.0), c = r2 / 32;
    return {c * (-3 + s7), c * (1 - s7), c * (14 - 2 * s7), c * (14 + 2 * s7), c * (5 + s7), c * (1 - s7)};
  }
  fail(code::kInvalidConfig, "unknown wavelet '" + name + "' (haar, db1, db2, db3, coif1)");
}

std::vector<double> highPassOf(const std::vector<double>& lo) {
  const size_t n = lo.size();
  std::vector<double> hi(n);
  for (size_t k = 0; k < n; ++k) hi[k] = ((k % 2) ? 1.0 : -1.0) * lo[n - 1 - k];
  return hi;
}

}  // namespace

// The per-axis kernels of one sub-band at one level (empty kernel along z in 2D).
void waveletKernels(const FilterSpec& s, Kernel1D out[3]) {
  const size_t axes = s.threeD ? 3 : 2;
  if (s.subband.size() != axes)
    fail(code::kInvalidConfig, "wavelet sub-band '" + s.subband + "' must have " + std::to_string(axes) + " letters (L/H) for a " + (s.threeD ? "3D" : "2D") + " filter");
  if (s.level < 1 || s.level > 8) fail(code::kInvalidConfig, "wavelet level must be 1..8");
  const std::vector<double> lo = decompositionLowPass(s.wavelet), hi = highPassOf(lo);
  const int64_t centre = static_cast<int64_t>(lo.size() / 2);
  const Kernel1D klo = Kernel1D::fromConvolution(lo, centre), khi = Kernel1D::fromConvolution(hi, centre);
  for (size_t a = 0; a < axes; ++a) {
    const char band = s.subband[a];
    if (band != 'L' && band != 'H' && band != 'l' && band != 'h')
      fail(code::kInvalidConfig, "wavelet sub-band '" + s.subband + "': letters must be L or H");
    Kernel1D chain;
    for (int l = 1; l < s.level; ++l) chain = compose(chain, klo.dilated(int64_t(1) << (l - 1)));
    const Kernel1D& last = (band == 'L' || band == 'l') ? klo : khi;
    out[a] = compose(chain, last.dilated(int64_t(1) << (s.level - 1)));
  }
}

void waveletFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  Kernel1D k[3];
  waveletKernels(s, k);
  separablePooled(in, v, d, k, s.threeD, s.pooling, s.boundary, s.threads);
}

}  // namespace filters
}  // namespace radiomics
