#include "glrlm.h"

namespace radiomics {

void computeGlrlm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  // Not implemented yet: emits nothing.
  (void)out;
}

}  // namespace radiomics
