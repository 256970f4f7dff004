// IBSI 3.2 Local intensity features (family 9ST6).
#pragma once
#include <cstdint>
#include <vector>

#include "core/feature_sink.h"
#include "core/roi.h"
#include "core/settings.h"

namespace radiomics {

// Local and global intensity peak: mean intensity in a sphere (settings.sphereVolumeCm3) centred on
// voxel centres; roi.intensity covers the ROI bounding box grown by the sphere radius (clipped to the image).
void computeLocalIntensity(const RoiImage& roi, const LocalIntensitySettings& settings, FeatureSink& out);

// One row of the sphere along x: the offsets (dx, dy, dz), |dx| <= w, whose physical distance to the centre
// is at most the radius.
struct SphereRow {
  int64_t dy = 0, dz = 0, w = 0;
};

// The rows of the sphere of `radiusMm` on a grid of the given spacing (mm), exact test
// (dx sx)^2 + (dy sy)^2 + (dz sz)^2 <= r^2, with |dy| <= maxDy, |dz| <= maxDz and w capped at maxDx (the
// crop's reach: a row wider than the crop sums the whole line either way).
// The direction matrix (a rotation) does not change distances.
std::vector<SphereRow> sphereRows(double radiusMm, const double spacing[3], int64_t maxDx = INT64_MAX / 4,
                                  int64_t maxDy = INT64_MAX / 4, int64_t maxDz = INT64_MAX / 4);

// Radius (mm) of the sphere of the given volume (cm^3): (3 V / (4 pi))^(1/3).
double peakSphereRadiusMm(double volumeCm3);

// Mean intensity of the voxels of roi.intensity within radiusMm of each intensity-mask voxel centre
// (voxels outside the crop do not exist and are not counted); NaN elsewhere. O(voxels x sphere rows)
// through per-line prefix sums. Exposed for the tests and the benchmark.
void sphereMeans(const RoiImage& roi, double radiusMm, std::vector<double>& means);

}  // namespace radiomics
