// Resampling: grid geometry (IBSI 026Q / QCY4, corner grid, oblique directions), exactness of the
// interpolators (linear on linear functions, cubic B-spline on cubic polynomials and at the samples),
// identity for unchanged spacing, boxes, thread-count invariance, mask partial-volume thresholding.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "check.h"
#include "core/error.h"
#include "resample.h"
#include "resample_bspline.h"

using namespace radiomics;

namespace {

Grid makeGrid(int64_t nx, int64_t ny, int64_t nz, double sx, double sy, double sz) {
  Grid g;
  g.nx = nx; g.ny = ny; g.nz = nz;
  g.spacing[0] = sx; g.spacing[1] = sy; g.spacing[2] = sz;
  g.origin[0] = -12.5; g.origin[1] = 40.25; g.origin[2] = 7.0;
  return g;
}

ResampleOptions spacingOpt(double sx, double sy, double sz, Interpolation m = Interpolation::Linear) {
  ResampleOptions o;
  o.spacing[0] = sx; o.spacing[1] = sy; o.spacing[2] = sz;
  o.method = m;
  return o;
}

template <typename T>
std::vector<T> randomVolume(const Grid& g, int lo, int hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> d(lo, hi);
  std::vector<T> v(static_cast<size_t>(g.size()));
  for (auto& x : v) x = static_cast<T>(d(rng));
  return v;
}

double clampPos(double p, int64_t n) { return std::min(std::max(p, 0.0), static_cast<double>(n - 1)); }

// Naive trilinear interpolation at a continuous index (nearest boundary value outside).
template <typename T>
double trilinear(const std::vector<T>& v, const Grid& g, double px, double py, double pz) {
  const double p[3] = {clampPos(px, g.nx), clampPos(py, g.ny), clampPos(pz, g.nz)};
  const int64_t n[3] = {g.nx, g.ny, g.nz};
  int64_t i0[3], i1[3];
  double f[3];
  for (int a = 0; a < 3; ++a) {
    i0[a] = static_cast<int64_t>(std::floor(p[a]));
    if (i0[a] > n[a] - 2) i0[a] = std::max<int64_t>(n[a] - 2, 0);
    i1[a] = std::min(i0[a] + 1, n[a] - 1);
    f[a] = p[a] - static_cast<double>(i0[a]);
  }
  double s = 0;
  for (int c = 0; c < 8; ++c) {
    const int64_t x = (c & 1) ? i1[0] : i0[0], y = (c & 2) ? i1[1] : i0[1], z = (c & 4) ? i1[2] : i0[2];
    const double w = ((c & 1) ? f[0] : 1 - f[0]) * ((c & 2) ? f[1] : 1 - f[1]) * ((c & 4) ? f[2] : 1 - f[2]);
    s += w * static_cast<double>(v[static_cast<size_t>(g.index(x, y, z))]);
  }
  return s;
}

// Rotation matrix (row-major, columns = axis directions) from three angles.
void obliqueDirection(double d[9]) {
  const double a = 0.4, b = -0.25, c = 0.9;
  const double rz[9] = {std::cos(a), -std::sin(a), 0, std::sin(a), std::cos(a), 0, 0, 0, 1};
  const double ry[9] = {std::cos(b), 0, std::sin(b), 0, 1, 0, -std::sin(b), 0, std::cos(b)};
  const double rx[9] = {1, 0, 0, 0, std::cos(c), -std::sin(c), 0, std::sin(c), std::cos(c)};
  double t[9];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      t[3 * i + j] = 0;
      for (int k = 0; k < 3; ++k) t[3 * i + j] += rz[3 * i + k] * ry[3 * k + j];
    }
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      d[3 * i + j] = 0;
      for (int k = 0; k < 3; ++k) d[3 * i + j] += t[3 * i + k] * rx[3 * k + j];
    }
}

}  // namespace

