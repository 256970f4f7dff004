// Geometry of a dense 3D voxel grid. Knows nothing of Node.
#pragma once
#include <cstddef>
#include <cstdint>

namespace radiomics {

// x varies fastest: flat index = x + nx * (y + ny * z), as in NIfTI and ITK.
struct Grid {
  int64_t nx = 0, ny = 0, nz = 0;
  double spacing[3] = {1.0, 1.0, 1.0};  // mm along x, y, z
  double origin[3] = {0.0, 0.0, 0.0};   // physical position of voxel (0,0,0) centre, mm
  // Row-major 3x3; column j is the physical direction of grid axis j (ITK convention).
  double direction[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  int64_t size() const { return nx * ny * nz; }
  int64_t index(int64_t x, int64_t y, int64_t z) const { return x + nx * (y + ny * z); }
  bool contains(int64_t x, int64_t y, int64_t z) const {
    return x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz;
  }
  // Physical position (mm) of the centre of voxel (x, y, z).
  void toPhysical(double x, double y, double z, double out[3]) const {
    const double a = x * spacing[0], b = y * spacing[1], c = z * spacing[2];
    for (int r = 0; r < 3; ++r)
      out[r] = origin[r] + direction[3 * r + 0] * a + direction[3 * r + 1] * b + direction[3 * r + 2] * c;
  }
};

// Inclusive-exclusive voxel box [lo, hi) in grid coordinates.
struct Box {
  int64_t lo[3] = {0, 0, 0};
  int64_t hi[3] = {0, 0, 0};
  int64_t extent(int axis) const { return hi[axis] - lo[axis]; }
  bool empty() const { return hi[0] <= lo[0] || hi[1] <= lo[1] || hi[2] <= lo[2]; }
};

}  // namespace radiomics
