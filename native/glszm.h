// IBSI 3.8 Grey level size zone matrix (family 9SAK).
#pragma once
#include "core/feature_sink.h"
#include "core/discrete_image.h"
#include "core/settings.h"

namespace radiomics {

// Features for every aggregation enabled in settings.aggregations, tagged with the IBSI suffixes of
// core/neighbours.h; matrices appended to out.matrices when settings.returnMatrices.
void computeGlszm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out);

}  // namespace radiomics
