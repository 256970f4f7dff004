#include "extract.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>

#include "core/discretise.h"
#include "core/dispatch.h"
#include "core/error.h"
#include "core/resegment.h"
#include "core/row_span.h"
#include "glcm.h"
#include "gldzm.h"
#include "glrlm.h"
#include "glszm.h"
#include "histogram.h"
#include "ivh.h"
#include "local_intensity.h"
#include "morphology.h"
#include "ngldm.h"
#include "ngtdm.h"
#include "preprocess.h"
#include "resample_parallel.h"
#include "stats.h"

namespace radiomics {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Radius (mm) of the sphere of the given volume (cm^3).
double sphereRadiusMm(double volumeCm3) { return std::cbrt(3.0 * volumeCm3 * 1000.0 / (4.0 * kPi)); }

// Image-level summary for the img_* diagnostics: one typed pass over the whole image. 8- and 16-bit integer
// images are summed exactly (every voxel finite; blocks of 2^15 voxels in 32 bits, |block sum| <= 2^30, then
// 64 bits: order-free and exact, so the loop vectorises and every ISA gives the same value, which equals the
// double sum, exact below 2^53); other images skip non-finite voxels. Compiled for every ISA.
template <typename T>
static inline ImageSummary summariseKernel(const T* data, int64_t n) {
  ImageSummary s;
  if (n <= 0) return s;
  if constexpr (std::is_integral_v<T> && sizeof(T) <= 2) {
    constexpr int64_t kBlock = int64_t(1) << 15;
    int64_t sum = 0;
    T lo = data[0], hi = data[0];
    for (int64_t b = 0; b < n; b += kBlock) {
      const int64_t e = std::min(n, b + kBlock);
      int32_t part = 0;
      for (int64_t i = b; i < e; ++i) {
        part += data[i];
        lo = data[i] < lo ? data[i] : lo;
        hi = data[i] > hi ? data[i] : hi;
      }
      sum += part;
    }
    s.mean = static_cast<double>(sum) / static_cast<double>(n);
    s.min = static_cast<double>(lo);
    s.max = static_cast<double>(hi);
  } else {
    double sum = 0, lo = INFINITY, hi = -INFINITY;
    int64_t finite = 0;
    for (int64_t i = 0; i < n; ++i) {
      const double v = static_cast<double>(data[i]);
      if (!std::isfinite(v)) continue;
      sum += v;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
      ++finite;
    }
    if (finite) {
      s.mean = sum / static_cast<double>(finite);
      s.min = lo;
      s.max = hi;
    }
  }
  return s;
}

RADIOMICS_MULTIVERSION(summarise, summariseKernel)

// Image diagnostics (IBSI 4: img_dim_*, vox_dim_*, mean/min/max_int_*) for one stage suffix; the
// intensity keys only when `s` is known.
void imageDiagnostics(const Grid& g, const ImageSummary* s, const char* stage, FeatureSink& out) {
  const std::string st = stage;
  out.diag("img_dim_x_" + st, static_cast<double>(g.nx));
  out.diag("img_dim_y_" + st, static_cast<double>(g.ny));
  out.diag("img_dim_z_" + st, static_cast<double>(g.nz));
  out.diag("vox_dim_x_" + st, g.spacing[0]);
  out.diag("vox_dim_y_" + st, g.spacing[1]);
  out.diag("vox_dim_z_" + st, g.spacing[2]);
  if (!s) return;
  out.diag("mean_int_" + st, s->mean);
  out.diag("min_int_" + st, s->min);
  out.diag("max_int_" + st, s->max);
}

// ROI diagnostics (int_mask_* / morph_mask_*): bounding boxes, counts and intensity range of both masks,
// from one pass over the crop; emitted under one or more stage suffixes ("init_roi", "interp_roi", "reseg_roi").
struct RoiSummary {
  double intBox[3] = {0, 0, 0}, morphBox[3] = {0, 0, 0};
  double intCount = 0, morphCount = 0, mean = NAN, min = NAN, max = NAN;
};

RoiSummary summariseRoi(const RoiImage& roi) {
  int64_t ilo[3] = {INT64_MAX, INT64_MAX, INT64_MAX}, ihi[3] = {-1, -1, -1};
  int64_t mlo[3] = {INT64_MAX, INT64_MAX, INT64_MAX}, mhi[3] = {-1, -1, -1};
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  const Grid& g = roi.grid;
  // Row by row: the boxes from each row's first and last mask voxel; the intensities over the row's
  // intensity-mask span, in index order (the sum's order is that of a plain scan).
  auto extend = [](int64_t* a, int64_t* b, int64_t first, int64_t last, int64_t y, int64_t z) {
    a[0] = std::min(a[0], first), b[0] = std::max(b[0], last);
    a[1] = std::min(a[1], y), b[1] = std::max(b[1], y);
    a[2] = std::min(a[2], z), b[2] = std::max(b[2], z);
  };
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y) {
      const size_t base = static_cast<size_t>(g.index(0, y, z));
      int64_t first, end;  // [first, end)
      roiSpan(roi.morphMask.data() + base, g.nx, &first, &end);
      if (first < end) extend(mlo, mhi, first, end - 1, y, z);
      roiSpan(roi.intMask.data() + base, g.nx, &first, &end);
      if (first == end) continue;
      extend(ilo, ihi, first, end - 1, y, z);
      for (int64_t x = first; x < end; ++x) {
        const size_t i = base + static_cast<size_t>(x);
        if (!roi.intMask[i]) continue;
        const double v = roi.intensity[i];
        sum += v;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  RoiSummary r;
  for (int a = 0; a < 3; ++a) {
    r.intBox[a] = static_cast<double>(ihi[a] < 0 ? 0 : ihi[a] - ilo[a] + 1);
    r.morphBox[a] = static_cast<double>(mhi[a] < 0 ? 0 : mhi[a] - mlo[a] + 1);
  }
  r.intCount = static_cast<double>(roi.intCount);
  r.morphCount = static_cast<double>(roi.morphCount);
  if (roi.intCount) {
    r.mean = sum / static_cast<double>(roi.intCount);
    r.min = lo;
    r.max = hi;
  }
  return r;
}

void roiDiagnostics(const RoiSummary& r, const Grid& full, const char* stage, FeatureSink& out) {
  const std::string s = stage;
  const char* axes = "xyz";
  const double dims[3] = {static_cast<double>(full.nx), static_cast<double>(full.ny), static_cast<double>(full.nz)};
  for (int a = 0; a < 3; ++a) out.diag(std::string("int_mask_dim_") + axes[a] + "_" + s, dims[a]);
  for (int a = 0; a < 3; ++a) out.diag(std::string("int_mask_bb_dim_") + axes[a] + "_" + s, r.intBox[a]);
  for (int a = 0; a < 3; ++a) out.diag(std::string("morph_mask_bb_dim_") + axes[a] + "_" + s, r.morphBox[a]);
  out.diag("int_mask_vox_count_" + s, r.intCount);
  out.diag("morph_mask_vox_count_" + s, r.morphCount);
  out.diag("int_mask_mean_int_" + s, r.mean);
  out.diag("int_mask_min_int_" + s, r.min);
  out.diag("int_mask_max_int_" + s, r.max);
}

bool anyTexture(const FamilySelection& f) { return f.glcm || f.glrlm || f.glszm || f.gldzm || f.ngtdm || f.ngldm; }

template <typename T>
void appendAll(std::vector<T>& to, std::vector<T>&& from) {
  for (auto& v : from) to.push_back(std::move(v));
}

void append(FeatureSink& out, FeatureSink&& part) {
  appendAll(out.features, std::move(part.features));
  appendAll(out.warnings, std::move(part.warnings));
  appendAll(out.diagnostics, std::move(part.diagnostics));
  appendAll(out.textDiagnostics, std::move(part.textDiagnostics));
  appendAll(out.matrices, std::move(part.matrices));
}

// Every family as a list of parts in the serial order (morphology, local intensity, statistics, IVH,
// histogram, texture). The histogram and texture parts share one discretised image, made by the first
// part that needs it. With more than one thread the parts run side by side; each writes its own sink,
// appended in that order, so results, warnings and their order are identical for any thread count.
FeatureSink computeFamilies(const RoiImage& roi, const Settings& settings) {
  const FamilySelection& fam = settings.families;
  std::vector<std::function<void(FeatureSink&)>> parts;
  if (fam.morphology)
    parts.push_back([&](FeatureSink& s) {
      MorphologySettings ms = settings.morphology;
      ms.threads = settings.threads;
      computeMorphology(roi, ms, s);
    });
  if (fam.localIntensity) parts.push_back([&](FeatureSink& s) { computeLocalIntensity(roi, settings.localIntensity, s); });
  if (fam.intensityStatistics) parts.push_back([&](FeatureSink& s) { computeIntensityStatistics(roi, s); });
  if (fam.intensityVolumeHistogram)
    parts.push_back([&](FeatureSink& s) { computeIntensityVolumeHistogram(roi, settings.ivh, s); });

  DiscreteImage levels;
  std::once_flag discretised;
  auto levelsOnce = [&]() -> const DiscreteImage& {
    std::call_once(discretised, [&] { levels = discretise(roi, settings.discretisation, settings.maxLevels); });
    return levels;
  };
  if (fam.intensityHistogram || anyTexture(fam))
    parts.push_back([&](FeatureSink& s) {
      const DiscreteImage& l = levelsOnce();
      if (fam.diagnostics) s.diag("discretised_n_levels", static_cast<double>(l.nLevels));
      if (fam.intensityHistogram) computeIntensityHistogram(l, s);
    });
  const TextureSettings& ts = settings.texture;
  if (fam.glcm) parts.push_back([&](FeatureSink& s) { computeGlcm(levelsOnce(), ts, s); });
  if (fam.glrlm) parts.push_back([&](FeatureSink& s) { computeGlrlm(levelsOnce(), ts, s); });
  if (fam.glszm) parts.push_back([&](FeatureSink& s) { computeGlszm(levelsOnce(), ts, s); });
  if (fam.gldzm) parts.push_back([&](FeatureSink& s) { computeGldzm(levelsOnce(), ts, s); });
  if (fam.ngtdm) parts.push_back([&](FeatureSink& s) { computeNgtdm(levelsOnce(), ts, s); });
  if (fam.ngldm) parts.push_back([&](FeatureSink& s) { computeNgldm(levelsOnce(), ts, s); });

  std::vector<FeatureSink> sinks(parts.size());
  parallelTasks(static_cast<int64_t>(parts.size()), settings.threads,
                [&](int64_t i) { parts[static_cast<size_t>(i)](sinks[static_cast<size_t>(i)]); });
  FeatureSink out;
  for (FeatureSink& part : sinks) append(out, std::move(part));
  return out;
}

// Radius (mm) of the local-intensity sphere, 0 when that family is off (no margin for it).
double sphereMarginRadius(const Settings& settings) {
  return settings.families.localIntensity ? sphereRadiusMm(settings.localIntensity.sphereVolumeCm3) : 0.0;
}

}  // namespace

ImageSummary summariseImage(const RawVolume& v) {
  return visitTyped(v, [&](auto* data) { return summarise(data, v.length); });
}

bool extractionReadsWholeImage(const Settings& s) {
  return s.roundInput || s.normalisation.zscore || s.normalisation.shift != 0 || s.interpolation.enabled;
}

void roiMargin(const Settings& settings, const double spacing[3], int64_t margin[3]) {
  roiMargin(spacing, sphereMarginRadius(settings), margin);
}

FeatureSink extract(const RawVolume& image, const RawVolume& mask, const Settings& requested, const WholeImageFacts* whole) {
  const Settings settings = withIbsiRules(requested);  // FBS X_min and the IVH range from re-segmentation
  FeatureSink out;
  const FamilySelection& fam = settings.families;

  validateVolume(image, "image");
  validateVolume(mask, "mask");
  if (image.grid.nx != mask.grid.nx || image.grid.ny != mask.grid.ny || image.grid.nz != mask.grid.nz)
    fail(code::kShapeMismatch, "mask shape [" + std::to_string(mask.grid.nx) + ", " + std::to_string(mask.grid.ny) + ", " +
                                   std::to_string(mask.grid.nz) + "] differs from image shape [" + std::to_string(image.grid.nx) +
                                   ", " + std::to_string(image.grid.ny) + ", " + std::to_string(image.grid.nz) + "]");
  if (whole && extractionReadsWholeImage(settings))
    fail(code::kInternal, "extract() was given a crop of the image but a processing step needs all of it");
  // Given a crop, the diagnostics still describe the caller's whole image (no processing step applies).
  const Grid& inputGrid = whole ? whole->grid : image.grid;
  const ImageSummary initSummary = whole ? whole->summary : fam.diagnostics ? summariseImage(image) : ImageSummary();
  if (fam.diagnostics) imageDiagnostics(inputGrid, &initSummary, "init_img", out);
  // Margin around the ROI: the local-intensity sphere reaches beyond the ROI; one voxel otherwise.
  const double sphereRadius = sphereMarginRadius(settings);
  ProcessedVolumes processed = preprocess(image, mask, settings, sphereRadius);
  const Grid& interpGrid = whole ? whole->grid : processed.fullGrid;
  int64_t margin[3];
  roiMargin(processed.fullGrid.spacing, sphereRadius, margin);
  // The input mask's box is known (preprocess scanned it): no second scan when the mask is the input.
  RoiImage roi = processed.mask.data == mask.data
                     ? cropRoi(processed.image, processed.mask, processed.label, processed.inputRoiBox, margin)
                     : cropRoi(processed.image, processed.mask, processed.label, margin);
  // Place the crop in the whole processed grid (as whole-image processing does: same origin, bit for bit).
  for (int a = 0; a < 3; ++a) roi.offset[a] += processed.boxLo[a];
  processed.fullGrid.toPhysical(static_cast<double>(roi.offset[0]), static_cast<double>(roi.offset[1]),
                                static_cast<double>(roi.offset[2]), roi.grid.origin);

  RoiSummary interpRoi;
  if (fam.diagnostics) {
    interpRoi = summariseRoi(roi);
    if (processed.interpolated) {
      const int64_t none[3] = {0, 0, 0};
      roiDiagnostics(summariseRoi(cropRoi(image, mask, settings.label, processed.inputRoiBox, none)), image.grid,
                     "init_roi", out);
    } else {
      roiDiagnostics(interpRoi, inputGrid, "init_roi", out);
    }
    // Without any processing step the interpolated image is the input itself: no second pass (a crop from
    // the async boundary has no processing step: the whole image's summary). ROI-first interpolation never
    // computes the whole interpolated image: its intensity summary is left out.
    ImageSummary interp;
    const ImageSummary* known = nullptr;
    if (whole || processed.image.data == image.data) {
      known = &initSummary;
    } else if (processed.summaryKnown) {
      interp.mean = processed.mean;
      interp.min = processed.min;
      interp.max = processed.max;
      known = &interp;
    } else if (settings.wholeImage || (processed.interpolated && settings.interpolation.sitkPadDistance >= 0)) {
      interp = summariseImage(processed.image);
      known = &interp;
    }
    imageDiagnostics(interpGrid, known, "interp_img", out);
    roiDiagnostics(interpRoi, interpGrid, "interp_roi", out);
  }
  const bool resegmented = settings.resegmentMinSet || settings.resegmentMaxSet || settings.outlierSigma > 0;
  resegment(roi, settings);
  if (fam.diagnostics) roiDiagnostics(resegmented ? summariseRoi(roi) : interpRoi, interpGrid, "reseg_roi", out);
  if (roi.intCount == 0) fail(code::kEmptyRoi, "re-segmentation removed every voxel of the intensity mask");
  if (roi.intCount < settings.minRoiVoxels)
    fail(code::kEmptyRoi, "the intensity mask holds " + std::to_string(roi.intCount) + " voxels, fewer than minRoiVoxels (" +
                              std::to_string(settings.minRoiVoxels) + ")");
  out.diagText("native_isa", isaName(activeIsa()));

  append(out, computeFamilies(roi, settings));
  return out;
}

}  // namespace radiomics
