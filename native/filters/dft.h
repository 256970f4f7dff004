// Discrete Fourier transforms of any length, for the Fourier-domain filters' sizes the mixed-radix FFT does
// not take (Simoncelli, Riesz): a plan with precomputed twiddles for power-of-two lengths (radix 2),
// Bluestein's chirp-z algorithm on top of it for other lengths. Multi-dimensional transforms run line by
// line, lines spread over threads (each line transformed identically whatever the thread count).
#pragma once
#include <complex>
#include <cstdint>
#include <vector>

namespace radiomics {
namespace filters {

using cplx = std::complex<double>;

class DftPlan {
 public:
  explicit DftPlan(int64_t n);
  int64_t size() const { return n_; }
  // In place; inverse is normalised (divides by n). `work` is scratch space reused between calls.
  void run(cplx* data, bool inverse, std::vector<cplx>& work) const;

 private:
  void radix2(cplx* a, int64_t m, bool inverse) const;
  int64_t n_ = 0, m_ = 0;           // m_: the power-of-two length used (n_ itself, or >= 2n-1 for Bluestein)
  std::vector<cplx> twiddle_;       // exp(-2 pi i k / m), k < m/2
  std::vector<int64_t> reversal_;   // bit reversal of m
  std::vector<cplx> chirp_, chirpFft_;  // Bluestein: exp(-i pi k^2 / n) and the transform of its conjugate
};

// In-place transform of a complex nx x ny x nz array (x fastest) along the axes whose flag is set.
void dftAxes(std::vector<cplx>& data, const int64_t n[3], const bool axes[3], bool inverse, int threads);

}  // namespace filters
}  // namespace radiomics