TEST(resample_ibsi_grid_config_b_c) {
  // The IBSI CT phantom: 204 x 201 x 60 voxels of 0.977 x 0.977 x 3 mm (0.9765625 exactly).
  for (double s : {0.9765625, 0.977}) {
    Grid g = makeGrid(204, 201, 60, s, s, 3.0);
    // Config C/D/E: 2 x 2 x 2 mm -> 100 x 99 x 90 (reference img_dim_*_interp_img).
    ResamplePlan c = planResample(g, spacingOpt(2, 2, 2));
    CHECK(c.output.nx == 100 && c.output.ny == 99 && c.output.nz == 90);
    CHECK(c.output.spacing[0] == 2 && c.output.spacing[1] == 2 && c.output.spacing[2] == 2);
    // QCY4: x_b = x_a + (s_a (n_a - 1) - s_b (n_b - 1)) / 2.
    CHECK_NEAR(c.output.origin[0], g.origin[0] + (s * 203 - 2 * 99) / 2, 1e-12);
    CHECK_NEAR(c.output.origin[1], g.origin[1] + (s * 200 - 2 * 98) / 2, 1e-12);
    CHECK_NEAR(c.output.origin[2], g.origin[2] + (3.0 * 59 - 2 * 89) / 2, 1e-12);
    CHECK_NEAR(c.axis[0].start, 0.5 * (203 - (2 / s) * 99), 1e-12);
    // Config B: 2 x 2 mm in-plane, slices untouched -> 100 x 99 x 60, z spacing 3.
    ResampleOptions ob = spacingOpt(2, 2, 0);
    ob.inPlane = true;
    ob.spacing[2] = 2;  // ignored in-plane
    ResamplePlan b = planResample(g, ob);
    CHECK(b.output.nx == 100 && b.output.ny == 99 && b.output.nz == 60);
    CHECK(b.output.spacing[2] == 3.0 && b.axis[2].identity());
    CHECK(b.output.origin[2] == g.origin[2]);
  }
  // The manual's example: 4 voxels of 3 mm -> 2 mm gives 6 voxels, centred.
  ResamplePlan e = planResample(makeGrid(4, 4, 1, 3, 3, 1), spacingOpt(2, 2, 0));
  CHECK(e.output.nx == 6 && e.output.ny == 6 && e.output.nz == 1);
  CHECK_NEAR(e.axis[0].start, 0.5 * (3 - (2.0 / 3.0) * 5), 1e-15);
  // Exact multiples do not gain a voxel from rounding noise: 10 x 0.3 / 0.1 = 30.
  CHECK(planResample(makeGrid(10, 7, 3, 0.3, 0.7, 0.3), spacingOpt(0.1, 0.1, 0.1)).output.nx == 30);
  CHECK(planResample(makeGrid(10, 7, 3, 0.3, 0.7, 0.3), spacingOpt(0.1, 0.1, 0.1)).output.ny == 49);
}

TEST(resample_corner_grid_pyradiomics) {
  Grid g = makeGrid(204, 201, 60, 0.9765625, 0.9765625, 3.0);
  ResampleOptions o = spacingOpt(2, 2, 2);
  o.alignment = GridAlignment::Corner;
  ResamplePlan p = planResample(g, o);
  CHECK(p.output.nx == 100 && p.output.ny == 99 && p.output.nz == 90);
  // newOriginIndex = 0.5 (s_b - s_a) / s_a: the outer corners of voxel 0 coincide.
  for (int a = 0; a < 3; ++a) {
    CHECK_NEAR(p.axis[a].start, 0.5 * (2 - g.spacing[a]) / g.spacing[a], 1e-15);
    CHECK_NEAR(p.output.origin[a] - p.output.spacing[a] / 2, g.origin[a] - g.spacing[a] / 2, 1e-12);
  }
}

TEST(resample_pyradiomics_crop_box) {
  // 100 voxels of 0.8 mm -> 2 mm (ratio 0.4, 40 voxels); mask voxels 20..29 along x.
  Grid g = makeGrid(100, 50, 10, 0.8, 0.8, 2.0);
  ResampleOptions o = spacingOpt(2, 2, 2);
  o.alignment = GridAlignment::Corner;
  const ResamplePlan p = planResample(g, o);
  Box mb;
  mb.lo[0] = 20; mb.hi[0] = 30;  // floor(19.5 * 0.4 - 5) = 2, ceil(29.5 * 0.4 + 5) = 17
  mb.lo[1] = 0; mb.hi[1] = 50;   // floor(-0.5 * 0.4 - 5) = -6 -> 0, ceil(49.5 * 0.4 + 5) = 25 -> 19
  mb.lo[2] = 4; mb.hi[2] = 5;    // ratio 1: floor(3.5 - 5) = -2 -> 0, ceil(4.5 + 5) = 10 -> 9
  const Box b = pyradiomicsCropBox(p, mb, 5);
  CHECK(b.lo[0] == 2 && b.hi[0] == 18);
  CHECK(b.lo[1] == 0 && b.hi[1] == 20);
  CHECK(b.lo[2] == 0 && b.hi[2] == 10);
}

TEST(resample_identity_all_methods) {
  Grid g = makeGrid(13, 9, 7, 0.8, 1.1, 2.5);
  auto v = randomVolume<int16_t>(g, -1000, 3000, 1);
  for (auto m : {Interpolation::Nearest, Interpolation::Linear, Interpolation::BSpline})
    for (auto al : {GridAlignment::Centre, GridAlignment::Corner}) {
      ResampleOptions o = spacingOpt(0.8, 1.1, 2.5, m);
      o.alignment = al;
      auto r = resampleImage<int16_t, double>(v.data(), g, o);
      CHECK(r.grid.nx == 13 && r.grid.ny == 9 && r.grid.nz == 7);
      for (int a = 0; a < 3; ++a) CHECK(r.grid.origin[a] == g.origin[a]);
      bool same = r.data.size() == v.size();
      for (size_t i = 0; same && i < v.size(); ++i) same = r.data[i] == v[i];
      CHECK(same);
      // Spacing 0 keeps an axis as well.
      auto r0 = resampleImage<int16_t, float>(v.data(), g, spacingOpt(0, 0, 0, m));
      same = r0.data.size() == v.size();
      for (size_t i = 0; same && i < v.size(); ++i) same = r0.data[i] == v[i];
      CHECK(same);
    }
}

