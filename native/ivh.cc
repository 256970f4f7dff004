#include "ivh.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <vector>

#include "core/discretise.h"
#include "core/error.h"
#include "core/feature_tags.h"

namespace radiomics {
namespace {

// The IVH is evaluated at the discretised intensities g_k = base + (k + shift) * step, k = 0..K, that
// span the total range G = [g_0, g_K]. Each voxel is reduced to c = the number of grid points <= its
// discretised intensity (0..K+1), so that the volume fraction nu_k = #(c > k) / N_v.
struct IvhGrid {
  int64_t last = 0;          // K
  double base = 0, shift = 0, step = 1;
  double gammaDenominator = 0;  // gamma_k = k / gammaDenominator; 0 = G is a single intensity
  std::vector<int64_t> c;    // per intensity-mask voxel, sorted ascending
  double value(int64_t k) const { return base + (static_cast<double>(k) + shift) * step; }
};

// none: the intensities are the discretised intensities (w_d = 1), G = re-segmentation range when given
// (settings min / max), else [min X, max X]. Intensities may be negative (CT): discretise() is not used.
IvhGrid gridNone(const RoiImage& roi, const DiscretisationSettings& s, FeatureSink& out) {
  double lo = INFINITY, hi = -INFINITY;
  bool integral = true;
  for (size_t i = 0; i < roi.intensity.size(); ++i)
    if (roi.intMask[i]) {
      const double v = roi.intensity[i];
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      integral = integral && v == std::floor(v);
    }
  const double gmin = s.hasMin ? s.min : lo, gmax = s.hasMax ? s.max : hi;
  if (!std::isfinite(gmin) || !std::isfinite(gmax) || gmax < gmin) {
    std::ostringstream m;
    m << "intensity-volume histogram: invalid intensity range [" << gmin << ", " << gmax << "]";
    fail(code::kInvalidConfig, m.str());
  }
  const double range = gmax - gmin;
  if (range > 4503599627370496.0)  // 2^52: beyond this the 1-wide grid is not representable
    fail(code::kMatrixTooLarge,
         "intensity-volume histogram: the intensity range is too wide for discretisation 'none' (w = 1); "
         "use fixed bin size or fixed bin number for ivh.discretisation");
  if (!integral)
    out.warn("intensity-volume histogram: discretisation 'none' with non-integer intensities evaluates the IVH "
             "at 1-unit steps; use fixed bin size (or fixed bin number) for continuous intensities");
  IvhGrid g;
  g.last = static_cast<int64_t>(std::floor(range));
  g.base = gmin;
  g.gammaDenominator = range;
  g.c.reserve(static_cast<size_t>(roi.intCount));
  const double top = static_cast<double>(g.last) + 1;
  for (size_t i = 0; i < roi.intensity.size(); ++i)
    if (roi.intMask[i]) {
      const double k = std::floor(roi.intensity[i] - gmin) + 1;  // grid points g_0..g_{k-1} lie <= X
      g.c.push_back(static_cast<int64_t>(std::min(std::max(k, 0.0), top)));
    }
  return g;
}

// FBS: bin centres X_min + (X_d - 0.5) w_b, G = [first centre, centre of N_g]; FBN: X_d itself, G = [1, N_g].
IvhGrid gridBinned(const RoiImage& roi, const DiscretisationSettings& s) {
  const DiscreteImage d = discretise(roi, s, std::numeric_limits<uint32_t>::max());
  IvhGrid g;
  g.last = static_cast<int64_t>(d.nLevels) - 1;
  if (s.method == DiscretisationMethod::FixedBinSize) {
    g.base = d.minValue;
    g.shift = 0.5;
    g.step = d.binWidth;
  } else {
    g.base = 1;
  }
  g.gammaDenominator = static_cast<double>(g.last);
  g.c.reserve(static_cast<size_t>(d.count));
  for (uint32_t l : d.levels)
    if (l) g.c.push_back(l);  // level l: grid points 1..l lie <= the voxel
  return g;
}

}  // namespace

void computeIntensityVolumeHistogram(const RoiImage& roi, const IvhSettings& settings, FeatureSink& out) {
  if (roi.intCount == 0) return;
  IvhGrid g = settings.discretisation.method == DiscretisationMethod::None
                  ? gridNone(roi, settings.discretisation, out)
                  : gridBinned(roi, settings.discretisation);
  std::sort(g.c.begin(), g.c.end());
  const int64_t nv = static_cast<int64_t>(g.c.size());
  const double n = static_cast<double>(nv);
  const int64_t K = g.last;
  // Voxels at or above g_k: #(c > k).
  auto count = [&](int64_t k) { return nv - (std::upper_bound(g.c.begin(), g.c.end(), k) - g.c.begin()); };
  auto gamma = [&](int64_t k) { return static_cast<double>(k) / g.gammaDenominator; };
  const bool single = !(g.gammaDenominator > 0);

  // V_x (BC2M): the largest nu_k with gamma_k >= x, i.e. nu at the first such k (nu is non-increasing).
  // Past the last grid intensity nu = 0.
  auto volumeAt = [&](double x) -> double {
    int64_t k = static_cast<int64_t>(std::ceil(x * g.gammaDenominator));
    k = std::min(std::max<int64_t>(k, 0), K + 1);
    while (k > 0 && gamma(k - 1) >= x) --k;
    while (k <= K && gamma(k) < x) ++k;
    return k > K ? 0.0 : static_cast<double>(count(k)) / n;
  };
  // I_x (GBPN): the lowest grid intensity g_k with nu_k <= x% (exact integer test count * 100 <= x * N_v).
  // When even g_K holds more than x% of the volume, the next grid intensity g_{K+1} (nu = 0) is reported.
  auto intensityAt = [&](int64_t percent) -> double {
    int64_t a = 0, b = K + 1;  // count(K + 1) = 0 satisfies the test
    while (a < b) {
      const int64_t mid = a + (b - a) / 2;
      if (count(mid) * 100 <= percent * nv) b = mid;
      else a = mid + 1;
    }
    return g.value(a);
  };

  const double v10 = single ? NAN : volumeAt(0.10), v90 = single ? NAN : volumeAt(0.90);
  const double i10 = intensityAt(10), i90 = intensityAt(90);
  // AUC (9CMM): trapezoidal rule of nu over gamma on the grid (gamma_{k+1} - gamma_k = 1 / denominator):
  // (sum_k nu_k - (nu_0 + nu_K) / 2) / denominator, with sum_k nu_k = sum over voxels of min(c, K+1) / N_v.
  // 0 for a single grey level.
  double auc = 0;
  if (!single) {
    double sumNu = 0;
    for (int64_t c : g.c) sumNu += static_cast<double>(std::min(c, K + 1));
    sumNu /= n;
    auc = (sumNu - 0.5 * (static_cast<double>(count(0)) + static_cast<double>(count(K))) / n) / g.gammaDenominator;
  }

  out.add(tags::ivh::kV10, v10);               // BC2M  V10: max nu with gamma >= 0.10
  out.add(tags::ivh::kV90, v90);               // BC2M  V90: max nu with gamma >= 0.90
  out.add(tags::ivh::kI10, i10);               // GBPN  I10: min intensity with nu <= 0.10
  out.add(tags::ivh::kI90, i90);               // GBPN  I90: min intensity with nu <= 0.90
  out.add(tags::ivh::kDiffV10V90, v10 - v90);  // DDTU  V10 - V90
  out.add(tags::ivh::kDiffI10I90, i10 - i90);  // CNV2  I10 - I90
  out.add(tags::ivh::kAuc, auc);               // 9CMM  trapezoidal area under nu(gamma) (no IBSI reference)
  if (single)
    out.warn("ivh_v10, ivh_v90, ivh_diff_v10_v90 are undefined (NaN): the intensity range G holds a single "
             "discretised intensity, so intensity fractions are undefined");
}

}  // namespace radiomics
