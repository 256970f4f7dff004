#include "ngtdm.h"

namespace radiomics {

void computeNgtdm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  // Not implemented yet: emits nothing.
  (void)out;
}

}  // namespace radiomics
