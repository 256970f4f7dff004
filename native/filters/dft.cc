#include "dft.h"

#include <cmath>
#include <utility>

#include "../resample_parallel.h"

namespace radiomics {
namespace filters {

DftPlan::DftPlan(int64_t n) : n_(n) {
  const bool pow2 = n > 0 && (n & (n - 1)) == 0;
  m_ = 1;
  while (m_ < (pow2 ? n : 2 * n - 1)) m_ <<= 1;
  twiddle_.resize(static_cast<size_t>(m_ / 2));
  for (int64_t k = 0; k < m_ / 2; ++k) {
    const double a = -2.0 * M_PI * static_cast<double>(k) / static_cast<double>(m_);
    twiddle_[static_cast<size_t>(k)] = cplx(std::cos(a), std::sin(a));
  }
  reversal_.resize(static_cast<size_t>(m_));
  int bits = 0;
  while ((int64_t(1) << bits) < m_) ++bits;
  for (int64_t i = 0; i < m_; ++i) {
    int64_t r = 0;
    for (int b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
    reversal_[static_cast<size_t>(i)] = r;
  }
  if (!pow2) {
    chirp_.resize(static_cast<size_t>(n));
    for (int64_t k = 0; k < n; ++k) {
      // k^2 mod 2n keeps the angle small and exact for large k.
      const int64_t k2 = (k * k) % (2 * n);
      const double a = -M_PI * static_cast<double>(k2) / static_cast<double>(n);
      chirp_[static_cast<size_t>(k)] = cplx(std::cos(a), std::sin(a));
    }
    chirpFft_.assign(static_cast<size_t>(m_), cplx(0, 0));
    chirpFft_[0] = std::conj(chirp_[0]);
    for (int64_t k = 1; k < n; ++k)
      chirpFft_[static_cast<size_t>(k)] = chirpFft_[static_cast<size_t>(m_ - k)] = std::conj(chirp_[static_cast<size_t>(k)]);
    radix2(chirpFft_.data(), m_, false);
  }
}

void DftPlan::radix2(cplx* a, int64_t m, bool inverse) const {
  for (int64_t i = 0; i < m; ++i) {
    const int64_t j = reversal_[static_cast<size_t>(i)];
    if (i < j) std::swap(a[i], a[j]);
  }
  for (int64_t len = 2; len <= m; len <<= 1) {
    const int64_t half = len >> 1, step = m / len;
    for (int64_t i = 0; i < m; i += len)
      for (int64_t k = 0; k < half; ++k) {
        cplx w = twiddle_[static_cast<size_t>(k * step)];
        if (inverse) w = std::conj(w);
        const cplx u = a[i + k], v = a[i + k + half] * w;
        a[i + k] = u + v;
        a[i + k + half] = u - v;
      }
  }
}

void DftPlan::run(cplx* data, bool inverse, std::vector<cplx>& work) const {
  if (n_ <= 1) return;
  if (chirp_.empty()) {
    radix2(data, n_, inverse);
  } else {
    // X[k] = conj(c_k)... with c_k = exp(-i pi k^2 / n): X = c * ((x c) conv conj(c)).
    work.assign(static_cast<size_t>(m_), cplx(0, 0));
    for (int64_t k = 0; k < n_; ++k) {
      const cplx c = inverse ? std::conj(chirp_[static_cast<size_t>(k)]) : chirp_[static_cast<size_t>(k)];
      work[static_cast<size_t>(k)] = data[k] * c;
    }
    radix2(work.data(), m_, false);
    for (int64_t k = 0; k < m_; ++k) {
      const cplx f = inverse ? std::conj(chirpFft_[static_cast<size_t>((m_ - k) % m_)]) : chirpFft_[static_cast<size_t>(k)];
      work[static_cast<size_t>(k)] *= f;
    }
    radix2(work.data(), m_, true);
    const double scale = 1.0 / static_cast<double>(m_);
    for (int64_t k = 0; k < n_; ++k) {
      const cplx c = inverse ? std::conj(chirp_[static_cast<size_t>(k)]) : chirp_[static_cast<size_t>(k)];
      data[k] = work[static_cast<size_t>(k)] * scale * c;
    }
  }
  if (inverse) {
    const double scale = 1.0 / static_cast<double>(n_);
    for (int64_t k = 0; k < n_; ++k) data[k] *= scale;
  }
}

void dftAxes(std::vector<cplx>& data, const int64_t n[3], const bool axes[3], bool inverse, int threads) {
  const int64_t stride[3] = {1, n[0], n[0] * n[1]};
  for (int a = 0; a < 3; ++a) {
    if (!axes[a] || n[a] <= 1) continue;
    const DftPlan plan(n[a]);
    const int b = a == 0 ? 1 : 0, c = a == 2 ? 1 : 2;  // the two other axes
    const int64_t lines = n[b] * n[c];
    parallelFor(lines, threads, [&](int64_t l0, int64_t l1) {
      std::vector<cplx> line(static_cast<size_t>(n[a])), work;
      for (int64_t l = l0; l < l1; ++l) {
        const int64_t start = (l % n[b]) * stride[b] + (l / n[b]) * stride[c];
        for (int64_t i = 0; i < n[a]; ++i) line[static_cast<size_t>(i)] = data[static_cast<size_t>(start + i * stride[a])];
        plan.run(line.data(), inverse, work);
        for (int64_t i = 0; i < n[a]; ++i) data[static_cast<size_t>(start + i * stride[a])] = line[static_cast<size_t>(i)];
      }
    });
  }
}

}  // namespace filters
}  // namespace radiomics
