#include "discretise.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "error.h"

namespace radiomics {

DiscreteImage discretise(const RoiImage& roi, const DiscretisationSettings& s, uint64_t maxLevels) {
  DiscreteImage out;
  out.grid = roi.grid;
  const size_t n = roi.intensity.size();
  out.levels.assign(n, 0);
  out.morphMask = roi.morphMask;
  if (roi.intCount == 0) fail(code::kEmptyRoi, "the intensity mask is empty after re-segmentation");

  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; ++i)
    if (roi.intMask[i]) {
      lo = std::min(lo, roi.intensity[i]);
      hi = std::max(hi, roi.intensity[i]);
    }

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
      for (size_t i = 0; i < n; ++i) {
        if (!roi.intMask[i]) continue;
        double d = std::floor((roi.intensity[i] - xmin) / s.binWidth) + 1;
        if (d < 1) d = 1;  // intensities below X_min (no re-segmentation bound) fall in the first bin
        out.levels[i] = static_cast<uint32_t>(d);
        maxLevel = std::max(maxLevel, out.levels[i]);
      }
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
      for (size_t i = 0; i < n; ++i) {
        if (!roi.intMask[i]) continue;
        uint32_t d = 1;
        if (range > 0) {
          const double x = roi.intensity[i];
          double f = std::floor(s.nBins * (x - lo) / range) + 1;
          if (f > s.nBins) f = s.nBins;
          if (f < 1) f = 1;
          d = static_cast<uint32_t>(f);
        }
        out.levels[i] = d;
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
