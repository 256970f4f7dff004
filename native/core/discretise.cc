#include "discretise.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "dispatch.h"
#include "error.h"

namespace radiomics {
namespace {

// The loops below run over the whole crop, ROI or not, without branches: a voxel outside the intensity
// mask takes a stand-in intensity that gives a valid level, and then level 0. Multiversioned so that
// std::floor is one rounding instruction (SSE4.1 and up; the x86-64 baseline calls libm) and the loop
// vectorises; with contraction off (-ffp-contract=off) every ISA gives the same levels.

// Minimum and maximum of the intensity-mask values (inf / -inf when there are none); four lanes, so the
// compares do not wait on each other (the result does not depend on the order).
static inline void roiRangeKernel(const double* x, const uint8_t* mask, size_t n, double* lo, double* hi) {
  double a[4] = {INFINITY, INFINITY, INFINITY, INFINITY}, b[4] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (int k = 0; k < 4; ++k) {
      const bool in = mask[i + k] != 0;
      const double v = x[i + k];
      a[k] = in && v < a[k] ? v : a[k];
      b[k] = in && v > b[k] ? v : b[k];
    }
  for (; i < n; ++i) {
    const bool in = mask[i] != 0;
    a[0] = in && x[i] < a[0] ? x[i] : a[0];
    b[0] = in && x[i] > b[0] ? x[i] : b[0];
  }
  *lo = std::min(std::min(a[0], a[1]), std::min(a[2], a[3]));
  *hi = std::max(std::max(b[0], b[1]), std::max(b[2], b[3]));
}

// FBS: floor((X - xmin) / w) + 1, at least 1 (intensities below xmin fall in the first bin). Needs every ROI
// value's level below 2^32 (checked by the caller). Returns the largest level.
static inline uint32_t fbsKernel(const double* x, const uint8_t* mask, size_t n, double xmin, double w, uint32_t* levels) {
  uint32_t top = 0;
  for (size_t i = 0; i < n; ++i) {
    const bool in = mask[i] != 0;
    double d = std::floor(((in ? x[i] : xmin) - xmin) / w) + 1;
    d = d < 1 ? 1 : d;
    const uint32_t level = in ? static_cast<uint32_t>(d) : 0u;
    levels[i] = level;
    top = std::max(top, level);
  }
  return top;
}

// FBN: floor(nBins (X - lo) / range) + 1, clamped to [1, nBins] (X = max gives nBins). range > 0.
static inline void fbnKernel(const double* x, const uint8_t* mask, size_t n, double lo, double range, double nBins,
                             uint32_t* levels) {
  for (size_t i = 0; i < n; ++i) {
    const bool in = mask[i] != 0;
    double f = std::floor(nBins * ((in ? x[i] : lo) - lo) / range) + 1;
    f = f > nBins ? nBins : f;
    f = f < 1 ? 1 : f;
    levels[i] = in ? static_cast<uint32_t>(f) : 0u;
  }
}

RADIOMICS_MULTIVERSION(roiRange, roiRangeKernel)
RADIOMICS_MULTIVERSION(fbsLevels, fbsKernel)
RADIOMICS_MULTIVERSION(fbnLevels, fbnKernel)

}  // namespace

DiscreteImage discretise(const RoiImage& roi, const DiscretisationSettings& s, uint64_t maxLevels) {
  DiscreteImage out;
  out.grid = roi.grid;
  const size_t n = roi.intensity.size();
  out.levels.assign(n, 0);
  out.morphMask = roi.morphMask;
  if (roi.intCount == 0) fail(code::kEmptyRoi, "the intensity mask is empty after re-segmentation");

  double lo = INFINITY, hi = -INFINITY;
  roiRange(roi.intensity.data(), roi.intMask.data(), n, &lo, &hi);

  auto tooMany = [&](double levels, const char* hint) {
    std::ostringstream m;
    m << "discretisation would give " << levels << " grey levels (limit " << maxLevels << "); " << hint;
    fail(code::kMatrixTooLarge, m.str());
  };

  // What to set when the default (no discretisation) meets intensities that are not grey levels, e.g. any CT.
  static const char* const kChooseDiscretisation =
      "set discretisation, e.g. { method: 'fbs', binWidth: 25 } for CT in HU (IBSI configurations A-C) or "
      "{ method: 'fbn', nBins: 32 } for any modality (IBSI configurations D-E)";
  uint32_t maxLevel = 0;
  switch (s.method) {
    case DiscretisationMethod::None: {
      if (lo < 1) {
        std::ostringstream m;
        m << "discretisation 'none' needs integer intensities >= 1 in the ROI, found " << lo
          << "; " << kChooseDiscretisation;
        fail(code::kInvalidConfig, m.str());
      }
      if (hi > static_cast<double>(maxLevels)) tooMany(hi, "use fixed bin size or fixed bin number");
      for (size_t i = 0; i < n; ++i) {
        if (!roi.intMask[i]) continue;
        const double v = roi.intensity[i];
        if (v != std::floor(v)) {
          std::ostringstream m;
          m << "discretisation 'none' needs integer intensities, found " << v
            << "; " << kChooseDiscretisation;
          fail(code::kInvalidConfig, m.str());
        }
        out.levels[i] = static_cast<uint32_t>(v);
        maxLevel = std::max(maxLevel, out.levels[i]);
      }
      out.minValue = 0.5;
      out.binWidth = 1.0;
      break;
    }
    case DiscretisationMethod::FixedBinSize: {
      if (!(s.binWidth > 0) || !std::isfinite(s.binWidth))
        fail(code::kInvalidConfig, "fixed bin size needs a finite binWidth > 0");
      // PyRadiomics anchoring: lo - (lo mod w), Python's floored modulo.
      double xmin = s.hasMin ? s.min : lo;
      if (!s.hasMin && s.anchorAtZero) {
        double r = std::fmod(lo, s.binWidth);
        if (r != 0 && r < 0) r += s.binWidth;
        xmin = lo - r;
      }
      const double top = s.hasMax ? std::max(s.max, hi) : hi;
      const double levelsNeeded = std::floor((top - xmin) / s.binWidth) + 1;
      if (!(levelsNeeded <= static_cast<double>(maxLevels)))
        tooMany(levelsNeeded, "increase binWidth");
      // Every ROI level is at most levelsNeeded <= maxLevels (< 2^32): the conversion cannot overflow.
      maxLevel = fbsLevels(roi.intensity.data(), roi.intMask.data(), n, xmin, s.binWidth, out.levels.data());
      if (s.hasMax) {
        const double d = std::floor((s.max - xmin) / s.binWidth) + 1;
        maxLevel = std::max(maxLevel, static_cast<uint32_t>(d < 1 ? 1 : d));
      }
      out.minValue = xmin;
      out.binWidth = s.binWidth;
      break;
    }
    case DiscretisationMethod::FixedBinNumber: {
      if (s.nBins < 1) fail(code::kInvalidConfig, "fixed bin number needs nBins >= 1");
      if (static_cast<uint64_t>(s.nBins) > maxLevels) tooMany(s.nBins, "use fewer bins");
      const double range = hi - lo;
      if (range > 0) {
        fbnLevels(roi.intensity.data(), roi.intMask.data(), n, lo, range, static_cast<double>(s.nBins), out.levels.data());
      } else {
        for (size_t i = 0; i < n; ++i) out.levels[i] = roi.intMask[i] ? 1u : 0u;
      }
      maxLevel = static_cast<uint32_t>(s.nBins);
      out.minValue = lo;
      out.binWidth = range > 0 ? range / s.nBins : 1.0;
      break;
    }
  }
  out.nLevels = maxLevel;
  out.count = roi.intCount;
  return out;
}

}  // namespace radiomics
