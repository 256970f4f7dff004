#include "extract.h"

#include <algorithm>
#include <cmath>

#include "core/discretise.h"
#include "core/dispatch.h"
#include "core/error.h"
#include "core/resegment.h"
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
#include "stats.h"

namespace radiomics {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Radius (mm) of the sphere of the given volume (cm^3).
double sphereRadiusMm(double volumeCm3) { return std::cbrt(3.0 * volumeCm3 * 1000.0 / (4.0 * kPi)); }

template <typename T>
double rawAt(const RawVolume& v, int64_t i) {
  return static_cast<double>(static_cast<const T*>(v.data)[i]);
}

double rawValue(const RawVolume& v, int64_t i) {
  switch (v.dtype) {
    case DType::U8: return rawAt<uint8_t>(v, i);
    case DType::I8: return rawAt<int8_t>(v, i);
    case DType::U16: return rawAt<uint16_t>(v, i);
    case DType::I16: return rawAt<int16_t>(v, i);
    case DType::U32: return rawAt<uint32_t>(v, i);
    case DType::I32: return rawAt<int32_t>(v, i);
    case DType::F32: return rawAt<float>(v, i);
    case DType::F64: return rawAt<double>(v, i);
  }
  return NAN;
}

// Image diagnostics (IBSI 4: img_dim_*, vox_dim_*, mean/min/max_int_*) for one stage suffix.
void imageDiagnostics(const RawVolume& image, const char* stage, FeatureSink& out) {
  const Grid& g = image.grid;
  const std::string s = stage;
  out.diag("img_dim_x_" + s, static_cast<double>(g.nx));
  out.diag("img_dim_y_" + s, static_cast<double>(g.ny));
  out.diag("img_dim_z_" + s, static_cast<double>(g.nz));
  out.diag("vox_dim_x_" + s, g.spacing[0]);
  out.diag("vox_dim_y_" + s, g.spacing[1]);
  out.diag("vox_dim_z_" + s, g.spacing[2]);
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  int64_t finite = 0;
  for (int64_t i = 0; i < image.length; ++i) {
    const double v = rawValue(image, i);
    if (!std::isfinite(v)) continue;
    sum += v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    ++finite;
  }
  out.diag("mean_int_" + s, finite ? sum / static_cast<double>(finite) : NAN);
  out.diag("min_int_" + s, lo);
  out.diag("max_int_" + s, hi);
}

// ROI diagnostics (int_mask_* / morph_mask_*) for one stage suffix ("init_roi", "interp_roi", "reseg_roi").
void roiDiagnostics(const RoiImage& roi, const Grid& full, const char* stage, FeatureSink& out) {
  const std::string s = stage;
  out.diag("int_mask_dim_x_" + s, static_cast<double>(full.nx));
  out.diag("int_mask_dim_y_" + s, static_cast<double>(full.ny));
  out.diag("int_mask_dim_z_" + s, static_cast<double>(full.nz));
  const Box ib = boundingBox(roi.grid, roi.intMask);
  const Box mb = boundingBox(roi.grid, roi.morphMask);
  const char* axes = "xyz";
  for (int a = 0; a < 3; ++a)
    out.diag(std::string("int_mask_bb_dim_") + axes[a] + "_" + s, static_cast<double>(ib.empty() ? 0 : ib.extent(a)));
  for (int a = 0; a < 3; ++a)
    out.diag(std::string("morph_mask_bb_dim_") + axes[a] + "_" + s, static_cast<double>(mb.empty() ? 0 : mb.extent(a)));
  out.diag("int_mask_vox_count_" + s, static_cast<double>(roi.intCount));
  out.diag("morph_mask_vox_count_" + s, static_cast<double>(roi.morphCount));
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < roi.intensity.size(); ++i)
    if (roi.intMask[i]) {
      sum += roi.intensity[i];
      lo = std::min(lo, roi.intensity[i]);
      hi = std::max(hi, roi.intensity[i]);
    }
  out.diag("int_mask_mean_int_" + s, roi.intCount ? sum / static_cast<double>(roi.intCount) : NAN);
  out.diag("int_mask_min_int_" + s, roi.intCount ? lo : NAN);
  out.diag("int_mask_max_int_" + s, roi.intCount ? hi : NAN);
}

bool anyTexture(const FamilySelection& f) { return f.glcm || f.glrlm || f.glszm || f.gldzm || f.ngtdm || f.ngldm; }

}  // namespace

FeatureSink extract(const RawVolume& image, const RawVolume& mask, const Settings& settings) {
  FeatureSink out;
  const FamilySelection& fam = settings.families;

  // Margin around the ROI: the local-intensity sphere reaches beyond the ROI; one voxel otherwise.
  int64_t margin[3] = {1, 1, 1};
  if (fam.localIntensity) {
    const double r = sphereRadiusMm(settings.localIntensity.sphereVolumeCm3);
    for (int a = 0; a < 3; ++a) {
      const double sp = image.grid.spacing[a];
      if (std::isfinite(sp) && sp > 0) margin[a] = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(r / sp)) + 1);
    }
  }
  RoiImage roi = cropRoi(image, mask, settings.label, margin);

  if (fam.diagnostics) {
    imageDiagnostics(image, "init_img", out);
    roiDiagnostics(roi, image.grid, "init_roi", out);
    // No interpolation in this build's chain yet: the interpolated stage equals the initial one.
    imageDiagnostics(image, "interp_img", out);
    roiDiagnostics(roi, image.grid, "interp_roi", out);
  }
  resegment(roi, settings);
  if (fam.diagnostics) roiDiagnostics(roi, image.grid, "reseg_roi", out);
  if (roi.intCount == 0) fail(code::kEmptyRoi, "re-segmentation removed every voxel of the intensity mask");
  out.diagText("native_isa", isaName(activeIsa()));

  if (fam.morphology) computeMorphology(roi, settings.morphology, out);
  if (fam.localIntensity) computeLocalIntensity(roi, settings.localIntensity, out);
  if (fam.intensityStatistics) computeIntensityStatistics(roi, out);
  if (fam.intensityVolumeHistogram) computeIntensityVolumeHistogram(roi, settings.ivh, out);

  if (fam.intensityHistogram || anyTexture(fam)) {
    const DiscreteImage levels = discretise(roi, settings.discretisation, settings.maxLevels);
    if (fam.diagnostics) out.diag("discretised_n_levels", static_cast<double>(levels.nLevels));
    if (fam.intensityHistogram) computeIntensityHistogram(levels, out);
    if (fam.glcm) computeGlcm(levels, settings.texture, out);
    if (fam.glrlm) computeGlrlm(levels, settings.texture, out);
    if (fam.glszm) computeGlszm(levels, settings.texture, out);
    if (fam.gldzm) computeGldzm(levels, settings.texture, out);
    if (fam.ngtdm) computeNgtdm(levels, settings.texture, out);
    if (fam.ngldm) computeNgldm(levels, settings.texture, out);
  }
  return out;
}

}  // namespace radiomics
