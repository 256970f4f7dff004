// Raw image and mask buffers as they arrive from the caller, and the step that turns them into a
// cropped RoiImage. Every size is checked here: this is the boundary the N-API layer calls into.
#pragma once
#include <cstdint>

#include "error.h"
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
  // Index, in the caller's volume, of this volume's voxel (0, 0, 0): non-zero for a crop of it (the async
  // binding copies only the ROI box). Messages that name a voxel add it, so they name the caller's voxel.
  int64_t firstVoxel[3] = {0, 0, 0};
};

// Calls f(const T* data) with the buffer typed by its dtype: the one dtype switch of the code base.
template <typename F>
auto visitTyped(const RawVolume& v, F&& f) {
  switch (v.dtype) {
    case DType::U8: return f(static_cast<const uint8_t*>(v.data));
    case DType::I8: return f(static_cast<const int8_t*>(v.data));
    case DType::U16: return f(static_cast<const uint16_t*>(v.data));
    case DType::I16: return f(static_cast<const int16_t*>(v.data));
    case DType::U32: return f(static_cast<const uint32_t*>(v.data));
    case DType::I32: return f(static_cast<const int32_t*>(v.data));
    case DType::F32: return f(static_cast<const float*>(v.data));
    case DType::F64: return f(static_cast<const double*>(v.data));
  }
  fail(code::kUnsupportedDtype, "unsupported dtype");
}

// Checks shape, spacing and lengths; throws radiomics::Error with a stable code on bad input.
void validateVolume(const RawVolume& v, const char* what);

// Bounding box of the voxels equal to `label` and their count. Throws kEmptyRoi when there are none.
Box labelBox(const RawVolume& mask, int32_t label, int64_t* count = nullptr);

// Crops image + mask (voxels equal to `label`) to the mask's bounding box grown by `margin` voxels per
// axis (clipped to the image). Both masks of the result start identical. Throws kEmptyRoi when no voxel
// has the label and kNonFinite when an ROI intensity is NaN/Inf.
RoiImage cropRoi(const RawVolume& image, const RawVolume& mask, int32_t label, const int64_t margin[3]);
// Same when the label's bounding box is already known (no scan of the whole mask).
RoiImage cropRoi(const RawVolume& image, const RawVolume& mask, int32_t label, const Box& labelBox,
                 const int64_t margin[3]);

}  // namespace radiomics
