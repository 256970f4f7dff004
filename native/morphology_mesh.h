// Triangle mesh of a binary mask by marching cubes (IBSI 3.1 mesh-based representation, WRJH).
#pragma once
#include <cstdint>
#include <vector>

#include "core/grid.h"

namespace radiomics {

// A closed, consistently oriented triangle mesh (normals point out of the mask).
struct Mesh {
  // Vertex k lies half-way between two neighbouring voxel centres (iso level 0.5 on a 0/1 mask).
  std::vector<int32_t> lattice;  // 3 per vertex: doubled grid coordinates (2x, 2y, 2z), exact integers
  std::vector<double> points;    // 3 per vertex: physical position (mm), grid.toPhysical(lattice / 2)
  std::vector<int32_t> faces;    // 3 vertex indices per triangle
  int64_t vertexCount() const { return static_cast<int64_t>(lattice.size() / 3); }
  int64_t faceCount() const { return static_cast<int64_t>(faces.size() / 3); }
};

// Marching cubes at iso level 0.5 over `mask` (1 = inside) on `grid`, padded with one empty voxel on
// every side so the surface closes. Linear in the mask's bounding box; vertices are shared between
// faces. Ambiguous cube faces (two diagonal inside corners) keep the inside corners apart, so the
// inside is 6-connected and the mesh is watertight: every edge is shared by exactly two faces.
// Empty mask -> empty mesh.
Mesh marchingCubes(const Grid& grid, const std::vector<uint8_t>& mask);

// RNU0: |sum_k a.(b x c) / 6| over the faces, with coordinates taken relative to `ref` (a point
// near the mesh, for rounding; the sum over a closed mesh does not depend on it). Signed: the result
// keeps the orientation sign, the caller takes the absolute value.
double signedMeshVolume(const double* points, const int32_t* faces, int64_t faceCount, const double ref[3]);

// C0JK: sum_k |ab x ac| / 2 over the faces.
double meshArea(const double* points, const int32_t* faces, int64_t faceCount);

}  // namespace radiomics
