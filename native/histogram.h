// IBSI 3.4 Intensity histogram features (family ZVCW).
#pragma once
#include "core/feature_sink.h"
#include "core/discrete_image.h"
#include "core/settings.h"

namespace radiomics {

// Features of the discretised intensities in the intensity mask.
void computeIntensityHistogram(const DiscreteImage& image, FeatureSink& out);

}  // namespace radiomics
