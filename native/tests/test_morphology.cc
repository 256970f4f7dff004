// Morphological features (IBSI 3.1): the digital phantom's reference values, hand-computed meshes of
// tiny masks (one voxel, boxes of voxels, anisotropic spacing), invariance under the direction
// matrix, degenerate ROIs, and the helpers (marching cubes, hull, ellipsoids, boxes, Moran / Geary).
#include <cmath>
#include <map>
#include <random>
#include <string>

#include "check.h"
#include "core/dispatch.h"
#include "fixtures.h"
#include "morphology.h"
#include "morphology_autocorr.h"
#include "morphology_autocorr_fft.h"
#include "morphology_bbox.h"
#include "morphology_ellipsoid.h"
#include "morphology_hull.h"
#include "morphology_mesh.h"
#include "reference.h"

using namespace radiomics;
using namespace radiomics_test;

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Result {
  std::map<std::string, double> f;
  std::vector<std::string> warnings;
  double operator[](const std::string& tag) const {
    auto it = f.find(tag);
    return it == f.end() ? -12345.0 : it->second;
  }
  bool warned(const std::string& part) const {
    for (const auto& w : warnings)
      if (w.find(part) != std::string::npos) return true;
    return false;
  }
};

Result morphologyOf(const RoiImage& roi, MorphologySettings s = MorphologySettings()) {
  FeatureSink sink;
  computeMorphology(roi, s, sink);
  Result r;
  r.f = std::map<std::string, double>(sink.features.begin(), sink.features.end());
  r.warnings = sink.warnings;
  CHECK(r.f.size() == 29);
  CHECK(sink.features.size() == 29);
  return r;
}

// A box of a x b x c voxels (all in the ROI) with intensities 1, 2, 3, ...
RoiImage boxRoi(int a, int b, int c, double sx = 1, double sy = 1, double sz = 1) {
  std::vector<double> v(static_cast<size_t>(a * b * c));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i + 1);
  return makeRoi(a, b, c, v, std::vector<uint8_t>(v.size(), 1), sx, sy, sz);
}

// The marching-cubes surface of a box of voxels is the Minkowski sum of the box of voxel centres
// [0, a-1] x [0, b-1] x [0, c-1] and the octahedron |x|_1 <= 1/2 (unit spacing):
//   V = (a-1)(b-1)(c-1) + [(a-1)(b-1) + (b-1)(c-1) + (c-1)(a-1)] + [(a-1) + (b-1) + (c-1)] / 2 + 1/6
// (box, 6 slabs of depth 1/2, 12 edge prisms of section 1/8, the octahedron), scaled by sx sy sz.
// Area (spacing s): 6 flat faces, 12 bevels of width |(0, sy, -sz)| / 2, 8 corner triangles of
// area |(sy sz, sx sz, sx sy)| / 8.
double boxMeshVolume(int a, int b, int c) {
  const double A = a - 1, B = b - 1, C = c - 1;
  return A * B * C + (A * B + B * C + C * A) + 0.5 * (A + B + C) + 1.0 / 6.0;
}
double boxMeshArea(int a, int b, int c, double sx, double sy, double sz) {
  const double A = (a - 1) * sx, B = (b - 1) * sy, C = (c - 1) * sz;
  const double faces = 2 * (A * B + B * C + C * A);
  const double bevels = 2 * (A * std::hypot(sy, sz) + B * std::hypot(sx, sz) + C * std::hypot(sx, sy));
  const double corners = std::sqrt(sy * sy * sz * sz + sx * sx * sz * sz + sx * sx * sy * sy);
  return faces + bevels + corners;
}

// Every directed edge once, its reverse once: closed and consistently oriented.
bool watertight(const Mesh& m) {
  std::map<std::pair<int32_t, int32_t>, int> edges;
  for (int64_t f = 0; f < m.faceCount(); ++f)
    for (int k = 0; k < 3; ++k) ++edges[{m.faces[3 * f + k], m.faces[3 * f + (k + 1) % 3]}];
  for (const auto& e : edges) {
    if (e.second != 1) return false;
    auto back = edges.find({e.first.second, e.first.first});
    if (back == edges.end() || back->second != 1) return false;
  }
  return true;
}

// Features that must not change with the direction matrix: all 29 (the AABB follows the image axes).
const char* kInvariant[] = {"morph_volume",
                            "morph_vol_approx",
                            "morph_area_mesh",
                            "morph_av",
                            "morph_comp_1",
                            "morph_comp_2",
                            "morph_sph_dispr",
                            "morph_sphericity",
                            "morph_asphericity",
                            "morph_com",
                            "morph_diam",
                            "morph_pca_maj_axis",
                            "morph_pca_min_axis",
                            "morph_pca_least_axis",
                            "morph_pca_elongation",
                            "morph_pca_flatness",
                            "morph_vol_dens_aabb",
                            "morph_area_dens_aabb",
                            "morph_vol_dens_ombb",
                            "morph_area_dens_ombb",
                            "morph_vol_dens_aee",
                            "morph_area_dens_aee",
                            "morph_vol_dens_mvee",
                            "morph_area_dens_mvee",
                            "morph_vol_dens_conv_hull",
                            "morph_area_dens_conv_hull",
                            "morph_integ_int",
                            "morph_moran_i",
                            "morph_geary_c"};

}  // namespace