TEST(resample_linear_exact_for_linear_functions) {
  Grid g = makeGrid(12, 10, 8, 0.9, 1.1, 2.0);
  std::vector<double> v(static_cast<size_t>(g.size()));
  auto f = [](double x, double y, double z) { return 3.0 + 0.5 * x - 1.25 * y + 2.0 * z; };
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x) v[static_cast<size_t>(g.index(x, y, z))] = f(double(x), double(y), double(z));
  for (auto al : {GridAlignment::Centre, GridAlignment::Corner}) {
    ResampleOptions o = spacingOpt(0.7, 1.3, 1.5);
    o.alignment = al;
    auto r = resampleImage<double, double>(v.data(), g, o);
    const ResamplePlan p = planResample(g, o);
    double maxErr = 0;
    for (int64_t z = 0; z < r.grid.nz; ++z)
      for (int64_t y = 0; y < r.grid.ny; ++y)
        for (int64_t x = 0; x < r.grid.nx; ++x) {
          // Nearest boundary value outside: f at the clamped position.
          const double e = f(clampPos(p.axis[0].position(x), g.nx), clampPos(p.axis[1].position(y), g.ny),
                             clampPos(p.axis[2].position(z), g.nz));
          maxErr = std::max(maxErr, std::fabs(r.data[static_cast<size_t>(r.grid.index(x, y, z))] - e));
        }
    CHECK(maxErr < 1e-12);
  }
  // Random data against a naive trilinear interpolator, downsampling and upsampling.
  auto rv = randomVolume<int16_t>(g, -1000, 1000, 2);
  for (double s : {0.45, 1.7}) {
    ResampleOptions o = spacingOpt(s, s, s);
    auto r = resampleImage<int16_t, double>(rv.data(), g, o);
    const ResamplePlan p = planResample(g, o);
    double maxErr = 0;
    for (int64_t z = 0; z < r.grid.nz; ++z)
      for (int64_t y = 0; y < r.grid.ny; ++y)
        for (int64_t x = 0; x < r.grid.nx; ++x)
          maxErr = std::max(maxErr, std::fabs(r.data[static_cast<size_t>(r.grid.index(x, y, z))] -
                                              trilinear(rv, g, p.axis[0].position(x), p.axis[1].position(y),
                                                        p.axis[2].position(z))));
    CHECK(maxErr < 1e-9);
  }
}

TEST(resample_nearest_neighbour) {
  Grid g = makeGrid(9, 8, 5, 1.0, 1.0, 2.0);
  auto v = randomVolume<uint8_t>(g, 0, 255, 3);
  ResampleOptions o = spacingOpt(0.6, 1.7, 0.9, Interpolation::Nearest);
  auto r = resampleImage<uint8_t, double>(v.data(), g, o);
  const ResamplePlan p = planResample(g, o);
  bool ok = true;
  for (int64_t z = 0; z < r.grid.nz; ++z)
    for (int64_t y = 0; y < r.grid.ny; ++y)
      for (int64_t x = 0; x < r.grid.nx; ++x) {
        int64_t i[3];
        const int64_t q[3] = {x, y, z}, n[3] = {g.nx, g.ny, g.nz};
        for (int a = 0; a < 3; ++a)
          i[a] = static_cast<int64_t>(std::floor(clampPos(p.axis[a].position(q[a]), n[a]) + 0.5));
        const double got = r.data[static_cast<size_t>(r.grid.index(x, y, z))];
        ok = ok && got == v[static_cast<size_t>(g.index(i[0], i[1], i[2]))];
      }
  CHECK(ok);
}

