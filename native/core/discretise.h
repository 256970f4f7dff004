// Intensity discretisation (IBSI 2.7): none, fixed bin size (FBS), fixed bin number (FBN).
#pragma once
#include <cstdint>

#include "discrete_image.h"
#include "roi.h"
#include "settings.h"

namespace radiomics {

// Discretises the intensity-mask voxels of `roi`.
//  none: the intensities must already be integers >= 1; level = intensity, N_g = max level.
//  FBS:  level = floor((X - X_min) / w_b) + 1, X_min = settings.min if set, else the ROI minimum;
//        N_g = level of settings.max if set, else the maximum level present.
//  FBN:  level = floor(N_g (X - X_min) / (X_max - X_min)) + 1 with X_min/X_max the ROI extremes and
//        X = X_max -> N_g. A constant ROI gets level 1.
// Throws kMatrixTooLarge when N_g would exceed maxLevels and kInvalidConfig for unusable settings.
DiscreteImage discretise(const RoiImage& roi, const DiscretisationSettings& settings, uint64_t maxLevels);

}  // namespace radiomics
