// The image-processing steps before the ROI is cropped (IBSI 2.2-2.3): input rounding, intensity
// normalisation, and resampling of image and mask to a new voxel spacing.
//
// ROI-first (the default, Settings::wholeImage = false): only the part of the processed grid the ROI
// needs is computed -- the box of output voxels whose interpolation sees an ROI voxel, grown by the
// margin the families need (roiMargin(): the local-intensity sphere, else one voxel), clipped to the
// grid. The output grid stays the IBSI grid of the whole image (fullGrid); only the input box that
// feeds the output box is read (for cubic B-spline plus bspline::kPrefilterMargin samples per side, see
// resample_bspline.h). Results: nearest and linear are bitwise those of whole-image processing; cubic
// B-spline within 7e-15 max|input| (tested against the whole-image path <= 1e-12). Memory follows the
// ROI box, not the image: no copy of the whole image is made (integer input is not copied to round it).
// Settings::wholeImage = true processes the whole image first (the reference path; it also gives the
// interpolated image's mean / min / max diagnostics, which need every voxel of it).
//
// Non-finite intensities (NaN, +-Inf; IBSI leaves them undefined). Inside the ROI (input voxels with the
// label) they are an error that names the input voxel (ERR_RADIOMICS_NON_FINITE). Outside the ROI they
// are replaced, before any prefilter or interpolation, by the mean of the ROI intensities (after rounding
// and normalisation), so that a NaN in the background (PET, MR) changes nothing inside the ROI beyond
// what any finite background value would, and cannot poison a B-spline line. Both scopes use this rule.
#pragma once
#include <cstdint>
#include <vector>

#include "core/settings.h"
#include "core/volume_input.h"

namespace radiomics {

// The processed image and mask. When no step applies they alias the caller's buffers (no copy).
// Otherwise `image`/`mask` hold `box` of the processed full grid `fullGrid` (the whole of it when
// Settings::wholeImage).
struct ProcessedVolumes {
  RawVolume image, mask;
  Grid fullGrid;            // the whole processed (interpolated) image's grid
  int64_t boxLo[3] = {0, 0, 0};  // where `image` / `mask` start in fullGrid
  Box inputRoiBox;               // bounding box of the label in the input mask
  int32_t label = 1;        // label of the ROI in `mask` (1 after processing)
  bool interpolated = false;
  // Mean / min / max of the whole processed image when known without extra work (else NaN: ROI-first
  // interpolation does not compute the whole image).
  bool summaryKnown = false;
  double mean = 0, min = 0, max = 0;
  std::vector<double> imageStore;
  std::vector<uint8_t> maskStore;
};

// Voxels kept around the ROI bounding box per axis on a grid of this spacing: the local-intensity sphere
// radius (mm; 0 when that family is off) in voxels plus one, at least one.
void roiMargin(const double spacing[3], double sphereRadiusMm, int64_t margin[3]);

// Applies settings.roundInput, settings.normalisation and settings.interpolation, in that order.
// The inputs must have passed validateVolume() and have the same shape. Throws radiomics::Error.
ProcessedVolumes preprocess(const RawVolume& image, const RawVolume& mask, const Settings& settings,
                            double sphereRadiusMm);

}  // namespace radiomics
