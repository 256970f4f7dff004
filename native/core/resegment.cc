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
  if (s.resegmentMinSet || s.resegmentMaxSet) {
    double lo = s.resegmentMin, hi = s.resegmentMax;
    if (s.resegmentMode != 0) relativeBounds(roi, s.resegmentMode, &lo, &hi);
    for (size_t i = 0; i < n; ++i) {
      if (!roi.intMask[i]) continue;
      const double v = roi.intensity[i];
      if ((s.resegmentMinSet && v < lo) || (s.resegmentMaxSet && v > hi)) roi.intMask[i] = 0;
    }
  }
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
      const double lo = mean - s.outlierSigma * sd, hi = mean + s.outlierSigma * sd;
      for (size_t i = 0; i < n; ++i)
        if (roi.intMask[i] && (roi.intensity[i] < lo || roi.intensity[i] > hi)) roi.intMask[i] = 0;
    }
  }
  int64_t count = 0;
  for (size_t i = 0; i < n; ++i) count += roi.intMask[i];
  roi.intCount = count;
  if (s.resegmentShape) {
    roi.morphMask = roi.intMask;
    roi.morphCount = count;
  }
}

}  // namespace radiomics
