// Re-segmentation of the intensity mask (IBSI 2.6): range and outlier filtering. The morphological
// mask is never changed.
#pragma once
#include "roi.h"
#include "settings.h"

namespace radiomics {

// Removes from roi.intMask the voxels outside [resegmentMin, resegmentMax] (either end optional), then,
// when outlierSigma > 0, those outside mean +- outlierSigma * sd of the remaining ROI intensities
// (population sd). Updates roi.intCount.
void resegment(RoiImage& roi, const Settings& settings);

}  // namespace radiomics