TEST(resample_bspline_prefilter_interpolates) {
  // Coefficients c of any line length satisfy (c[k-1] + 4 c[k] + c[k+1]) / 6 = f[k] (mirror boundary),
  // both for the exact short-line initialisation and the truncated one (n > 28).
  std::mt19937 rng(4);
  std::uniform_real_distribution<double> d(-100, 100);
  for (int64_t n = 1; n <= 70; ++n) {
    std::vector<double> f(static_cast<size_t>(n)), c;
    for (auto& x : f) x = d(rng);
    c = f;
    bspline::prefilter<1>(c.data(), n, 1);
    double maxErr = 0;
    for (int64_t k = 0; k < n; ++k) {
      const double s = (c[static_cast<size_t>(bspline::mirror(k - 1, n))] + 4 * c[static_cast<size_t>(k)] +
                        c[static_cast<size_t>(bspline::mirror(k + 1, n))]) / 6;
      maxErr = std::max(maxErr, std::fabs(s - f[static_cast<size_t>(k)]));
    }
    CHECK(maxErr < 1e-10);
    // The plane form gives the same coefficients as line by line.
    std::vector<double> plane(static_cast<size_t>(3 * n));
    for (int64_t k = 0; k < n; ++k)
      for (int x = 0; x < 3; ++x) plane[static_cast<size_t>(3 * k + x)] = f[static_cast<size_t>(k)] * (x + 1);
    bspline::prefilter(plane.data(), n, 3);
    bool same = true;
    for (int64_t k = 0; k < n; ++k)
      same = same && std::fabs(plane[static_cast<size_t>(3 * k + 1)] - 2 * c[static_cast<size_t>(k)]) < 1e-9;
    CHECK(same);
  }
  // In 3D: upsampling by 3 (centre grid) puts every third output voxel on an input voxel centre.
  Grid g = makeGrid(7, 6, 5, 3.0, 3.0, 3.0);
  auto v = randomVolume<int16_t>(g, -500, 500, 5);
  ResampleOptions o = spacingOpt(1, 1, 1, Interpolation::BSpline);
  auto r = resampleImage<int16_t, double>(v.data(), g, o);
  CHECK(r.grid.nx == 21 && r.grid.ny == 18 && r.grid.nz == 15);
  double maxErr = 0;
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x)
        maxErr = std::max(maxErr, std::fabs(r.data[static_cast<size_t>(r.grid.index(3 * x + 1, 3 * y + 1, 3 * z + 1))] -
                                            v[static_cast<size_t>(g.index(x, y, z))]));
  CHECK(maxErr < 1e-9);
}

TEST(resample_bspline_exact_for_cubics) {
  // Tensor-product cubic (degree <= 3 along each axis): reproduced exactly away from the boundary,
  // where the mirror extension no longer matters (influence ~ 0.268^distance).
  Grid g = makeGrid(60, 58, 56, 1.0, 1.2, 1.5);
  auto f = [](double x, double y, double z) {
    const double u = x / 10, v = y / 10, w = z / 10;
    return 1 + u - 0.5 * u * u + 0.25 * u * u * u + 0.3 * v * v * v - v * w + 0.1 * u * v * w + 0.2 * w * w * w -
           0.05 * u * u * u * w * w;
  };
  std::vector<double> vold(static_cast<size_t>(g.size()));
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x)
        vold[static_cast<size_t>(g.index(x, y, z))] = f(double(x), double(y), double(z));
  ResampleOptions o = spacingOpt(0.7, 1.9, 1.1, Interpolation::BSpline);
  auto r = resampleImage<double, double>(vold.data(), g, o);
  const ResamplePlan p = planResample(g, o);
  double maxErr = 0;
  int64_t checked = 0;
  const int64_t n[3] = {g.nx, g.ny, g.nz};
  for (int64_t z = 0; z < r.grid.nz; ++z)
    for (int64_t y = 0; y < r.grid.ny; ++y)
      for (int64_t x = 0; x < r.grid.nx; ++x) {
        const double q[3] = {p.axis[0].position(x), p.axis[1].position(y), p.axis[2].position(z)};
        bool inside = true;
        for (int a = 0; a < 3; ++a) inside = inside && q[a] >= 25 && q[a] <= static_cast<double>(n[a] - 26);
        if (!inside) continue;
        ++checked;
        maxErr = std::max(maxErr, std::fabs(r.data[static_cast<size_t>(r.grid.index(x, y, z))] - f(q[0], q[1], q[2])));
      }
  CHECK(checked > 100);
  CHECK(maxErr < 1e-9);
}

TEST(resample_oblique_direction) {
  Grid g = makeGrid(14, 12, 9, 0.8, 0.9, 2.2);
  obliqueDirection(g.direction);
  // A linear function of the physical position: linear interpolation reproduces it wherever the
  // output voxel lies inside the input, which checks the output origin / direction end to end.
  const double grad[3] = {0.7, -1.1, 0.35};
  auto f = [&](const double p[3]) { return 5 + grad[0] * p[0] + grad[1] * p[1] + grad[2] * p[2]; };
  std::vector<double> v(static_cast<size_t>(g.size()));
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x) {
        double p[3];
        g.toPhysical(double(x), double(y), double(z), p);
        v[static_cast<size_t>(g.index(x, y, z))] = f(p);
      }
  for (auto al : {GridAlignment::Centre, GridAlignment::Corner}) {
    ResampleOptions o = spacingOpt(1.0, 1.0, 1.0);
    o.alignment = al;
    auto r = resampleImage<double, double>(v.data(), g, o);
    const ResamplePlan plan = planResample(g, o);
    for (int i = 0; i < 9; ++i) CHECK(r.grid.direction[i] == g.direction[i]);
    double start[3] = {plan.axis[0].start, plan.axis[1].start, plan.axis[2].start}, o0[3];
    g.toPhysical(start[0], start[1], start[2], o0);
    for (int a = 0; a < 3; ++a) CHECK_NEAR(r.grid.origin[a], o0[a], 1e-12);
    double maxErr = 0;
    int64_t checked = 0;
    for (int64_t z = 0; z < r.grid.nz; ++z)
      for (int64_t y = 0; y < r.grid.ny; ++y)
        for (int64_t x = 0; x < r.grid.nx; ++x) {
          const double q[3] = {plan.axis[0].position(x), plan.axis[1].position(y), plan.axis[2].position(z)};
          if (q[0] < 0 || q[1] < 0 || q[2] < 0 || q[0] > g.nx - 1 || q[1] > g.ny - 1 || q[2] > g.nz - 1) continue;
          double p[3];
          r.grid.toPhysical(double(x), double(y), double(z), p);
          ++checked;
          maxErr = std::max(maxErr, std::fabs(r.data[static_cast<size_t>(r.grid.index(x, y, z))] - f(p)));
        }
    CHECK(checked > 1000);
    CHECK(maxErr < 1e-9);
  }
}

