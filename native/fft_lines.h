// Many 1D transforms of one size through the mixed-radix column FFT (core/fft_mixed.h): lines go kFftBlock
// at a time into split real / imaginary buffers, so the butterflies run across the block (vector code) and
// a strided line is read once per block instead of once per stage. The callers say where a line's points
// live (gather) and where its result goes (scatter); Moran's I / Geary's C and the Fourier-domain filters
// share this driver.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/fft_mixed.h"
#include "resample_parallel.h"

namespace radiomics {

constexpr int64_t kFftBlock = 8;

// Calls visit(first, w, re, im, scratchRe, scratchIm) for blocks of up to kFftBlock lines of n points
// covering [0, lines), on up to `threads` threads; the four buffers hold n * kFftBlock values each and are
// the thread's own.
template <typename Visit>
void forEachLineBlock(int64_t n, int64_t lines, int threads, Visit&& visit) {
  const int64_t size = n * kFftBlock;
  parallelFor((lines + kFftBlock - 1) / kFftBlock, threads, [&](int64_t b0, int64_t b1) {
    std::vector<double> buf(static_cast<size_t>(4 * size));
    double *re = buf.data(), *im = re + size, *sr = im + size, *si = sr + size;
    for (int64_t b = b0; b < b1; ++b) {
      const int64_t first = b * kFftBlock;
      visit(first, std::min(kFftBlock, lines - first), re, im, sr, si);
    }
  });
}

// Transforms lines [0, lines) of plan.n points on up to `threads` threads. gather(first, w, re, im) fills
// lines first .. first + w - 1 (point j of line first + c at re / im[j * w + c]); scatter(first, w, re, im)
// takes the transforms from the same places. Each line gets the same arithmetic whatever its block or
// thread, so results do not depend on the thread count.
template <typename Gather, typename Scatter>
void transformLines(const FftPlan& plan, int64_t lines, int threads, Gather&& gather, Scatter&& scatter) {
  forEachLineBlock(plan.n, lines, threads, [&](int64_t first, int64_t w, double* re, double* im, double* sr, double* si) {
    gather(first, w, re, im);
    fftColumnsPlanned(plan, re, im, sr, si, w);
    scatter(first, w, const_cast<const double*>(re), const_cast<const double*>(im));
  });
}

}  // namespace radiomics
