#include "glszm.h"

namespace radiomics {

void computeGlszm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  // Not implemented yet: emits nothing.
  (void)out;
}

}  // namespace radiomics
