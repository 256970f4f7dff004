// The frequency grid and transfer functions shared by the Fourier-domain filters (Simoncelli, Riesz).
#pragma once
#include <cmath>
#include <cstdint>

namespace radiomics {
namespace filters {

// Frequency of DFT bin k of n in units of the Nyquist frequency, on the grid of the IBSI 2 reference
// implementation: the centred (fftshift-ed) bins span [-1, 1] in n equal steps (linspace(-1, 1, n)), so
// bin k sits at shifted index (k + n/2) mod n. This grid, not numpy's fftfreq, reproduces the phase-1
// reference maps 8.a.1-8.a.3 (fftfreq misses 8.a.3 by 8 x the tolerance) and 10.b.1.
inline double binFrequency(int64_t k, int64_t n) {
  if (n == 1) return 0.0;
  const int64_t i = (k + n / 2) % n;
  return -1.0 + 2.0 * static_cast<double>(i) / static_cast<double>(n - 1);
}

// Simoncelli band-pass transfer function at radial frequency r (Nyquist units) for a level (IBSI 2
// reference manual, "Simoncelli wavelets"): with nu_max = 2^(1 - level),
//   psi(r) = cos(pi/2 log2(2 r / nu_max))   for nu_max / 4 < r <= nu_max,   0 otherwise.
inline double simoncelliTransfer(double r, int level) {
  const double numax = std::ldexp(1.0, 1 - level);
  return (r > numax / 4 && r <= numax) ? std::cos(M_PI / 2 * std::log2(2 * r / numax)) : 0.0;
}

}  // namespace filters
}  // namespace radiomics
