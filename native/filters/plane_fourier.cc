#include "plane_fourier.h"

namespace radiomics {
namespace filters {

PlaneFourier::PlaneFourier(int64_t pu, int64_t pv)
    : pu_(pu),
      pv_(pv),
      hx_(pu / 2 + 1),
      fu_(planFft(pu, false)),
      fv_(planFft(pv, false)),
      iu_(planFft(pu, true)),
      iv_(planFft(pv, true)) {}

void PlaneFourier::prepare(Work& w, int64_t nj) const {
  w.sre.resize(static_cast<size_t>(hx_ * pv_));
  w.sim.resize(w.sre.size());
  w.block.resize(static_cast<size_t>(4 * kFftBlock * std::max(pu_, pv_)));
  if (nj > 0 && w.tre.size() < static_cast<size_t>(pu_ * nj)) {
    w.tre.resize(static_cast<size_t>(pu_ * nj));
    w.tim.resize(w.tre.size());
  }
}

std::vector<double> PlaneFourier::realSpectrum(std::vector<double> re, std::vector<double> im) const {
  // Rows along x, then columns along y, kFftBlock lines at a time, in the given arrays.
  const int64_t b = kFftBlock, n = std::max(pu_, pv_);
  std::vector<double> block(static_cast<size_t>(4 * b * n));
  double *br = block.data(), *bi = br + b * n, *sr = bi + b * n, *si = sr + b * n;
  for (int64_t j0 = 0; j0 < pv_; j0 += b) {
    const int64_t w = std::min(b, pv_ - j0);
    for (int64_t i = 0; i < pu_; ++i)
      for (int64_t c = 0; c < w; ++c)
        br[i * w + c] = re[static_cast<size_t>(i + pu_ * (j0 + c))],
                   bi[i * w + c] = im[static_cast<size_t>(i + pu_ * (j0 + c))];
    fftColumnsPlanned(fu_, br, bi, sr, si, w);
    for (int64_t i = 0; i < pu_; ++i)
      for (int64_t c = 0; c < w; ++c)
        re[static_cast<size_t>(i + pu_ * (j0 + c))] = br[i * w + c],
                                               im[static_cast<size_t>(i + pu_ * (j0 + c))] = bi[i * w + c];
  }
  for (int64_t i0 = 0; i0 < pu_; i0 += b) {
    const int64_t w = std::min(b, pu_ - i0);
    for (int64_t j = 0; j < pv_; ++j)
      for (int64_t c = 0; c < w; ++c)
        br[j * w + c] = re[static_cast<size_t>(i0 + c + pu_ * j)],
                   bi[j * w + c] = im[static_cast<size_t>(i0 + c + pu_ * j)];
    fftColumnsPlanned(fv_, br, bi, sr, si, w);
    for (int64_t j = 0; j < pv_; ++j)
      for (int64_t c = 0; c < w; ++c) re[static_cast<size_t>(i0 + c + pu_ * j)] = br[j * w + c];
  }
  return re;
}

void PlaneFourier::forwardColumns(Work& w) const {
  const int64_t b = kFftBlock;
  double *re = w.block.data(), *im = re + b * pv_, *sr = im + b * pv_, *si = sr + b * pv_;
  for (int64_t k0 = 0; k0 < hx_; k0 += b) {
    const int64_t n = std::min(b, hx_ - k0);
    for (int64_t j = 0; j < pv_; ++j)
      for (int64_t c = 0; c < n; ++c)
        re[j * n + c] = w.sre[static_cast<size_t>(k0 + c + hx_ * j)],
                   im[j * n + c] = w.sim[static_cast<size_t>(k0 + c + hx_ * j)];
    fftColumnsPlanned(fv_, re, im, sr, si, n);
    for (int64_t j = 0; j < pv_; ++j)
      for (int64_t c = 0; c < n; ++c)
        w.sre[static_cast<size_t>(k0 + c + hx_ * j)] = re[j * n + c],
                                                 w.sim[static_cast<size_t>(k0 + c + hx_ * j)] = im[j * n + c];
  }
}

void PlaneFourier::inverseColumns(Work& w, const std::vector<double>& k, int64_t j0, int64_t nj) const {
  prepare(w, nj);
  const int64_t b = kFftBlock;
  double *re = w.block.data(), *im = re + b * pv_, *sr = im + b * pv_, *si = sr + b * pv_;
  for (int64_t k0 = 0; k0 < pu_; k0 += b) {
    const int64_t n = std::min(b, pu_ - k0);
    // Bin (kx, ky) of the product: stored for kx <= pu / 2, else the conjugate of bin (pu - kx, pv - ky).
    for (int64_t ky = 0; ky < pv_; ++ky)
      for (int64_t c = 0; c < n; ++c) {
        const int64_t kx = k0 + c;
        const double t = k[static_cast<size_t>(kx + pu_ * ky)];
        if (kx < hx_) {
          const size_t s = static_cast<size_t>(kx + hx_ * ky);
          re[ky * n + c] = w.sre[s] * t, im[ky * n + c] = w.sim[s] * t;
        } else {
          const size_t s = static_cast<size_t>((pu_ - kx) + hx_ * ((pv_ - ky) % pv_));
          re[ky * n + c] = w.sre[s] * t, im[ky * n + c] = -w.sim[s] * t;
        }
      }
    fftColumnsPlanned(iv_, re, im, sr, si, n);
    for (int64_t r = 0; r < nj; ++r)
      for (int64_t c = 0; c < n; ++c)
        w.tre[static_cast<size_t>(k0 + c + pu_ * r)] = re[(j0 + r) * n + c],
                                                 w.tim[static_cast<size_t>(k0 + c + pu_ * r)] = im[(j0 + r) * n + c];
  }
}

}  // namespace filters
}  // namespace radiomics
