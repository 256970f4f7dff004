// Simoncelli non-separable wavelet (IBSI 2 reference manual, "Simoncelli wavelets"; phase-1 tests 8.a),
// a radial band-pass filter defined in the Fourier domain: with nu the frequency in units of the Nyquist
// frequency (|nu| <= 1 per axis, grid: see binFrequency in fourier_grid.h) and nu_max = 2^(1 - level),
//   psi(nu) = cos(pi/2 log2(2 |nu| / nu_max))   for nu_max / 4 < |nu| <= nu_max,   0 otherwise.
// The response is the real part of IFFT(FFT(I) psi): a periodic boundary by construction. 2D: in every
// axial slice with the in-plane radius. Any size (Bluestein for non-powers of two).
#include <cmath>
#include <vector>

#include "../core/error.h"
#include "../resample_parallel.h"
#include "dft.h"
#include "filter.h"
#include "fourier_grid.h"

namespace radiomics {
namespace filters {

void simoncelliFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  if (s.level < 1 || s.level > 8) fail(code::kInvalidConfig, "Simoncelli level must be 1..8");
  if (s.boundary != Boundary::Periodic) fail(code::kInvalidConfig, "the Simoncelli filter is defined with the periodic boundary condition");
  const int64_t n = d.size();
  std::vector<cplx> data(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) data[static_cast<size_t>(i)] = in[i];
  const bool axes[3] = {true, true, s.threeD};
  dftAxes(data, d.n, axes, false, s.threads);
  parallelFor(d.n[2], s.threads, [&](int64_t z0, int64_t z1) {
    for (int64_t z = z0; z < z1; ++z) {
      const double fz = s.threeD ? binFrequency(z, d.n[2]) : 0.0;
      for (int64_t y = 0; y < d.n[1]; ++y) {
        const double fy = binFrequency(y, d.n[1]);
        for (int64_t x = 0; x < d.n[0]; ++x) {
          const double fx = binFrequency(x, d.n[0]);
          const double r = std::sqrt(fx * fx + fy * fy + fz * fz);
          data[static_cast<size_t>(x + d.n[0] * (y + d.n[1] * z))] *= simoncelliTransfer(r, s.level);
        }
      }
    }
  });
  dftAxes(data, d.n, axes, true, s.threads);
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<float>(data[static_cast<size_t>(i)].real());
}

}  // namespace filters
}  // namespace radiomics
