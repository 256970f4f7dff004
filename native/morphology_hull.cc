#include "morphology_hull.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.h"

namespace radiomics {
namespace {

using P3 = std::array<int64_t, 3>;

P3 minus(const P3& a, const P3& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
P3 cross(const P3& a, const P3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
int64_t dot(const P3& a, const P3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

struct Face {
  int32_t v[3];
  int32_t nb[3];  // neighbour across edge v[i] -> v[(i + 1) % 3]
  P3 normal;      // (v1 - v0) x (v2 - v0), pointing out of the hull
  std::vector<int32_t> outside;
  bool alive = true;
};

class QuickHull {
 public:
  explicit QuickHull(std::vector<P3> pts) : p_(std::move(pts)) {}

  bool run() {
    const int32_t n = static_cast<int32_t>(p_.size());
    if (n < 4) return false;
    int32_t s[4];
    if (!initialSimplex(s)) return false;
    // Orient so that s[3] lies below face (s0, s1, s2).
    if (dot(cross(minus(p_[s[1]], p_[s[0]]), minus(p_[s[2]], p_[s[0]])), minus(p_[s[3]], p_[s[0]])) > 0)
      std::swap(s[1], s[2]);
    addFace(s[0], s[1], s[2]);
    addFace(s[0], s[3], s[1]);
    addFace(s[0], s[2], s[3]);
    addFace(s[1], s[3], s[2]);
    linkAll();
    std::vector<int32_t> rest;
    rest.reserve(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i)
      if (i != s[0] && i != s[1] && i != s[2] && i != s[3]) rest.push_back(i);
    std::vector<int32_t> first = {0, 1, 2, 3};
    assign(rest, first);

    startAt_.assign(static_cast<size_t>(n), -1);
    endAt_.assign(static_cast<size_t>(n), -1);
    stampOf_.assign(static_cast<size_t>(n), 0);
    std::vector<int32_t> work = {0, 1, 2, 3};
    while (!work.empty()) {
      const int32_t f = work.back();
      work.pop_back();
      if (!faces_[f].alive || faces_[f].outside.empty()) continue;
      addPoint(f, work);
    }
    return true;
  }

  void result(ConvexHull& out) const {
    for (const Face& f : faces_)
      if (f.alive) out.faces.insert(out.faces.end(), f.v, f.v + 3);
  }

 private:
  int64_t height(const Face& f, int32_t q) const { return dot(f.normal, minus(p_[q], p_[f.v[0]])); }

  bool initialSimplex(int32_t s[4]) {
    const int32_t n = static_cast<int32_t>(p_.size());
    s[0] = 0;
    for (int32_t i = 1; i < n; ++i)
      if (p_[i] < p_[s[0]]) s[0] = i;
    int64_t best = 0;
    s[1] = -1;
    for (int32_t i = 0; i < n; ++i) {
      const P3 d = minus(p_[i], p_[s[0]]);
      const int64_t d2 = dot(d, d);
      if (d2 > best) best = d2, s[1] = i;
    }
    if (s[1] < 0) return false;  // all points equal
    double bestArea = 0;
    s[2] = -1;
    const P3 e = minus(p_[s[1]], p_[s[0]]);
    for (int32_t i = 0; i < n; ++i) {
      const P3 c = cross(e, minus(p_[i], p_[s[0]]));
      if (c[0] == 0 && c[1] == 0 && c[2] == 0) continue;
      const double a = std::pow(double(c[0]), 2) + std::pow(double(c[1]), 2) + std::pow(double(c[2]), 2);
      if (a > bestArea) bestArea = a, s[2] = i;
    }
    if (s[2] < 0) return false;  // collinear
    const P3 nrm = cross(e, minus(p_[s[2]], p_[s[0]]));
    int64_t bestVol = 0;
    s[3] = -1;
    for (int32_t i = 0; i < n; ++i) {
      const int64_t v = dot(nrm, minus(p_[i], p_[s[0]]));
      const int64_t av = v < 0 ? -v : v;
      if (av > bestVol) bestVol = av, s[3] = i;
    }
    return s[3] >= 0;  // else coplanar
  }

  int32_t addFace(int32_t a, int32_t b, int32_t c) {
    Face f;
    f.v[0] = a, f.v[1] = b, f.v[2] = c;
    f.nb[0] = f.nb[1] = f.nb[2] = -1;
    f.normal = cross(minus(p_[b], p_[a]), minus(p_[c], p_[a]));
    faces_.push_back(std::move(f));
    visitStamp_.push_back(0);
    visible_.push_back(0);
    return static_cast<int32_t>(faces_.size() - 1);
  }

  // Links the four faces of the initial tetrahedron by their shared (opposite) edges.
  void linkAll() {
    for (int32_t f = 0; f < 4; ++f)
      for (int i = 0; i < 3; ++i) {
        const int32_t a = faces_[f].v[i], b = faces_[f].v[(i + 1) % 3];
        for (int32_t g = 0; g < 4; ++g)
          for (int j = 0; j < 3; ++j)
            if (faces_[g].v[j] == b && faces_[g].v[(j + 1) % 3] == a) faces_[f].nb[i] = g;
      }
  }

  // Gives each point to the first of `candidates` it lies strictly above; points above none are inside.
  void assign(const std::vector<int32_t>& pts, const std::vector<int32_t>& candidates) {
    for (int32_t q : pts)
      for (int32_t f : candidates)
        if (height(faces_[f], q) > 0) {
          faces_[f].outside.push_back(q);
          break;
        }
  }

  void addPoint(int32_t f0, std::vector<int32_t>& work) {
    // Farthest outside point of f0 (same normal for all: exact comparison).
    const Face& face0 = faces_[f0];
    int32_t apex = face0.outside[0];
    int64_t best = height(face0, apex);
    for (int32_t q : face0.outside) {
      const int64_t h = height(face0, q);
      if (h > best) best = h, apex = q;
    }

    // Faces that see the apex (connected), and the horizon edges around them.
    ++stamp_;
    struct Edge {
      int32_t a, b, across;
    };
    std::vector<int32_t> seen = {f0}, stack = {f0};
    std::vector<Edge> horizon;
    visitStamp_[f0] = stamp_;
    visible_[f0] = 1;
    while (!stack.empty()) {
      const int32_t g = stack.back();
      stack.pop_back();
      for (int i = 0; i < 3; ++i) {
        const int32_t h = faces_[g].nb[i];
        if (visitStamp_[h] != stamp_) {
          visitStamp_[h] = stamp_;
          visible_[h] = height(faces_[h], apex) > 0;
          if (visible_[h]) {
            stack.push_back(h);
            seen.push_back(h);
          }
        }
        if (!visible_[h]) horizon.push_back({faces_[g].v[i], faces_[g].v[(i + 1) % 3], h});
      }
    }

    // The cone of new faces from the horizon to the apex.
    std::vector<int32_t> cone;
    cone.reserve(horizon.size());
    for (const Edge& e : horizon) {
      const int32_t nf = addFace(e.a, e.b, apex);
      cone.push_back(nf);
      faces_[nf].nb[0] = e.across;
      Face& other = faces_[e.across];
      for (int j = 0; j < 3; ++j)
        if (other.v[j] == e.b && other.v[(j + 1) % 3] == e.a) other.nb[j] = nf;
      if (stampOf_[e.a] == stamp_) fail(code::kInternal, "convex hull: the horizon is not a simple cycle");
      stampOf_[e.a] = stamp_;
      startAt_[e.a] = nf;
      endAt_[e.b] = nf;
    }
    for (int32_t nf : cone) {
      Face& f = faces_[nf];
      f.nb[1] = startAt_[f.v[1]];  // edge b -> apex is shared with the face starting at b
      f.nb[2] = endAt_[f.v[0]];    // edge apex -> a is shared with the face ending at a
    }

    // Points of the removed faces go to the new faces (or are inside now).
    std::vector<int32_t> orphans;
    for (int32_t g : seen) {
      Face& fg = faces_[g];
      fg.alive = false;
      for (int32_t q : fg.outside)
        if (q != apex) orphans.push_back(q);
      std::vector<int32_t>().swap(fg.outside);
    }
    assign(orphans, cone);
    for (int32_t nf : cone)
      if (!faces_[nf].outside.empty()) work.push_back(nf);
  }

  std::vector<P3> p_;
  std::vector<Face> faces_;
  std::vector<uint32_t> visitStamp_;
  std::vector<uint8_t> visible_;
  std::vector<int32_t> startAt_, endAt_;
  std::vector<uint32_t> stampOf_;
  uint32_t stamp_ = 0;
};

}  // namespace

std::vector<int32_t> hullCandidates(const std::vector<int32_t>& lattice) {
  const int32_t n = static_cast<int32_t>(lattice.size() / 3);
  std::vector<int32_t> keep(static_cast<size_t>(n));
  std::iota(keep.begin(), keep.end(), 0);
  const int32_t* L = lattice.data();
  // For each axis a (the line direction), order by the two other coordinates, then by a; keep the
  // ends of each run of equal (other, other) coordinates.
  for (int a = 2; a >= 0; --a) {
    const int b = (a + 1) % 3, c = (a + 2) % 3;
    std::sort(keep.begin(), keep.end(), [&](int32_t i, int32_t j) {
      const int32_t* p = L + 3 * static_cast<size_t>(i);
      const int32_t* q = L + 3 * static_cast<size_t>(j);
      if (p[b] != q[b]) return p[b] < q[b];
      if (p[c] != q[c]) return p[c] < q[c];
      return p[a] < q[a];
    });
    std::vector<int32_t> next;
    next.reserve(keep.size());
    size_t i = 0;
    while (i < keep.size()) {
      const int32_t* p = L + 3 * static_cast<size_t>(keep[i]);
      size_t j = i + 1;
      while (j < keep.size()) {
        const int32_t* q = L + 3 * static_cast<size_t>(keep[j]);
        if (q[b] != p[b] || q[c] != p[c]) break;
        ++j;
      }
      next.push_back(keep[i]);
      const int32_t* last = L + 3 * static_cast<size_t>(keep[j - 1]);
      if (last[a] != p[a]) next.push_back(keep[j - 1]);
      i = j;
    }
    keep.swap(next);
  }
  std::sort(keep.begin(), keep.end());
  return keep;
}

ConvexHull convexHull(const std::vector<int32_t>& lattice, const std::vector<int32_t>& subset) {
  ConvexHull out;
  std::vector<int32_t> ids = subset;
  if (ids.empty()) {
    ids.resize(lattice.size() / 3);
    std::iota(ids.begin(), ids.end(), 0);
  }
  if (ids.empty()) {
    out.degenerate = true;
    return out;
  }
  int64_t lo[3], hi[3];
  for (int a = 0; a < 3; ++a) lo[a] = hi[a] = lattice[3 * static_cast<size_t>(ids[0]) + a];
  for (int32_t i : ids)
    for (int a = 0; a < 3; ++a) {
      lo[a] = std::min<int64_t>(lo[a], lattice[3 * static_cast<size_t>(i) + a]);
      hi[a] = std::max<int64_t>(hi[a], lattice[3 * static_cast<size_t>(i) + a]);
    }
  // |det| <= 6 Ex Ey Ez and every intermediate stays below it: guard the int64 range.
  if (6.0 * double(hi[0] - lo[0] + 1) * double(hi[1] - lo[1] + 1) * double(hi[2] - lo[2] + 1) > 9.0e18)
    fail(code::kInternal, "convex hull: coordinates too large for exact integer arithmetic");
  std::vector<P3> pts(ids.size());
  for (size_t k = 0; k < ids.size(); ++k)
    for (int a = 0; a < 3; ++a) pts[k][a] = lattice[3 * static_cast<size_t>(ids[k]) + a] - lo[a];

  QuickHull qh(std::move(pts));
  if (!qh.run()) {
    out.degenerate = true;
    return out;
  }
  qh.result(out);
  for (int32_t& v : out.faces) v = ids[static_cast<size_t>(v)];
  out.vertices = out.faces;
  std::sort(out.vertices.begin(), out.vertices.end());
  out.vertices.erase(std::unique(out.vertices.begin(), out.vertices.end()), out.vertices.end());
  return out;
}

}  // namespace radiomics

namespace radiomics {

double maxPairDistance(const std::vector<double>& points, const std::vector<int32_t>& ids) {
  const size_t n = ids.size();
  if (n < 2) return 0;
  std::vector<double> x(n), y(n), z(n);
  for (size_t i = 0; i < n; ++i) {
    const double* p = &points[3 * static_cast<size_t>(ids[i])];
    x[i] = p[0], y[i] = p[1], z[i] = p[2];
  }
  auto d2 = [&](size_t i, size_t j) {
    const double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
    return dx * dx + dy * dy + dz * dz;
  };
  // Lower bound: the extreme points along the 13 directions of the 3x3x3 neighbourhood.
  std::vector<size_t> extremes;
  for (int a = -1; a <= 1; ++a)
    for (int b = -1; b <= 1; ++b)
      for (int c = -1; c <= 1; ++c) {
        if (a < 0 || (a == 0 && b < 0) || (a == 0 && b == 0 && c <= 0)) continue;
        size_t lo = 0, hi = 0;
        for (size_t i = 1; i < n; ++i) {
          const double v = a * x[i] + b * y[i] + c * z[i];
          if (v < a * x[lo] + b * y[lo] + c * z[lo]) lo = i;
          if (v > a * x[hi] + b * y[hi] + c * z[hi]) hi = i;
        }
        extremes.push_back(lo);
        extremes.push_back(hi);
      }
  double best = 0;
  for (size_t i = 0; i < extremes.size(); ++i)
    for (size_t j = i + 1; j < extremes.size(); ++j) best = std::max(best, d2(extremes[i], extremes[j]));

  // Cells: about 64 points per occupied column, G cells per axis.
  const int G = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(n) / 64.0)));
  double lo[3] = {x[0], y[0], z[0]}, hi[3] = {x[0], y[0], z[0]};
  for (size_t i = 0; i < n; ++i) {
    const double p[3] = {x[i], y[i], z[i]};
    for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], p[a]), hi[a] = std::max(hi[a], p[a]);
  }
  auto cellOf = [&](size_t i) {
    const double p[3] = {x[i], y[i], z[i]};
    int c[3];
    for (int a = 0; a < 3; ++a) {
      const double span = hi[a] - lo[a];
      c[a] = span > 0 ? std::min(G - 1, static_cast<int>((p[a] - lo[a]) / span * G)) : 0;
    }
    return c[0] + G * (c[1] + G * c[2]);
  };
  std::vector<int> cellIds(n);
  for (size_t i = 0; i < n; ++i) cellIds[i] = cellOf(i);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t i, size_t j) { return cellIds[i] < cellIds[j]; });
  struct Cell {
    size_t begin, end;
    double lo[3], hi[3];
  };
  std::vector<Cell> cells;
  for (size_t k = 0; k < n;) {
    Cell c;
    c.begin = k;
    const int id = cellIds[order[k]];
    for (int a = 0; a < 3; ++a) c.lo[a] = std::numeric_limits<double>::infinity(), c.hi[a] = -c.lo[a];
    while (k < n && cellIds[order[k]] == id) {
      const size_t i = order[k++];
      const double p[3] = {x[i], y[i], z[i]};
      for (int a = 0; a < 3; ++a) c.lo[a] = std::min(c.lo[a], p[a]), c.hi[a] = std::max(c.hi[a], p[a]);
    }
    c.end = k;
    cells.push_back(c);
  }
  for (size_t A = 0; A < cells.size(); ++A)
    for (size_t B = A; B < cells.size(); ++B) {
      const Cell &ca = cells[A], &cb = cells[B];
      double ub = 0;
      for (int a = 0; a < 3; ++a) {
        const double e = std::max(ca.hi[a] - cb.lo[a], cb.hi[a] - ca.lo[a]);
        ub += e * e;
      }
      if (ub <= best) continue;
      for (size_t p = ca.begin; p < ca.end; ++p)
        for (size_t q = (A == B ? p + 1 : cb.begin); q < cb.end; ++q) best = std::max(best, d2(order[p], order[q]));
    }
  return std::sqrt(best);
}

}  // namespace radiomics
