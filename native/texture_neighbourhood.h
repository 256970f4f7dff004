// Shared plumbing of the zone and neighbourhood texture families (GLSZM, GLDZM, NGTDM, NGLDM):
//  - grey levels narrowed to the smallest unsigned type that holds N_g and copied into a grid padded with a
//    border of 0 (0 = outside the ROI), so that neighbour look-ups need no bounds checks;
//  - the flat offsets of a Chebyshev neighbourhood on such a grid;
//  - a row walker that applies an operation to every (voxel, neighbour) pair of one grid row, offset by offset,
//    so that the inner loop runs along x over contiguous memory (and vectorises).
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "core/discrete_image.h"
#include "core/row_span.h"

namespace radiomics {

template <typename T>
struct PaddedLevels {
  int64_t nx = 0, ny = 0, nz = 0;  // extents of the cropped grid (unpadded)
  int64_t pad[3] = {0, 0, 0};      // border width per axis
  int64_t px = 0, py = 0, pz = 0;  // padded extents
  int64_t sy = 0, sz = 0;          // padded strides of y and z (x stride is 1)
  std::vector<T> v;                // px * py * pz levels; 0 in the border and outside the ROI

  // Flat padded index of unpadded voxel (x, y, z).
  int64_t at(int64_t x, int64_t y, int64_t z) const { return (x + pad[0]) + sy * (y + pad[1]) + sz * (z + pad[2]); }
  int64_t size() const { return px * py * pz; }
};

// Copies image.levels into a grid padded by pad[a] voxels on both sides of axis a.
template <typename T>
PaddedLevels<T> padLevels(const DiscreteImage& image, const int64_t pad[3]) {
  PaddedLevels<T> g;
  const Grid& grid = image.grid;
  g.nx = grid.nx;
  g.ny = grid.ny;
  g.nz = grid.nz;
  for (int a = 0; a < 3; ++a) g.pad[a] = pad[a];
  g.px = g.nx + 2 * pad[0];
  g.py = g.ny + 2 * pad[1];
  g.pz = g.nz + 2 * pad[2];
  g.sy = g.px;
  g.sz = g.px * g.py;
  g.v.assign(static_cast<size_t>(g.size()), T(0));
  const uint32_t* src = image.levels.data();
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y) {
      const uint32_t* row = src + grid.index(0, y, z);
      T* dst = g.v.data() + g.at(0, y, z);
      for (int64_t x = 0; x < g.nx; ++x) dst[x] = static_cast<T>(row[x]);
    }
  return g;
}

// Calls f(T()) with T the smallest of uint8_t / uint16_t / uint32_t that holds grey levels 0..nLevels.
template <typename F>
decltype(auto) withLevelType(uint32_t nLevels, F&& f) {
  if (nLevels <= 0xFFu) return f(uint8_t());
  if (nLevels <= 0xFFFFu) return f(uint16_t());
  return f(uint32_t());
}

// Border width per axis that a Chebyshev neighbourhood of radius delta needs on a grid of the given extents:
// min(delta, extent - 1), since a longer step along an axis reaches no voxel of the grid.
void neighbourhoodPadding(const Grid& grid, int32_t delta, bool planar, int64_t pad[3]);

// Flat offsets, on a grid padded by `pad` with strides sy, sz, of every m != 0 with |m_a| <= pad[a]
// (in-plane only, m_z = 0, when planar). Pass the padding from neighbourhoodPadding.
std::vector<int64_t> neighbourhoodOffsets(const int64_t pad[3], int64_t sy, int64_t sz, bool planar);

// Fails with kInvalidConfig when the neighbourhood walk would visit an unreasonable number of voxel pairs
// (texture.neighbourhoodDistance far too large for the ROI) instead of running for minutes.
void checkNeighbourhoodWork(const char* family, int32_t delta, size_t nOffsets, int64_t voxels);

// Values a slice-wide scratch array needs: voxels (0, 0) to (nx - 1, ny - 1) of a slice, row padding included.
template <typename T>
inline int64_t sliceSpan(const PaddedLevels<T>& g) {
  return (g.ny - 1) * g.sy + g.nx;
}

// The stretch of slice z that holds its ROI voxels, from the first to the last, as offsets [lo, hi) from the
// slice's voxel (0, 0); lo == hi when the slice has none. The kernels walk this stretch as one long row (row
// padding and voxels outside the ROI included, their results unused): vector loops then run over thousands
// of voxels instead of one ROI row span each, whose scalar prologue and epilogue took most of the time.
template <typename T>
inline void sliceRoiStretch(const PaddedLevels<T>& g, int64_t z, int64_t* lo, int64_t* hi) {
  const T* slice = g.v.data() + g.at(0, 0, z);
  *lo = *hi = 0;
  int64_t y0 = 0, y1 = g.ny;
  int64_t a = 0, b = 0;
  while (y0 < y1) {
    roiSpan(slice + y0 * g.sy, g.nx, &a, &b);
    if (a < b) break;
    ++y0;
  }
  if (y0 == y1) return;
  *lo = y0 * g.sy + a;
  while (y1 - 1 > y0) {
    roiSpan(slice + (y1 - 1) * g.sy, g.nx, &a, &b);
    if (a < b) break;
    --y1;
  }
  if (y1 - 1 == y0) roiSpan(slice + y0 * g.sy, g.nx, &a, &b);
  *hi = (y1 - 1) * g.sy + b;
}

// The shared neighbourhood walker. For one row of n voxels starting at `centre` (a pointer into a padded grid),
// calls op(x, centre[x], centre[x + o]) for every offset o and every x in [0, n), offsets outermost so the
// inner loop reads contiguous memory. op accumulates into per-x scratch arrays, which never overlap the level
// grid: `ivdep` says so to the compiler (levels are uint8_t, a character type that may alias anything, so
// without it every store to a scratch array would force the next level to be reloaded and the loop stayed
// scalar).
template <typename T, typename Op>
inline void walkNeighbourhoodRow(const T* centre, int64_t n, const int64_t* offsets, size_t nOffsets, Op&& op) {
  for (size_t k = 0; k < nOffsets; ++k) {
    const T* nb = centre + offsets[k];
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC ivdep
#endif
    for (int64_t x = 0; x < n; ++x) op(x, centre[x], nb[x]);
  }
}

}  // namespace radiomics
