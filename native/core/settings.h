// Plain settings structs for one extraction. Filled by the N-API layer from the validated JS config; the
// core never sees JS. Defaults come from the settings schema (catalogue/settings.json, documented in
// docs/settings.md) through the generated settings_schema.h: one place for every default and range.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "settings_schema.h"

namespace radiomics {

enum class DiscretisationMethod { None, FixedBinSize, FixedBinNumber };

struct DiscretisationSettings {
  DiscretisationMethod method = DiscretisationMethod::None;
  double binWidth = schema::kDiscretisationBinWidth.fallback;                  // FBS width w_b
  int32_t nBins = static_cast<int32_t>(schema::kDiscretisationNBins.fallback);  // FBN N_g
  // FBS: lower bound X_min (IBSI: lower re-segmentation bound, else the ROI minimum).
  bool hasMin = false;
  double min = 0.0;
  // Upper bound, used by FBS to fix N_g from a re-segmentation range (IVH of config C).
  bool hasMax = false;
  double max = 0.0;
  // FBS without min: X_min = the largest multiple of binWidth <= the ROI minimum (PyRadiomics' bin edges,
  // anchored at multiples of the width) instead of the ROI minimum (IBSI).
  bool anchorAtZero = false;
};

// Which texture aggregations to compute, exactly as asked: nothing is computed to be thrown away.
// GLCM / GLRLM: the six directional aggregations (tags _2D_avg, _2D_comb, _2_5D_avg, _2_5D_comb, _3D_avg,
// _3D_comb); GLSZM / GLDZM / NGTDM / NGLDM: _2D, _2_5D, _3D. IBSI codes in catalogue/features.json.
struct Aggregations {
  bool d2Avg = true, d2Comb = true;    // BTW3, SUJT
  bool d25Avg = true, d25Comb = true;  // JJUI, ZW7Z
  bool d3Avg = true, d3Comb = true;    // ITBB, IAZD
  bool d2 = true;                      // 8QNN: per slice, averaged over slices
  bool d25 = true;                     // 62GR: slice matrices merged
  bool d3 = true;                      // KOBO: one volumetric matrix
};

struct TextureSettings {
  std::vector<int32_t> distances{1};  // GLCM Chebyshev distances delta
  // PyRadiomics' GLCM angles (compatibility mode): one matrix per offset whose Chebyshev norm is one of
  // `distances` (one of each opposite pair; in-plane only for 2.5D), features averaged over all of them and
  // written as the 3D_avg / 2_5D_avg tags without distance infix. Other aggregations are not computed.
  bool chebyshevShells = false;
  bool symmetric = true;              // symmetric GLCM (IBSI default)
  int32_t neighbourhoodDistance = static_cast<int32_t>(schema::kTextureNeighbourhoodDistance.fallback);  // NGTDM / NGLDM delta
  int32_t ngldmAlpha = static_cast<int32_t>(schema::kTextureNgldmAlpha.fallback);  // NGLDM coarseness alpha
  Aggregations aggregations;
  bool returnMatrices = false;
  uint64_t maxMatrixBytes = static_cast<uint64_t>(schema::kTextureMaxMatrixBytes.fallback);  // cap on one matrix's memory; beyond -> ERR_RADIOMICS_MATRIX_TOO_LARGE
};

// Generated from the schema ('cpp' settings): Moran's I / Geary's C exact up to moranExactMaxVoxels, by FFT up to
// moranFftMaxPoints, else a deterministic subset estimate (morphology_autocorr.h); meshAmbiguity
// (morphology_mesh.h MeshAmbiguity).
struct MorphologySettings : schema::MorphologyFields {
  // Not a setting of its own: the extraction's thread count (Settings::threads), used by the FFT of
  // Moran's I / Geary's C; results do not depend on it.
  int32_t threads = 1;
};

// Generated from the schema: sphereVolumeCm3 (IBSI: 1 cm^3 sphere).
struct LocalIntensitySettings : schema::LocalIntensityFields {};

struct IvhSettings {
  // IBSI: none for calibrated discrete intensities (CT, w = 1), FBS for calibrated continuous, FBN otherwise.
  // min / max (hasMin / hasMax) carry the re-segmentation range: the total range G for none, X_min / X_max
  // for FBS (IBSI); unset = the ROI minimum / maximum. FBN ignores them.
  DiscretisationSettings discretisation;
};

// Resampling to a new voxel spacing (IBSI 2.3), applied to image and mask before cropping.
struct InterpolationSettings {
  bool enabled = false;
  double spacing[3] = {0, 0, 0};  // mm; 0 keeps an axis
  bool inPlane = false;           // 2D: x and y only
  int32_t method = static_cast<int32_t>(schema::kInterpolationMethod.fallback);  // 0 nearest, 1 linear, 2 B-spline
  // 0 IBSI centre-aligned grid, 1 corner-aligned (SimpleITK / PyRadiomics)
  int32_t alignment = static_cast<int32_t>(schema::kInterpolationAlignment.fallback);
  // image intensities after interpolation: 0 none, 1 nearest integer, 2 toward zero (PyRadiomics: SimpleITK casts
  // back to an integer input type), 3 nearest float32 (PyRadiomics on a float32 image)
  int32_t rounding = static_cast<int32_t>(schema::kInterpolationRounding.fallback);
  int32_t maskMethod = static_cast<int32_t>(schema::kInterpolationMaskMethod.fallback);  // 0 nearest, 1 linear
  double maskThreshold = schema::kInterpolationMaskThreshold.fallback;  // partial-volume threshold delta
  int32_t threads = static_cast<int32_t>(schema::kInterpolationThreads.fallback);  // 0: all cores
  // PyRadiomics compatibility: >= 0 resamples only PyRadiomics' crop of the corner grid (the mask bounding
  // box grown by this many output voxels) with SimpleITK's positions (ResampleOptions::sitkPositions);
  // -1 (default) the whole grid, exact positions.
  int32_t sitkPadDistance = static_cast<int32_t>(schema::kInterpolationSitkPadDistance.fallback);
};

// Intensity normalisation before resampling (as in the seed studies and PyRadiomics `normalize`).
struct NormalisationSettings {
  bool zscore = false;
  bool roiScope = false;     // statistics over the ROI (else over the whole image, PyRadiomics)
  double scale = schema::kNormalisationScale.fallback;        // PyRadiomics normalizeScale: z * scale
  double outliers = schema::kNormalisationOutliers.fallback;  // PyRadiomics removeOutliers: clip z to [-k, k]; 0 off
  double shift = schema::kNormalisationShift.fallback;        // added afterwards (PyRadiomics voxelArrayShift)
};

struct FamilySelection {
  bool diagnostics = true;
  bool morphology = true;
  bool localIntensity = true;
  bool intensityStatistics = true;
  bool intensityHistogram = true;
  bool intensityVolumeHistogram = true;
  bool glcm = true;
  bool glrlm = true;
  bool glszm = true;
  bool gldzm = true;
  bool ngtdm = true;
  bool ngldm = true;
};

struct Settings {
  int32_t label = static_cast<int32_t>(schema::kLabel.fallback);
  bool roundInput = false;  // round image intensities to the nearest integer on input (IBSI note on the CT NIfTI)
  // Process (round, normalise, interpolate) the whole image before cropping instead of only the ROI's
  // neighbourhood (preprocess.h): same features; adds the interpolated image's mean / min / max diagnostics.
  bool wholeImage = false;
  // Threads for one extraction (morphology beside the other families); <= 0: all cores. Results are
  // identical for any count. Resampling has its own count (InterpolationSettings::threads).
  int32_t threads = static_cast<int32_t>(schema::kThreads.fallback);
  NormalisationSettings normalisation;
  InterpolationSettings interpolation;
  FamilySelection families;
  DiscretisationSettings discretisation;  // texture families and intensity histogram
  // Re-segmentation of the intensity mask (IBSI 2.4): range and/or outlier filtering.
  bool resegmentMinSet = false, resegmentMaxSet = false;
  double resegmentMin = 0.0, resegmentMax = 0.0;
  double outlierSigma = schema::kResegmentationOutlierSigma.fallback;  // 0 = off; 3 = mean +- 3 sd
  // How resegmentMin / resegmentMax are read (PyRadiomics resegmentMode): 0 absolute intensities, 1 fractions
  // of the ROI maximum, 2 numbers of (population) standard deviations from the ROI mean.
  int32_t resegmentMode = static_cast<int32_t>(schema::kResegmentationMode.fallback);
  bool resegmentShape = false;  // PyRadiomics resegmentShape: the morphological mask is re-segmented too
  MorphologySettings morphology;
  LocalIntensitySettings localIntensity;
  IvhSettings ivh;
  TextureSettings texture;
  int64_t minRoiVoxels = static_cast<int64_t>(schema::kMinRoiVoxels.fallback);  // fewer -> ERR_RADIOMICS_EMPTY_ROI
  uint64_t maxLevels = static_cast<uint64_t>(schema::kMaxLevels.fallback);  // more grey levels than this -> ERR_RADIOMICS_MATRIX_TOO_LARGE
};

// The IBSI rules that tie settings together, applied by extract() so that every caller of the core (the
// Node binding, a C++ program, the tests) gets IBSI behaviour from the plain settings:
// - FBS without an explicit X_min: X_min is the lower re-segmentation bound (IBSI 2.7, "fixed bin size").
// - Intensity-volume histogram: its range is the re-segmentation range where the IVH discretisation sets no
//   bound of its own (IBSI 3.5: the total range G for 'none', X_min / X_max for FBS; FBN uses the ROI extremes).
// Explicit bounds always win.
inline Settings withIbsiRules(Settings s) {
  // Only absolute bounds are intensities: a relative or sigma range (PyRadiomics resegmentMode) is not.
  if (s.resegmentMode != 0) return s;
  DiscretisationSettings& d = s.discretisation;
  if (d.method == DiscretisationMethod::FixedBinSize && !d.hasMin && s.resegmentMinSet) {
    d.hasMin = true;
    d.min = s.resegmentMin;
  }
  DiscretisationSettings& ivh = s.ivh.discretisation;
  if (!ivh.hasMin && s.resegmentMinSet) {
    ivh.hasMin = true;
    ivh.min = s.resegmentMin;
  }
  if (!ivh.hasMax && s.resegmentMaxSet) {
    ivh.hasMax = true;
    ivh.max = s.resegmentMax;
  }
  return s;
}

}  // namespace radiomics
