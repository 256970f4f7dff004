#include "texture_zones.h"

#include <algorithm>
#include <limits>
#include <sstream>

#include "core/error.h"
#include "texture_neighbourhood.h"

namespace radiomics {
namespace {

// Layout of a grid padded by one voxel on every side (shared by the level grid and the distance map).
struct PaddedShape {
  int64_t nx, ny, nz, sy, sz;
  int64_t at(int64_t x, int64_t y, int64_t z) const { return (x + 1) + sy * (y + 1) + sz * (z + 1); }
};

// City-block distance transform of a padded buffer `d` holding 0 outside the mask (the border included) and 1
// inside. The L1 metric is separable: one forward and one backward sweep per axis, each d = min(d, d_prev + 1),
// give the exact distance to the nearest 0. Along x the sweep runs within a row; along y and z whole rows are
// combined at once (contiguous, vectorisable). sweepsInPlane (x, y) gives the 2D map; sweepsZ on top of it the 3D
// map.
inline void sweepRows(int64_t n, uint32_t* cur, const uint32_t* prev) {
  for (int64_t x = 0; x < n; ++x) cur[x] = std::min(cur[x], prev[x] + 1);
}

void sweepsInPlane(const PaddedShape& s, uint32_t* d) {
  const int64_t px = s.nx + 2, py = s.ny + 2;
  for (int64_t z = 1; z <= s.nz; ++z)  // x: every row of the interior slices (rows of the border stay 0)
    for (int64_t y = 1; y <= s.ny; ++y) {
      uint32_t* row = d + y * s.sy + z * s.sz;
      for (int64_t x = 1; x <= s.nx; ++x) row[x] = row[x] ? row[x - 1] + 1 : 0;
      for (int64_t x = s.nx; x >= 1; --x) row[x] = std::min(row[x], row[x + 1] + 1);
    }
  for (int64_t z = 1; z <= s.nz; ++z) {  // y
    uint32_t* slice = d + z * s.sz;
    for (int64_t y = 1; y < py; ++y) sweepRows(px, slice + y * s.sy, slice + (y - 1) * s.sy);
    for (int64_t y = py - 2; y >= 0; --y) sweepRows(px, slice + y * s.sy, slice + (y + 1) * s.sy);
  }
}

void sweepsZ(const PaddedShape& s, uint32_t* d) {
  const int64_t pz = s.nz + 2;
  for (int64_t z = 1; z < pz; ++z) sweepRows(s.sz, d + z * s.sz, d + (z - 1) * s.sz);
  for (int64_t z = pz - 2; z >= 0; --z) sweepRows(s.sz, d + z * s.sz, d + (z + 1) * s.sz);
}

// Padded mask (1 inside) of the morphological mask united with the intensity mask.
std::vector<uint32_t> paddedEdgeMask(const DiscreteImage& image, const PaddedShape& s) {
  std::vector<uint32_t> d(static_cast<size_t>(s.sz * (s.nz + 2)), 0u);
  const bool haveMorph = image.morphMask.size() == image.levels.size();
  for (int64_t z = 0; z < s.nz; ++z)
    for (int64_t y = 0; y < s.ny; ++y) {
      const int64_t src = image.grid.index(0, y, z);
      uint32_t* row = d.data() + s.at(0, y, z);
      for (int64_t x = 0; x < s.nx; ++x)
        row[x] = (image.levels[src + x] != 0 || (haveMorph && image.morphMask[src + x] != 0)) ? 1u : 0u;
    }
  return d;
}

// Index of the lowest set bit of a non-zero mask.
inline int lowestBit(unsigned m) {
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_ctz(m);
#else
  int k = 0;
  while (!(m & 1u)) m >>= 1, ++k;
  return k;
#endif
}

// Equivalence table of provisional labels (union-find with path halving). Invariant: parent[l] <= l, a root is
// the smallest label of its set, i.e. the first one created.
class Equivalences {
 public:
  uint32_t create() {
    const uint32_t l = static_cast<uint32_t>(parent_.size());
    parent_.push_back(l);
    return l;
  }
  uint32_t root(uint32_t l) {
    while (parent_[l] != l) {
      parent_[l] = parent_[parent_[l]];
      l = parent_[l];
    }
    return l;
  }
  // Unites the sets of root a and label b; returns the root of the union.
  uint32_t merge(uint32_t a, uint32_t b) {
    b = root(b);
    if (b < a) std::swap(a, b);
    parent_[b] = a;
    return a;
  }
  size_t size() const { return parent_.size(); }
  // Replaces every entry by the index of its set among the roots, in label order (a root gets the next index;
  // any other label takes the index already written at parent[l] < l).
  uint32_t flatten() {
    uint32_t n = 0;
    for (size_t l = 0; l < parent_.size(); ++l) parent_[l] = parent_[l] == l ? n++ : parent_[parent_[l]];
    return n;
  }
  uint32_t operator[](uint32_t l) const { return parent_[l]; }

