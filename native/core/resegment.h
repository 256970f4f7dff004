// Re-segmentation of the intensity mask (IBSI 2.6): range and outlier filtering. The morphological
// mask is never changed.
#pragma once
#include "roi.h"
#include "settings.h"

namespace radiomics {

// Keeps in roi.intMask the intersection of the range mask (voxels in [resegmentMin, resegmentMax], either
// end optional) and, when outlierSigma > 0, the outlier mask (voxels within mean +- outlierSigma * sd,
// population sd, of the ROI intensities BEFORE re-segmentation: IBSI 1, 2.6). Updates roi.intCount.
void resegment(RoiImage& roi, const Settings& settings);

}  // namespace radiomics