TEST(morphology_digital_phantom) {
  FeatureSink sink;
  computeMorphology(phantomRoi(), MorphologySettings(), sink);
  CHECK(sink.features.size() == 29);
  for (const auto& f : sink.features) CHECK(std::isfinite(f.second));
  CHECK(checkFamilyAgainstReference(sink, "morphology") == 25);
  CHECK(sink.warnings.empty());
  // The crop margin does not matter.
  FeatureSink wide;
  computeMorphology(phantomRoi(3), MorphologySettings(), wide);
  for (size_t i = 0; i < sink.features.size(); ++i)
    CHECK_NEAR(wide.features[i].second, sink.features[i].second, 1e-9 * std::fabs(sink.features[i].second));
}

TEST(morphology_single_voxel) {
  // The mesh is the octahedron with vertices at +-1/2 on each axis: V = 4/3 r^3 = 1/6,
  // A = 8 equilateral triangles of side sqrt(2)/2 = sqrt(3). It is its own hull.
  auto r = morphologyOf(makeRoi(1, 1, 1, {5}, {1}));
  CHECK_NEAR(r["morph_volume"], 1.0 / 6.0, 1e-12);
  CHECK_NEAR(r["morph_area_mesh"], std::sqrt(3.0), 1e-12);
  CHECK_NEAR(r["morph_vol_approx"], 1, 0);
  CHECK_NEAR(r["morph_diam"], 1, 1e-12);
  CHECK_NEAR(r["morph_vol_dens_conv_hull"], 1, 1e-12);
  CHECK_NEAR(r["morph_area_dens_conv_hull"], 1, 1e-12);
  CHECK_NEAR(r["morph_vol_dens_aabb"], 1.0 / 6.0, 1e-12);  // AABB 1 x 1 x 1
  CHECK_NEAR(r["morph_area_dens_aabb"], std::sqrt(3.0) / 6.0, 1e-12);
  CHECK_NEAR(r["morph_com"], 0, 1e-12);
  CHECK_NEAR(r["morph_integ_int"], 5.0 / 6.0, 1e-12);
  CHECK_NEAR(r["morph_pca_maj_axis"], 0, 0);
  CHECK_NEAR(r["morph_pca_least_axis"], 0, 0);
  // Sphericity of the octahedron: (36 pi / 36)^(1/3) / sqrt(3) = pi^(1/3) / sqrt(3).
  CHECK_NEAR(r["morph_sphericity"], std::cbrt(kPi) / std::sqrt(3.0), 1e-12);
  CHECK(std::isnan(r["morph_pca_elongation"]) && std::isnan(r["morph_pca_flatness"]));
  CHECK(std::isnan(r["morph_vol_dens_aee"]) && std::isnan(r["morph_area_dens_aee"]));
  CHECK(std::isnan(r["morph_moran_i"]) && std::isnan(r["morph_geary_c"]));
  CHECK(r.warned("single voxel"));
  CHECK(r.warned("morph_vol_dens_aee, morph_area_dens_aee"));
  CHECK(r.warned("fewer than 2 voxels"));
  // MVEE of the octahedron: the sphere through its 6 vertices (radius 1/2), up to the tolerance.
  CHECK_NEAR(r["morph_vol_dens_mvee"], (1.0 / 6.0) / (4 * kPi / 3 / 8), 0.01);
  for (const auto& kv : r.f)
    if (!std::isnan(kv.second)) CHECK(std::isfinite(kv.second));
}

TEST(morphology_cube_2x2x2) {
  auto r = morphologyOf(boxRoi(2, 2, 2));
  const double V = 17.0 / 3.0, A = 6 + 6 * std::sqrt(2.0) + std::sqrt(3.0);
  CHECK_NEAR(boxMeshVolume(2, 2, 2), V, 1e-12);
  CHECK_NEAR(r["morph_volume"], V, 1e-12);
  CHECK_NEAR(r["morph_area_mesh"], A, 1e-12);
  CHECK_NEAR(r["morph_vol_approx"], 8, 0);
  CHECK_NEAR(r["morph_av"], A / V, 1e-12);
  CHECK_NEAR(r["morph_comp_2"], 36 * kPi * V * V / (A * A * A), 1e-12);
  // Convex: its own hull. Farthest vertices, e.g. (-1/2, 0, 0) and (3/2, 1, 1): sqrt(6).
  CHECK_NEAR(r["morph_vol_dens_conv_hull"], 1, 1e-12);
  CHECK_NEAR(r["morph_area_dens_conv_hull"], 1, 1e-12);
  CHECK_NEAR(r["morph_diam"], std::sqrt(6.0), 1e-12);
  // Voxel centres {0,1}^3: sample variance 2/7 per axis, no covariance.
  const double axis = 4 * std::sqrt(2.0 / 7.0);
  CHECK_NEAR(r["morph_pca_maj_axis"], axis, 1e-12);
  CHECK_NEAR(r["morph_pca_min_axis"], axis, 1e-12);
  CHECK_NEAR(r["morph_pca_least_axis"], axis, 1e-12);
  CHECK_NEAR(r["morph_pca_elongation"], 1, 1e-12);
  CHECK_NEAR(r["morph_pca_flatness"], 1, 1e-12);
  const double semi = 2 * std::sqrt(2.0 / 7.0);  // AEE: a sphere
  CHECK_NEAR(r["morph_vol_dens_aee"], V / (4 * kPi * semi * semi * semi / 3), 1e-12);
  CHECK_NEAR(r["morph_area_dens_aee"], A / (4 * kPi * semi * semi), 1e-12);
  // AABB = OMBB = 2 x 2 x 2.
  CHECK_NEAR(r["morph_vol_dens_aabb"], V / 8, 1e-12);
  CHECK_NEAR(r["morph_area_dens_aabb"], A / 24, 1e-12);
  CHECK_NEAR(r["morph_vol_dens_ombb"], V / 8, 1e-9);
  CHECK_NEAR(r["morph_area_dens_ombb"], A / 24, 1e-9);
  // Intensities 1..8: mean 4.5, integrated intensity V * 4.5.
  CHECK_NEAR(r["morph_integ_int"], V * 4.5, 1e-9);
  CHECK(r.warnings.empty());
}

