// ROI operations: the distance transform against brute force, dilation by a physical ball on
// anisotropic grids, erosion, rings and the peritumoral set, clipping and out-of-image errors.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "check.h"
#include "core/error.h"
#include "roi_ops.h"
#include "roi_ops_edt.h"

using namespace radiomics;

namespace {

Grid makeGrid(int64_t nx, int64_t ny, int64_t nz, double sx, double sy, double sz) {
  Grid g;
  g.nx = nx; g.ny = ny; g.nz = nz;
  g.spacing[0] = sx; g.spacing[1] = sy; g.spacing[2] = sz;
  return g;
}

int64_t countOf(const std::vector<uint8_t>& m) {
  int64_t c = 0;
  for (auto v : m) c += v ? 1 : 0;
  return c;
}

double dist2(const Grid& g, int64_t dx, int64_t dy, int64_t dz) {
  const double a = dx * g.spacing[0], b = dy * g.spacing[1], c = dz * g.spacing[2];
  return a * a + b * b + c * c;
}

// Brute-force squared distance from every voxel to the mask (inf if empty).
std::vector<double> bruteDistance(const Grid& g, const std::vector<uint8_t>& m) {
  std::vector<double> d(m.size(), std::numeric_limits<double>::infinity());
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x) {
        double best = std::numeric_limits<double>::infinity();
        for (int64_t qz = 0; qz < g.nz; ++qz)
          for (int64_t qy = 0; qy < g.ny; ++qy)
            for (int64_t qx = 0; qx < g.nx; ++qx)
              if (m[static_cast<size_t>(g.index(qx, qy, qz))]) best = std::min(best, dist2(g, x - qx, y - qy, z - qz));
        d[static_cast<size_t>(g.index(x, y, z))] = best;
      }
  return d;
}

// A lumpy blob: union of a few ellipsoids around the centre.
std::vector<uint8_t> blob(const Grid& g, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<uint8_t> m(static_cast<size_t>(g.size()), 0);
  const double cx = (g.nx - 1) * 0.5, cy = (g.ny - 1) * 0.5, cz = (g.nz - 1) * 0.5;
  for (int k = 0; k < 4; ++k) {
    const double ox = cx + u(rng) * g.nx * 0.1, oy = cy + u(rng) * g.ny * 0.1, oz = cz + u(rng) * g.nz * 0.1;
    const double rx = g.nx * (0.08 + 0.05 * (u(rng) + 1)), ry = g.ny * (0.08 + 0.05 * (u(rng) + 1)),
                 rz = g.nz * (0.08 + 0.05 * (u(rng) + 1));
    for (int64_t z = 0; z < g.nz; ++z)
      for (int64_t y = 0; y < g.ny; ++y)
        for (int64_t x = 0; x < g.nx; ++x) {
          const double a = (x - ox) / rx, b = (y - oy) / ry, c = (z - oz) / rz;
          if (a * a + b * b + c * c <= 1) m[static_cast<size_t>(g.index(x, y, z))] = 1;
        }
  }
  return m;
}

bool inBall(double d2, double r) { return d2 <= r * r * (1 + 1e-9); }

}  // namespace

TEST(roi_edt_matches_brute_force) {
  Grid g = makeGrid(15, 12, 9, 0.7, 1.3, 2.5);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 4; ++trial) {
    std::vector<uint8_t> m(static_cast<size_t>(g.size()), 0);
    const int features = trial == 0 ? 1 : trial * 7;
    for (int k = 0; k < features; ++k) m[rng() % m.size()] = 1;
    const auto ref = bruteDistance(g, m);
    std::vector<double> f(m.size());
    for (size_t i = 0; i < m.size(); ++i) f[i] = m[i] ? 0.0 : std::numeric_limits<double>::infinity();
    const int64_t dims[3] = {g.nx, g.ny, g.nz};
    auto f2 = f;
    squaredEdt(f.data(), dims, g.spacing, 1);
    squaredEdt(f2.data(), dims, g.spacing, 3);
    double maxRel = 0;
    for (size_t i = 0; i < f.size(); ++i) maxRel = std::max(maxRel, std::fabs(f[i] - ref[i]) / std::max(1.0, ref[i]));
    CHECK(maxRel < 1e-12);
    CHECK(std::memcmp(f.data(), f2.data(), f.size() * sizeof(double)) == 0);
  }
  // No feature: +inf everywhere.
  std::vector<double> f(static_cast<size_t>(g.size()), std::numeric_limits<double>::infinity());
  const int64_t dims[3] = {g.nx, g.ny, g.nz};
  squaredEdt(f.data(), dims, g.spacing, 2);
  bool allInf = true;
  for (double v : f) allInf = allInf && std::isinf(v);
  CHECK(allInf);
}

