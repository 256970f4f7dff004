#include "local_intensity.h"

namespace radiomics {

void computeLocalIntensity(const RoiImage& roi, const LocalIntensitySettings& settings, FeatureSink& out) {
  // Not implemented yet: emits nothing.
  (void)out;
}

}  // namespace radiomics
