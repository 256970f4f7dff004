// Riesz transform of a LoG or Simoncelli filter (IBSI 2 reference manual, "Riesz transform"; phase-1 tests
// 9.a, 9.b.1: LoG, 10.b.1: Simoncelli). Not IBSI-compliant: IBSI 2 reached no consensus on Riesz filters.
// The Riesz transform of order l = (l_x, l_y, l_z), |l| = l_x + l_y + l_z, in the Fourier domain:
//   R_l(nu) = (-i)^|l| sqrt(|l|! / (l_x! l_y! l_z!)) nu_x^l_x nu_y^l_y nu_z^l_z / |nu|^|l|,   R_l(0) = 0 (|l| > 0),
// multiplies the transfer function H of the filter; the response is the real part of IFFT(FFT(I) H R_l).
// nu: frequencies on the IBSI 2 reference grid (binFrequency, fourier_grid.h). H: the DFT of the sampled,
// truncated LoG kernel (the sum over axes of its separable terms, log.cc), or the Simoncelli band-pass.
// Boundary: periodic transforms the image as it is. Zero, nearest and mirror first extend every filtered
// axis of n voxels to P voxels by the boundary condition, the image at [0, n) (extendedLength below): LoG
// P = n + 2 r rounded up to a smooth size (r: the LoG kernel radius on that axis), so the transform's
// wrap-around reads the extension, never the opposite edge, and the LoG part is an exact linear
// convolution; Simoncelli P = 2 n. This reproduces the phase-1 maps 9.a, 9.b.1 and 10.b.1 within 0.038 %,
// 0.23 % and 0.10 % of their range (the rule: 1 %; with P = 2 n for the LoG too, 0.014 % and 0.13 %: the
// Riesz factor, not of finite support, sees a little more of the extension); 10.b.1 filtered as if
// periodic (no extension) is 0.89 % off, barely inside. 2D: every axial slice on its own, in-plane orders
// only. Periodic: real_fourier.h, the spectrum in the output itself. Otherwise, when the extended sizes
// are smooth (always for the LoG): extended_fourier.h, which holds the spectra of the image's rows only
// (LoG sigma 3 mm on 256^3: 0.12 x the output beyond it, the extension along y and z read through the
// boundary map); else (Simoncelli, 2 n not smooth) the whole extended image, in the output plus a buffer
// of the rest (real_fourier.h RowStore).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "../core/error.h"
#include "../core/fft_mixed.h"
#include "../resample_parallel.h"
#include "extended_fourier.h"
#include "filter.h"
#include "fourier_grid.h"
#include "real_fourier.h"

