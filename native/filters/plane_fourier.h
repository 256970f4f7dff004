// Convolution of real planes with a kernel whose DFT is real (a Hermitian kernel, k(-x) = conj k(x), such
// as the Gabor filter's) in the Fourier domain, one plane at a time per thread, on a pu x pv grid of
// smooth sizes (core/fft_mixed.h: mixed-radix transforms, kFftBlock lines at a time). Memory per thread
// (PlaneFourier::Work), never a volume: the plane's half spectrum (kx = 0 .. pu / 2: a real plane's spectrum
// is Hermitian), the columns after the inverse along y cut to the output rows (pu x rows), one block buffer;
// and per kernel its real spectrum (pu x pv doubles), shared by the threads. The product's inverse reads
// the bins kx > pu / 2 as conjugates of the stored ones: no full complex plane is ever held.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "../core/fft_mixed.h"
#include "../fft_lines.h"

namespace radiomics {
namespace filters {

class PlaneFourier {
 public:
  PlaneFourier(int64_t pu, int64_t pv);
  int64_t pu() const { return pu_; }
  int64_t pv() const { return pv_; }

  // The spectrum of a kernel given as complex taps on the grid (tap (i, j) at i + pu j, positions wrapped
  // modulo the grid): its real part (the imaginary part is zero up to rounding for a Hermitian kernel).
  std::vector<double> realSpectrum(std::vector<double> re, std::vector<double> im) const;

  struct Work {
    std::vector<double> sre, sim;  // half spectrum: bin (kx, ky) at kx + (pu / 2 + 1) ky
    std::vector<double> tre, tim;  // after the inverse along y: column kx, output row r at kx + pu r
    std::vector<double> block;     // kFftBlock lines and their scratch
  };
  // The half spectrum of the real plane value(i, j), i < pu, j < pv (rows j >= rows are zero).
  template <typename Value>
  void forward(Work& w, int64_t rows, Value&& value) const;
  // The inverse transform of (spectrum x K), K a real spectrum from realSpectrum, on the output rows
  // j0 .. j0 + nj - 1: emit(i, r, re, im) for columns i0 .. i0 + ni - 1 and r = 0 .. nj - 1 (normalised).
  template <typename Emit>
  void inverse(Work& w, const std::vector<double>& k, int64_t j0, int64_t nj, int64_t i0, int64_t ni,
               Emit&& emit) const;

 private:
  void prepare(Work& w, int64_t nj) const;
  void forwardColumns(Work& w) const;
  void inverseColumns(Work& w, const std::vector<double>& k, int64_t j0, int64_t nj) const;
  int64_t pu_, pv_, hx_;  // hx_ = pu / 2 + 1 stored bins per row
  FftPlan fu_, fv_, iu_, iv_;
};

template <typename Value>
void PlaneFourier::forward(Work& w, int64_t rows, Value&& value) const {
  prepare(w, 0);
  const int64_t b = kFftBlock;
  double *re = w.block.data(), *im = re + b * pu_, *sr = im + b * pu_, *si = sr + b * pu_;
  std::fill(w.sre.begin(), w.sre.end(), 0.0);
  std::fill(w.sim.begin(), w.sim.end(), 0.0);
  for (int64_t j0 = 0; j0 < rows; j0 += b) {  // rows along x, kFftBlock at a time
    const int64_t n = std::min(b, rows - j0);
    for (int64_t i = 0; i < pu_; ++i)
      for (int64_t c = 0; c < n; ++c) re[i * n + c] = value(i, j0 + c), im[i * n + c] = 0.0;
    fftColumnsPlanned(fu_, re, im, sr, si, n);
    for (int64_t c = 0; c < n; ++c)
      for (int64_t kx = 0; kx < hx_; ++kx) {
        w.sre[static_cast<size_t>(kx + hx_ * (j0 + c))] = re[kx * n + c];
        w.sim[static_cast<size_t>(kx + hx_ * (j0 + c))] = im[kx * n + c];
      }
  }
  forwardColumns(w);
}

template <typename Emit>
void PlaneFourier::inverse(Work& w, const std::vector<double>& k, int64_t j0, int64_t nj, int64_t i0, int64_t ni,
                           Emit&& emit) const {
  inverseColumns(w, k, j0, nj);
  const int64_t b = kFftBlock;
  double *re = w.block.data(), *im = re + b * pu_, *sr = im + b * pu_, *si = sr + b * pu_;
  const double scale = 1.0 / (static_cast<double>(pu_) * static_cast<double>(pv_));
  for (int64_t r0 = 0; r0 < nj; r0 += b) {  // the output rows along x
    const int64_t n = std::min(b, nj - r0);
    for (int64_t kx = 0; kx < pu_; ++kx)
      for (int64_t c = 0; c < n; ++c) {
        re[kx * n + c] = w.tre[static_cast<size_t>(kx + pu_ * (r0 + c))];
        im[kx * n + c] = w.tim[static_cast<size_t>(kx + pu_ * (r0 + c))];
      }
    fftColumnsPlanned(iu_, re, im, sr, si, n);
    for (int64_t c = 0; c < n; ++c)
      for (int64_t i = i0; i < i0 + ni; ++i) emit(i - i0, r0 + c, re[i * n + c] * scale, im[i * n + c] * scale);
  }
}

}  // namespace filters
}  // namespace radiomics
