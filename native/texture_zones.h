// Zones of the grey level size zone (IBSI 3.8) and grey level distance zone (IBSI 3.9) matrices: maximal
// connected groups of intensity-mask voxels with the same grey level, under 26-connectivity (3D) or
// 8-connectivity within each axial slice (2D). Found by union-find with path halving in one scan plus one
// labelling pass: linear in the size of the cropped grid.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/discrete_image.h"

namespace radiomics {

// Zones in the order of their first voxel (flat index order), as parallel arrays.
struct ZoneList {
  std::vector<uint32_t> level;     // grey level i of each zone
  std::vector<uint32_t> size;      // number of voxels of each zone
  std::vector<uint32_t> distance;  // GLDZM: minimum distance to the ROI edge over the zone's voxels (if asked)
  // Zones of slice z are [sliceBegin[z], sliceBegin[z + 1]) and that slice holds sliceVoxels[z] intensity-mask
  // voxels (N_v). A volumetric list has a single "slice": {0, zones} and {all intensity-mask voxels}.
  std::vector<size_t> sliceBegin;
  std::vector<double> sliceVoxels;
};

struct Zones {
  ZoneList planar;  // 2D zones (8-connectivity in each z slice), when asked for
  ZoneList volume;  // 3D zones (26-connectivity), when asked for
};

// Finds the zones of `image` (voxels with level > 0). With `distances`, also each zone's distance to the ROI
// edge as IBSI 3.9 defines it: on the morphological mask (image.morphMask, united with the intensity mask), the
// distance of a voxel is the minimal number of 4-connected (2D, in-plane) or 6-connected (3D) steps to a voxel
// outside the mask or outside the grid, so that voxels on the edge have distance 1. This equals the number of
// successive erosions a voxel survives, plus one (the manual's iterative definition), and is computed exactly
// by a two-pass city-block distance transform.
Zones findZones(const DiscreteImage& image, bool planar, bool volumetric, bool distances);

// City-block distance map of a mask on an (unpadded) grid: 0 outside, else the minimal number of axis steps
// (in-plane only when planar) to a voxel outside the mask or outside the grid. Exposed for tests.
std::vector<uint32_t> edgeDistanceMap(const Grid& grid, const std::vector<uint8_t>& mask, bool planar);

}  // namespace radiomics
