#include "morphology_bbox.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <numeric>

namespace radiomics {
namespace {

struct Pt2 {
  double x, y;
};

double cross2(const Pt2& o, const Pt2& a, const Pt2& b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Andrew's monotone chain: counter-clockwise hull without (nearly) collinear or repeated points.
// The projections of lattice points hold many collinear runs and points that coincide up to
// rounding; a turn must exceed 1e-12 of the squared extent to count, so every hull edge has a
// well-defined direction (the calipers below rely on it).
std::vector<Pt2> hull2d(std::vector<Pt2>& p) {
  std::sort(p.begin(), p.end(), [](const Pt2& a, const Pt2& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  const size_t n = p.size();
  if (n < 3) return p;
  double ext = 0;
  for (const Pt2& q : p) ext = std::max({ext, std::fabs(q.x - p[0].x), std::fabs(q.y - p[0].y)});
  const double tol = 1e-12 * ext * ext;
  std::vector<Pt2> h(2 * n);
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    while (k >= 2 && cross2(h[k - 2], h[k - 1], p[i]) <= tol) --k;
    h[k++] = p[i];
  }
  for (size_t i = n - 1, t = k + 1; i-- > 0;) {
    while (k >= t && cross2(h[k - 2], h[k - 1], p[i]) <= tol) --k;
    h[k++] = p[i];
  }
  h.resize(k - 1);
  return h;
}

// Minimum-area enclosing rectangle of a convex CCW polygon (one side is flush with an edge).
void minAreaRectangle(const std::vector<Pt2>& h, double& bestArea, double& w, double& l) {
  const size_t m = h.size();
  bestArea = std::numeric_limits<double>::infinity();
  w = l = 0;
  if (m < 3) {  // a segment or a point: zero-area rectangle
    bestArea = 0;
    if (m == 2) w = std::hypot(h[1].x - h[0].x, h[1].y - h[0].y);
    return;
  }
  auto dotp = [](const Pt2& a, double ex, double ey) { return a.x * ex + a.y * ey; };
  size_t r = 0, t = 0, lft = 0;
  for (size_t i = 0; i < m; ++i) {
    const Pt2& a = h[i];
    const Pt2& b = h[(i + 1) % m];
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    if (!(len > 0)) continue;
    const double ex = (b.x - a.x) / len, ey = (b.y - a.y) / len;
    const double nx = -ey, ny = ex;  // inward normal of a CCW polygon
    if (i == 0) r = 1;
    size_t guard = 0;
    while (guard++ < m && dotp(h[(r + 1) % m], ex, ey) > dotp(h[r], ex, ey)) r = (r + 1) % m;
    if (i == 0) t = r;
    guard = 0;
    while (guard++ < m && dotp(h[(t + 1) % m], nx, ny) > dotp(h[t], nx, ny)) t = (t + 1) % m;
    if (i == 0) lft = t;
    guard = 0;
    while (guard++ < m && dotp(h[(lft + 1) % m], ex, ey) < dotp(h[lft], ex, ey)) lft = (lft + 1) % m;
    const double width = dotp(h[r], ex, ey) - dotp(h[lft], ex, ey);
    const double height = dotp(h[t], nx, ny) - dotp(a, nx, ny);
    if (width * height < bestArea) {
      bestArea = width * height;
      w = width;
      l = height;
    }
  }
}

int64_t gcd64(int64_t a, int64_t b) {
  a = std::llabs(a), b = std::llabs(b);
  while (b) {
    const int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace

std::array<double, 3> axisAlignedExtents(const Grid& grid, const std::vector<int32_t>& lattice) {
  std::array<double, 3> ext = {0, 0, 0};
  if (lattice.empty()) return ext;
  for (int a = 0; a < 3; ++a) {
    int32_t lo = lattice[a], hi = lattice[a];
    for (size_t i = a; i < lattice.size(); i += 3) lo = std::min(lo, lattice[i]), hi = std::max(hi, lattice[i]);
    const double col = std::sqrt(grid.direction[a] * grid.direction[a] + grid.direction[3 + a] * grid.direction[3 + a] +
                                 grid.direction[6 + a] * grid.direction[6 + a]);
    ext[a] = 0.5 * static_cast<double>(hi - lo) * grid.spacing[a] * col;
  }
  return ext;
}

std::vector<std::array<double, 3>> hullFacetNormals(const std::vector<int32_t>& lattice,
                                                     const std::vector<double>& points, const ConvexHull& hull,
                                                     size_t maxCount) {
  struct Plane {
    double n[3] = {0, 0, 0};  // area-weighted physical normal
    double area = 0;
  };
  std::map<std::array<int64_t, 3>, Plane> planes;
  for (size_t f = 0; f < hull.faces.size(); f += 3) {
    const int32_t* a = &lattice[3 * static_cast<size_t>(hull.faces[f])];
    const int32_t* b = &lattice[3 * static_cast<size_t>(hull.faces[f + 1])];
    const int32_t* c = &lattice[3 * static_cast<size_t>(hull.faces[f + 2])];
    const int64_t u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
    std::array<int64_t, 3> key = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    const int64_t g = gcd64(gcd64(key[0], key[1]), key[2]);
    if (g == 0) continue;
    for (auto& k : key) k /= g;
    const double* pa = &points[3 * static_cast<size_t>(hull.faces[f])];
    const double* pb = &points[3 * static_cast<size_t>(hull.faces[f + 1])];
    const double* pc = &points[3 * static_cast<size_t>(hull.faces[f + 2])];
    const double e[3] = {pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2]}, h[3] = {pc[0] - pa[0], pc[1] - pa[1], pc[2] - pa[2]};
    const double nrm[3] = {e[1] * h[2] - e[2] * h[1], e[2] * h[0] - e[0] * h[2], e[0] * h[1] - e[1] * h[0]};
    Plane& p = planes[key];
    for (int k = 0; k < 3; ++k) p.n[k] += nrm[k];
    p.area += 0.5 * std::sqrt(nrm[0] * nrm[0] + nrm[1] * nrm[1] + nrm[2] * nrm[2]);
  }
  std::vector<std::pair<double, std::array<double, 3>>> ranked;
  for (const auto& kv : planes) {
    const Plane& p = kv.second;
    const double len = std::sqrt(p.n[0] * p.n[0] + p.n[1] * p.n[1] + p.n[2] * p.n[2]);
    if (!(len > 0)) continue;
    ranked.push_back({p.area, {p.n[0] / len, p.n[1] / len, p.n[2] / len}});
  }
  // Stable on the map's (normal) order, so equal areas keep a deterministic order.
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<std::array<double, 3>> out;
  for (size_t i = 0; i < ranked.size() && out.size() < maxCount; ++i) out.push_back(ranked[i].second);
  return out;
}

std::array<double, 3> orientedMinimumBox(const std::vector<double>& points, const ConvexHull& hull,
                                         const std::vector<std::array<double, 3>>& normals) {
  std::array<double, 3> best = {0, 0, 0};
  const size_t nf = hull.faces.size() / 3;
  if (nf == 0) return best;
  // Face normals (physical, unnormalised) and the edges with their two faces.
  std::vector<std::array<double, 3>> fn(nf);
  std::vector<double> fnLen(nf);
  struct EdgeRec {
    int32_t a, b;
    uint32_t face;
  };
  std::vector<EdgeRec> recs;
  recs.reserve(3 * nf);
  for (size_t f = 0; f < nf; ++f) {
    const int32_t* v = &hull.faces[3 * f];
    const double* pa = &points[3 * static_cast<size_t>(v[0])];
    const double* pb = &points[3 * static_cast<size_t>(v[1])];
    const double* pc = &points[3 * static_cast<size_t>(v[2])];
    const double e[3] = {pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2]}, h[3] = {pc[0] - pa[0], pc[1] - pa[1], pc[2] - pa[2]};
    fn[f] = {e[1] * h[2] - e[2] * h[1], e[2] * h[0] - e[0] * h[2], e[0] * h[1] - e[1] * h[0]};
    fnLen[f] = std::sqrt(fn[f][0] * fn[f][0] + fn[f][1] * fn[f][1] + fn[f][2] * fn[f][2]);
    for (int k = 0; k < 3; ++k)
      recs.push_back({std::min(v[k], v[(k + 1) % 3]), std::max(v[k], v[(k + 1) % 3]), static_cast<uint32_t>(f)});
  }
  std::sort(recs.begin(), recs.end(), [](const EdgeRec& x, const EdgeRec& y) {
    return x.a < y.a || (x.a == y.a && (x.b < y.b || (x.b == y.b && x.face < y.face)));
  });
  struct Edge {
    int32_t a, b;
    uint32_t f1, f2;
  };
  std::vector<Edge> edges;
  for (size_t k = 0; k + 1 < recs.size(); ++k)
    if (recs[k].a == recs[k + 1].a && recs[k].b == recs[k + 1].b) {
      edges.push_back({recs[k].a, recs[k].b, recs[k].face, recs[k + 1].face});
      ++k;
    }

  double bestVolume = std::numeric_limits<double>::infinity();
  std::vector<int8_t> side(nf);
  std::vector<uint32_t> stamp(points.size() / 3, 0);
  std::vector<Pt2> proj;
  uint32_t round = 0;
  for (const auto& n : normals) {
    ++round;
    // Orthonormal basis (u, v, n).
    double u[3];
    if (std::fabs(n[0]) < 0.9)
      u[0] = 0, u[1] = n[2], u[2] = -n[1];  // n x e_x
    else
      u[0] = -n[2], u[1] = 0, u[2] = n[0];  // n x e_y
    const double ul = std::sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    for (double& c : u) c /= ul;
    const double v[3] = {n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]};
    // Extent along n: over the hull vertices.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (int32_t id : hull.vertices) {
      const double* p = &points[3 * static_cast<size_t>(id)];
      const double h = p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
      lo = std::min(lo, h), hi = std::max(hi, h);
    }
    // The outline of the projection is made of silhouette edges (between a face turned towards n and
    // one turned away; faces parallel to n count as both): only their end points can be corners of
    // the projected hull.
    for (size_t f = 0; f < nf; ++f) {
      const double s = fn[f][0] * n[0] + fn[f][1] * n[1] + fn[f][2] * n[2];
      side[f] = s > 1e-12 * fnLen[f] ? 1 : s < -1e-12 * fnLen[f] ? -1 : 0;
    }
    proj.clear();
    for (const Edge& e : edges) {
      if (side[e.f1] == side[e.f2] && side[e.f1] != 0) continue;
      for (int32_t id : {e.a, e.b}) {
        if (stamp[static_cast<size_t>(id)] == round) continue;
        stamp[static_cast<size_t>(id)] = round;
        const double* p = &points[3 * static_cast<size_t>(id)];
        proj.push_back({p[0] * u[0] + p[1] * u[1] + p[2] * u[2], p[0] * v[0] + p[1] * v[1] + p[2] * v[2]});
      }
    }
    const std::vector<Pt2> h2 = hull2d(proj);
    double area, w, l;
    minAreaRectangle(h2, area, w, l);
    const double volume = area * (hi - lo);
    if (volume < bestVolume) {
      bestVolume = volume;
      best = {w, l, hi - lo};
    }
  }
  return best;
}

}  // namespace radiomics
