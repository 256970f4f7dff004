// Bounding boxes of the ROI mesh: axis-aligned (AABB) and oriented minimum (OMBB).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/grid.h"
#include "morphology_hull.h"

namespace radiomics {

// Edge lengths (mm) of the box aligned with the image axes that holds the mesh vertices (`lattice`,
// doubled grid coordinates): (max - min) / 2 * spacing * |direction column| per axis. For an
// orthonormal direction matrix this is the physical box along the image axes, so it does not change
// when the image is rotated or its axes are permuted.
std::array<double, 3> axisAlignedExtents(const Grid& grid, const std::vector<int32_t>& lattice);

// Unit normals (physical) of the distinct facet planes of `hull`: triangles with parallel lattice
// normals (same primitive integer vector) share one plane direction. At most `maxCount`, those with the
// largest facet area first (ties by normal, deterministic).
std::vector<std::array<double, 3>> hullFacetNormals(const std::vector<int32_t>& lattice,
                                                     const std::vector<double>& points, const ConvexHull& hull,
                                                     size_t maxCount);

// The smallest box over the candidate directions: for each unit normal n, the hull is projected on the
// plane normal to n (only the end points of silhouette edges, which hold every corner of the
// projection: O(faces) per direction) and the minimum-area rectangle of the projection is found by
// rotating calipers on its 2D convex hull; box volume = rectangle area * extent of the hull along n.
// Returns the three edge lengths of the box of least volume (all 0 without candidates).
std::array<double, 3> orientedMinimumBox(const std::vector<double>& points, const ConvexHull& hull,
                                         const std::vector<std::array<double, 3>>& normals);

}  // namespace radiomics