TEST(resample_thread_count_invariance) {
  Grid g = makeGrid(37, 29, 23, 0.7, 0.7, 2.5);
  auto v = randomVolume<int16_t>(g, -1024, 3071, 6);
  for (auto m : {Interpolation::Nearest, Interpolation::Linear, Interpolation::BSpline})
    for (bool inPlane : {false, true}) {
      ResampleOptions o = spacingOpt(1, 1, 1, m);
      o.inPlane = inPlane;
      o.threads = 1;
      auto ref = resampleImage<int16_t, double>(v.data(), g, o);
      for (int t : {2, 3, 7, 64}) {
        o.threads = t;
        auto r = resampleImage<int16_t, double>(v.data(), g, o);
        CHECK(r.data.size() == ref.data.size() &&
              std::memcmp(r.data.data(), ref.data.data(), ref.data.size() * sizeof(double)) == 0);
      }
    }
}

// The z-pass intermediate is bounded by computing the output in tiles of x columns; results must not
// depend on the tile width (maxIntermediateBytes) nor on the thread count.
TEST(resample_tiles_bitwise_identical) {
  Grid g = makeGrid(37, 29, 23, 0.7, 0.7, 2.5);
  auto v = randomVolume<int16_t>(g, -1024, 3071, 11);
  std::vector<uint8_t> mask(v.size());
  for (size_t i = 0; i < v.size(); ++i) mask[i] = v[i] > 1000 ? 1 : 0;
  const int64_t huge = int64_t(1) << 62;
  int64_t cases = 0;
  for (auto m : {Interpolation::Nearest, Interpolation::Linear, Interpolation::BSpline})
    for (int variant = 0; variant < 5; ++variant) {
      ResampleOptions o = spacingOpt(1, 1, 1, m);
      if (variant == 1) o.inPlane = true;
      if (variant == 2) {  // a box: tiles cover only its columns
        o.box.lo[0] = 3; o.box.hi[0] = 20; o.box.lo[1] = 2; o.box.hi[1] = 19; o.box.lo[2] = 4; o.box.hi[2] = 50;
      }
      if (variant == 3) {  // upsampling in x, downsampling in y, unchanged-length z
        o.spacing[0] = 0.45; o.spacing[1] = 1.6; o.spacing[2] = 2.0;
      }
      if (variant == 4) o.spacing[1] = 0;  // y kept: x prefiltered (B-spline), y copied, z interpolated
      o.threads = 1;
      o.maxIntermediateBytes = huge;  // one tile: the reference
      auto ref = resampleImage<int16_t, double>(v.data(), g, o);
      auto refF = resampleImage<int16_t, float>(v.data(), g, o);
      MaskResampleOptions mo;
      mo.method = m == Interpolation::Nearest ? Interpolation::Nearest : Interpolation::Linear;
      auto refM = resampleMask(mask.data(), g, o, mo);
      // Tiles are column strips (B-spline y) or row bands (otherwise), `unit` bytes per column / row.
      const int64_t unit = std::max(ref.grid.nx, ref.grid.ny) * g.nz * 8;
      // 1 byte -> one column / row per tile; 3 and 7 units (uneven split); default (5 % / 1 MiB floor).
      for (int64_t bytes : {int64_t(1), 3 * unit, 7 * unit + 5, int64_t(0)})
        for (int t : {1, 3, 8}) {
          o.maxIntermediateBytes = bytes;
          o.threads = t;
          auto r = resampleImage<int16_t, double>(v.data(), g, o);
          CHECK(r.data.size() == ref.data.size() &&
                std::memcmp(r.data.data(), ref.data.data(), ref.data.size() * sizeof(double)) == 0);
          auto rf = resampleImage<int16_t, float>(v.data(), g, o);
          CHECK(rf.data.size() == refF.data.size() &&
                std::memcmp(rf.data.data(), refF.data.data(), refF.data.size() * sizeof(float)) == 0);
          CHECK(resampleMask(mask.data(), g, o, mo).data == refM.data);
          ++cases;
        }
    }
  CHECK(cases == 3 * 5 * 4 * 3);
}