namespace radiomics {
namespace filters {
namespace {

constexpr int kMaxOrder = 8;

// sum_j w_j exp(-2 pi i k j / p) for a kernel symmetric about 0: real, sum_j w_j cos(2 pi k j / p).
std::vector<double> symmetricDft(const Kernel1D& k, int64_t p) {
  std::vector<double> h(static_cast<size_t>(p), 0.0);
  for (int64_t f = 0; f < p; ++f) {
    double sum = 0;
    for (size_t t = 0; t < k.taps.size(); ++t) {
      const int64_t j = k.first + static_cast<int64_t>(t);
      const int64_t phase = ((f * j) % p + p) % p;  // exact angle for large f * j
      sum += k.taps[t] * std::cos(2 * M_PI * static_cast<double>(phase) / static_cast<double>(p));
    }
    h[static_cast<size_t>(f)] = sum;
  }
  return h;
}

double factorial(int n) {
  double f = 1;
  for (int i = 2; i <= n; ++i) f *= i;
  return f;
}

// Position i of an axis extended from n to p voxels, the image at [0, n): the extension past the far edge
// first, then (wrapping round) the one before the near edge.
inline int64_t extendedIndex(int64_t i, int64_t n, int64_t p, Boundary b) {
  if (p == n) return i;
  const int64_t far = n + (p - n + 1) / 2;
  return boundaryIndex(i < far ? i : i - p, n, b);
}

// The length P an axis of n voxels is extended to (non-periodic boundaries). LoG: the kernel's radius r on
// each side, n + 2 r, rounded up to a smooth size (core/fft_mixed.h): output i in [0, n) of the circular
// convolution then reads the extended axis at i - r .. i + r only, inside [-r, n + r), never wrapping to the
// opposite edge, so the LoG part is exact whatever the padding beyond n + 2 r (MIRP pads the same r). The
// Riesz factor has no finite support: it acts on the extended image as a periodic one, the extension
// standing in for the boundary condition. Simoncelli (no finite support either): n more voxels, half the
// image on each side (MIRP pads the same).
int64_t extendedLength(int64_t n, int64_t radius, bool log) { return log ? nextSmoothSize(n + 2 * radius) : n + n; }

}  // namespace

void rieszFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  const int axes = s.threeD ? 3 : 2;
  int total = 0;
  double orderFactorials = 1;
  for (int a = 0; a < 3; ++a) {
    const int l = s.rieszOrder[a];
    if (l < 0 || l > kMaxOrder) fail(code::kInvalidConfig, "Riesz orders must be integers 0..8");
    if (a >= axes && l != 0) fail(code::kInvalidConfig, "a 2D Riesz transform has in-plane orders only (z order 0)");
    total += l;
    orderFactorials *= factorial(l);
  }
  if (total > kMaxOrder) fail(code::kInvalidConfig, "the Riesz order sum must be <= 8");
  const bool log = s.rieszOf == FilterKind::LoG;
  if (log) {
    if (!(s.sigmaMm > 0) || !(s.truncate > 0)) fail(code::kInvalidConfig, "LoG sigma and truncate must be > 0");
  } else if (s.rieszOf == FilterKind::Simoncelli) {
    if (s.level < 1 || s.level > 8) fail(code::kInvalidConfig, "Simoncelli level must be 1..8");
  } else {
    fail(code::kInvalidConfig, "the Riesz transform applies to the LoG or the Simoncelli filter");
  }

  // The LoG factors and the extended grid.
  Kernel1D gauss[3], second[3];
  int64_t p[3];
  for (int a = 0; a < 3; ++a) {
    int64_t radius = 0;
    if (log && a < axes) {
      gauss[a] = sampledGaussian(s.sigmaMm / s.spacing[a], s.truncate, false);
      second[a] = sampledGaussian(s.sigmaMm / s.spacing[a], s.truncate, true);
      radius = gauss[a].last();
    }
    p[a] = (a < axes && s.boundary != Boundary::Periodic) ? extendedLength(d.n[a], radius, log) : d.n[a];
  }

  // Per-axis tables: reference-grid frequencies and the LoG factors' transfer functions.
  // powers[a][k] = freq^l_a, so the transfer takes one pow per bin (|nu|^|l|), not four (the same values).
  std::vector<double> freq[3], powers[3], g[3], g2[3];
  for (int a = 0; a < 3; ++a) {
    freq[a].resize(static_cast<size_t>(p[a]));
    powers[a].resize(freq[a].size());
    for (int64_t k = 0; k < p[a]; ++k) {
      freq[a][static_cast<size_t>(k)] = a < axes ? binFrequency(k, p[a]) : 0.0;
      powers[a][static_cast<size_t>(k)] = std::pow(freq[a][static_cast<size_t>(k)], s.rieszOrder[a]);
    }
    if (log && a < axes) {
      g[a] = symmetricDft(gauss[a], p[a]);
      g2[a] = symmetricDft(second[a], p[a]);
    }
  }
  // (-i)^|l| sqrt(|l|! / prod l_a!)
  const double magnitude = std::sqrt(factorial(total) / orderFactorials);
  const cplx rotations[4] = {cplx(1, 0), cplx(0, -1), cplx(-1, 0), cplx(0, 1)};
  const cplx prefactor = magnitude * rotations[total % 4];
  const Transfer transfer = [&](int64_t x, int64_t y, int64_t z) {
    const double fx = freq[0][static_cast<size_t>(x)], fy = freq[1][static_cast<size_t>(y)],
                 fz = freq[2][static_cast<size_t>(z)];
    const double r = std::sqrt(fx * fx + fy * fy + fz * fz);
    double h = 0;
    if (log) {
      const size_t i[3] = {static_cast<size_t>(x), static_cast<size_t>(y), static_cast<size_t>(z)};
      for (int t = 0; t < axes; ++t) {
        double term = 1;
        for (int a = 0; a < axes; ++a) term *= a == t ? g2[a][i[a]] : g[a][i[a]];
        h += term;
      }
    } else {
      h = simoncelliTransfer(r, s.level);
    }
    if (total > 0) {
      // The zero frequency (each slice's in 2D, where z is 0): on the reference grid of an even length it
      // sits half a step off 0, but R_l(0) = 0 holds, so a constant image has no response.
      if (r == 0 || (x == 0 && y == 0 && z == 0)) return cplx(0, 0);
      // pow(r, 1) is r exactly: the common first order skips the call.
      const double rl = total == 1 ? r : std::pow(r, total);
      h *= powers[0][static_cast<size_t>(x)] * powers[1][static_cast<size_t>(y)] * powers[2][static_cast<size_t>(z)] /
           rl;
    }
    return prefactor * h;
  };