TEST(morphology_anisotropic_box) {
  // 3 x 2 x 4 voxels of 1 x 2 x 3 mm.
  const double sx = 1, sy = 2, sz = 3;
  auto r = morphologyOf(boxRoi(3, 2, 4, sx, sy, sz));
  const double V = boxMeshVolume(3, 2, 4) * sx * sy * sz, A = boxMeshArea(3, 2, 4, sx, sy, sz);
  CHECK_NEAR(r["morph_volume"], V, 1e-9);
  CHECK_NEAR(r["morph_area_mesh"], A, 1e-9);
  CHECK_NEAR(r["morph_vol_approx"], 24 * 6, 1e-12);
  // AABB: 3 x 4 x 12 mm.
  CHECK_NEAR(r["morph_vol_dens_aabb"], V / (3 * 4 * 12), 1e-12);
  CHECK_NEAR(r["morph_area_dens_aabb"], A / (2 * (3 * 4 + 4 * 12 + 12 * 3)), 1e-12);
  CHECK_NEAR(r["morph_vol_dens_conv_hull"], 1, 1e-12);
  // Voxel centres: x in {0,1,2} mm, y in {0,2} mm, z in {0,3,6,9} mm; sample variances (N - 1 = 23).
  const double vx = 24 * (2.0 / 3.0) / 23, vy = 24 * 1.0 / 23, vz = 24 * 11.25 / 23;
  CHECK_NEAR(r["morph_pca_maj_axis"], 4 * std::sqrt(vz), 1e-9);
  CHECK_NEAR(r["morph_pca_min_axis"], 4 * std::sqrt(vy), 1e-9);
  CHECK_NEAR(r["morph_pca_least_axis"], 4 * std::sqrt(vx), 1e-9);
  // Farthest mesh vertices: opposite corners of the corner triangles, e.g. (-1/2, 0, 0) -> (5/2, 1, 3)
  // in voxels... checked against all vertex pairs.
  const Mesh m = marchingCubes(boxRoi(3, 2, 4, sx, sy, sz).grid, std::vector<uint8_t>(24, 1));
  double brute = 0;
  for (int64_t i = 0; i < m.vertexCount(); ++i)
    for (int64_t j = i + 1; j < m.vertexCount(); ++j) {
      const double dx = m.points[3 * i] - m.points[3 * j], dy = m.points[3 * i + 1] - m.points[3 * j + 1],
                   dz = m.points[3 * i + 2] - m.points[3 * j + 2];
      brute = std::max(brute, std::sqrt(dx * dx + dy * dy + dz * dz));
    }
  CHECK_NEAR(r["morph_diam"], brute, 1e-12);
  // Centre of mass: intensities 1..24 increase along x, then y, then z.
  CHECK(r["morph_com"] > 0);
}

TEST(morphology_one_voxel_thick_plane) {
  // 4 x 3 x 1 voxels: the voxel centres are coplanar (least PCA eigenvalue 0).
  auto r = morphologyOf(boxRoi(4, 3, 1));
  CHECK_NEAR(r["morph_volume"], boxMeshVolume(4, 3, 1), 1e-12);
  CHECK_NEAR(r["morph_area_mesh"], boxMeshArea(4, 3, 1, 1, 1, 1), 1e-12);
  CHECK_NEAR(r["morph_pca_least_axis"], 0, 0);
  CHECK_NEAR(r["morph_pca_flatness"], 0, 0);
  CHECK(r["morph_pca_elongation"] > 0 && r["morph_pca_elongation"] < 1);
  CHECK(std::isnan(r["morph_vol_dens_aee"]));
  CHECK(std::isfinite(r["morph_area_dens_aee"]));  // a flat ellipse still has an area
  CHECK(r.warned("coplanar"));
  CHECK_NEAR(r["morph_vol_dens_aabb"], boxMeshVolume(4, 3, 1) / 12, 1e-12);
  CHECK(std::isfinite(r["morph_vol_dens_mvee"]) && r["morph_vol_dens_mvee"] > 0);
  CHECK(std::isfinite(r["morph_vol_dens_ombb"]) && r["morph_vol_dens_ombb"] <= 1 + 1e-9);
}

