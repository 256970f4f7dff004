// IBSI 3.9 Grey level distance zone matrix (VMDZ): d_ij = number of zones of grey level i whose distance to
// the ROI edge is j. Zones as for the GLSZM (intensity mask); distances on the morphological mask, city-block
// (4-connected in-plane for 2D / 2.5D, 6-connected in 3D), 1 on the edge (native/texture_zones). Matrix,
// features and aggregation: native/texture_zones_matrix (shared with GLSZM and NGLDM).
#include "gldzm.h"

#include "core/feature_tags.h"
#include "texture_zones.h"
#include "texture_zones_matrix.h"

namespace radiomics {
namespace {

// Tags from the catalogue (core/feature_tags.h) in CountFeature order; IBSI ids and formulas (j = distance)
// beside each feature in texture_zones_matrix.cc.
static_assert(tags::kGldzmCount == kEnergy, "GLDZM tags follow CountFeature order, up to energy, which it lacks");
constexpr CountFamily kGldzm = {"GLDZM", "dzm", tags::kGldzm, tags::kGldzmCount};

PairSource distances(const ZoneList& z) {
  PairSource s;
  s.level = z.level.data();
  s.value = z.distance.data();
  s.sliceBegin = z.sliceBegin;
  s.sliceVoxels = z.sliceVoxels;
  return s;
}

}  // namespace

void computeGldzm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  const Aggregations& agg = settings.aggregations;
  const bool planar = agg.d2 || agg.d25, volumetric = agg.d3;
  if (!planar && !volumetric) return;
  const Zones zones = findZones(image, planar, volumetric, /*distances=*/true);
  const PairSource p = distances(zones.planar), v = distances(zones.volume);
  emitCountFamily(kGldzm, planar ? &p : nullptr, volumetric ? &v : nullptr, image.nLevels, settings, out);
}

}  // namespace radiomics
