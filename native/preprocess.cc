#include "preprocess.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/error.h"
#include "resample.h"
#include "resample_bspline.h"

namespace radiomics {
namespace {

bool isFloat(DType t) { return t == DType::F32 || t == DType::F64; }

template <typename T>
bool isLabel(T v, int32_t label) {
  return static_cast<double>(v) == static_cast<double>(label);
}

// Calls f(flat index, x, y, z) for every voxel of `box`, x fastest.
template <typename F>
void forBox(const Grid& g, const Box& box, F&& f) {
  for (int64_t z = box.lo[2]; z < box.hi[2]; ++z)
    for (int64_t y = box.lo[1]; y < box.hi[1]; ++y) {
      const int64_t row = g.nx * (y + g.ny * z);
      for (int64_t x = box.lo[0]; x < box.hi[0]; ++x) f(row + x, x, y, z);
    }
}

Box wholeBox(const Grid& g) {
  Box b;
  b.hi[0] = g.nx;
  b.hi[1] = g.ny;
  b.hi[2] = g.nz;
  return b;
}

// Input intensity -> processed intensity: rounding (roundInput), then z-score / shift (normalisation);
// non-finite values (outside the ROI: inside it they were rejected) become `fill`.
struct PointTransform {
  bool round = false, zscore = false;
  double mean = 0, sd = 1, outliers = 0, scale = 1, shift = 0;
  double fill = 0;
  bool identity() const { return !round && !zscore && shift == 0; }
  double operator()(double v) const {
    if (!std::isfinite(v)) return fill;
    return normalise(round ? std::nearbyint(v) : v);
  }
  double normalise(double v) const {
    if (zscore) {
      double z = (v - mean) / sd;
      if (outliers > 0) z = z > outliers ? outliers : (z < -outliers ? -outliers : z);
      return z * scale + shift;
    }
    return v + shift;
  }
};

// Rejects a non-finite intensity at an ROI voxel, naming that input voxel.
void checkRoiFinite(const RawVolume& image, const RawVolume& mask, int32_t label, const Box& roiBox) {
  if (!isFloat(image.dtype)) return;
  visitTyped(image, [&](auto* img) {
    return visitTyped(mask, [&](auto* m) {
      forBox(image.grid, roiBox, [&](int64_t i, int64_t x, int64_t y, int64_t z) {
        const double v = static_cast<double>(img[i]);
        if (std::isfinite(v) || !isLabel(m[i], label)) return;
        std::ostringstream msg;
        msg << "image intensity at voxel [" << x + image.firstVoxel[0] << ", " << y + image.firstVoxel[1] << ", "
            << z + image.firstVoxel[2] << "] inside the ROI is "
            << (std::isnan(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity");
        fail(code::kNonFinite, msg.str());
      });
      return 0;
    });
  });
}

// z-score statistics (PyRadiomics `normalizeImage` semantics for the whole-image scope: ITK's
// NormalizeImageFilter, i.e. mean and sample standard deviation (N - 1) over every finite voxel; the ROI
// scope takes them over the ROI voxels only), on the rounded values when roundInput. Values beyond
// +-outliers are then clipped, and the result multiplied by scale (PointTransform::normalise).
void zscoreStatistics(const RawVolume& image, const RawVolume& mask, int32_t label, const Box& roiBox,
                      const NormalisationSettings& s, PointTransform& tf) {
  const Box scope = s.roiScope ? roiBox : wholeBox(image.grid);
  double sum = 0, ss = 0;
  int64_t n = 0;
  visitTyped(image, [&](auto* img) {
    return visitTyped(mask, [&](auto* m) {
      auto each = [&](auto&& f) {
        forBox(image.grid, scope, [&](int64_t i, int64_t, int64_t, int64_t) {
          if (s.roiScope && !isLabel(m[i], label)) return;
          double v = static_cast<double>(img[i]);
          if (!std::isfinite(v)) return;
          f(tf.round ? std::nearbyint(v) : v);
        });
      };
      each([&](double v) {
        sum += v;
        ++n;
      });
      if (n < 2) fail(code::kInvalidConfig, "z-score normalisation needs at least 2 finite voxels in its scope");
      const double mean = sum / static_cast<double>(n);
      each([&](double v) { ss += (v - mean) * (v - mean); });
      tf.mean = mean;
      return 0;
    });
  });
  tf.sd = std::sqrt(ss / static_cast<double>(n - 1));
  if (!(tf.sd > 0)) fail(code::kInvalidConfig, "z-score normalisation of a constant image (standard deviation 0)");
}

PointTransform makeTransform(const RawVolume& image, const RawVolume& mask, int32_t label, const Box& roiBox,
                             const Settings& s) {
  checkRoiFinite(image, mask, label, roiBox);
  PointTransform tf;
  tf.round = s.roundInput && isFloat(image.dtype);  // integer input is already integer: nothing to round
  const NormalisationSettings& nm = s.normalisation;
  tf.shift = nm.shift;
  if (nm.zscore) {
    tf.zscore = true;
    tf.outliers = nm.outliers;
    tf.scale = nm.scale;
    zscoreStatistics(image, mask, label, roiBox, nm, tf);
  }
  // Fill value for non-finite voxels outside the ROI: the mean processed ROI intensity.
  double sum = 0;
  int64_t n = 0;
  visitTyped(image, [&](auto* img) {
    return visitTyped(mask, [&](auto* m) {
      forBox(image.grid, roiBox, [&](int64_t i, int64_t, int64_t, int64_t) {
        if (!isLabel(m[i], label)) return;
        sum += tf(static_cast<double>(img[i]));
        ++n;
      });
      return 0;
    });
  });
  tf.fill = n ? sum / static_cast<double>(n) : 0.0;
  return tf;
}

bool anyNonFinite(const RawVolume& image, const Box& box) {
  if (!isFloat(image.dtype)) return false;
  bool any = false;
  visitTyped(image, [&](auto* img) {
    forBox(image.grid, box, [&](int64_t i, int64_t, int64_t, int64_t) {
      if (!std::isfinite(static_cast<double>(img[i]))) any = true;
    });
    return 0;
  });
  return any;
}

// The processed intensities of `box` (x fastest).
std::vector<double> copyBox(const RawVolume& image, const Box& box, const PointTransform& tf) {
  std::vector<double> out(static_cast<size_t>(box.extent(0) * box.extent(1) * box.extent(2)));
  size_t k = 0;
  visitTyped(image, [&](auto* img) {
    if (tf.identity())
      forBox(image.grid, box, [&](int64_t i, int64_t, int64_t, int64_t) {
        const double v = static_cast<double>(img[i]);
        out[k++] = std::isfinite(v) ? v : tf.fill;
      });
    else
      forBox(image.grid, box, [&](int64_t i, int64_t, int64_t, int64_t) { out[k++] = tf(static_cast<double>(img[i])); });
    return 0;
  });
  return out;
}

std::vector<uint8_t> copyMaskBox(const RawVolume& mask, const Box& box, int32_t label) {
  std::vector<uint8_t> out(static_cast<size_t>(box.extent(0) * box.extent(1) * box.extent(2)));
  size_t k = 0;
  visitTyped(mask, [&](auto* m) {
    forBox(mask.grid, box, [&](int64_t i, int64_t, int64_t, int64_t) { out[k++] = isLabel(m[i], label) ? 1 : 0; });
    return 0;
  });
  return out;
}

int64_t countLabel(const RawVolume& m, int32_t label) {
  return visitTyped(m, [&](auto* data) {
    int64_t n = 0;
    for (int64_t i = 0; i < m.length; ++i)
      if (isLabel(data[i], label)) ++n;
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

// Mean / min / max of the whole processed image, in one pass without storing it.
void summariseTransformed(const RawVolume& image, const PointTransform& tf, ProcessedVolumes& out) {
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  visitTyped(image, [&](auto* img) {
    for (int64_t i = 0; i < image.length; ++i) {
      const double v = tf(static_cast<double>(img[i]));
      sum += v;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    return 0;
  });
  out.summaryKnown = true;
  out.mean = sum / static_cast<double>(image.length);
  out.min = lo;
  out.max = hi;
}

Grid boxGrid(const Grid& g, const Box& box) { return cropGrid(g, box); }

void setImage(ProcessedVolumes& out, std::vector<double>&& data, const Grid& grid) {
  out.imageStore = std::move(data);
  out.image.grid = grid;
  out.image.data = out.imageStore.data();
  out.image.dtype = DType::F64;
  out.image.length = static_cast<int64_t>(out.imageStore.size());
}

void setMask(ProcessedVolumes& out, std::vector<uint8_t>&& data, const Grid& grid) {
  out.maskStore = std::move(data);
  out.mask.grid = grid;
  out.mask.data = out.maskStore.data();
  out.mask.dtype = DType::U8;
  out.mask.length = static_cast<int64_t>(out.maskStore.size());
  out.label = 1;
}

ResampleOptions resampleOptions(const InterpolationSettings& in) {
  ResampleOptions opt;
  for (int a = 0; a < 3; ++a) opt.spacing[a] = in.spacing[a];
  opt.inPlane = in.inPlane;
  opt.alignment = in.alignment == 1 ? GridAlignment::Corner : GridAlignment::Centre;
  opt.method = in.method == 0 ? Interpolation::Nearest : in.method == 2 ? Interpolation::BSpline : Interpolation::Linear;
  opt.rounding = in.rounding == 1 ? Rounding::Nearest : in.rounding == 2 ? Rounding::TowardZero
                 : in.rounding == 3 ? Rounding::Float32
                                    : Rounding::None;
  opt.threads = in.threads;
  return opt;
}

MaskResampleOptions maskOptions(const InterpolationSettings& in, int32_t label) {
  MaskResampleOptions m;
  m.method = in.maskMethod == 0 ? Interpolation::Nearest : Interpolation::Linear;
  m.threshold = in.maskThreshold;
  m.label = label;
  return m;
}

void failEmpty(int32_t label) {
  std::ostringstream m;
  m << "the mask has no voxel with label " << label;
  fail(code::kEmptyRoi, m.str());
}

// Reference path: every step over the whole image.
// Also PyRadiomics' crop (sitkPadDistance >= 0: SimpleITK's positions on its own crop of the corner grid).
ProcessedVolumes wholeImage(const RawVolume& image, const RawVolume& mask, const Settings& s,
                            const PointTransform& tf, const Box& roiBox, ProcessedVolumes out) {
  const Box all = wholeBox(image.grid);
  if (!tf.identity() || anyNonFinite(image, all)) setImage(out, copyBox(image, all, tf), image.grid);
  if (!s.interpolation.enabled) return out;
  ResampleOptions opt = resampleOptions(s.interpolation);
  if (s.interpolation.sitkPadDistance >= 0) {
    // PyRadiomics: only the mask's bounding box grown by padDistance output voxels, SimpleITK's positions.
    // PyRadiomics' crop is then the whole processed image (as in PyRadiomics): fullGrid = the crop's grid.
    opt.alignment = GridAlignment::Corner;
    opt.box = pyradiomicsCropBox(planResample(image.grid, opt), roiBox, s.interpolation.sitkPadDistance);
    opt.sitkPositions = true;
  }
  const MaskResampleOptions mopt = maskOptions(s.interpolation, s.label);
  Resampled<double> img = resampleImage<double>(out.image, opt);
  Resampled<uint8_t> m = resampleMask(mask, opt, mopt);
  failIfRoiVanished(mask, m, mopt);
  out.fullGrid = s.interpolation.sitkPadDistance >= 0 ? img.grid : img.fullGrid;
  setImage(out, std::move(img.data), img.grid);
  setMask(out, std::move(m.data), m.grid);
  out.interpolated = true;
  return out;
}

}  // namespace

void roiMargin(const double spacing[3], double sphereRadiusMm, int64_t margin[3]) {
  for (int a = 0; a < 3; ++a) {
    margin[a] = 1;
    const double sp = spacing[a];
    if (sphereRadiusMm > 0 && std::isfinite(sp) && sp > 0)
      // Capped before the integer cast: a tiny spacing (1e-300 mm) would overflow it; crops clip to the image.
      margin[a] = std::max<int64_t>(1, static_cast<int64_t>(std::min(std::ceil(sphereRadiusMm / sp), 1e12)) + 1);
  }
}

ProcessedVolumes preprocess(const RawVolume& image, const RawVolume& mask, const Settings& s, double sphereRadiusMm) {
  ProcessedVolumes out;
  out.image = image;
  out.mask = mask;
  out.fullGrid = image.grid;
  out.label = s.label;

  const Box roiBox = labelBox(mask, s.label);  // the one scan of the whole mask
  if (roiBox.empty()) failEmpty(s.label);
  out.inputRoiBox = roiBox;
  const PointTransform tf = makeTransform(image, mask, s.label, roiBox, s);
  // PyRadiomics' crop (compat) keeps its own reference path: SimpleITK's positions on the crop of the corner grid.
  if (s.wholeImage || (s.interpolation.enabled && s.interpolation.sitkPadDistance >= 0))
    return wholeImage(image, mask, s, tf, roiBox, out);

  if (!s.interpolation.enabled) {
    // Crop to the ROI box plus margin when an intensity changes; otherwise alias the input.
    int64_t margin[3];
    roiMargin(image.grid.spacing, sphereRadiusMm, margin);
    Box box = roiBox;
    const int64_t n[3] = {image.grid.nx, image.grid.ny, image.grid.nz};
    for (int a = 0; a < 3; ++a) {
      box.lo[a] = std::max<int64_t>(0, box.lo[a] - margin[a]);
      box.hi[a] = std::min<int64_t>(n[a], box.hi[a] + margin[a]);
    }
    if (tf.identity() && !anyNonFinite(image, box)) return out;
    if (s.families.diagnostics) summariseTransformed(image, tf, out);
    const Grid g = boxGrid(image.grid, box);
    for (int a = 0; a < 3; ++a) out.boxLo[a] = box.lo[a];
    setImage(out, copyBox(image, box, tf), g);
    setMask(out, copyMaskBox(mask, box, s.label), g);
    return out;
  }

  // ROI-first interpolation: the output box whose mask interpolation sees an ROI voxel, plus the margin.
  ResampleOptions opt = resampleOptions(s.interpolation);
  const ResamplePlan plan = planResample(image.grid, opt);
  int64_t margin[3];
  roiMargin(plan.output.spacing, sphereRadiusMm, margin);
  opt.box = coveringBox(plan, roiBox, margin);
  if (opt.box.empty()) failEmpty(s.label);
  opt.prefilterMargin = bspline::kPrefilterMargin;
  const ResampleTarget target = resampleTarget(image.grid, opt);
  const MaskResampleOptions mopt = maskOptions(s.interpolation, s.label);
  Resampled<uint8_t> m = resampleMask(mask, opt, mopt);
  failIfRoiVanished(mask, m, mopt);
  opt.inputWindow = inputWindow(target, opt, opt.method);
  Resampled<double> img;
  {
    const std::vector<double> window = copyBox(image, opt.inputWindow, tf);
    img = resampleImage<double, double>(window.data(), image.grid, opt);
  }
  out.fullGrid = plan.output;
  for (int a = 0; a < 3; ++a) out.boxLo[a] = opt.box.lo[a];
  setImage(out, std::move(img.data), img.grid);
  setMask(out, std::move(m.data), m.grid);
  out.interpolated = true;
  return out;
}

}  // namespace radiomics