TEST(morphology_line_and_degenerate_rois) {
  // A line of 5 voxels along y.
  auto line = morphologyOf(boxRoi(1, 5, 1));
  CHECK_NEAR(line["morph_volume"], boxMeshVolume(1, 5, 1), 1e-12);
  CHECK_NEAR(line["morph_pca_min_axis"], 0, 0);
  CHECK_NEAR(line["morph_pca_elongation"], 0, 0);
  CHECK(std::isnan(line["morph_vol_dens_aee"]) && std::isnan(line["morph_area_dens_aee"]));
  CHECK(line.warned("collinear"));
  CHECK_NEAR(line["morph_diam"], 5, 1e-12);  // (0, -1/2, 0) -> (0, 9/2, 0)
  // A diagonal line: voxels (k, k, k) touch by corners only; the mesh keeps them apart (3 octahedra).
  std::vector<uint8_t> diag(27, 0);
  for (int k = 0; k < 3; ++k) diag[static_cast<size_t>(k + 3 * (k + 3 * k))] = 1;
  auto d = morphologyOf(makeRoi(3, 3, 3, std::vector<double>(27, 2), diag));
  CHECK_NEAR(d["morph_volume"], 3.0 / 6.0, 1e-12);
  CHECK(std::isnan(d["morph_moran_i"]) && d.warned("all ROI intensities are equal"));
  // A one-slice L shape with varied intensities: all finite except what is warned about.
  std::vector<uint8_t> l = {1, 0, 0, 1, 0, 0, 1, 1, 1};
  auto r = morphologyOf(makeRoi(3, 3, 1, {1, 0, 0, 2, 0, 0, 3, 4, 5}, l));
  for (const auto& kv : r.f)
    if (kv.first != "morph_vol_dens_aee") CHECK(std::isfinite(kv.second));
  // An empty intensity mask (everything re-segmented away).
  RoiImage e = boxRoi(2, 2, 1);
  std::fill(e.intMask.begin(), e.intMask.end(), 0);
  e.intCount = 0;
  auto er = morphologyOf(e);
  CHECK(std::isfinite(er["morph_volume"]));
  CHECK(std::isnan(er["morph_integ_int"]) && std::isnan(er["morph_com"]) && std::isnan(er["morph_moran_i"]));
  CHECK(er.warned("intensity mask is empty"));
  // Intensities summing to 0: the intensity-weighted centre is undefined.
  auto z = morphologyOf(makeRoi(2, 1, 1, {-1, 1}, {1, 1}));
  CHECK(std::isnan(z["morph_com"]) && z.warned("sum to 0"));
  // Empty morphological mask.
  RoiImage none = makeRoi(2, 1, 1, {1, 2}, {0, 0});
  auto nr = morphologyOf(none);
  CHECK(std::isnan(nr["morph_volume"]) && nr.warned("empty"));
}

TEST(morphology_direction_matrix_invariance) {
  const RoiImage base = phantomRoi();
  const auto ref = morphologyOf(base);
  // A permutation with a reflection (det -1) and a general rotation, with a shifted origin.
  const double perm[9] = {0, 0, 1, -1, 0, 0, 0, 1, 0};
  const double a = 0.7, b = -0.4, c = 1.1;
  const double ca = std::cos(a), sa = std::sin(a), cb = std::cos(b), sb = std::sin(b), cc = std::cos(c),
               sc = std::sin(c);
  const double Rz[9] = {ca, -sa, 0, sa, ca, 0, 0, 0, 1}, Ry[9] = {cb, 0, sb, 0, 1, 0, -sb, 0, cb},
               Rx[9] = {1, 0, 0, 0, cc, -sc, 0, sc, cc};
  double t[9], rot[9];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      t[3 * i + j] = 0;
      for (int k = 0; k < 3; ++k) t[3 * i + j] += Ry[3 * i + k] * Rx[3 * k + j];
    }
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      rot[3 * i + j] = 0;
      for (int k = 0; k < 3; ++k) rot[3 * i + j] += Rz[3 * i + k] * t[3 * k + j];
    }
  for (const double* dir : {perm, static_cast<const double*>(rot)}) {
    RoiImage r = base;
    std::copy(dir, dir + 9, r.grid.direction);
    r.grid.origin[0] = -40, r.grid.origin[1] = 12.5, r.grid.origin[2] = 300;
    const auto got = morphologyOf(r);
    for (const char* tag : kInvariant) CHECK_NEAR(got[tag], ref[tag], 1e-9 * std::max(1.0, std::fabs(ref[tag])));
  }
  // Anisotropic spacing with a permutation: the same as permuting the voxels themselves.
  RoiImage aniso = phantomRoi();
  aniso.grid.spacing[0] = 1, aniso.grid.spacing[1] = 2, aniso.grid.spacing[2] = 3;
  const auto plain = morphologyOf(aniso);
  RoiImage swapped = aniso;  // grid axis x <-> physical y, grid axis y <-> physical x
  const double swapXY[9] = {0, 1, 0, 1, 0, 0, 0, 0, 1};
  std::copy(swapXY, swapXY + 9, swapped.grid.direction);
  const auto sw = morphologyOf(swapped);
  for (const char* tag : kInvariant) CHECK_NEAR(sw[tag], plain[tag], 1e-9 * std::max(1.0, std::fabs(plain[tag])));
}