TEST(roi_dilate_single_voxel_ellipsoid) {
  struct Case { double sx, sy, sz, r; };
  for (const Case& c : {Case{0.7, 0.9, 2.5, 6.0}, Case{1, 1, 1, 2}, Case{0.977, 0.977, 3, 4}, Case{2, 2, 2, 0},
                        Case{0.5, 1.5, 1.0, 3.3}}) {
    Grid g = makeGrid(41, 31, 15, c.sx, c.sy, c.sz);
    std::vector<uint8_t> m(static_cast<size_t>(g.size()), 0);
    const int64_t cx = 20, cy = 15, cz = 7;
    m[static_cast<size_t>(g.index(cx, cy, cz))] = 1;
    const auto d = dilateMask(g, m, c.r);
    int64_t expected = 0;
    bool same = true;
    for (int64_t z = 0; z < g.nz; ++z)
      for (int64_t y = 0; y < g.ny; ++y)
        for (int64_t x = 0; x < g.nx; ++x) {
          const bool in = inBall(dist2(g, x - cx, y - cy, z - cz), c.r);
          expected += in;
          same = same && (d[static_cast<size_t>(g.index(x, y, z))] == (in ? 1 : 0));
        }
    CHECK(same);
    CHECK(countOf(d) == expected);
  }
  // Known count: a ball of radius 2 voxels on a unit grid has 33 voxels; r = 0 keeps the voxel.
  Grid g = makeGrid(9, 9, 9, 1, 1, 1);
  std::vector<uint8_t> m(static_cast<size_t>(g.size()), 0);
  m[static_cast<size_t>(g.index(4, 4, 4))] = 1;
  CHECK(countOf(dilateMask(g, m, 2.0)) == 33);
  CHECK(countOf(dilateMask(g, m, 0.0)) == 1);
  CHECK(countOf(dilateMask(g, m, 1.0)) == 7);
}

TEST(roi_dilate_tiny_spacing_reaches_everything) {
  // 1e-300 mm along y: r / s overflows any integer. The ball reaches beyond the grid at once (out of image
  // without allowClip; with it, every voxel whose distance is <= r), instead of a count that overflowed and
  // then looped for 2^63 steps (a fuzzer finding).
  Grid g = makeGrid(2, 5, 1, 2.5, 1e-300, 1);
  std::vector<uint8_t> m = {0, 0, 1, 1, 0, 1, 1, 1, 0, 1};
  // r = 0 (the fuzzer's case): the squared distances along y underflow to 0, so they all count as <= 0.
  for (double r : {1.0, 0.0}) {
    CHECK_THROWS_CODE(dilateMask(g, m, r), code::kOutOfImage);
    RoiOpsOptions clip;
    clip.allowClip = true;
    const auto d = dilateMask(g, m, r, clip);
    CHECK(countOf(d) == 10);  // along y every voxel is within 1e-300 mm of a mask voxel of its column
  }
  // A radius whose square is infinite: the same, not a count past the double range.
  CHECK_THROWS_CODE(dilateMask(makeGrid(3, 3, 3, 1e290, 1e290, 1e290), std::vector<uint8_t>(27, 1), 1e300),
                    code::kOutOfImage);
}

TEST(roi_dilate_blob_brute_force_and_threads) {
  Grid g = makeGrid(24, 22, 14, 0.8, 0.8, 2.0);
  const auto m = blob(g, 3);
  const auto ref = bruteDistance(g, m);
  RoiOpsOptions opt;
  opt.allowClip = true;
  for (double r : {1.0, 2.0, 3.7}) {
    opt.threads = 1;
    const auto d1 = dilateMask(g, m, r, opt);
    opt.threads = 4;
    const auto d4 = dilateMask(g, m, r, opt);
    CHECK(d1 == d4);
    bool same = true;
    for (size_t i = 0; i < m.size(); ++i) same = same && (d1[i] == (inBall(ref[i], r) ? 1 : 0));
    CHECK(same);
  }
}

