#include "morphology.h"

namespace radiomics {

void computeMorphology(const RoiImage& roi, const MorphologySettings& settings, FeatureSink& out) {
  (void)settings;
  const double voxelVolume = roi.grid.spacing[0] * roi.grid.spacing[1] * roi.grid.spacing[2];
  // YEKZ  volume by voxel counting: N_v * voxel volume (mm^3)
  out.add("morph_vol_approx", static_cast<double>(roi.morphCount) * voxelVolume);
}

}  // namespace radiomics
