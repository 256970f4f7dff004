// IBSI 3.8 Grey level size zone matrix (9SAK): s_ij = number of zones of grey level i and size j (voxels).
// Zones: native/texture_zones (26-connectivity in 3D, 8 in each slice for 2D / 2.5D); matrix, features and
// aggregation: native/texture_zones_matrix (shared with GLDZM and NGLDM).
#include "glszm.h"

#include "core/feature_tags.h"
#include "texture_zones.h"
#include "texture_zones_matrix.h"

namespace radiomics {
namespace {

// Tags from the catalogue (core/feature_tags.h) in CountFeature order; IBSI ids and formulas (j = zone size)
// beside each feature in texture_zones_matrix.cc.
static_assert(tags::kGlszmCount == kEnergy, "GLSZM tags follow CountFeature order, up to energy, which it lacks");
constexpr CountFamily kGlszm = {"GLSZM", "szm", tags::kGlszm, tags::kGlszmCount};

PairSource sizes(const ZoneList& z) {
  PairSource s;
  s.level = z.level.data();
  s.value = z.size.data();
  s.sliceBegin = z.sliceBegin;
  s.sliceVoxels = z.sliceVoxels;
  return s;
}

}  // namespace

void computeGlszm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  const Aggregations& agg = settings.aggregations;
  const bool planar = agg.d2 || agg.d25, volumetric = agg.d3;
  if (!planar && !volumetric) return;
  const Zones zones = findZones(image, planar, volumetric, /*distances=*/false);
  const PairSource p = sizes(zones.planar), v = sizes(zones.volume);
  emitCountFamily(kGlszm, planar ? &p : nullptr, volumetric ? &v : nullptr, image.nLevels, settings, out);
}

}  // namespace radiomics