TEST(roi_erode_brute_force) {
  Grid g = makeGrid(20, 18, 12, 0.9, 0.9, 1.8);
  auto m = blob(g, 5);
  // Make it touch the grid border along x to exercise both border conventions.
  for (int64_t z = 4; z < 8; ++z)
    for (int64_t y = 6; y < 12; ++y)
      for (int64_t x = 0; x < 10; ++x) m[static_cast<size_t>(g.index(x, y, z))] = 1;
  for (bool border : {true, false})
    for (double r : {0.0, 0.9, 1.5, 2.5}) {
      RoiOpsOptions opt;
      opt.borderIsBackground = border;
      const auto e = erodeMask(g, m, r, opt);
      bool same = true;
      const int64_t kx = static_cast<int64_t>(r / g.spacing[0]) + 1, ky = static_cast<int64_t>(r / g.spacing[1]) + 1,
                    kz = static_cast<int64_t>(r / g.spacing[2]) + 1;
      for (int64_t z = 0; z < g.nz; ++z)
        for (int64_t y = 0; y < g.ny; ++y)
          for (int64_t x = 0; x < g.nx; ++x) {
            bool keep = m[static_cast<size_t>(g.index(x, y, z))] != 0;
            for (int64_t dz = -kz; keep && dz <= kz; ++dz)
              for (int64_t dy = -ky; keep && dy <= ky; ++dy)
                for (int64_t dx = -kx; keep && dx <= kx; ++dx) {
                  if (!inBall(dist2(g, dx, dy, dz), r)) continue;
                  const int64_t qx = x + dx, qy = y + dy, qz = z + dz;
                  const bool inside = g.contains(qx, qy, qz);
                  if (!inside ? border : !m[static_cast<size_t>(g.index(qx, qy, qz))]) keep = false;
                }
            same = same && (e[static_cast<size_t>(g.index(x, y, z))] == (keep ? 1 : 0));
          }
      CHECK(same);
    }
  CHECK(erodeMask(g, m, 0.0) == m);
}

TEST(roi_rings_and_peritumoral_set) {
  Grid g = makeGrid(40, 38, 24, 0.977, 0.977, 1.5);
  const auto m = blob(g, 8);
  const auto set = peritumoralMasks(g, m);
  const char* names[7] = {"intratumoral", "peritumoral_0_2mm", "peritumoral_2_4mm", "peritumoral_4_6mm",
                          "combined_2mm", "combined_4mm", "combined_6mm"};
  CHECK(set.size() == 7);
  for (size_t i = 0; i < set.size() && i < 7; ++i) {
    CHECK(set[i].name == names[i]);
    CHECK(set[i].count == countOf(set[i].mask));
  }
  if (set.size() != 7) return;
  const auto& tumour = set[0];
  CHECK(tumour.mask == m);
  // Rings never include the tumour and never overlap each other.
  bool disjoint = true;
  for (size_t i = 0; i < m.size(); ++i) {
    const int inRings = set[1].mask[i] + set[2].mask[i] + set[3].mask[i];
    disjoint = disjoint && inRings <= 1 && !(m[i] && inRings);
  }
  CHECK(disjoint);
  // Volumes add up: combined_r = tumour + rings up to r.
  CHECK(set[4].count == tumour.count + set[1].count);
  CHECK(set[5].count == tumour.count + set[1].count + set[2].count);
  CHECK(set[6].count == tumour.count + set[1].count + set[2].count + set[3].count);
  // The same masks from the single-purpose functions.
  CHECK(set[2].mask == ringMask(g, m, 2, 4));
  CHECK(set[1].mask == ringMask(g, m, 0, 2));
  CHECK(set[6].mask == dilateMask(g, m, 6));
  // Rings against brute-force distances.
  const auto ref = bruteDistance(g, m);
  bool same = true;
  for (size_t i = 0; i < m.size(); ++i)
    same = same && set[2].mask[i] == ((!inBall(ref[i], 2) && inBall(ref[i], 4)) ? 1 : 0);
  CHECK(same);
  // Custom radii and names.
  const auto s2 = peritumoralMasks(g, m, {1.5, 3});
  CHECK(s2.size() == 5 && s2[1].name == "peritumoral_0_1.5mm" && s2[2].name == "peritumoral_1.5_3mm" &&
        s2[4].name == "combined_3mm");
}

