#include "texture_neighbourhood.h"

#include <algorithm>
#include <sstream>

#include "core/error.h"

namespace radiomics {

void neighbourhoodPadding(const Grid& grid, int32_t delta, bool planar, int64_t pad[3]) {
  const int64_t d = std::max<int64_t>(0, delta);
  const int64_t extent[3] = {grid.nx, grid.ny, grid.nz};
  for (int a = 0; a < 3; ++a) pad[a] = std::max<int64_t>(0, std::min<int64_t>(d, extent[a] - 1));
  if (planar) pad[2] = 0;
}

std::vector<int64_t> neighbourhoodOffsets(const int64_t pad[3], int64_t sy, int64_t sz, bool planar) {
  std::vector<int64_t> out;
  const int64_t rz = planar ? 0 : pad[2];
  for (int64_t dz = -rz; dz <= rz; ++dz)
    for (int64_t dy = -pad[1]; dy <= pad[1]; ++dy)
      for (int64_t dx = -pad[0]; dx <= pad[0]; ++dx)
        if (dx != 0 || dy != 0 || dz != 0) out.push_back(dx + sy * dy + sz * dz);
  return out;
}

void checkNeighbourhoodWork(const char* family, int32_t delta, size_t nOffsets, int64_t voxels) {
  constexpr double kMaxPairs = 2e10;  // roughly ten seconds of walking
  const double pairs = static_cast<double>(nOffsets) * static_cast<double>(voxels);
  if (pairs > kMaxPairs) {
    std::ostringstream m;
    m << family << ": texture.neighbourhoodDistance " << delta << " gives " << nOffsets
      << " neighbours per voxel over a " << voxels << "-voxel region (" << pairs
      << " voxel pairs); use a smaller neighbourhoodDistance";
    fail(code::kInvalidConfig, m.str());
  }
}

}  // namespace radiomics
