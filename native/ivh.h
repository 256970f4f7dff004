// IBSI 3.5 Intensity-volume histogram features (family P88C).
#pragma once
#include "core/feature_sink.h"
#include "core/roi.h"
#include "core/settings.h"

namespace radiomics {

// Discretises roi with settings.discretisation (None = calibrated discrete intensities, w = 1) and
// computes the volume / intensity fractions.
void computeIntensityVolumeHistogram(const RoiImage& roi, const IvhSettings& settings, FeatureSink& out);

}  // namespace radiomics
