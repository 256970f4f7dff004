// The image-processing steps before the ROI is cropped (IBSI 2.2-2.3): input rounding, intensity
// normalisation, and resampling of image and mask to a new voxel spacing.
#pragma once
#include <cstdint>
#include <vector>

#include "core/settings.h"
#include "core/volume_input.h"

namespace radiomics {

// The processed image and mask. When no step applies they alias the caller's buffers (no copy).
struct ProcessedVolumes {
  RawVolume image, mask;
  int32_t label = 1;        // label of the ROI in `mask` (1 after mask resampling)
  bool interpolated = false;
  std::vector<double> imageStore;
  std::vector<uint8_t> maskStore;
};

// Applies settings.roundInput, settings.normalisation and settings.interpolation, in that order.
// The inputs must have passed validateVolume(). Throws radiomics::Error.
ProcessedVolumes preprocess(const RawVolume& image, const RawVolume& mask, const Settings& settings);

}  // namespace radiomics
