// IBSI 3.9 Grey level distance zone matrix (VMDZ): d_ij = number of zones of grey level i whose distance to
// the ROI edge is j. Zones as for the GLSZM (intensity mask); distances on the morphological mask, city-block
// (4-connected in-plane for 2D / 2.5D, 6-connected in 3D), 1 on the edge (native/texture_zones). Matrix,
// features and aggregation: native/texture_zones_matrix (shared with GLSZM and NGLDM).
#include "gldzm.h"

#include "texture_zones.h"
#include "texture_zones_matrix.h"

namespace radiomics {
namespace {

// Tags in CountFeature order; IBSI ids and formulas (j = distance) beside each feature in texture_zones_matrix.cc.
constexpr CountFamily kGldzm = {
    "GLDZM",
    "dzm",
    {
        "dzm_sde",        // 0GBI small distance emphasis
        "dzm_lde",        // MB4I large distance emphasis
        "dzm_lgze",       // S1RA low grey level zone emphasis
        "dzm_hgze",       // K26C high grey level zone emphasis
        "dzm_sdlge",      // RUVG small distance low grey level emphasis
        "dzm_sdhge",      // DKNJ small distance high grey level emphasis
        "dzm_ldlge",      // A7WM large distance low grey level emphasis
        "dzm_ldhge",      // KLTH large distance high grey level emphasis
        "dzm_glnu",       // VFT7 grey level non-uniformity
        "dzm_glnu_norm",  // 7HP3 normalised grey level non-uniformity
        "dzm_zdnu",       // V294 zone distance non-uniformity
        "dzm_zdnu_norm",  // IATH normalised zone distance non-uniformity
        "dzm_z_perc",     // VIWW zone percentage
        "dzm_gl_var",     // QK93 grey level variance
        "dzm_zd_var",     // 7WT1 zone distance variance
        "dzm_zd_entr",    // GBDU zone distance entropy
        nullptr,          // (no energy feature)
    },
};

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
