// Morphological operations on binary ROI masks in physical units: dilation / erosion by a ball of radius
// r mm (an ellipsoid in voxels when the spacing is anisotropic), rings, and the peritumoral ROI set.
// Knows nothing of Node.
//
// Definitions (d(p, S) = Euclidean distance in mm between voxel centres, sum_a (s_a dp_a)^2 under the
// square root; the grid's direction matrix is assumed orthonormal, as in DICOM / NIfTI):
//   dilate(M, r) = { p : d(p, M) <= r }                (so dilate(M, 0) = M)
//   erode(M, r)  = { p in M : d(p, not M) > r }       (= not dilate(not M, r): the ball of radius r
//                                                       centred at p fits in M)
//   ring(M, a, b) = dilate(M, b) minus dilate(M, a)    = { a < d(p, M) <= b }; a = 0: minus M itself
// "<= r" is evaluated on squared distances with a relative tolerance of 1e-9, so a voxel at exactly
// r mm (e.g. 2 voxels of 1 mm for r = 2) is included despite floating-point rounding.
//
// Computed with an exact separable squared Euclidean distance transform (roi_ops_edt.h) over the mask's
// bounding box grown by the radius: time and memory linear in that box (8 bytes per voxel), plus the
// output masks (1 byte per voxel of the grid each). Call them on a cropped grid (e.g. the RoiImage crop,
// with a margin of at least the largest radius) to keep the outputs small.
//
// Masks are std::vector<uint8_t> of grid.size() values on `grid` (non-zero = inside); results hold 0/1.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/grid.h"

namespace radiomics {

struct RoiOpsOptions {
  // A dilation that would reach beyond the grid (some voxel at distance <= r lies outside it) fails with
  // ERR_RADIOMICS_OUT_OF_IMAGE (message with the numbers) unless allowClip is set; then the result is
  // clipped to the grid.
  bool allowClip = false;
  // Optional mask on the same grid (e.g. body or lung): voxels added by a dilation, and ring voxels, are
  // kept only where clipTo is non-zero. Voxels of the original mask are never removed by it.
  const std::vector<uint8_t>* clipTo = nullptr;
  // Erosion: voxels outside the grid count as background (true: a mask touching the grid border is
  // eroded from there) or as foreground (false).
  bool borderIsBackground = true;
  int threads = 0;  // <= 0: std::thread::hardware_concurrency()
};

// Throw ERR_RADIOMICS_DATA_LENGTH (mask or clipTo size != grid.size()), ERR_RADIOMICS_INVALID_ARGUMENT
// (radius negative or not finite), ERR_RADIOMICS_BAD_SPACING, ERR_RADIOMICS_OUT_OF_IMAGE (see above).
// An empty mask gives empty results.
std::vector<uint8_t> dilateMask(const Grid& grid, const std::vector<uint8_t>& mask, double radiusMm,
                                const RoiOpsOptions& opt = RoiOpsOptions());
std::vector<uint8_t> erodeMask(const Grid& grid, const std::vector<uint8_t>& mask, double radiusMm,
                               const RoiOpsOptions& opt = RoiOpsOptions());
// innerMm < outerMm required (ERR_RADIOMICS_INVALID_ARGUMENT). The ring never contains a voxel of mask.
std::vector<uint8_t> ringMask(const Grid& grid, const std::vector<uint8_t>& mask, double innerMm, double outerMm,
                              const RoiOpsOptions& opt = RoiOpsOptions());

struct NamedMask {
  std::string name;
  double innerMm = 0, outerMm = 0;  // distance band (0, 0 for the intratumoral mask)
  int64_t count = 0;                // voxels in the mask
  std::vector<uint8_t> mask;
};

// The peritumoral ROI set for radii r_1 < r_2 < ... (default 2, 4, 6 mm), from one distance transform:
//   "intratumoral"                      the mask itself (0/1)
//   "peritumoral_<r_{i-1}>_<r_i>mm"     ring(mask, r_{i-1}, r_i), r_0 = 0   (e.g. peritumoral_0_2mm)
//   "combined_<r_i>mm"                  dilate(mask, r_i) = intratumoral + the rings up to r_i
// in that order (intratumoral, the rings, the combined masks). Radii print with %g (2.5 -> "2.5").
// Radii must be finite, > 0 and strictly increasing (ERR_RADIOMICS_INVALID_ARGUMENT).
std::vector<NamedMask> peritumoralMasks(const Grid& grid, const std::vector<uint8_t>& mask,
                                        const std::vector<double>& radiiMm = {2.0, 4.0, 6.0},
                                        const RoiOpsOptions& opt = RoiOpsOptions());

}  // namespace radiomics
