#include "ngldm.h"

namespace radiomics {

void computeNgldm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  // Not implemented yet: emits nothing.
  (void)out;
}

}  // namespace radiomics