TEST(resample_box_matches_full) {
  Grid g = makeGrid(31, 27, 19, 0.8, 0.8, 2.0);
  auto v = randomVolume<int16_t>(g, -1000, 1000, 7);
  for (auto m : {Interpolation::Nearest, Interpolation::Linear, Interpolation::BSpline}) {
    ResampleOptions o = spacingOpt(1.1, 0.6, 1.3, m);
    auto full = resampleImage<int16_t, double>(v.data(), g, o);
    o.box.lo[0] = 3; o.box.hi[0] = 17;
    o.box.lo[1] = 10; o.box.hi[1] = 11;
    o.box.lo[2] = 5; o.box.hi[2] = 29;
    auto part = resampleImage<int16_t, double>(v.data(), g, o);
    CHECK(part.grid.nx == 14 && part.grid.ny == 1 && part.grid.nz == 24);
    double org[3];
    full.grid.toPhysical(3, 10, 5, org);
    for (int a = 0; a < 3; ++a) CHECK_NEAR(part.grid.origin[a], org[a], 1e-12);
    bool same = true;
    for (int64_t z = 0; z < part.grid.nz; ++z)
      for (int64_t y = 0; y < part.grid.ny; ++y)
        for (int64_t x = 0; x < part.grid.nx; ++x)
          same = same && part.data[static_cast<size_t>(part.grid.index(x, y, z))] ==
                             full.data[static_cast<size_t>(full.grid.index(x + 3, y + 10, z + 5))];
    CHECK(same);
  }
  // coveringBox: every output voxel that sees the input box lies inside it.
  ResamplePlan p = planResample(g, spacingOpt(0.5, 1.5, 1.0));
  Box in;
  in.lo[0] = 4; in.hi[0] = 9; in.lo[1] = 0; in.hi[1] = 3; in.lo[2] = 10; in.hi[2] = 19;
  const int64_t none[3] = {0, 0, 0}, five[3] = {5, 5, 5};
  Box b = coveringBox(p, in, none), b5 = coveringBox(p, in, five);
  CHECK(b.lo[1] == 0 && b.hi[2] == p.output.nz);
  for (int a = 0; a < 3; ++a) {
    CHECK(b5.lo[a] == std::max<int64_t>(b.lo[a] - 5, 0));
    CHECK(b5.hi[a] == std::min<int64_t>(b.hi[a] + 5, a == 0 ? p.output.nx : a == 1 ? p.output.ny : p.output.nz));
    const int64_t nOut = p.axis[a].nOut;
    for (int64_t i = 0; i < nOut; ++i) {
      const double q = clampPos(p.axis[a].position(i), p.axis[a].nIn);
      const bool sees = q > in.lo[a] - 1 && q < in.hi[a];
      CHECK(sees == (i >= b.lo[a] && i < b.hi[a]));
    }
  }
}

TEST(resample_into_caller_buffer) {
  Grid g = makeGrid(17, 13, 9, 0.8, 0.8, 2.0);
  auto v = randomVolume<int16_t>(g, -1000, 1000, 9);
  ResampleOptions o = spacingOpt(1, 1, 1, Interpolation::BSpline);
  o.rounding = Rounding::Nearest;
  const ResampleTarget t = resampleTarget(g, o);
  auto ref = resampleImage<int16_t, float>(v.data(), g, o);
  CHECK(t.grid.size() == ref.grid.size() && t.grid.nx == ref.grid.nx && t.grid.nz == ref.grid.nz);
  std::vector<float> buf(static_cast<size_t>(t.grid.size()), -7.0f);
  resampleImageInto(v.data(), g, o, buf.data());
  CHECK(buf == ref.data);
  std::vector<uint8_t> mask(v.size());
  for (size_t i = 0; i < v.size(); ++i) mask[i] = v[i] > 0;
  auto mref = resampleMask(mask.data(), g, o, MaskResampleOptions());
  std::vector<uint8_t> mbuf(static_cast<size_t>(t.grid.size()), 9);
  resampleMaskInto(mask.data(), g, o, MaskResampleOptions(), mbuf.data());
  CHECK(mbuf == mref.data);
}

TEST(resample_rounding) {
  Grid g = makeGrid(4, 1, 1, 1, 1, 1);
  const std::vector<int16_t> v = {1, 2, -3, -4};
  ResampleOptions o = spacingOpt(2, 0, 0);
  o.alignment = GridAlignment::Corner;  // positions 0.5 and 2.5: values 1.5 and -3.5
  auto r = resampleImage<int16_t, double>(v.data(), g, o);
  CHECK(r.data.size() == 2 && r.data[0] == 1.5 && r.data[1] == -3.5);
  o.rounding = Rounding::Nearest;  // halves to even
  r = resampleImage<int16_t, double>(v.data(), g, o);
  CHECK(r.data[0] == 2 && r.data[1] == -4);
  o.rounding = Rounding::TowardZero;
  r = resampleImage<int16_t, double>(v.data(), g, o);
  CHECK(r.data[0] == 1 && r.data[1] == -3);
}

