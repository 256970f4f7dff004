// Raw image and mask buffers as they arrive from the caller, and the step that turns them into a
// cropped RoiImage. Every size is checked here: this is the boundary the N-API layer calls into.
#pragma once
#include <cstdint>

#include "grid.h"
#include "roi.h"

namespace radiomics {

enum class DType { U8, I8, U16, I16, U32, I32, F32, F64 };
const char* dtypeName(DType t);

struct RawVolume {
  const void* data = nullptr;
  DType dtype = DType::F64;
  int64_t length = 0;  // number of elements in data
  Grid grid;
};

// Checks shape, spacing and lengths; throws radiomics::Error with a stable code on bad input.
void validateVolume(const RawVolume& v, const char* what);

// Crops image + mask (voxels equal to `label`) to the mask's bounding box grown by `margin` voxels per
// axis (clipped to the image). Both masks of the result start identical. Throws kEmptyRoi when no voxel
// has the label and kNonFinite when an ROI intensity is NaN/Inf.
RoiImage cropRoi(const RawVolume& image, const RawVolume& mask, int32_t label, const int64_t margin[3]);

}  // namespace radiomics
