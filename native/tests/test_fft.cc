// The mixed-radix column FFT (core/fft_mixed.h) against the DFT written out, on every radix and their
// mixtures, forward and inverse, several columns at once.
#include <cmath>
#include <random>
#include <vector>

#include "check.h"
#include "core/fft_mixed.h"

using namespace radiomics;

TEST(fft_smooth_sizes) {
  CHECK(nextSmoothSize(1) == 1);
  CHECK(nextSmoothSize(7) == 8);
  CHECK(nextSmoothSize(127) == 128);
  CHECK(nextSmoothSize(129) == 135);  // 3^3 5, not 256
  CHECK(nextSmoothSize(163) == 180);  // 2^2 3^2 5
  CHECK(nextSmoothSize(177) == 180);
}

TEST(fft_mixed_radix_matches_dft) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(-1, 1);
  for (int64_t n : {1, 2, 3, 4, 5, 6, 8, 9, 12, 15, 16, 25, 30, 45, 60, 64, 100, 135}) {
    for (bool inverse : {false, true}) {
      const int64_t width = 3;
      std::vector<cplx> data(static_cast<size_t>(n * width));
      for (auto& v : data) v = cplx(u(rng), u(rng));
      std::vector<cplx> want(data.size());
      const double sign = inverse ? 1.0 : -1.0;
      for (int64_t c = 0; c < width; ++c)
        for (int64_t k = 0; k < n; ++k) {
          cplx s(0, 0);
          for (int64_t j = 0; j < n; ++j) {
            const double a = sign * 2.0 * M_PI * static_cast<double>((j * k) % n) / static_cast<double>(n);
            s += data[static_cast<size_t>(j * width + c)] * cplx(std::cos(a), std::sin(a));
          }
          want[static_cast<size_t>(k * width + c)] = s;
        }
      std::vector<double> re(data.size()), im(data.size()), sr(data.size()), si(data.size());
      for (size_t i = 0; i < data.size(); ++i) re[i] = data[i].real(), im[i] = data[i].imag();
      fftColumnsPlanned(planFft(n, inverse), re.data(), im.data(), sr.data(), si.data(), width);
      for (size_t i = 0; i < data.size(); ++i) data[i] = cplx(re[i], im[i]);
      double worst = 0;
      for (size_t i = 0; i < data.size(); ++i) worst = std::fmax(worst, std::abs(data[i] - want[i]));
      CHECK(worst < 1e-12 * static_cast<double>(n));
    }
  }
}

TEST(fft_plan_rejects_other_primes) {
  bool threw = false;
  try {
    planFft(14, false);
  } catch (const std::invalid_argument&) {
    threw = true;
  }
  CHECK(threw);
}