TEST(resample_mask_partial_volume) {
  Grid g = makeGrid(10, 10, 6, 1.0, 1.0, 2.0);
  std::vector<int16_t> m(static_cast<size_t>(g.size()), 0);
  for (int64_t z = 1; z < 5; ++z)
    for (int64_t y = 2; y < 7; ++y)
      for (int64_t x = 3; x < 8; ++x) m[static_cast<size_t>(g.index(x, y, z))] = (x + y) % 5 == 0 ? 2 : 1;
  // label 2 voxels count as background for label 1
  for (auto method : {Interpolation::Linear, Interpolation::Nearest})
    for (double delta : {0.5, 0.25, 1.0}) {
      ResampleOptions geo = spacingOpt(0.7, 1.3, 0.9);
      MaskResampleOptions mo;
      mo.method = method;
      mo.threshold = delta;
      auto r = resampleMask(m.data(), g, geo, mo);
      const ResamplePlan p = planResample(g, geo);
      std::vector<double> bin(m.size());
      for (size_t i = 0; i < m.size(); ++i) bin[i] = m[i] == 1 ? 1.0 : 0.0;
      bool ok = true;
      int64_t count = 0;
      for (int64_t z = 0; z < r.grid.nz; ++z)
        for (int64_t y = 0; y < r.grid.ny; ++y)
          for (int64_t x = 0; x < r.grid.nx; ++x) {
            const double q[3] = {p.axis[0].position(x), p.axis[1].position(y), p.axis[2].position(z)};
            double e;
            if (method == Interpolation::Linear) {
              e = trilinear(bin, g, q[0], q[1], q[2]);
            } else {
              const int64_t i0 = static_cast<int64_t>(std::floor(clampPos(q[0], g.nx) + 0.5));
              const int64_t i1 = static_cast<int64_t>(std::floor(clampPos(q[1], g.ny) + 0.5));
              const int64_t i2 = static_cast<int64_t>(std::floor(clampPos(q[2], g.nz) + 0.5));
              e = bin[static_cast<size_t>(g.index(i0, i1, i2))];
            }
            const uint8_t got = r.data[static_cast<size_t>(r.grid.index(x, y, z))];
            count += got;
            // away from float ties at the threshold, the result must agree
            if (std::fabs(e - delta) > 1e-9) ok = ok && got == (e >= delta ? 1 : 0);
          }
      CHECK(ok);
      CHECK(count > 0);
    }
  // Label selection via RawVolume, and identity.
  RawVolume raw;
  raw.data = m.data();
  raw.dtype = DType::I16;
  raw.length = static_cast<int64_t>(m.size());
  raw.grid = g;
  MaskResampleOptions mo;
  mo.label = 2;
  auto id = resampleMask(raw, spacingOpt(1, 1, 2), mo);
  bool same = true;
  for (size_t i = 0; i < m.size(); ++i) same = same && id.data[i] == (m[i] == 2 ? 1 : 0);
  CHECK(same);
}

TEST(resample_errors) {
  Grid g = makeGrid(10, 10, 6, 1.0, 1.0, 2.0);
  std::vector<float> v(static_cast<size_t>(g.size()), 1.0f);
  CHECK_THROWS_CODE(planResample(g, spacingOpt(-1, 1, 1)), code::kBadSpacing);
  CHECK_THROWS_CODE(planResample(g, spacingOpt(NAN, 1, 1)), code::kBadSpacing);
  Grid bad = g;
  bad.spacing[1] = 0;
  CHECK_THROWS_CODE(planResample(bad, spacingOpt(1, 1, 1)), code::kBadSpacing);
  bad = g;
  bad.nz = 0;
  CHECK_THROWS_CODE(planResample(bad, spacingOpt(1, 1, 1)), code::kBadDimensions);
  CHECK_THROWS_CODE(planResample(g, spacingOpt(1e-9, 1, 1)), code::kBadDimensions);
  ResampleOptions o = spacingOpt(0.01, 0.01, 0.01);
  o.maxVoxels = 1000000;
  CHECK_THROWS_CODE((resampleImage<float, double>(v.data(), g, o)), code::kBadDimensions);
  o = spacingOpt(1, 1, 1);
  o.box.lo[0] = 0; o.box.hi[0] = 11; o.box.hi[1] = 1; o.box.hi[2] = 1;
  CHECK_THROWS_CODE((resampleImage<float, double>(v.data(), g, o)), code::kInvalidArgument);
  MaskResampleOptions mo;
  mo.method = Interpolation::BSpline;
  CHECK_THROWS_CODE(resampleMask(v.data(), g, spacingOpt(1, 1, 1), mo), code::kInvalidArgument);
  mo.method = Interpolation::Linear;
  mo.threshold = 0;
  CHECK_THROWS_CODE(resampleMask(v.data(), g, spacingOpt(1, 1, 1), mo), code::kInvalidArgument);
  RawVolume raw;
  raw.data = v.data();
  raw.dtype = DType::F32;
  raw.length = 5;
  raw.grid = g;
  CHECK_THROWS_CODE(resampleImage<double>(raw, spacingOpt(1, 1, 1)), code::kDataLength);
  // Single-voxel and single-slice inputs work.
  Grid one = makeGrid(1, 1, 1, 1, 1, 1);
  const double val = 42;
  for (auto m : {Interpolation::Nearest, Interpolation::Linear, Interpolation::BSpline}) {
    auto r = resampleImage<double, double>(&val, one, spacingOpt(0.3, 0.3, 0.3, m));
    bool all = r.data.size() == 64;
    for (double x : r.data) all = all && std::fabs(x - 42) < 1e-12;
    CHECK(all);
  }
}