 private:
  std::vector<uint32_t> parent_;
};

// One kernel for 2D and 3D zones and every level type: labelling with an equivalence table. Each
// intensity-mask voxel, in scan order, takes the (root) label of its already visited ("backward") neighbours of
// the same level, merging their sets when they differ, or a new label when it has none: 4 in-plane backward
// neighbours of the 8-neighbourhood, plus the 9 of the previous slice in 3D. Invariant: a visited voxel shares a
// set with each same-level backward neighbour, so a neighbour adjacent to an already joined one needs no check
// (the decision rules below). Voxel count and minimum distance are kept per provisional label and summed per set
// at the end, so voxel labels are only needed for the current and the previous slice (a two-slice buffer that
// stays in cache). Labels are created in scan order: the root of a zone is the label of its first voxel and zones
// come out in the order of their first voxel.
template <typename T, bool kPlanar>
ZoneList labelZones(const PaddedLevels<T>& g, const uint32_t* dist) {
  const int64_t sy = g.sy, sz = g.sz;
  const T* lv = g.v.data();
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  Equivalences eq;
  std::vector<uint32_t> labelLevel, labelSize, labelDist;  // per provisional label
  std::vector<size_t> labelsBefore(static_cast<size_t>(g.nz) + 1, 0);  // labels created before slice z
  std::vector<uint32_t> buffer(static_cast<size_t>(2 * sz));          // voxel labels of two slices
  const int64_t slices = kPlanar ? g.nz : 1;
  ZoneList out;
  out.sliceVoxels.assign(static_cast<size_t>(slices), 0.0);
  // The previous slice's 3x3 block around the voxel below, without its centre; ringAllowed[2 up + left] masks
  // out the columns dx <= 0 (left joined) and the rows dy <= 0 (up joined).
  int64_t ring[8];
  unsigned ringAllowed[4] = {0, 0, 0, 0};
  for (int k = 0, dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) {
      if (dx == 0 && dy == 0) continue;
      ring[k] = dy * sy + dx;
      for (int m = 0; m < 4; ++m) {
        const bool upJoined = m & 2, leftJoined = m & 1;
        if (!(upJoined && dy <= 0) && !(leftJoined && dx <= 0)) ringAllowed[m] |= 1u << k;
      }
      ++k;
    }

  for (int64_t z = 0; z < g.nz; ++z) {
    labelsBefore[static_cast<size_t>(z)] = eq.size();
    uint32_t* cur = buffer.data() + (z & 1) * sz;         // labels of slice z, by in-slice offset
    const uint32_t* prev = buffer.data() + ((z + 1) & 1) * sz;  // labels of slice z - 1
    const int64_t sliceBase = (z + g.pad[2]) * sz;        // padded index of slice z's first voxel
    const T* lz = lv + sliceBase;                           // levels of slice z, by in-slice offset
    int64_t voxels = 0;
    for (int64_t y = 0; y < g.ny; ++y) {
      const int64_t base = g.pad[0] + sy * (y + g.pad[1]);  // in-slice offset of (0, y)
      for (int64_t x = 0; x < g.nx; ++x) {
        const int64_t o = base + x;
        const T c = lz[o];
        if (!c) continue;
        ++voxels;
        uint32_t root = kNone;  // root of the voxel's set so far
        auto join = [&](uint32_t l) { root = root == kNone ? eq.root(l) : eq.merge(root, l); };
        // In-plane. Up (0,-1) joined covers (-1,-1), (1,-1) and left (-1,0), its 8-neighbours; left joined
        // covers (-1,-1).
        const bool up = lz[o - sy] == c, left = lz[o - 1] == c;
        if (up) {
          join(cur[o - sy]);
        } else {
          if (left) join(cur[o - 1]);
          else if (lz[o - sy - 1] == c) join(cur[o - sy - 1]);
          if (lz[o - sy + 1] == c) join(cur[o - sy + 1]);
        }
        if (!kPlanar) {
          // Previous slice (fully visited, so same-level 8-neighbours there share a set): the voxel below
          // covers the whole 3x3 block; otherwise a joined left covers the block's columns dx <= 0, a joined up
          // its rows dy <= 0.
          const T* lb = lz - sz;
          if (lb[o] == c) {
            join(prev[o]);
          } else {
            // The 8 others of the block, tested without branches; bits of covered ones cleared.
            unsigned same = 0;
            for (int k = 0; k < 8; ++k) same |= static_cast<unsigned>(lb[o + ring[k]] == c) << k;
            same &= ringAllowed[(up ? 2 : 0) + (left ? 1 : 0)];
            for (; same; same &= same - 1) join(prev[o + ring[lowestBit(same)]]);  // the set bits only
          }
        }
        if (root == kNone) {
          root = eq.create();
          labelLevel.push_back(c);
          labelSize.push_back(0);
          if (dist) labelDist.push_back(kNone);
        }
        cur[o] = root;
        ++labelSize[root];
        if (dist) labelDist[root] = std::min(labelDist[root], dist[sliceBase + o]);
      }
    }
    out.sliceVoxels[kPlanar ? static_cast<size_t>(z) : 0] += static_cast<double>(voxels);
  }
  labelsBefore[static_cast<size_t>(g.nz)] = eq.size();

  // Zone index of the first root label at or after each slice start (2D zones never span slices).
  std::vector<size_t> zonesBefore(labelsBefore.size(), 0);
  {
    size_t roots = 0, z = 0;
    for (size_t l = 0; l <= eq.size(); ++l) {
      while (z < labelsBefore.size() && labelsBefore[z] == l) zonesBefore[z++] = roots;
      if (l < eq.size() && eq.root(static_cast<uint32_t>(l)) == l) ++roots;
    }
  }
  const uint32_t nZones = eq.flatten();
  out.level.resize(nZones);
  out.size.assign(nZones, 0);
  if (dist) out.distance.assign(nZones, kNone);
  for (size_t l = 0; l < eq.size(); ++l) {
    const uint32_t zone = eq[static_cast<uint32_t>(l)];
    out.level[zone] = labelLevel[l];
    out.size[zone] += labelSize[l];
    if (dist) out.distance[zone] = std::min(out.distance[zone], labelDist[l]);
  }
  if (kPlanar) out.sliceBegin = zonesBefore;
  else out.sliceBegin = {0, nZones};
  return out;
}

}  // namespace

Zones findZones(const DiscreteImage& image, bool planar, bool volumetric, bool distances) {
  Zones out;
  if (!planar && !volumetric) return out;
  const Grid& grid = image.grid;
  const int64_t padded = (grid.nx + 2) * (grid.ny + 2) * (grid.nz + 2);
  if (padded >= static_cast<int64_t>(std::numeric_limits<uint32_t>::max())) {
    std::ostringstream m;
    m << "zone labelling: the ROI's bounding box (plus margin) has " << grid.size()
      << " voxels; zone labelling supports up to 2^32 - 1";
    fail(code::kMatrixTooLarge, m.str());
  }
  const PaddedShape shape{grid.nx, grid.ny, grid.nz, grid.nx + 2, (grid.nx + 2) * (grid.ny + 2)};
  withLevelType(image.nLevels, [&](auto tag) {
    using T = decltype(tag);
    const int64_t pad[3] = {1, 1, 1};
    const PaddedLevels<T> g = padLevels<T>(image, pad);
    // Distances: the in-plane sweeps give the 2D map; the z sweeps on top of it give the 3D map.
    std::vector<uint32_t> dist;
    if (distances) {
      dist = paddedEdgeMask(image, shape);
      sweepsInPlane(shape, dist.data());
    }
    if (planar) out.planar = labelZones<T, true>(g, distances ? dist.data() : nullptr);
    if (volumetric) {
      if (distances) sweepsZ(shape, dist.data());
      out.volume = labelZones<T, false>(g, distances ? dist.data() : nullptr);
    }
  });
  return out;
}

std::vector<uint32_t> edgeDistanceMap(const Grid& grid, const std::vector<uint8_t>& mask, bool planar) {
  DiscreteImage image;
  image.grid = grid;
  image.levels.assign(mask.size(), 0);
  image.morphMask = mask;
  const PaddedShape shape{grid.nx, grid.ny, grid.nz, grid.nx + 2, (grid.nx + 2) * (grid.ny + 2)};
  std::vector<uint32_t> d = paddedEdgeMask(image, shape);
  sweepsInPlane(shape, d.data());
  if (!planar) sweepsZ(shape, d.data());
  std::vector<uint32_t> out(static_cast<size_t>(grid.size()));
  for (int64_t z = 0; z < grid.nz; ++z)
    for (int64_t y = 0; y < grid.ny; ++y)
      for (int64_t x = 0; x < grid.nx; ++x) out[static_cast<size_t>(grid.index(x, y, z))] = d[shape.at(x, y, z)];
  return out;
}

}  // namespace radiomics
