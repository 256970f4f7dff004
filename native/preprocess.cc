#include "preprocess.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <sstream>

#include "core/error.h"
#include "resample.h"

namespace radiomics {
namespace {

template <typename T>
void copyToDouble(const T* in, int64_t n, std::vector<double>& out) {
  out.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = static_cast<double>(in[i]);
}

std::vector<double> toDouble(const RawVolume& v) {
  std::vector<double> out;
  visitTyped(v, [&](auto* data) { copyToDouble(data, v.length, out); return 0; });
  return out;
}


bool maskAt(const RawVolume& m, int64_t i, int32_t label) {
  return visitTyped(m, [&](auto* data) { return static_cast<double>(data[i]) == static_cast<double>(label); });
}

int64_t countLabel(const RawVolume& m, int32_t label) {
  return visitTyped(m, [&](auto* data) {
    int64_t n = 0;
    for (int64_t i = 0; i < m.length; ++i)
      if (static_cast<double>(data[i]) == static_cast<double>(label)) ++n;
    return n;
  });
}

// After mask interpolation the ROI is `label 1` of a new 0/1 mask: when that mask is empty, say what
// happened to the label the caller asked for (absent from the start, or lost by the interpolation).
void failIfRoiVanished(const RawVolume& mask, const Resampled<uint8_t>& resampled, const MaskResampleOptions& mopt) {
  for (uint8_t v : resampled.data)
    if (v != 0) return;
  const int64_t before = countLabel(mask, mopt.label);
  std::ostringstream m;
  if (before == 0) {
    m << "the mask has no voxel with label " << mopt.label;
    fail(code::kEmptyRoi, m.str());
  }
  const Grid& g = resampled.grid;
  m << "label " << mopt.label << ": the ROI had " << before << " voxel" << (before == 1 ? "" : "s")
    << " and none after interpolating the mask onto the new " << g.spacing[0] << " x " << g.spacing[1] << " x "
    << g.spacing[2] << " mm grid (" << (mopt.method == Interpolation::Nearest ? "nearest neighbour" : "linear")
    << ", threshold " << mopt.threshold
    << "): the ROI is smaller than the new voxels; use a finer interpolation spacing or a lower "
       "interpolation.mask.threshold";
  fail(code::kEmptyRoi, m.str());
}

// Interpolation must not carry a non-finite intensity from outside the ROI into it: the cubic B-spline
// prefilter runs a recursive filter along whole image lines, so one NaN anywhere on a line (PET and MR
// backgrounds often hold them) would make every sample of that line NaN. Before interpolating, a non-finite
// value at an ROI voxel is an error naming that input voxel; every other non-finite value becomes the mean of
// the ROI's finite intensities (README, "Non-finite values"). The values are those of `v` (the image as it
// will be interpolated).
void replaceNonFiniteOutsideRoi(std::vector<double>& v, const RawVolume& image, const RawVolume& mask, int32_t label) {
  double sum = 0;
  int64_t n = 0, bad = 0;
  const Grid& g = image.grid;
  for (size_t i = 0; i < v.size(); ++i) {
    const bool inRoi = maskAt(mask, static_cast<int64_t>(i), label);
    if (std::isfinite(v[i])) {
      if (inRoi) sum += v[i], ++n;
      continue;
    }
    ++bad;
    if (!inRoi) continue;
    const int64_t k = static_cast<int64_t>(i);
    std::ostringstream m;
    m << "image intensity at voxel [" << image.firstVoxel[0] + k % g.nx << ", " << image.firstVoxel[1] + (k / g.nx) % g.ny
      << ", " << image.firstVoxel[2] + k / (g.nx * g.ny) << "] inside the ROI is "
      << (std::isnan(v[i]) ? "NaN" : v[i] > 0 ? "+Infinity" : "-Infinity");
    fail(code::kNonFinite, m.str());
  }
  if (bad == 0 || n == 0) return;  // n == 0: the empty ROI is reported by the caller
  const double fill = sum / static_cast<double>(n);
  for (double& x : v)
    if (!std::isfinite(x)) x = fill;
}

bool hasNonFinite(const RawVolume& v) {
  if (v.dtype != DType::F32 && v.dtype != DType::F64) return false;
  return visitTyped(v, [&](auto* data) {
    for (int64_t i = 0; i < v.length; ++i)
      if (!std::isfinite(static_cast<double>(data[i]))) return true;
    return false;
  });
}

// z-score normalisation (PyRadiomics `normalizeImage` semantics for the whole-image scope: ITK's
// NormalizeImageFilter, i.e. mean and sample standard deviation (N - 1) over every voxel; then values
// beyond +-outliers are clipped; then the result is multiplied by scale). The ROI scope takes mean and
// sd over the ROI voxels only and applies them to the whole image.
void normalise(std::vector<double>& v, const RawVolume& mask, int32_t label, const NormalisationSettings& s) {
  double sum = 0;
  int64_t n = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (s.roiScope && !maskAt(mask, static_cast<int64_t>(i), label)) continue;
    if (!std::isfinite(v[i])) continue;
    sum += v[i];
    ++n;
  }
  if (n < 2) fail(code::kInvalidConfig, "z-score normalisation needs at least 2 finite voxels in its scope");
  const double mean = sum / static_cast<double>(n);
  double ss = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (s.roiScope && !maskAt(mask, static_cast<int64_t>(i), label)) continue;
    if (!std::isfinite(v[i])) continue;
    ss += (v[i] - mean) * (v[i] - mean);
  }
  const double sd = std::sqrt(ss / static_cast<double>(n - 1));
  if (!(sd > 0)) fail(code::kInvalidConfig, "z-score normalisation of a constant image (standard deviation 0)");
  for (double& x : v) {
    double z = (x - mean) / sd;
    if (s.outliers > 0) z = z > s.outliers ? s.outliers : (z < -s.outliers ? -s.outliers : z);
    x = z * s.scale + s.shift;
  }
}

}  // namespace

