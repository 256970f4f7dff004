#include "histogram.h"

namespace radiomics {

void computeIntensityHistogram(const DiscreteImage& image, FeatureSink& out) {
  // Not implemented yet: emits nothing.
  (void)out;
}

}  // namespace radiomics
