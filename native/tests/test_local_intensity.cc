// Local intensity (IBSI 3.2): the digital phantom, hand-worked spheres (single voxel, 3x3x3 block,
// anisotropic spacing), a brute-force cross-check of the prefix-sum kernel and the scalar/SIMD paths.
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "check.h"
#include "core/dispatch.h"
#include "core/error.h"
#include "fixtures.h"
#include "local_intensity.h"
#include "reference.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {

constexpr double kPi = 3.14159265358979323846;

// Sphere volume (cm^3) of the given radius (mm).
double volumeOfRadius(double r) { return 4.0 / 3.0 * kPi * r * r * r / 1000.0; }

std::map<std::string, double> localOf(const RoiImage& roi, double volumeCm3 = 1.0) {
  FeatureSink sink;
  LocalIntensitySettings s;
  s.sphereVolumeCm3 = volumeCm3;
  computeLocalIntensity(roi, s, sink);
  return std::map<std::string, double>(sink.features.begin(), sink.features.end());
}

// Brute force: mean over every crop voxel within the radius (physical units) of each mask voxel.
std::vector<double> bruteMeans(const RoiImage& roi, double r) {
  const Grid& g = roi.grid;
  std::vector<double> out(static_cast<size_t>(g.size()), NAN);
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x) {
        if (!roi.intMask[g.index(x, y, z)]) continue;
        double s = 0, n = 0;
        for (int64_t c = 0; c < g.nz; ++c)
          for (int64_t b = 0; b < g.ny; ++b)
            for (int64_t a = 0; a < g.nx; ++a) {
              const double dx = (a - x) * g.spacing[0], dy = (b - y) * g.spacing[1], dz = (c - z) * g.spacing[2];
              if (dx * dx + dy * dy + dz * dz <= r * r) {
                s += roi.intensity[g.index(a, b, c)];
                n += 1;
              }
            }
        out[g.index(x, y, z)] = s / n;
      }
  return out;
}

}  // namespace

TEST(local_intensity_digital_phantom) {
  FeatureSink sink;
  computeLocalIntensity(phantomRoi(5), LocalIntensitySettings{}, sink);
  CHECK(checkFamilyAgainstReference(sink, "local_intensity") == 2);
  // The phantom fills its image: a larger requested margin is clipped to the same crop.
  auto a = localOf(phantomRoi(5)), b = localOf(phantomRoi(1));
  CHECK_NEAR(a["loc_peak_loc"], b["loc_peak_loc"], 1e-12);
  CHECK_NEAR(a["loc_peak_glob"], b["loc_peak_glob"], 1e-12);
}

TEST(local_intensity_single_voxel) {
  auto f = localOf(makeRoi(1, 1, 1, {-42.5}, {1}));
  CHECK_NEAR(f["loc_peak_loc"], -42.5, 0);
  CHECK_NEAR(f["loc_peak_glob"], -42.5, 0);
}

TEST(local_intensity_block_3x3x3) {
  // Radius 1.2 mm at 1 mm: the centre and its 6 face neighbours (sqrt 2 > 1.2). Values: 1 everywhere,
  // the centre 8, its face neighbours 6, the corner (0,0,0) 9 (the maximum).
  std::vector<double> v(27, 1.0);
  auto at = [&](int x, int y, int z) -> double& { return v[x + 3 * (y + 3 * z)]; };
  at(1, 1, 1) = 8;
  at(0, 1, 1) = at(2, 1, 1) = at(1, 0, 1) = at(1, 2, 1) = at(1, 1, 0) = at(1, 1, 2) = 6;
  at(0, 0, 0) = 9;
  const double vol = volumeOfRadius(1.2);
  auto f = localOf(makeRoi(3, 3, 3, v, std::vector<uint8_t>(27, 1)), vol);
  // Corner: itself + 3 existing neighbours (the other 3 lie outside the image): (9 + 1 + 1 + 1) / 4.
  CHECK_NEAR(f["loc_peak_loc"], 3.0, 1e-12);
  // Centre: (8 + 6 * 6) / 7 is the largest sphere mean.
  CHECK_NEAR(f["loc_peak_glob"], 44.0 / 7.0, 1e-12);

  // Only the corner in the ROI: its sphere still draws on the voxels outside the ROI.
  std::vector<uint8_t> corner(27, 0);
  corner[0] = 1;
  auto g = localOf(makeRoi(3, 3, 3, v, corner), vol);
  CHECK_NEAR(g["loc_peak_loc"], 3.0, 1e-12);
  CHECK_NEAR(g["loc_peak_glob"], 3.0, 1e-12);

  // 1 cm^3 (r = 6.2 mm) covers the whole block from every voxel: every mean is the block mean.
  double mean = 0;
  for (double x : v) mean += x;
  mean /= 27;
  auto h = localOf(makeRoi(3, 3, 3, v, std::vector<uint8_t>(27, 1)));
  CHECK_NEAR(h["loc_peak_loc"], mean, 1e-12);
  CHECK_NEAR(h["loc_peak_glob"], mean, 1e-12);
}

TEST(local_intensity_ties_take_the_highest_peak) {
  // Two voxels share the maximum 5; their r = 1.2 mm neighbourhoods differ: (5 + 0) / 2 vs (5 + 3) / 2.
  auto f = localOf(makeRoi(4, 1, 1, {5, 0, 3, 5}, {1, 1, 1, 1}), volumeOfRadius(1.2));
  CHECK_NEAR(f["loc_peak_loc"], 4.0, 1e-12);
  CHECK_NEAR(f["loc_peak_glob"], 4.0, 1e-12);
}