TEST(morphology_mesh_closed_on_random_masks) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 40; ++trial) {
    const int nx = 2 + static_cast<int>(rng() % 6), ny = 2 + static_cast<int>(rng() % 6), nz = 1 + static_cast<int>(rng() % 6);
    std::vector<uint8_t> mask(static_cast<size_t>(nx * ny * nz));
    for (auto& m : mask) m = (rng() % 100) < 55;
    mask[0] = 1;
    const RoiImage roi = makeRoi(nx, ny, nz, std::vector<double>(mask.size(), 1), mask, 1.3, 0.7, 2.1);
    const Mesh m = marchingCubes(roi.grid, roi.morphMask);
    CHECK(watertight(m));
    // Closed mesh: the signed volume does not depend on the reference point, and is positive
    // (normals point outwards) for this positive-determinant grid.
    const double r1[3] = {0, 0, 0}, r2[3] = {-3, 7, 2};
    const double v1 = signedMeshVolume(m.points.data(), m.faces.data(), m.faceCount(), r1);
    const double v2 = signedMeshVolume(m.points.data(), m.faces.data(), m.faceCount(), r2);
    CHECK(v1 > 0);
    CHECK_NEAR(v1, v2, 1e-9 * v1);
    // The mesh volume differs from voxel counting by less than half a voxel per surface voxel.
    CHECK(v1 <= static_cast<double>(roi.morphCount) * 1.3 * 0.7 * 2.1 + 1e-9);
    // Hull: contains every vertex, and its volume is at least the mesh volume.
    const ConvexHull h = convexHull(m.lattice, hullCandidates(m.lattice));
    CHECK(!h.degenerate);
    const double hv = std::fabs(signedMeshVolume(m.points.data(), h.faces.data(),
                                                 static_cast<int64_t>(h.faces.size() / 3), r1));
    CHECK(hv >= v1 - 1e-9);
    const ConvexHull all = convexHull(m.lattice, {});
    CHECK_NEAR(std::fabs(signedMeshVolume(m.points.data(), all.faces.data(), static_cast<int64_t>(all.faces.size() / 3), r1)),
               hv, 1e-9 * hv);
    for (size_t f = 0; f < h.faces.size(); f += 3) {
      const int32_t* a = &m.lattice[3 * static_cast<size_t>(h.faces[f])];
      const int32_t* b = &m.lattice[3 * static_cast<size_t>(h.faces[f + 1])];
      const int32_t* c = &m.lattice[3 * static_cast<size_t>(h.faces[f + 2])];
      const int64_t u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
      const int64_t n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
      for (int64_t p = 0; p < m.vertexCount(); ++p) {
        const int32_t* q = &m.lattice[3 * p];
        CHECK(n[0] * (q[0] - a[0]) + n[1] * (q[1] - a[1]) + n[2] * (q[2] - a[2]) <= 0);
      }
    }
    // Diameter over hull vertices = over all vertex pairs.
    double brute = 0;
    for (int64_t i = 0; i < m.vertexCount(); ++i)
      for (int64_t j = i + 1; j < m.vertexCount(); ++j) {
        double d2 = 0;
        for (int k = 0; k < 3; ++k) d2 += std::pow(m.points[3 * i + k] - m.points[3 * j + k], 2);
        brute = std::max(brute, std::sqrt(d2));
      }
    CHECK_NEAR(maxPairDistance(m.points, h.vertices), brute, 1e-12);
  }
}

TEST(morphology_hull_degenerate_point_sets) {
  // Coplanar, collinear, repeated points: no 3D hull, no crash.
  std::vector<int32_t> plane, line, same;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) plane.insert(plane.end(), {i, j, 3});
  for (int i = 0; i < 7; ++i) line.insert(line.end(), {i, 2 * i, -i});
  for (int i = 0; i < 4; ++i) same.insert(same.end(), {1, 1, 1});
  CHECK(convexHull(plane, {}).degenerate);
  CHECK(convexHull(line, {}).degenerate);
  CHECK(convexHull(same, {}).degenerate);
  CHECK(convexHull(std::vector<int32_t>{}, {}).degenerate);
  CHECK(hullCandidates(same).size() == 1);
  // Many points on a sphere-like lattice shell, with interior points: a valid hull.
  std::vector<int32_t> ball;
  for (int x = -6; x <= 6; ++x)
    for (int y = -6; y <= 6; ++y)
      for (int z = -6; z <= 6; ++z)
        if (x * x + y * y + z * z <= 36) ball.insert(ball.end(), {x, y, z});
  const ConvexHull h = convexHull(ball, hullCandidates(ball));
  CHECK(!h.degenerate);
  CHECK(h.vertices.size() >= 8 && h.vertices.size() < ball.size() / 3);
}

