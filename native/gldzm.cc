#include "gldzm.h"

namespace radiomics {

void computeGldzm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  // Not implemented yet: emits nothing.
  (void)out;
}

}  // namespace radiomics
