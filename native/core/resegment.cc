#include "resegment.h"

#include <cmath>

namespace radiomics {

void resegment(RoiImage& roi, const Settings& s) {
  const size_t n = roi.intensity.size();
  // IBSI 1, 2.6 (IF9H): range and outlier re-segmentation each give a mask of the ROI as it was before
  // re-segmentation; combined, the intensity mask is their intersection. So mean and sd of the outlier
  // interval are taken over the ROI before the range filter, not over what the range filter leaves.
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
    const bool outOfRange = (s.resegmentMinSet && v < s.resegmentMin) || (s.resegmentMaxSet && v > s.resegmentMax);
    const bool outlier = outliers && (v < lo || v > hi);
    if (outOfRange || outlier) roi.intMask[i] = 0;
    else ++count;
  }
  roi.intCount = count;
}

}  // namespace radiomics
