// The IBSI rules of the settings (withIbsiRules, core/settings.h) and that extract() applies them: a C++
// caller of the core gets FBS X_min = the lower re-segmentation bound and the IVH range = the
// re-segmentation range without the TypeScript layer.
#include <cmath>
#include <vector>

#include "check.h"
#include "core/settings.h"
#include "extract.h"

using namespace radiomics;

namespace {

FamilySelection only(bool histogram, bool ivh) {
  FamilySelection f;
  f.morphology = f.localIntensity = f.intensityStatistics = f.glcm = f.glrlm = f.glszm = f.gldzm = f.ngtdm = f.ngldm = false;
  f.intensityHistogram = histogram;
  f.intensityVolumeHistogram = ivh;
  return f;
}

double feature(const FeatureSink& sink, const char* tag) {
  for (const auto& kv : sink.features)
    if (kv.first == tag) return kv.second;
  return NAN;
}

}  // namespace

TEST(settings_ibsi_rules_fbs_xmin_and_ivh_range) {
  Settings s;
  s.discretisation.method = DiscretisationMethod::FixedBinSize;
  s.resegmentMinSet = s.resegmentMaxSet = true;
  s.resegmentMin = -500;
  s.resegmentMax = 400;
  const Settings r = withIbsiRules(s);
  CHECK(r.discretisation.hasMin && r.discretisation.min == -500);
  CHECK(!r.discretisation.hasMax);
  CHECK(r.ivh.discretisation.hasMin && r.ivh.discretisation.min == -500);
  CHECK(r.ivh.discretisation.hasMax && r.ivh.discretisation.max == 400);
}

TEST(settings_ibsi_rules_explicit_bounds_win_and_fbn_untouched) {
  Settings s;
  s.discretisation.method = DiscretisationMethod::FixedBinSize;
  s.discretisation.hasMin = true;
  s.discretisation.min = -1000;
  s.ivh.discretisation.hasMax = true;
  s.ivh.discretisation.max = 10;
  s.resegmentMinSet = s.resegmentMaxSet = true;
  s.resegmentMin = -500;
  s.resegmentMax = 400;
  const Settings r = withIbsiRules(s);
  CHECK(r.discretisation.min == -1000);
  CHECK(r.ivh.discretisation.max == 10);
  Settings fbn;
  fbn.discretisation.method = DiscretisationMethod::FixedBinNumber;
  fbn.resegmentMinSet = true;
  fbn.resegmentMin = -500;
  CHECK(!withIbsiRules(fbn).discretisation.hasMin);
}

// Intensities -10, 0, 10, 20 in a 4x1x1 ROI, re-segmentation range [-20, 30], FBS w = 10:
// X_min = -20 gives grey levels floor((x + 20) / 10) + 1 = 2, 3, 4, 5 (the ROI minimum would give 1..4).
TEST(settings_extract_applies_the_ibsi_rules) {
  std::vector<double> image = {-10, 0, 10, 20};
  std::vector<double> mask = {1, 1, 1, 1};
  RawVolume img, msk;
  img.data = image.data();
  msk.data = mask.data();
  img.length = msk.length = 4;
  img.grid.nx = msk.grid.nx = 4;
  img.grid.ny = msk.grid.ny = img.grid.nz = msk.grid.nz = 1;
  Settings s;
  s.families = only(true, true);
  s.discretisation.method = DiscretisationMethod::FixedBinSize;
  s.discretisation.binWidth = 10;
  s.resegmentMinSet = s.resegmentMaxSet = true;
  s.resegmentMin = -20;
  s.resegmentMax = 30;
  const FeatureSink sink = extract(img, msk, s);
  CHECK_NEAR(feature(sink, "ih_min"), 2.0, 0.0);
  CHECK_NEAR(feature(sink, "ih_max"), 5.0, 0.0);
  // IVH ('none', calibrated discrete intensities) over G = [-20, 30]: gamma = (i + 20) / 50, so V10 = nu at
  // i = -15 = 1 (every voxel); over the ROI range [-10, 20] it would be nu at i = -7 = 3/4.
  CHECK_NEAR(feature(sink, "ivh_v10"), 1.0, 1e-12);
}