// ROI-first: a box computed from only the input window it reads (inputWindow()) equals the box of the
// whole resampling -- bitwise for nearest and linear; for cubic B-spline with lines cut
// bspline::kPrefilterMargin samples beyond the taps, within 1e-12 max|f| (bound derived in
// resample_bspline.h: 70 |z1|^28 max|f| = 7e-15 max|f|), also for signals that do not decay (a ramp plus
// noise, which a cut line's mirror boundary sees most).
TEST(resample_roi_first_window_matches_whole) {
  const Grid g = makeGrid(150, 131, 70, 0.7, 0.8, 2.5);
  std::vector<float> v(static_cast<size_t>(g.size()));
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> noise(-200, 200);
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x)
        v[static_cast<size_t>(g.index(x, y, z))] = static_cast<float>(3.0 * x - 2.0 * y + 40.0 * z + noise(rng));
  double fmax = 0;
  for (float f : v) fmax = std::max(fmax, std::fabs(static_cast<double>(f)));
  for (Interpolation m : {Interpolation::Nearest, Interpolation::Linear, Interpolation::BSpline}) {
    ResampleOptions whole = spacingOpt(1, 1, 1, m);
    const Resampled<double> full = resampleImage<float, double>(v.data(), g, whole);
    for (int trial = 0; trial < 3; ++trial) {
      ResampleOptions o = whole;
      o.box.lo[0] = 20 + 15 * trial; o.box.hi[0] = o.box.lo[0] + 17;
      o.box.lo[1] = 40; o.box.hi[1] = 41 + 20 * trial;
      o.box.lo[2] = 60 + trial; o.box.hi[2] = 100 + 30 * trial;
      o.prefilterMargin = bspline::kPrefilterMargin;
      const ResampleTarget target = resampleTarget(g, o);
      o.inputWindow = inputWindow(target, o, m);
      // The window is a small part of the input when lines are cut.
      CHECK(o.inputWindow.extent(0) < g.nx && o.inputWindow.extent(1) < g.ny);
      std::vector<float> window;
      for (int64_t z = o.inputWindow.lo[2]; z < o.inputWindow.hi[2]; ++z)
        for (int64_t y = o.inputWindow.lo[1]; y < o.inputWindow.hi[1]; ++y)
          for (int64_t x = o.inputWindow.lo[0]; x < o.inputWindow.hi[0]; ++x)
            window.push_back(v[static_cast<size_t>(g.index(x, y, z))]);
      const Resampled<double> part = resampleImage<float, double>(window.data(), g, o);
      double worst = 0;
      int64_t i = 0;
      for (int64_t z = o.box.lo[2]; z < o.box.hi[2]; ++z)
        for (int64_t y = o.box.lo[1]; y < o.box.hi[1]; ++y)
          for (int64_t x = o.box.lo[0]; x < o.box.hi[0]; ++x, ++i)
            worst = std::max(worst, std::fabs(part.data[static_cast<size_t>(i)] -
                                              full.data[static_cast<size_t>(full.grid.index(x, y, z))]));
      if (m == Interpolation::BSpline) {
        if (getenv("RADIOMICS_PRINT_MARGIN_ERROR")) printf("b-spline window error %g max|f|\n", worst / fmax);
        CHECK(worst <= 1e-12 * fmax);
      } else {
        CHECK(worst == 0.0);
      }
    }
    // A window that misses a tap is refused.
    ResampleOptions bad = whole;
    bad.box.lo[0] = 10; bad.box.hi[0] = 20; bad.box.hi[1] = 5; bad.box.hi[2] = 5;
    bad.inputWindow.lo[0] = 30; bad.inputWindow.hi[0] = 40; bad.inputWindow.hi[1] = g.ny; bad.inputWindow.hi[2] = g.nz;
    CHECK_THROWS_CODE((resampleImage<float, double>(v.data(), g, bad)), code::kInvalidArgument);
  }
}