TEST(morphology_ellipsoid_helpers) {
  // Eigen-decomposition: a rotated diagonal matrix.
  const double c = std::cos(0.3), s = std::sin(0.3);
  const double R[9] = {c, -s, 0, s, c, 0, 0, 0, 1}, d[3] = {2, 7, 0.5};
  double M[9];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      M[3 * i + j] = 0;
      for (int k = 0; k < 3; ++k) M[3 * i + j] += R[3 * i + k] * d[k] * R[3 * j + k];
    }
  double values[3], vectors[9];
  symmetricEigen3(M, values, vectors);
  CHECK_NEAR(values[0], 7, 1e-12);
  CHECK_NEAR(values[1], 2, 1e-12);
  CHECK_NEAR(values[2], 0.5, 1e-12);
  CHECK_NEAR(std::fabs(vectors[0] * R[1] + vectors[3] * R[4] + vectors[6] * R[7]), 1, 1e-12);  // e_major = R e_y
  // Ellipsoid area as the manual's series (RDD2), which is exact for a sphere. For other ellipsoids it
  // is the series the IBSI reference values were computed with, not the true area (e.g. 59.3 instead of
  // 67.7 for semi-axes 3, 2, 2); prolate a > b = c: alpha = beta = e, P_nu(1) = 1, so the sum is
  // 4 pi a b sum_nu e^(2 nu) / (1 - 4 nu^2).
  CHECK_NEAR(ellipsoidArea(2, 2, 2), 16 * kPi, 1e-12);
  const double a = 3, b = 2, e2 = 1 - b * b / (a * a);
  double prolate = 0, disk = 0, binom = 1;  // binom = C(2 nu, nu) / 4^nu
  for (int nu = 0; nu <= 20; ++nu) {
    prolate += std::pow(e2, nu) / (1.0 - 4.0 * nu * nu);
    disk += binom / (1.0 - 4.0 * nu * nu);  // a = b, c = 0: alpha = 0, beta = 1
    binom *= (2.0 * nu + 1) * (2.0 * nu + 2) / ((nu + 1.0) * (nu + 1.0) * 4.0);
  }
  CHECK_NEAR(ellipsoidArea(b, a, b), 4 * kPi * a * b * prolate, 1e-9);
  CHECK_NEAR(ellipsoidArea(3, 3, 0), 4 * kPi * 9 * disk, 1e-9);
  CHECK(std::isfinite(ellipsoidArea(3, 2, 0)) && ellipsoidArea(3, 2, 0) > 0);
  CHECK_NEAR(ellipsoidArea(0, 0, 0), 0, 0);
  // MVEE of the 8 corners of a 2 x 4 x 6 box: the ellipsoid with semi-axes sqrt(3) * (1, 2, 3).
  std::vector<double> corners;
  for (int k = 0; k < 8; ++k) corners.insert(corners.end(), {k & 1 ? 1.0 : -1.0, k & 2 ? 2.0 : -2.0, k & 4 ? 3.0 : -3.0});
  const EnclosingEllipsoid ell = khachiyanMvee(corners.data(), 8, 1e-7, 100000);
  CHECK(ell.converged);
  CHECK_NEAR(ell.semiAxes[0], 3 * std::sqrt(3.0), 1e-4);
  CHECK_NEAR(ell.semiAxes[1], 2 * std::sqrt(3.0), 1e-4);
  CHECK_NEAR(ell.semiAxes[2], std::sqrt(3.0), 1e-4);
  // Flat point set: no ellipsoid, no crash.
  std::vector<double> flat = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 2, 3, 0};
  const EnclosingEllipsoid fe = khachiyanMvee(flat.data(), 5, 1e-3, 1000);
  CHECK(!fe.converged);
}

