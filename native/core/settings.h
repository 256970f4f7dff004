// Plain settings structs for one extraction. Filled by the N-API layer from the validated JS config
// (lib/config.ts documents every field and its default); the core never sees JS.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace radiomics {

enum class DiscretisationMethod { None, FixedBinSize, FixedBinNumber };

struct DiscretisationSettings {
  DiscretisationMethod method = DiscretisationMethod::None;
  double binWidth = 1.0;  // FBS width w_b
  int32_t nBins = 32;     // FBN N_g
  // FBS: lower bound X_min (IBSI: lower re-segmentation bound, else the ROI minimum).
  bool hasMin = false;
  double min = 0.0;
  // Upper bound, used by FBS to fix N_g from a re-segmentation range (IVH of config C).
  bool hasMax = false;
  double max = 0.0;
};

// Which texture aggregations to compute. Tags: _2D_avg, _2D_comb, _2_5D_avg, _2_5D_comb, _3D_avg,
// _3D_comb for GLCM/GLRLM; _2D, _2_5D, _3D for GLSZM/GLDZM/NGTDM/NGLDM.
struct Aggregations {
  bool d2 = true;    // 2D (slice by slice)
  bool d25 = true;   // 2.5D
  bool d3 = true;    // 3D
  bool avg = true;   // GLCM/GLRLM: averaged over directions
  bool comb = true;  // GLCM/GLRLM: merged matrices
};

struct TextureSettings {
  std::vector<int32_t> distances{1};  // GLCM Chebyshev distances delta
  bool symmetric = true;              // symmetric GLCM (IBSI default)
  int32_t neighbourhoodDistance = 1;  // NGTDM / NGLDM Chebyshev delta
  int32_t ngldmAlpha = 0;             // NGLDM coarseness alpha
  Aggregations aggregations;
  bool returnMatrices = false;
  uint64_t maxMatrixBytes = 1ull << 30;  // cap on one matrix's memory; beyond -> ERR_RADIOMICS_MATRIX_TOO_LARGE
};

struct MorphologySettings {
  // Moran's I / Geary's C: exact pair sums (O(N^2)) up to this many voxels; above it, exact by FFT
  // convolution while the padded grid has at most moranFftMaxPoints points (24 bytes each); above
  // that, a deterministic subset estimate (see morphology_autocorr.h).
  int64_t moranExactMaxVoxels = 20000;
  int64_t moranFftMaxPoints = int64_t(1) << 23;
  uint64_t moranSeed = 1;
};

struct LocalIntensitySettings {
  double sphereVolumeCm3 = 1.0;  // IBSI: 1 cm^3 sphere
};

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
  int32_t method = 1;             // image: 0 nearest, 1 linear, 2 cubic B-spline
  int32_t alignment = 0;          // 0 IBSI centre-aligned grid, 1 corner-aligned (SimpleITK / PyRadiomics)
  int32_t rounding = 0;           // image intensities after interpolation: 0 none, 1 nearest integer
  int32_t maskMethod = 1;         // 0 nearest, 1 linear (then partial-volume threshold)
  double maskThreshold = 0.5;     // partial-volume threshold delta
  int32_t threads = 0;            // <= 0: all cores
};

// Intensity normalisation before resampling (as in the seed studies and PyRadiomics `normalize`).
struct NormalisationSettings {
  bool zscore = false;
  bool roiScope = false;     // statistics over the ROI (else over the whole image, PyRadiomics)
  double scale = 1.0;        // PyRadiomics normalizeScale: z * scale
  double outliers = 0.0;     // PyRadiomics removeOutliers: clip z to [-k, k] before scaling; 0 = off
  double shift = 0.0;        // added afterwards (PyRadiomics voxelArrayShift)
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
  int32_t label = 1;
  bool roundInput = false;  // round image intensities to the nearest integer on input (IBSI note on the CT NIfTI)
  // Process (round, normalise, interpolate) the whole image before cropping instead of only the ROI's
  // neighbourhood (preprocess.h): same features; adds the interpolated image's mean / min / max diagnostics.
  bool wholeImage = false;
  // Threads for one extraction (morphology beside the other families); <= 0: all cores. Results are
  // identical for any count. Resampling has its own count (InterpolationSettings::threads).
  int32_t threads = 0;
  NormalisationSettings normalisation;
  InterpolationSettings interpolation;
  FamilySelection families;
  DiscretisationSettings discretisation;  // texture families and intensity histogram
  // Re-segmentation of the intensity mask (IBSI 2.4): range and/or outlier filtering.
  bool resegmentMinSet = false, resegmentMaxSet = false;
  double resegmentMin = 0.0, resegmentMax = 0.0;
  double outlierSigma = 0.0;  // 0 = off; 3 = mean +- 3 sd
  MorphologySettings morphology;
  LocalIntensitySettings localIntensity;
  IvhSettings ivh;
  TextureSettings texture;
  uint64_t maxLevels = 1u << 16;  // more grey levels than this -> ERR_RADIOMICS_MATRIX_TOO_LARGE
};

}  // namespace radiomics