TEST(local_intensity_anisotropic_offsets) {
  // r = 2.5 mm at 1 x 1 x 3 mm: no slice offset (3 > 2.5); in plane |dy| <= 1 -> |dx| <= 2 (1 + 4 <= 6.25),
  // |dy| = 2 -> |dx| <= 1 (4 + 1 <= 6.25 < 4 + 4): 3 x 5 + 2 x 3 = 21 voxels.
  const double sp[3] = {1, 1, 3};
  auto rows = sphereRows(2.5, sp);
  int64_t n = 0;
  for (const SphereRow& r : rows) {
    CHECK(r.dz == 0);
    CHECK(r.w == (std::llabs(r.dy) <= 1 ? 2 : 1));
    n += 2 * r.w + 1;
  }
  CHECK(rows.size() == 5);
  CHECK(n == 21);
  // The same sphere at 3 x 1 x 1: x and z swap roles.
  const double sp2[3] = {3, 1, 1};
  n = 0;
  for (const SphereRow& r : sphereRows(2.5, sp2)) {
    CHECK(r.w == 0);
    n += 2 * r.w + 1;
  }
  CHECK(n == 21);

  // 5 x 5 x 3 volume: centre slice 1, the slices above and below 100. At 1 x 1 x 3 mm the sphere stays in
  // the slice (mean 1); at 1 mm isotropic it reaches the neighbouring slices.
  std::vector<double> v(75, 100.0);
  for (int i = 25; i < 50; ++i) v[i] = 1.0;
  std::vector<uint8_t> m(75, 0);
  m[2 + 5 * 2 + 25] = 1;  // centre voxel (2, 2, 1)
  auto f = localOf(makeRoi(5, 5, 3, v, m, 1, 1, 3), volumeOfRadius(2.5));
  CHECK_NEAR(f["loc_peak_glob"], 1.0, 1e-12);
  auto g = localOf(makeRoi(5, 5, 3, v, m, 1, 1, 1), volumeOfRadius(2.5));
  CHECK(g["loc_peak_glob"] > 1.0);
}

TEST(local_intensity_matches_brute_force) {
  // Odd sizes, anisotropic spacing, a ragged mask touching the crop border, the 1 cm^3 sphere.
  const int64_t nx = 19, ny = 13, nz = 7;
  std::vector<double> v(static_cast<size_t>(nx * ny * nz));
  std::vector<uint8_t> m(v.size());
  uint64_t s = 7;
  for (size_t i = 0; i < v.size(); ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    v[i] = static_cast<double>((s >> 33) % 1000) - 500.0;
    m[i] = ((s >> 20) % 3) != 0;
  }
  RoiImage roi = makeRoi(nx, ny, nz, v, m, 0.9, 1.3, 2.7);
  const double r = peakSphereRadiusMm(1.0);
  const std::vector<double> ref = bruteMeans(roi, r);
  const Isa best = detectIsa();
  for (Isa isa : {Isa::Baseline, best}) {
    setActiveIsa(isa);
    std::vector<double> got;
    sphereMeans(roi, r, got);
    for (size_t i = 0; i < v.size(); ++i)
      if (m[i]) CHECK_NEAR(got[i], ref[i], 1e-9);
  }
  setActiveIsa(best);
}

TEST(local_intensity_rejects_bad_settings) {
  RoiImage roi = makeRoi(1, 1, 1, {1}, {1});
  FeatureSink sink;
  LocalIntensitySettings s;
  s.sphereVolumeCm3 = 0;
  CHECK_THROWS_CODE(computeLocalIntensity(roi, s, sink), code::kInvalidConfig);
  s.sphereVolumeCm3 = NAN;
  CHECK_THROWS_CODE(computeLocalIntensity(roi, s, sink), code::kInvalidConfig);
}

TEST(local_intensity_refuses_runaway_work) {
  // 1 cm^3 at 0.05 mm spacing on a 120^3 crop: ~57000 sphere rows x 1.7e6 voxels. Refused, not hung.
  const int64_t n = 120;
  RoiImage roi = makeRoi(n, n, n, std::vector<double>(static_cast<size_t>(n * n * n), 1.0),
                         std::vector<uint8_t>(static_cast<size_t>(n * n * n), 1), 0.05, 0.05, 0.05);
  FeatureSink sink;
  CHECK_THROWS_CODE(computeLocalIntensity(roi, LocalIntensitySettings{}, sink), code::kMatrixTooLarge);
}

TEST(local_intensity_tiny_spacing_terminates) {
  // 1 cm^3 at 1 nm spacing on a 4 x 3 x 2 crop: the sphere covers the crop; rows are capped at its reach.
  std::vector<double> v(24);
  for (int i = 0; i < 24; ++i) v[i] = i;
  std::vector<uint8_t> m(24, 0);
  m[5] = 1;
  auto f = localOf(makeRoi(4, 3, 2, v, m, 1e-6, 1e-6, 1e-6));
  CHECK_NEAR(f["loc_peak_glob"], 11.5, 1e-12);
  CHECK(sphereRows(6.2, std::vector<double>{1e-6, 1e-6, 1e-6}.data(), 3, 2, 1).size() == 15);
}