TEST(morphology_oriented_box_of_a_rotated_box) {
  // A 12 x 7 x 5 box of voxels turned by 30 degrees about z (as a mask): the OMBB must follow the
  // box (volume close to that of the rotated mesh's own box), the AABB cannot.
  const int n = 24;
  std::vector<uint8_t> mask(static_cast<size_t>(n * n * 9), 0);
  const double ca = std::cos(kPi / 6), sa = std::sin(kPi / 6);
  for (int z = 0; z < 9; ++z)
    for (int y = 0; y < n; ++y)
      for (int x = 0; x < n; ++x) {
        const double X = x - n / 2.0, Y = y - n / 2.0, u = ca * X + sa * Y, v = -sa * X + ca * Y;
        mask[static_cast<size_t>(x + n * (y + n * z))] = std::fabs(u) < 6 && std::fabs(v) < 3.5 && z >= 2 && z < 7;
      }
  const RoiImage roi = makeRoi(n, n, 9, std::vector<double>(mask.size(), 1), mask);
  const Mesh m = marchingCubes(roi.grid, roi.morphMask);
  const ConvexHull h = convexHull(m.lattice, hullCandidates(m.lattice));
  const auto box = orientedMinimumBox(m.points, h, hullFacetNormals(m.lattice, m.points, h, 256));
  const auto aabb = axisAlignedExtents(roi.grid, m.lattice);
  const double vol = box[0] * box[1] * box[2], aabbVol = aabb[0] * aabb[1] * aabb[2];
  const double hullVol =
      std::fabs(signedMeshVolume(m.points.data(), h.faces.data(), static_cast<int64_t>(h.faces.size() / 3),
                                 std::array<double, 3>{0, 0, 0}.data()));
  // The candidate facing z gives the box flush with the top and bottom: the smallest one.
  std::vector<std::array<double, 3>> one = {{0, 0, 1}};
  const auto zbox = orientedMinimumBox(m.points, h, one);
  CHECK_NEAR(zbox[2], 5, 1e-9);  // extent along z: voxels 2..6 plus half a voxel each side
  CHECK(vol >= hullVol - 1e-9);  // it encloses the hull
  CHECK_NEAR(vol, zbox[0] * zbox[1] * zbox[2], 1e-9 * vol);
  CHECK(vol <= 13.5 * 8.5 * 5);  // the turned 12 x 7 x 5 box plus its rasterised, half-voxel rim
  CHECK(vol < 0.7 * aabbVol);
  // Brute force for the z candidate: the minimum over all edge directions of the projected hull.
  double brute = INFINITY;
  for (double ang = 0; ang < kPi / 2; ang += 1e-4) {
    const double c0 = std::cos(ang), s0 = std::sin(ang);
    double lo0 = INFINITY, hi0 = -INFINITY, lo1 = INFINITY, hi1 = -INFINITY;
    for (int32_t v : h.vertices) {
      const double x = m.points[3 * static_cast<size_t>(v)], y = m.points[3 * static_cast<size_t>(v) + 1];
      const double p = c0 * x + s0 * y, q = -s0 * x + c0 * y;
      lo0 = std::min(lo0, p), hi0 = std::max(hi0, p), lo1 = std::min(lo1, q), hi1 = std::max(hi1, q);
    }
    brute = std::min(brute, (hi0 - lo0) * (hi1 - lo1));
  }
  CHECK(zbox[0] * zbox[1] <= brute + 1e-9);
  CHECK(zbox[0] * zbox[1] >= brute - 1e-3 * brute);
}

TEST(morphology_moran_geary_hand_computed) {
  // Two voxels 0 and 1 at distance 1: I = -1, C = 1.
  auto two = spatialAutocorrelation(makeRoi(2, 1, 1, {0, 1}, {1, 1}), 20000, 1);
  CHECK_NEAR(two.moranI, -1, 1e-12);
  CHECK_NEAR(two.gearyC, 1, 1e-12);
  // 1, 2, 3 on a line (unit spacing): sum_{i<j} w = 2.5, sum w d d = -0.5, sum w (x - x')^2 = 4,
  // sum d^2 = 2: I = 3 / 2.5 * (-0.5) / 2 = -0.3; C = 2 / 2.5 * 4 / 4 = 0.8.
  auto three = spatialAutocorrelation(makeRoi(3, 1, 1, {1, 2, 3}, {1, 1, 1}), 20000, 1);
  CHECK_NEAR(three.moranI, -0.3, 1e-12);
  CHECK_NEAR(three.gearyC, 0.8, 1e-12);
  CHECK(!three.estimated);
  // Spacing 2 mm: all weights halve, I and C do not change.
  auto spaced = spatialAutocorrelation(makeRoi(3, 1, 1, {1, 2, 3}, {1, 1, 1}, 2, 2, 2), 20000, 1);
  CHECK_NEAR(spaced.moranI, -0.3, 1e-12);
  // Anisotropic: the same values along z with spacing 5 (distances 5 and 10).
  auto alongZ = spatialAutocorrelation(makeRoi(1, 1, 3, {1, 2, 3}, {1, 1, 1}, 1, 1, 5), 20000, 1);
  CHECK_NEAR(alongZ.moranI, -0.3, 1e-12);
}

