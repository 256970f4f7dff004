#include "morphology_autocorr.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "core/dispatch.h"

namespace radiomics {
namespace {

constexpr int kLanes = 8;

// 1 / sqrt(r2) for r2 > 0 with only multiplies, subtractions and integer bit operations, so the loop
// vectorises (std::sqrt may set errno, which keeps GCC from vectorising it without -fno-math-errno):
// the classic bit-level first guess (relative error < 3.5%), then 4 Newton steps y <- y (1.5 - r2/2 y^2),
// each squaring the error: 3.5e-2 -> 1.8e-3 -> 5e-6 -> 4e-11 -> rounding (measured: within 2 ulp of
// 1 / sqrt over r2 in [1e-13, 1e26]).
static inline double inverseSqrt(double r2) {
  uint64_t bits;
  std::memcpy(&bits, &r2, sizeof bits);
  bits = 0x5FE6EB50C7B537A9ull - (bits >> 1);
  double y;
  std::memcpy(&y, &bits, sizeof y);
  const double half = 0.5 * r2;
  for (int it = 0; it < 4; ++it) y = y * (1.5 - half * y * y);
  return y;
}

// Sums over j in [begin, n) of w = 1 / |p_i - p_j|, w d_j and w d_j^2, in kLanes fixed lanes (same
// association order on every ISA, so the dispatched variants agree bit for bit).
static inline void rowKernel(const double* x, const double* y, const double* z, const double* d, int64_t begin,
                             int64_t n, double px, double py, double pz, double out[3]) {
  double sw[kLanes] = {0}, swd[kLanes] = {0}, swdd[kLanes] = {0};
  int64_t j = begin;
  for (; j + kLanes <= n; j += kLanes)
    for (int k = 0; k < kLanes; ++k) {
      const double dx = x[j + k] - px, dy = y[j + k] - py, dz = z[j + k] - pz;
      const double w = inverseSqrt(dx * dx + dy * dy + dz * dz);
      const double wd = w * d[j + k];
      sw[k] += w;
      swd[k] += wd;
      swdd[k] += wd * d[j + k];
    }
  for (int k = 0; j < n; ++j, ++k) {
    const double dx = x[j] - px, dy = y[j] - py, dz = z[j] - pz;
    const double w = inverseSqrt(dx * dx + dy * dy + dz * dz);
    const double wd = w * d[j];
    sw[k] += w;
    swd[k] += wd;
    swdd[k] += wd * d[j];
  }
  double a = 0, b = 0, c = 0;
  for (int k = 0; k < kLanes; ++k) a += sw[k], b += swd[k], c += swdd[k];
  out[0] = a, out[1] = b, out[2] = c;
}

RADIOMICS_MULTIVERSION(rowDispatch, rowKernel)

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

Autocorrelation spatialAutocorrelation(const RoiImage& roi, int64_t exactMaxVoxels, uint64_t seed) {
  Autocorrelation out;
  const Grid& g = roi.grid;
  const int64_t N = roi.intCount;
  out.voxels = N;
  if (N < 2) return out;

  // The voxels whose pairs are summed: all, or n of N by selection sampling (Knuth's algorithm S:
  // voxel k is taken with probability (n - taken) / (N - seen), exactly n in flat-index order).
  const int64_t n = std::min<int64_t>(N, std::max<int64_t>(2, exactMaxVoxels));
  out.sampled = n;
  out.estimated = n < N;
  std::vector<double> X, Y, Z, D;
  X.reserve(static_cast<size_t>(n)), Y.reserve(static_cast<size_t>(n)), Z.reserve(static_cast<size_t>(n)),
      D.reserve(static_cast<size_t>(n));
  double ref[3];  // positions relative to the crop centre, for rounding
  g.toPhysical(0.5 * static_cast<double>(g.nx - 1), 0.5 * static_cast<double>(g.ny - 1),
               0.5 * static_cast<double>(g.nz - 1), ref);
  uint64_t state = seed;
  int64_t seen = 0;
  bool roiConstant = true;
  double first = NAN;
  for (int64_t zz = 0; zz < g.nz; ++zz)
    for (int64_t yy = 0; yy < g.ny; ++yy)
      for (int64_t xx = 0; xx < g.nx; ++xx) {
        const size_t i = static_cast<size_t>(g.index(xx, yy, zz));
        if (!roi.intMask[i]) continue;
        if (seen == 0) first = roi.intensity[i];
        roiConstant = roiConstant && roi.intensity[i] == first;
        const int64_t want = n - static_cast<int64_t>(X.size());
        bool take = true;
        if (out.estimated) {
          const double r = static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;  // [0, 1)
          take = r * static_cast<double>(N - seen) < static_cast<double>(want);
        }
        ++seen;
        if (!take) continue;
        double p[3];
        g.toPhysical(static_cast<double>(xx), static_cast<double>(yy), static_cast<double>(zz), p);
        X.push_back(p[0] - ref[0]);
        Y.push_back(p[1] - ref[1]);
        Z.push_back(p[2] - ref[2]);
        D.push_back(roi.intensity[i]);
      }
  if (roiConstant) {
    out.constant = true;
    return out;
  }

  // Mean and sum of squared deviations of the summed voxels (the whole ROI when exact).
  const int64_t m = static_cast<int64_t>(D.size());
  double mu = 0, ss = 0;
  for (double v : D) mu += v;
  mu /= static_cast<double>(m);
  for (double& v : D) v -= mu, ss += v * v;
  if (!(ss > 0)) {  // only an estimate can get here: the subset happens to be constant
    out.subsetConstant = true;
    return out;
  }

  // Pair sums over i < j: W = sum w, Cm = sum w d_i d_j, Cg = sum w (d_i - d_j)^2.
  double W = 0, Cm = 0, Cg = 0;
  for (int64_t i = 0; i + 1 < m; ++i) {
    double s[3];
    rowDispatch(X.data(), Y.data(), Z.data(), D.data(), i + 1, m, X[i], Y[i], Z[i], s);
    W += s[0];
    Cm += D[i] * s[1];
    Cg += D[i] * D[i] * s[0] - 2 * D[i] * s[1] + s[2];
  }
  // N365: I = N / (sum_{k1 != k2} w) * sum w d_k1 d_k2 / sum d^2; both double sums are 2x the i < j sums.
  out.moranI = static_cast<double>(m) * (Cm / W) / ss;
  // NPT7: C = (N - 1) / (2 sum w) * sum w (X_k1 - X_k2)^2 / sum d^2.
  out.gearyC = static_cast<double>(m - 1) * (Cg / W) / (2 * ss);
  return out;
}

}  // namespace radiomics
