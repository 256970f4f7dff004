#include "morphology_mesh.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.h"
#include "core/roi.h"

namespace radiomics {
namespace {

// ---- Case table, generated once from the cube's geometry ---------------------------------------
//
// Corner c of a cell sits at (c & 1, c >> 1 & 1, c >> 2 & 1). Edge e joins corner kEdgeCorner[e]
// to the corner one step along axis kEdgeAxis[e]. For each of the 256 inside/outside patterns we
// (1) draw on each cube face the segments that separate inside from outside corners (on an ambiguous
//     face, two diagonal inside corners are cut off one by one: the rule depends only on the face's
//     four corners, so the two cells sharing a face draw the same segments and the mesh closes);
// (2) direct each segment so that the loops it forms run counter-clockwise seen from outside the
//     mask (right-hand rule: the normals of the resulting triangles point from inside to outside);
// (3) chain the segments into closed loops and triangulate each loop with the maximum-area
//     triangulation (all vertices are edge mid-points, so the geometry of each case is fixed). On
//     the non-planar loops (3 corners of a face, the 4-corner "tripod" and "zigzag" cases) this picks
//     the same triangles as the classic Lorensen / Lewiner tables, and reproduces the IBSI digital
//     phantom's volume and area (556 / 388 mm^2); the minimum-area choice would give 549 mm^3.
// Ties (symmetric loops) keep the first split in loop order, so the table is deterministic.

struct CaseTable {
  int edgeCorner[12];
  int edgeAxis[12];
  std::vector<std::array<uint8_t, 3>> triangles[256];
};

struct V3 {
  double x, y, z;
};
V3 sub(V3 a, V3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
V3 cross(V3 a, V3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
double dot(V3 a, V3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
double norm(V3 a) { return std::sqrt(dot(a, a)); }

V3 cornerPos(int c) { return {double(c & 1), double(c >> 1 & 1), double(c >> 2 & 1)}; }

CaseTable buildTable() {
  CaseTable t;
  int e = 0;
  int edgeIndex[8][3];  // edge starting at corner c along axis a (or -1)
  for (int a = 0; a < 3; ++a)
    for (int c = 0; c < 8; ++c) {
      edgeIndex[c][a] = -1;
      if (c & (1 << a)) continue;
      t.edgeCorner[e] = c;
      t.edgeAxis[e] = a;
      edgeIndex[c][a] = e++;
    }
  auto edgeBetween = [&](int c0, int c1) {
    const int diff = c0 ^ c1;
    const int a = diff == 1 ? 0 : diff == 2 ? 1 : 2;
    return edgeIndex[c0 & c1][a];
  };
  auto edgeMid = [&](int edge) {
    V3 p = cornerPos(t.edgeCorner[edge]);
    (t.edgeAxis[edge] == 0 ? p.x : t.edgeAxis[edge] == 1 ? p.y : p.z) += 0.5;
    return p;
  };

  for (int cs = 0; cs < 256; ++cs) {
    auto inside = [&](int c) { return (cs >> c & 1) != 0; };
    int next[12];
    for (int& n : next) n = -1;
    for (int a = 0; a < 3; ++a)
      for (int side = 0; side < 2; ++side) {
        const int b = (a + 1) % 3, c = (a + 2) % 3;
        int q[4];  // face corners in cyclic order
        const int bc[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        for (int i = 0; i < 4; ++i) q[i] = (side << a) | (bc[i][0] << b) | (bc[i][1] << c);
        V3 m = {0, 0, 0};  // outward normal of this cube face
        (a == 0 ? m.x : a == 1 ? m.y : m.z) = side ? 1.0 : -1.0;
        int fe[4];  // fe[i] joins q[i] and q[i+1]
        for (int i = 0; i < 4; ++i) fe[i] = edgeBetween(q[i], q[(i + 1) % 4]);
        std::vector<std::array<int, 3>> segs;  // edge A, edge B, reference corner
        int crossings = 0;
        for (int i = 0; i < 4; ++i) crossings += inside(q[i]) != inside(q[(i + 1) % 4]);
        if (crossings == 2) {
          int ends[2] = {0, 0}, k = 0;
          for (int i = 0; i < 4; ++i)
            if (inside(q[i]) != inside(q[(i + 1) % 4])) ends[k++] = i;
          // Adjacent edges cut off their shared corner; opposite edges split the face in two halves.
          const int ref = ends[1] - ends[0] == 1 ? q[ends[1]] : q[0];
          segs.push_back({fe[ends[0]], fe[ends[1]], ref});
        } else if (crossings == 4) {
          for (int i = 0; i < 4; ++i)
            if (inside(q[i])) segs.push_back({fe[(i + 3) % 4], fe[i], q[i]});  // cut off inside corner q[i]
        }
        for (auto& s : segs) {
          const V3 p = edgeMid(s[0]), r = edgeMid(s[1]), cp = cornerPos(s[2]);
          const double turn = dot(cross(sub(r, p), sub(cp, p)), m);
          // Direction P->Q must satisfy ((Q-P) x u) . m > 0 with u pointing from inside to outside.
          const bool flip = inside(s[2]) ? turn > 0 : turn < 0;
          const int from = flip ? s[1] : s[0], to = flip ? s[0] : s[1];
          if (next[from] != -1) fail(code::kInternal, "marching cubes table: inconsistent segment orientation");
          next[from] = to;
        }
      }

    bool used[12] = {false};
    for (int start = 0; start < 12; ++start) {
      if (next[start] < 0 || used[start]) continue;
      std::vector<int> loop;
      for (int v = start; !used[v]; v = next[v]) {
        if (v < 0) fail(code::kInternal, "marching cubes table: open loop");
        used[v] = true;
        loop.push_back(v);
      }
      const int n = static_cast<int>(loop.size());
      // Maximum-area triangulation of the loop (dynamic programming over sub-polygons).
      std::vector<V3> pos(n);
      for (int i = 0; i < n; ++i) pos[i] = edgeMid(loop[i]);
      std::vector<double> best(n * n, 0.0);
      std::vector<int> split(n * n, -1);
      for (int len = 2; len < n; ++len)
        for (int i = 0; i + len < n; ++i) {
          const int j = i + len;
          double bestArea = -1.0;
          for (int k = i + 1; k < j; ++k) {
            const double area =
                best[i * n + k] + best[k * n + j] + 0.5 * norm(cross(sub(pos[k], pos[i]), sub(pos[j], pos[i])));
            if (area > bestArea + 1e-12) {
              bestArea = area;
              split[i * n + j] = k;
            }
          }
          best[i * n + j] = bestArea;
        }
      std::vector<std::array<int, 2>> stack{{0, n - 1}};
      while (!stack.empty()) {
        const auto [i, j] = stack.back();
        stack.pop_back();
        if (j - i < 2) continue;
        const int k = split[i * n + j];
        t.triangles[cs].push_back(
            {static_cast<uint8_t>(loop[i]), static_cast<uint8_t>(loop[k]), static_cast<uint8_t>(loop[j])});
        stack.push_back({i, k});
        stack.push_back({k, j});
      }
    }
  }
  return t;
}

const CaseTable& caseTable() {
  static const CaseTable table = buildTable();
  return table;
}

}  // namespace

Mesh marchingCubes(const Grid& grid, const std::vector<uint8_t>& mask) {
  Mesh mesh;
  const Box box = boundingBox(grid, mask);
  if (box.empty()) return mesh;
  const CaseTable& table = caseTable();

  // Padded copy of the bounding box: one empty voxel on every side. Padded voxel (i, j, k) is grid
  // voxel (box.lo + (i, j, k) - 1).
  const int64_t px = box.extent(0) + 2, py = box.extent(1) + 2, pz = box.extent(2) + 2;
  std::vector<uint8_t> pad(static_cast<size_t>(px * py * pz), 0);
  for (int64_t z = box.lo[2]; z < box.hi[2]; ++z)
    for (int64_t y = box.lo[1]; y < box.hi[1]; ++y) {
      const uint8_t* src = &mask[static_cast<size_t>(grid.index(box.lo[0], y, z))];
      uint8_t* dst = &pad[static_cast<size_t>(1 + px * ((y - box.lo[1] + 1) + py * (z - box.lo[2] + 1)))];
      for (int64_t x = 0; x < box.extent(0); ++x) dst[x] = src[x] ? 1 : 0;
    }

  // Vertex ids of the edges leaving each padded voxel of two z layers (x and y edges), and of the
  // z edges between the current two layers: every edge makes its vertex once.
  const size_t layer = static_cast<size_t>(px * py);
  std::vector<int32_t> xe[2] = {std::vector<int32_t>(layer, -1), std::vector<int32_t>(layer, -1)};
  std::vector<int32_t> ye[2] = {std::vector<int32_t>(layer, -1), std::vector<int32_t>(layer, -1)};
  std::vector<int32_t> ze(layer, -1);

  auto vertexOf = [&](int64_t i, int64_t j, int64_t k, int axis, int32_t& slot) {
    if (slot >= 0) return slot;
    if (mesh.lattice.size() / 3 >= static_cast<size_t>(std::numeric_limits<int32_t>::max()))
      fail(code::kMatrixTooLarge, "the mesh of the morphological mask has more than 2^31 vertices");
    const int64_t l[3] = {2 * (box.lo[0] + i - 1) + (axis == 0), 2 * (box.lo[1] + j - 1) + (axis == 1),
                          2 * (box.lo[2] + k - 1) + (axis == 2)};
    double p[3];
    grid.toPhysical(0.5 * static_cast<double>(l[0]), 0.5 * static_cast<double>(l[1]), 0.5 * static_cast<double>(l[2]),
                    p);
    for (int a = 0; a < 3; ++a) {
      mesh.lattice.push_back(static_cast<int32_t>(l[a]));
      mesh.points.push_back(p[a]);
    }
    slot = static_cast<int32_t>(mesh.lattice.size() / 3 - 1);
    return slot;
  };

  for (int64_t k = 0; k + 1 < pz; ++k) {
    const int cur = static_cast<int>(k & 1), nxt = 1 - cur;
    std::fill(xe[nxt].begin(), xe[nxt].end(), -1);
    std::fill(ye[nxt].begin(), ye[nxt].end(), -1);
    std::fill(ze.begin(), ze.end(), -1);
    for (int64_t j = 0; j + 1 < py; ++j) {
      const uint8_t* r00 = &pad[static_cast<size_t>(px * (j + py * k))];
      const uint8_t* r10 = r00 + px;
      const uint8_t* r01 = r00 + layer;
      const uint8_t* r11 = r01 + px;
      for (int64_t i = 0; i + 1 < px; ++i) {
        const int cs = r00[i] | r00[i + 1] << 1 | r10[i] << 2 | r10[i + 1] << 3 | r01[i] << 4 | r01[i + 1] << 5 |
                       r11[i] << 6 | r11[i + 1] << 7;
        if (cs == 0 || cs == 255) continue;
        int32_t ids[12];
        bool made[12] = {false};
        for (const auto& tri : table.triangles[cs]) {
          int32_t f[3];
          for (int v = 0; v < 3; ++v) {
            const int e = tri[v];
            if (!made[e]) {
              const int c = table.edgeCorner[e], a = table.edgeAxis[e];
              const int64_t ci = i + (c & 1), cj = j + (c >> 1 & 1), ck = k + (c >> 2 & 1);
              const size_t at = static_cast<size_t>(ci + px * cj);
              const int s = static_cast<int>(ck - k) == 0 ? cur : nxt;
              int32_t& slot = a == 0 ? xe[s][at] : a == 1 ? ye[s][at] : ze[at];
              ids[e] = vertexOf(ci, cj, ck, a, slot);
              made[e] = true;
            }
            f[v] = ids[e];
          }
          mesh.faces.insert(mesh.faces.end(), f, f + 3);
        }
      }
    }
  }
  return mesh;
}

double signedMeshVolume(const double* p, const int32_t* faces, int64_t faceCount, const double ref[3]) {
  double sum = 0;
  for (int64_t f = 0; f < faceCount; ++f) {
    const double* a = p + 3 * static_cast<size_t>(faces[3 * f]);
    const double* b = p + 3 * static_cast<size_t>(faces[3 * f + 1]);
    const double* c = p + 3 * static_cast<size_t>(faces[3 * f + 2]);
    const V3 va = {a[0] - ref[0], a[1] - ref[1], a[2] - ref[2]};
    const V3 vb = {b[0] - ref[0], b[1] - ref[1], b[2] - ref[2]};
    const V3 vc = {c[0] - ref[0], c[1] - ref[1], c[2] - ref[2]};
    sum += dot(va, cross(vb, vc));
  }
  return sum / 6.0;
}

double meshArea(const double* p, const int32_t* faces, int64_t faceCount) {
  double sum = 0;
  for (int64_t f = 0; f < faceCount; ++f) {
    const double* a = p + 3 * static_cast<size_t>(faces[3 * f]);
    const double* b = p + 3 * static_cast<size_t>(faces[3 * f + 1]);
    const double* c = p + 3 * static_cast<size_t>(faces[3 * f + 2]);
    const V3 ab = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    const V3 ac = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
    sum += norm(cross(ab, ac));
  }
  return 0.5 * sum;
}

}  // namespace radiomics
