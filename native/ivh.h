// IBSI 3.5 Intensity-volume histogram features (family P88C).
#pragma once
#include "core/feature_sink.h"
#include "core/roi.h"
#include "core/settings.h"

namespace radiomics {

// Discretises roi with settings.discretisation and computes the volume / intensity fractions:
//  none: calibrated discrete intensities (CT), X_d,gl = X, w_d = 1; total range G = [min, max] of
//        settings.discretisation when set (the re-segmentation range), else the ROI minimum / maximum.
//        Negative intensities are fine (discretise() is not used).
//  FBS:  discretise() with X_min = min (else ROI minimum), N_g from max when set; bins are replaced by
//        their centres X_min + (X_d - 0.5) w_b, G = [centre(1), centre(N_g)]; I10 / I90 are bin centres.
//  FBN:  discretise() with nBins; X_d,gl = X_d, G = [1, N_g]; min / max are not used.
void computeIntensityVolumeHistogram(const RoiImage& roi, const IvhSettings& settings, FeatureSink& out);

}  // namespace radiomics