ProcessedVolumes preprocess(const RawVolume& image, const RawVolume& mask, const Settings& s) {
  ProcessedVolumes out;
  out.image = image;
  out.mask = mask;
  out.label = s.label;

  const bool needsCopy = s.roundInput || s.normalisation.zscore || s.normalisation.shift != 0;
  if (needsCopy) {
    out.imageStore = toDouble(image);
    if (s.roundInput)
      for (double& x : out.imageStore) x = std::nearbyint(x);
    if (s.normalisation.zscore) normalise(out.imageStore, mask, s.label, s.normalisation);
    else if (s.normalisation.shift != 0)
      for (double& x : out.imageStore) x += s.normalisation.shift;
    out.image.data = out.imageStore.data();
    out.image.dtype = DType::F64;
  }

  const InterpolationSettings& in = s.interpolation;
  if (!in.enabled) return out;
  if (hasNonFinite(out.image)) {
    if (!needsCopy) {
      out.imageStore = toDouble(image);
      out.image.data = out.imageStore.data();
      out.image.dtype = DType::F64;
    }
    replaceNonFiniteOutsideRoi(out.imageStore, image, mask, s.label);
  }
  ResampleOptions opt;
  for (int a = 0; a < 3; ++a) opt.spacing[a] = in.spacing[a];
  opt.inPlane = in.inPlane;
  opt.alignment = in.alignment == 1 ? GridAlignment::Corner : GridAlignment::Centre;
  opt.method = in.method == 0 ? Interpolation::Nearest : in.method == 2 ? Interpolation::BSpline : Interpolation::Linear;
  opt.rounding = in.rounding == 1 ? Rounding::Nearest : in.rounding == 2 ? Rounding::TowardZero
                 : in.rounding == 3 ? Rounding::Float32
                                    : Rounding::None;
  opt.threads = in.threads;
  if (in.sitkPadDistance >= 0) {
    // PyRadiomics: only the mask's bounding box grown by padDistance output voxels, SimpleITK's positions.
    Box maskBox;
    for (int a = 0; a < 3; ++a) maskBox.lo[a] = INT64_MAX, maskBox.hi[a] = 0;
    const Grid& g = mask.grid;
    for (int64_t z = 0, i = 0; z < g.nz; ++z)
      for (int64_t y = 0; y < g.ny; ++y)
        for (int64_t x = 0; x < g.nx; ++x, ++i)
          if (maskAt(mask, i, s.label)) {
            const int64_t p[3] = {x, y, z};
            for (int a = 0; a < 3; ++a) maskBox.lo[a] = std::min(maskBox.lo[a], p[a]), maskBox.hi[a] = std::max(maskBox.hi[a], p[a] + 1);
          }
    if (maskBox.hi[0] == 0) fail(code::kEmptyRoi, "the mask has no voxel with the ROI label");
    opt.alignment = GridAlignment::Corner;
    opt.box = pyradiomicsCropBox(planResample(image.grid, opt), maskBox, in.sitkPadDistance);
    opt.sitkPositions = true;
  }
  Resampled<double> img = resampleImage<double>(out.image, opt);

  MaskResampleOptions mopt;
  mopt.method = in.maskMethod == 0 ? Interpolation::Nearest : Interpolation::Linear;
  mopt.threshold = in.maskThreshold;
  mopt.label = s.label;
  Resampled<uint8_t> m = resampleMask(mask, opt, mopt);
  failIfRoiVanished(mask, m, mopt);

  out.imageStore = std::move(img.data);
  out.maskStore = std::move(m.data);
  out.image.grid = img.grid;
  out.image.data = out.imageStore.data();
  out.image.dtype = DType::F64;
  out.image.length = static_cast<int64_t>(out.imageStore.size());
  out.mask.grid = m.grid;
  out.mask.data = out.maskStore.data();
  out.mask.dtype = DType::U8;
  out.mask.length = static_cast<int64_t>(out.maskStore.size());
  out.label = 1;
  out.interpolated = true;
  return out;
}

}  // namespace radiomics