TEST(roi_clip_to_mask) {
  Grid g = makeGrid(30, 30, 16, 1, 1, 2);
  const auto m = blob(g, 9);
  // Clip mask: half space x < 15 (cuts through the tumour too).
  std::vector<uint8_t> clip(m.size(), 0);
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < 15; ++x) clip[static_cast<size_t>(g.index(x, y, z))] = 1;
  RoiOpsOptions opt;
  opt.clipTo = &clip;
  const auto full = dilateMask(g, m, 4);
  const auto clipped = dilateMask(g, m, 4, opt);
  const auto ring = ringMask(g, m, 0, 4, opt);
  bool ok = true;
  for (size_t i = 0; i < m.size(); ++i) {
    const uint8_t expected = m[i] ? 1 : (full[i] && clip[i]) ? 1 : 0;  // tumour voxels are never clipped
    ok = ok && clipped[i] == expected && ring[i] == ((full[i] && !m[i] && clip[i]) ? 1 : 0);
  }
  CHECK(ok);
  std::vector<uint8_t> wrong(5, 1);
  opt.clipTo = &wrong;
  CHECK_THROWS_CODE(dilateMask(g, m, 4, opt), code::kDataLength);
}

TEST(roi_out_of_image) {
  Grid g = makeGrid(20, 20, 10, 1, 1, 2.5);
  std::vector<uint8_t> m(static_cast<size_t>(g.size()), 0);
  m[static_cast<size_t>(g.index(3, 10, 5))] = 1;  // 3 voxels (3 mm) from the x = 0 face
  CHECK(countOf(dilateMask(g, m, 3.0)) > 0);      // reaches voxel 0 exactly: fine
  CHECK_THROWS_CODE(dilateMask(g, m, 4.0), code::kOutOfImage);
  CHECK_THROWS_CODE(ringMask(g, m, 2.0, 4.0), code::kOutOfImage);
  CHECK_THROWS_CODE(peritumoralMasks(g, m), code::kOutOfImage);
  // z: 5 slices of 2.5 mm above and 4 below; 10 mm reaches 4 slices.
  CHECK(countOf(dilateMask(g, m, 3.0)) > 0);
  try {
    dilateMask(g, m, 6.0);
  } catch (const Error& e) {
    const std::string msg = e.what();
    CHECK(msg.find("along x") != std::string::npos && msg.find("6 mm") != std::string::npos);
  }
  RoiOpsOptions opt;
  opt.allowClip = true;
  const auto d = dilateMask(g, m, 6.0, opt);
  int64_t expected = 0;
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x) expected += inBall(dist2(g, x - 3, y - 10, z - 5), 6.0);
  CHECK(countOf(d) == expected);
  // Erosion never leaves the image.
  CHECK(countOf(erodeMask(g, m, 6.0)) == 0);
}

TEST(roi_errors_and_empty) {
  Grid g = makeGrid(10, 10, 10, 1, 1, 1);
  std::vector<uint8_t> m(static_cast<size_t>(g.size()), 0);
  CHECK(countOf(dilateMask(g, m, 3)) == 0);  // empty mask: empty result
  CHECK(countOf(erodeMask(g, m, 3)) == 0);
  m[555] = 1;
  CHECK_THROWS_CODE(dilateMask(g, m, -1), code::kInvalidArgument);
  CHECK_THROWS_CODE(dilateMask(g, m, NAN), code::kInvalidArgument);
  CHECK_THROWS_CODE(ringMask(g, m, 3, 2), code::kInvalidArgument);
  CHECK_THROWS_CODE(peritumoralMasks(g, m, {2, 2}), code::kInvalidArgument);
  CHECK_THROWS_CODE(peritumoralMasks(g, m, {}), code::kInvalidArgument);
  CHECK_THROWS_CODE(peritumoralMasks(g, m, {0, 2}), code::kInvalidArgument);
  std::vector<uint8_t> small(10, 1);
  CHECK_THROWS_CODE(dilateMask(g, small, 1), code::kDataLength);
  Grid bad = g;
  bad.spacing[2] = -1;
  CHECK_THROWS_CODE(dilateMask(bad, m, 1), code::kBadSpacing);
}