TEST(morphology_moran_geary_estimate) {
  // A 40 x 30 x 20 ROI with a smooth trend plus noise.
  const int nx = 40, ny = 30, nz = 20;
  std::vector<double> v(static_cast<size_t>(nx * ny * nz));
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0, 20);
  for (int z = 0; z < nz; ++z)
    for (int y = 0; y < ny; ++y)
      for (int x = 0; x < nx; ++x) v[static_cast<size_t>(x + nx * (y + ny * z))] = 3.0 * x + noise(rng);
  const RoiImage roi = makeRoi(nx, ny, nz, v, std::vector<uint8_t>(v.size(), 1));
  const auto exact = spatialAutocorrelation(roi, 1 << 30, 1);
  CHECK(!exact.estimated);
  const auto est = spatialAutocorrelation(roi, 6000, 1);
  CHECK(est.estimated && est.sampled == 6000);
  CHECK_NEAR(est.moranI, exact.moranI, 0.1 * exact.moranI);
  CHECK_NEAR(est.gearyC, exact.gearyC, 0.02);
  // Deterministic: same seed, same value; another seed, another (close) value.
  const auto again = spatialAutocorrelation(roi, 6000, 1);
  CHECK(again.moranI == est.moranI && again.gearyC == est.gearyC);
  const auto other = spatialAutocorrelation(roi, 6000, 2);
  CHECK(other.moranI != est.moranI);
  // n = N: the estimate is the exact value.
  const auto full = spatialAutocorrelation(roi, nx * ny * nz, 9);
  CHECK(!full.estimated);
  CHECK_NEAR(full.moranI, exact.moranI, 1e-12);
  // The family warns that it is an estimate.
  MorphologySettings s;
  s.moranExactMaxVoxels = 6000;
  s.moranFftMaxPoints = 0;  // no FFT: the subset estimate
  auto r = morphologyOf(roi, s);
  CHECK(r.warned("estimated on a deterministic random subset of 6000 of the 24000"));
  CHECK_NEAR(r["morph_moran_i"], est.moranI, 0);
  // With the FFT allowed (the default), the family gives the exact value above the pair-sum threshold.
  s.moranFftMaxPoints = int64_t(1) << 23;
  auto f = morphologyOf(roi, s);
  CHECK(!f.warned("estimated"));
  CHECK_NEAR(f["morph_moran_i"], exact.moranI, 1e-10 * std::fabs(exact.moranI));
  CHECK_NEAR(f["morph_geary_c"], exact.gearyC, 1e-10);
}

TEST(morphology_moran_fft_pruned_matches_pairs) {
  // The pruned FFT (half-grid kernel transform, skipped zero lines) against exact pair sums, on an ROI
  // whose box is odd, non-cubic and anisotropic, with a sparse irregular mask and its box away from the
  // grid origin: every axis pads differently (13 -> 32, 6 -> 16, 5 -> 16; a 1-voxel axis too).
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  for (int shape = 0; shape < 2; ++shape) {
    const int nx = 17, ny = shape ? 1 : 9, nz = 7;
    std::vector<double> v(static_cast<size_t>(nx * ny * nz));
    std::vector<uint8_t> m(v.size(), 0);
    for (int z = 0; z < nz; ++z)
      for (int y = 0; y < ny; ++y)
        for (int x = 0; x < nx; ++x) {
          const size_t i = static_cast<size_t>(x + nx * (y + ny * z));
          v[i] = 2.0 * x - 3.0 * z + 40.0 * u(rng);
          const bool inBox = x >= 2 && x < 15 && (shape || (y >= 1 && y < 7)) && z >= 1 && z < 6;
          m[i] = inBox && u(rng) < 0.7 ? 1 : 0;
        }
    const RoiImage roi = makeRoi(nx, ny, nz, v, m, 0.7, 1.1, 3.0);
    const auto exact = spatialAutocorrelation(roi, 1 << 30, 1);
    CHECK(!exact.estimated);
    radiomics::ExactAutocorrelation one, three;
    CHECK(autocorrelationByFft(roi, int64_t(1) << 23, &one, 1));
    CHECK(autocorrelationByFft(roi, int64_t(1) << 23, &three, 3));
    CHECK_NEAR(one.moranI, exact.moranI, 1e-10 * std::fabs(exact.moranI));
    CHECK_NEAR(one.gearyC, exact.gearyC, 1e-10 * std::fabs(exact.gearyC));
    CHECK(one.moranI == three.moranI && one.gearyC == three.gearyC);  // any thread count, same bits
    CHECK(one.voxels == exact.voxels);
  }
}

TEST(morphology_moran_simd_matches_scalar) {
  const RoiImage roi = phantomRoi();
  const Isa best = detectIsa();
  setActiveIsa(Isa::Baseline);
  const auto a = spatialAutocorrelation(roi, 20000, 1);
  setActiveIsa(best);
  const auto b = spatialAutocorrelation(roi, 20000, 1);
  CHECK(a.moranI == b.moranI && a.gearyC == b.gearyC);  // fixed lanes: bit-identical
}

TEST(morphology_separate_intensity_mask) {
  // Morphological mask: voxels x = 0, 1 (1 x 2 x 1 mm); intensity mask (after re-segmentation): x = 1
  // only, intensity 5. CoM_geom = 0.5 mm, CoM_gl = 1 mm along x: shift 0.5 mm. The mesh (and V) come
  // from the morphological mask; the integrated intensity is V * 5.
  RoiImage r = makeRoi(3, 1, 1, {7, 5, 9}, {1, 1, 0});
  r.intMask = {0, 1, 0};
  r.intCount = 1;
  auto f = morphologyOf(r);
  CHECK_NEAR(f["morph_volume"], boxMeshVolume(2, 1, 1), 1e-12);
  CHECK_NEAR(f["morph_com"], 0.5, 1e-12);
  CHECK_NEAR(f["morph_integ_int"], 5 * boxMeshVolume(2, 1, 1), 1e-12);
  CHECK(std::isnan(f["morph_moran_i"]));  // a single intensity voxel
}