  if (p[0] == d.n[0] && p[1] == d.n[1] && p[2] == d.n[2]) {  // periodic: in the output itself
    if (in != v) std::memcpy(v, in, static_cast<size_t>(d.size()) * sizeof(float));
    filterRealInPlace(v, d, s.threeD, transfer, s.threads);
    return;
  }
  const int64_t n = d.size();
  std::vector<float> copy;
  if (in == v) copy.assign(in, in + n);
  const float* input = in == v ? copy.data() : in;
  // Smooth extended sizes (always for the LoG): only the rows' spectra are held (extended_fourier.h).
  bool smooth = true;
  for (int a = 0; a < axes; ++a) smooth = smooth && nextSmoothSize(p[a]) == p[a];
  if (smooth) {
    std::vector<int64_t> ext[3];
    for (int a = 0; a < 3; ++a) {
      ext[a].resize(static_cast<size_t>(p[a]));
      for (int64_t i = 0; i < p[a]; ++i) ext[a][static_cast<size_t>(i)] = extendedIndex(i, d.n[a], p[a], s.boundary);
    }
    filterExtendedReal(input, v, d, p, ext, s.threeD, transfer, s.threads);
    return;
  }
  // The image extended by the boundary condition, filtered, then its [0, n) part. The extended volume's
  // rows (P_x floats) below n / P_x lie in the output itself, the others in a tail buffer: the extra memory
  // is the extension, P_x P_y P_z - n floats (and a copy of the input when in == out), not the volume.
  Dims e;
  for (int a = 0; a < 3; ++a) e.n[a] = p[a];
  const int64_t rows = e.n[1] * e.n[2], split = std::min(rows, n / e.n[0]);
  std::vector<float> tail(static_cast<size_t>((rows - split) * e.n[0]));
  const RowStore store{v, split, tail.empty() ? nullptr : tail.data(), e.n[0]};
  parallelFor(e.n[2], s.threads, [&](int64_t z0, int64_t z1) {
    for (int64_t z = z0; z < z1; ++z) {
      const int64_t sz = extendedIndex(z, d.n[2], e.n[2], s.boundary);
      for (int64_t y = 0; y < e.n[1]; ++y) {
        const int64_t sy = extendedIndex(y, d.n[1], e.n[1], s.boundary);
        float* row = store.row(y + e.n[1] * z);
        const float* src = (sy < 0 || sz < 0) ? nullptr : input + d.n[0] * (sy + d.n[1] * sz);
        for (int64_t x = 0; x < e.n[0]; ++x) {
          const int64_t sx = extendedIndex(x, d.n[0], e.n[0], s.boundary);
          row[x] = (src == nullptr || sx < 0) ? 0.0f : src[sx];
        }
      }
    }
  });
  filterRealInPlace(store, e, s.threeD, transfer, s.threads);
  // Output row k = y + n_y z comes from extended row y + P_y z >= k, which starts at or after the end of
  // output row k - 1 (P_x >= n_x): copied in increasing order, no row is overwritten before it is read.
  for (int64_t z = 0; z < d.n[2]; ++z)
    for (int64_t y = 0; y < d.n[1]; ++y)
      std::memmove(v + d.n[0] * (y + d.n[1] * z), store.row(y + e.n[1] * z),
                   static_cast<size_t>(d.n[0]) * sizeof(float));
}

}  // namespace filters
}  // namespace radiomics
