// IBSI 3.1 Morphological features (family HCUG).
#pragma once
#include "core/feature_sink.h"
#include "core/roi.h"
#include "core/settings.h"

namespace radiomics {

// Mesh-based and voxel-based shape features of roi.morphMask (intensities of roi.intMask where the
// manual says so: integrated intensity, Moran I, Geary C), in physical units.
void computeMorphology(const RoiImage& roi, const MorphologySettings& settings, FeatureSink& out);

}  // namespace radiomics
