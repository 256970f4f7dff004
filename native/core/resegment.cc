#include "resegment.h"

#include <cmath>

namespace radiomics {

void resegment(RoiImage& roi, const Settings& s) {
  const size_t n = roi.intensity.size();
  if (s.resegmentMinSet || s.resegmentMaxSet) {
    for (size_t i = 0; i < n; ++i) {
      if (!roi.intMask[i]) continue;
      const double v = roi.intensity[i];
      if ((s.resegmentMinSet && v < s.resegmentMin) || (s.resegmentMaxSet && v > s.resegmentMax)) roi.intMask[i] = 0;
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
}

}  // namespace radiomics
