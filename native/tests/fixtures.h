// The IBSI 1 digital phantom (5x4x4 voxels, 2x2x2 mm; CC BY 4.0, IBSI / A. Zwanenburg), as fixtures for
// the C++ unit tests. Flat index = x + 5 y + 20 z. 74 ROI voxels.
#pragma once
#include <cstdint>
#include <vector>

#include "core/roi.h"
#include "core/volume_input.h"

namespace radiomics_test {

inline const std::vector<int16_t>& phantomImage() {
  static const std::vector<int16_t> v = {1, 4, 4, 1, 1, 1, 4, 6, 1, 1, 4, 1, 6, 4, 1, 4, 4, 6, 4, 1, 1, 4, 4, 1, 1, 1, 1, 6, 1, 1, 1, 1, 3, 1, 1, 4, 4, 6, 1, 1, 1, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 1, 1, 1, 1, 6, 1, 1, 1, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6, 1, 1};
  return v;
}
inline const std::vector<int16_t>& phantomMask() {
  static const std::vector<int16_t> v = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  return v;
}

// Raw volume views of the phantom (2 mm isotropic, identity direction).
inline radiomics::RawVolume phantomRaw(const std::vector<int16_t>& data) {
  radiomics::RawVolume v;
  v.data = data.data();
  v.dtype = radiomics::DType::I16;
  v.length = static_cast<int64_t>(data.size());
  v.grid.nx = 5; v.grid.ny = 4; v.grid.nz = 4;
  v.grid.spacing[0] = v.grid.spacing[1] = v.grid.spacing[2] = 2.0;
  return v;
}

// The phantom cropped as extract() does (margin of `margin` voxels).
inline radiomics::RoiImage phantomRoi(int64_t margin = 1) {
  const int64_t m[3] = {margin, margin, margin};
  return radiomics::cropRoi(phantomRaw(phantomImage()), phantomRaw(phantomMask()), 1, m);
}

// A RoiImage built directly from arrays on a grid (for hand-made cases): mask != 0 is the ROI.
inline radiomics::RoiImage makeRoi(int64_t nx, int64_t ny, int64_t nz, const std::vector<double>& intensity,
                                   const std::vector<uint8_t>& mask, double sx = 1, double sy = 1, double sz = 1) {
  radiomics::RoiImage r;
  r.grid.nx = nx; r.grid.ny = ny; r.grid.nz = nz;
  r.grid.spacing[0] = sx; r.grid.spacing[1] = sy; r.grid.spacing[2] = sz;
  r.intensity = intensity;
  r.morphMask.assign(mask.begin(), mask.end());
  for (auto& b : r.morphMask) b = b ? 1 : 0;
  r.intMask = r.morphMask;
  int64_t c = 0;
  for (auto b : r.morphMask) c += b;
  r.morphCount = r.intCount = c;
  return r;
}

}  // namespace radiomics_test
