// The region of interest, cropped from the full image to its bounding box plus a margin.
#pragma once
#include <cstdint>
#include <vector>

#include "grid.h"

namespace radiomics {

// Intensities and masks on a cropped sub-grid. `grid` is the cropped grid (its origin is the
// physical position of the crop's first voxel); `offset` is where the crop starts in the full image.
// Voxels of the margin that fall outside the full image do not exist: the crop is clipped to it.
struct RoiImage {
  Grid grid;
  int64_t offset[3] = {0, 0, 0};
  std::vector<double> intensity;   // grid.size() values, every voxel of the crop (ROI or not)
  std::vector<uint8_t> morphMask;  // 1 = in the morphological mask (used by morphology)
  std::vector<uint8_t> intMask;    // 1 = in the intensity mask (after re-segmentation)
  int64_t morphCount = 0;          // voxels in morphMask
  int64_t intCount = 0;            // voxels in intMask

  // ROI intensities (intensity mask), in flat-index order. Convenience for statistics.
  std::vector<double> roiValues() const {
    std::vector<double> v;
    v.reserve(static_cast<size_t>(intCount));
    for (size_t i = 0; i < intensity.size(); ++i)
      if (intMask[i]) v.push_back(intensity[i]);
    return v;
  }
};

// Bounding box of the non-zero voxels of `mask` on `grid` (empty Box when there are none).
Box boundingBox(const Grid& grid, const std::vector<uint8_t>& mask);

}  // namespace radiomics
