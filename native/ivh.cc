#include "ivh.h"

namespace radiomics {

void computeIntensityVolumeHistogram(const RoiImage& roi, const IvhSettings& settings, FeatureSink& out) {
  // Not implemented yet: emits nothing.
  (void)out;
}

}  // namespace radiomics
