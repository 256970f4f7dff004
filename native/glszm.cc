// IBSI 3.8 Grey level size zone matrix (9SAK): s_ij = number of zones of grey level i and size j (voxels).
// Zones: native/texture_zones (26-connectivity in 3D, 8 in each slice for 2D / 2.5D); matrix, features and
// aggregation: native/texture_zones_matrix (shared with GLDZM and NGLDM).
#include "glszm.h"

#include "texture_zones.h"
#include "texture_zones_matrix.h"

namespace radiomics {
namespace {

// Tags in CountFeature order; IBSI ids and formulas (j = zone size) beside each feature in texture_zones_matrix.cc.
constexpr CountFamily kGlszm = {
    "GLSZM",
    "szm",
    {
        "szm_sze",        // 5QRC small zone emphasis
        "szm_lze",        // 48P8 large zone emphasis
        "szm_lgze",       // XMSY low grey level zone emphasis
        "szm_hgze",       // 5GN9 high grey level zone emphasis
        "szm_szlge",      // 5RAI small zone low grey level emphasis
        "szm_szhge",      // HW1V small zone high grey level emphasis
        "szm_lzlge",      // YH51 large zone low grey level emphasis
        "szm_lzhge",      // J17V large zone high grey level emphasis
        "szm_glnu",       // JNSA grey level non-uniformity
        "szm_glnu_norm",  // Y1RO normalised grey level non-uniformity
        "szm_zsnu",       // 4JP3 zone size non-uniformity
        "szm_zsnu_norm",  // VB3A normalised zone size non-uniformity
        "szm_z_perc",     // P30P zone percentage
        "szm_gl_var",     // BYLV grey level variance
        "szm_zs_var",     // 3NSA zone size variance
        "szm_zs_entr",    // GU8N zone size entropy
        nullptr,          // (no energy feature)
    },
};

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
