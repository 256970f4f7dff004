// Mixed-radix (2, 3, 4, 5) FFT of many columns at once, for sizes whose only prime factors are 2, 3 and 5
// ("smooth" sizes). Padding a convolution to the next smooth size instead of the next power of two keeps
// the grid within 25 % of the minimum per axis (a power of two can double it): fewer points per axis, and
// far fewer in 3D. Stockham autosort form (out of place, no bit reversal): stage after stage, each radix-r
// butterfly reads r points m apart and writes them r-interleaved, multiplied by the stage's twiddles, so
// the result comes out in natural order. Unnormalised both ways.
#pragma once
#include <complex>
#include <cstdint>
#include <vector>

namespace radiomics {

using cplx = std::complex<double>;

// Smallest n' >= n (n >= 1) whose prime factors are 2, 3 and 5 only.
int64_t nextSmoothSize(int64_t n);

struct FftPlan {
  struct Stage {
    int radix = 2;
    int64_t m = 1;               // n / (radix * stride so far): the sub-transform length after this stage
    std::vector<cplx> twiddle;  // w_len^(p u), p < m, 1 <= u < radix, at (p * (radix - 1) + u - 1)
  };
  int64_t n = 1;
  bool inverse = false;
  std::vector<Stage> stages;
};

// Plan of a size-n transform (n smooth); throws std::invalid_argument otherwise.
FftPlan planFft(int64_t n, bool inverse);

// Transforms `width` columns stored compactly as split real and imaginary parts: element j of column c is
// (re[j * width + c], im[j * width + c]). The scratch arrays hold n * width values each; the result is in
// re / im.
void fftColumnsPlanned(const FftPlan& plan, double* re, double* im, double* scratchRe, double* scratchIm,
                       int64_t width);

}  // namespace radiomics
