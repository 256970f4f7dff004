#include "resegment.h"

#include <algorithm>
#include <cmath>

namespace radiomics {

namespace {

// Thresholds of a relative (x ROI maximum) or sigma (mean + k sd, population sd) range, from the ROI before
// re-segmentation (PyRadiomics `resegmentMask`).
void relativeBounds(const RoiImage& roi, int32_t mode, double* lo, double* hi) {
  double sum = 0, mx = -INFINITY, count = 0;
  const size_t n = roi.intensity.size();
  for (size_t i = 0; i < n; ++i)
    if (roi.intMask[i]) {
      sum += roi.intensity[i];
      mx = std::max(mx, roi.intensity[i]);
      ++count;
    }
  if (count == 0) return;
  if (mode == 1) {
    *lo *= mx;
    *hi *= mx;
    return;
  }
  const double mean = sum / count;
  double ss = 0;
  for (size_t i = 0; i < n; ++i)
    if (roi.intMask[i]) ss += (roi.intensity[i] - mean) * (roi.intensity[i] - mean);
  const double sd = std::sqrt(ss / count);
  *lo = mean + sd * *lo;
  *hi = mean + sd * *hi;
}

}  // namespace

void resegment(RoiImage& roi, const Settings& s) {
  const size_t n = roi.intensity.size();
  // IBSI 1, 2.6 (IF9H): range and outlier re-segmentation each give a mask of the ROI as it was before
  // re-segmentation; combined, the intensity mask is their intersection. So mean and sd of the outlier
  // interval are taken over the ROI before the range filter, not over what the range filter leaves.
  // A relative or sigma range (PyRadiomics' resegmentMode) is also resolved on the ROI before re-segmentation.
  double rangeLo = s.resegmentMin, rangeHi = s.resegmentMax;
  if ((s.resegmentMinSet || s.resegmentMaxSet) && s.resegmentMode != 0) relativeBounds(roi, s.resegmentMode, &rangeLo, &rangeHi);
  bool outliers = false;
  double lo = -INFINITY, hi = INFINITY;
  if (s.outlierSigma > 0) {
    double sum = 0, sum2 = 0;
    int64_t count = 0;
    for (size_t i = 0; i < n; ++i)
      if (roi.intMask[i]) {
        sum += roi.intensity[i];
        ++count;
      }
    if (count > 0) {
      const double mean = sum / static_cast<double>(count);
      for (size_t i = 0; i < n; ++i)
        if (roi.intMask[i]) sum2 += (roi.intensity[i] - mean) * (roi.intensity[i] - mean);
      const double sd = std::sqrt(sum2 / static_cast<double>(count));
      lo = mean - s.outlierSigma * sd;
      hi = mean + s.outlierSigma * sd;
      outliers = true;
    }
  }
  int64_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!roi.intMask[i]) continue;
    const double v = roi.intensity[i];
    const bool outOfRange = (s.resegmentMinSet && v < rangeLo) || (s.resegmentMaxSet && v > rangeHi);
    const bool outlier = outliers && (v < lo || v > hi);
    if (outOfRange || outlier) roi.intMask[i] = 0;
    else ++count;
  }
  roi.intCount = count;
  if (s.resegmentShape) {
    roi.morphMask = roi.intMask;
    roi.morphCount = count;
  }
}

}  // namespace radiomics
