// A discretised ROI: integer grey levels 1..nLevels inside the intensity mask, 0 outside.
#pragma once
#include <cstdint>
#include <vector>

#include "grid.h"

namespace radiomics {

struct DiscreteImage {
  Grid grid;                     // same cropped grid as the RoiImage it came from
  std::vector<uint32_t> levels;  // grid.size() values; 0 = not in the intensity mask
  std::vector<uint8_t> morphMask;  // the ROI's morphological mask on the same grid (GLDZM distances use it)
  uint32_t nLevels = 0;          // N_g: number of grey levels (levels lie in 1..nLevels)
  int64_t count = 0;             // voxels with a level > 0
  // For fixed bin size: the intensity at the lower edge of bin 1 and the bin width, so that bin
  // centres (IVH, C) can be recovered as minValue + (level - 0.5) * binWidth. For "none" (levels are
  // the intensities themselves) minValue = 0.5 and binWidth = 1 so that centre(level) = level.
  double minValue = 0.5;
  double binWidth = 1.0;
  double centre(uint32_t level) const { return minValue + (static_cast<double>(level) - 0.5) * binWidth; }
};

}  // namespace radiomics
