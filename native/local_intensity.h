// IBSI 3.2 Local intensity features (family 9ST6).
#pragma once
#include "core/feature_sink.h"
#include "core/roi.h"
#include "core/settings.h"

namespace radiomics {

// Local and global intensity peak: mean intensity in a sphere (settings.sphereVolumeCm3) centred on
// voxel centres; roi.intensity covers the ROI bounding box grown by the sphere radius (clipped to the image).
void computeLocalIntensity(const RoiImage& roi, const LocalIntensitySettings& settings, FeatureSink& out);

}  // namespace radiomics
