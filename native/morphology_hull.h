// 3D convex hull of integer lattice points (quickhull with exact integer predicates).
#pragma once
#include <cstdint>
#include <vector>

namespace radiomics {

struct ConvexHull {
  std::vector<int32_t> faces;     // 3 point indices per triangle, counter-clockwise seen from outside
  std::vector<int32_t> vertices;  // the distinct point indices the faces use (ascending)
  // Fewer than 4 affinely independent points: no 3D hull (faces and vertices empty).
  bool degenerate = false;
};

// Candidate hull vertices of `lattice` (3 int32 per point): a vertex of the convex hull is the first
// or last point on every axis-parallel line through it, so only those points are kept (sort-based,
// O(n log n)). Duplicate points are kept once. Returns point indices.
std::vector<int32_t> hullCandidates(const std::vector<int32_t>& lattice);

// Convex hull of the points `subset` of `lattice` (all of them when `subset` is empty). Exact: every
// orientation test is an int64 determinant (coordinates are taken relative to their minimum; the
// determinant is bounded by 6 * Ex * Ey * Ez of the point extents, far below 2^63 for any image the
// core accepts). Points on a hull face that are not needed as corners may be left out. Expected
// O(n log n); triangles of one planar facet are not merged.
ConvexHull convexHull(const std::vector<int32_t>& lattice, const std::vector<int32_t>& subset);

// L0JK helper: the largest distance between two of the points `ids` of `points` (x, y, z consecutive,
// physical). Exact: all pairs are compared unless a bound rules them out. The points are binned in a
// uniform grid of cells; a pair of cells is skipped when the largest distance between their bounding
// boxes cannot beat the best pair found so far (seeded with the extremes along 13 directions).
double maxPairDistance(const std::vector<double>& points, const std::vector<int32_t>& ids);

}  // namespace radiomics
