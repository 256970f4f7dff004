// Simoncelli non-separable wavelet (IBSI 2 reference manual, "Simoncelli wavelets"; phase-1 tests 8.a),
// a radial band-pass filter defined in the Fourier domain: with nu the frequency in units of the Nyquist
// frequency (|nu| <= 1 per axis, grid: see binFrequency in fourier_grid.h) and nu_max = 2^(1 - level),
//   psi(nu) = cos(pi/2 log2(2 |nu| / nu_max))   for nu_max / 4 < |nu| <= nu_max,   0 otherwise.
// The response is the real part of IFFT(FFT(I) psi): a periodic boundary by construction, computed in the
// output volume itself (real_fourier.h: no complex volume). 2D: in every axial slice with the in-plane
// radius. Any size (Bluestein for non-powers of two).
#include <cmath>
#include <cstring>

#include "../core/error.h"
#include "filter.h"
#include "fourier_grid.h"
#include "real_fourier.h"

namespace radiomics {
namespace filters {

void simoncelliFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  if (s.level < 1 || s.level > 8) fail(code::kInvalidConfig, "Simoncelli level must be 1..8");
  if (s.boundary != Boundary::Periodic) fail(code::kInvalidConfig, "the Simoncelli filter is defined with the periodic boundary condition");
  if (in != v) std::memcpy(v, in, static_cast<size_t>(d.size()) * sizeof(float));
  const Transfer psi = [&](int64_t kx, int64_t ky, int64_t kz) {
    const double fx = binFrequency(kx, d.n[0]), fy = binFrequency(ky, d.n[1]), fz = s.threeD ? binFrequency(kz, d.n[2]) : 0.0;
    return cplx(simoncelliTransfer(std::sqrt(fx * fx + fy * fy + fz * fz), s.level), 0.0);
  };
  filterRealInPlace(v, d, s.threeD, psi, s.threads);
}

}  // namespace filters
}  // namespace radiomics
