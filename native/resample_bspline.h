// Cubic B-spline helpers for resampling: the interpolation prefilter (samples -> coefficients) and the
// evaluation weights. Internal to resample.cc (and its tests).
//
// Prefilter (Unser, "Splines: a perfect fit", 1999; Thevenaz, Blu & Unser, "Interpolation revisited",
// 2000): the cubic B-spline b3 sampled at the integers is (1/6, 4/6, 1/6); its inverse filter
// 6 / (z + 4 + 1/z) factors into a causal and an anticausal first-order recursion with pole
// z1 = sqrt(3) - 2:
//   c[k]  <- 6 f[k]                                      (gain (1 - z1)(1 - 1/z1) = 6)
//   c+[0] =  sum_k z1^k c[k]  (mirror-extended signal)    (causal initialisation)
//   c+[k] =  c[k] + z1 c+[k-1]                           k = 1 .. n-1
//   c-[n-1] = z1 / (z1^2 - 1) (c+[n-1] + z1 c+[n-2])      (anticausal initialisation, mirror boundary)
//   c-[k] =  z1 (c-[k+1] - c+[k])                        k = n-2 .. 0
// Mirror ("whole-sample symmetric") boundary: f[-k] = f[k], f[n-1+k] = f[n-1-k].
#pragma once
#include <cmath>
#include <cstdint>

namespace radiomics {
namespace bspline {

constexpr double kPole = -0.26794919243112270647;  // sqrt(3) - 2
constexpr int kHorizon = 28;                        // |z1|^28 < DBL_EPSILON: truncation of c+[0]

// Prefilter margin for ROI-first resampling: input samples kept beyond the outermost tap on each side
// when a line is cut instead of prefiltered whole (ResampleOptions::prefilterMargin).
// Why it is enough. On a mirror-extended line the prefilter is the convolution with
//   h[m] = -6 z1 / (1 - z1^2) * z1^|m| = sqrt(3) z1^|m|,   sum_m |h[m]| = sqrt(3)(1+|z1|)/(1-|z1|) = 3.
// Cutting the line M samples beyond the outermost tap (mirror there instead of the true samples) changes
// only samples at distance > M from every coefficient a tap reads, each by at most 2F (F = max |f| on
// the line): a coefficient moves by at most 2 sqrt(3) F |z1|^(M+1) / (1 - |z1|) < 1.27 F |z1|^M per cut
// end, e = 2.6 F |z1|^M for both. Cubic weights are >= 0 and sum to 1: one axis's output moves as much.
// Values after one axis are bounded by 3F, after two by 9F, and an axis amplifies an incoming
// difference by at most 3, so after x, y and z:
//   eps_x = e,  eps_y = 3 eps_x + 3e,  eps_z = 3 eps_y + 9e = 27e  ->  eps <= 70 F |z1|^M.
// 1e-12 F needs |z1|^M <= 1.4e-14, M >= 25; M = 28 gives 70 |z1|^28 F = 7e-15 F, the order of the
// whole-line path's own truncation of c+[0] (kHorizon). Tested: ROI-first vs whole image <= 1e-12 F.
constexpr int64_t kPrefilterMargin = 28;

// Prefilters `width` interleaved lines of n samples in place: sample k of line x is c[k * width + x].
// width = 1 is one contiguous line; width = W processes the W lines of a plane at once, the inner loop
// running along contiguous memory (vectorisable). FixedWidth > 0 fixes the width at compile time.
// Every line gets exactly the same operations, so results do not depend on how lines are grouped.
// Only coefficients k >= first are finished (the anticausal recursion stops there; those below hold
// intermediate values): for a caller that reads samples [first, n) only. Finished values are the same
// whatever `first`.
template <int FixedWidth = 0>
inline void prefilter(double* c, int64_t n, int64_t width, int64_t first = 0) {
  const int64_t W = FixedWidth > 0 ? FixedWidth : width;
  if (n < 2) return;  // a single sample is its own coefficient
  const double z = kPole;
  for (int64_t i = 0; i < n * W; ++i) c[i] *= 6.0;

  // Causal initialisation into line 0 (loops over k outside, x inside).
  double* c0 = c;
  if (n > kHorizon) {
    double zk = z;
    for (int64_t k = 1; k < kHorizon; ++k) {
      const double* ck = c + k * W;
      for (int64_t x = 0; x < W; ++x) c0[x] += zk * ck[x];
      zk *= z;
    }
  } else {
    // Exact sum over the mirror-extended, (2n - 2)-periodic signal.
    double zn = z, z2n = std::pow(z, static_cast<double>(n - 1));
    const double iz = 1.0 / z;
    const double* cl = c + (n - 1) * W;
    for (int64_t x = 0; x < W; ++x) c0[x] += z2n * cl[x];
    z2n *= z2n * iz;
    for (int64_t k = 1; k <= n - 2; ++k) {
      const double* ck = c + k * W;
      const double f = zn + z2n;
      for (int64_t x = 0; x < W; ++x) c0[x] += f * ck[x];
      zn *= z;
      z2n *= iz;
    }
    const double norm = 1.0 / (1.0 - zn * zn);
    for (int64_t x = 0; x < W; ++x) c0[x] *= norm;
  }
  // Causal recursion.
  for (int64_t k = 1; k < n; ++k) {
    double* ck = c + k * W;
    const double* cp = ck - W;
    for (int64_t x = 0; x < W; ++x) ck[x] += z * cp[x];
  }
  // Anticausal initialisation and recursion.
  {
    double* cl = c + (n - 1) * W;
    const double* cp = cl - W;
    const double g = z / (z * z - 1.0);
    for (int64_t x = 0; x < W; ++x) cl[x] = g * (z * cp[x] + cl[x]);
  }
  for (int64_t k = n - 2; k >= first; --k) {
    double* ck = c + k * W;
    const double* cn = ck + W;
    for (int64_t x = 0; x < W; ++x) ck[x] = z * (cn[x] - ck[x]);
  }
}

// Cubic B-spline weights for the samples i-1, i, i+1, i+2 at fractional offset t = p - i in [0, 1).
inline void weights(double t, double w[4]) {
  const double t2 = t * t, t3 = t2 * t, u = 1.0 - t;
  w[0] = u * u * u / 6.0;
  w[1] = (4.0 - 6.0 * t2 + 3.0 * t3) / 6.0;
  w[2] = (1.0 + 3.0 * t + 3.0 * t2 - 3.0 * t3) / 6.0;
  w[3] = t3 / 6.0;
}

// Index j mirrored into [0, n) (whole-sample symmetric extension, period 2n - 2).
inline int64_t mirror(int64_t j, int64_t n) {
  if (n <= 1) return 0;
  const int64_t period = 2 * n - 2;
  j %= period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
}

}  // namespace bspline
}  // namespace radiomics
