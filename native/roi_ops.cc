#include "roi_ops.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "core/error.h"
#include "core/roi.h"
#include "roi_ops_edt.h"

namespace radiomics {
namespace {

constexpr double kRelTolerance = 1e-9;  // on squared distances, see roi_ops.h
constexpr double kInf = std::numeric_limits<double>::infinity();

const char* axisName(int a) { return a == 0 ? "x" : a == 1 ? "y" : "z"; }

// Squared-distance threshold for "d <= r".
double threshold(double r) { return r * r * (1.0 + kRelTolerance); }

void checkInputs(const Grid& grid, const std::vector<uint8_t>& mask, const RoiOpsOptions& opt, const char* what) {
  if (grid.nx <= 0 || grid.ny <= 0 || grid.nz <= 0) {
    std::ostringstream m;
    m << what << ": grid shape [" << grid.nx << ", " << grid.ny << ", " << grid.nz << "] is invalid";
    fail(code::kBadDimensions, m.str());
  }
  for (int a = 0; a < 3; ++a)
    if (!std::isfinite(grid.spacing[a]) || grid.spacing[a] <= 0) {
      std::ostringstream m;
      m << what << ": spacing [" << grid.spacing[0] << ", " << grid.spacing[1] << ", " << grid.spacing[2]
        << "] must be finite and positive";
      fail(code::kBadSpacing, m.str());
    }
  if (static_cast<int64_t>(mask.size()) != grid.size()) {
    std::ostringstream m;
    m << what << ": mask has " << mask.size() << " voxels but the grid has " << grid.size();
    fail(code::kDataLength, m.str());
  }
  if (opt.clipTo && static_cast<int64_t>(opt.clipTo->size()) != grid.size()) {
    std::ostringstream m;
    m << what << ": clipTo mask has " << opt.clipTo->size() << " voxels but the grid has " << grid.size();
    fail(code::kDataLength, m.str());
  }
}

void checkRadius(double r, const char* what) {
  if (!std::isfinite(r) || r < 0) {
    std::ostringstream m;
    m << what << ": radius " << r << " mm must be finite and >= 0";
    fail(code::kInvalidArgument, m.str());
  }
}

// Reach that stands for "beyond any grid" (grid extents are far smaller).
constexpr int64_t kBeyondAnyGrid = int64_t(1) << 40;

// Largest k with (k s)^2 <= threshold(r): how many voxels a ball of radius r reaches along an axis. floor(r / s)
// is within a step or two of it; more steps mean the squares leave the double range (a spacing such as
// 1e-300 mm, whose squared distances underflow to 0, or a radius whose square is infinite): then every
// distance along the axis counts as within r, and the ball reaches beyond any grid. A fuzzer found the
// unbounded count (2^63 steps) and the overflowing cast.
int64_t reach(double r, double s) {
  const double t = threshold(r);
  const double q = r / s;
  if (!(q < static_cast<double>(kBeyondAnyGrid))) return kBeyondAnyGrid;
  int64_t k = static_cast<int64_t>(std::floor(q));
  for (int steps = 0; static_cast<double>(k + 1) * s * static_cast<double>(k + 1) * s <= t; ++k)
    if (++steps > 4) return kBeyondAnyGrid;
  while (k > 0 && static_cast<double>(k) * s * static_cast<double>(k) * s > t) --k;
  return k;
}

// Squared distances to the mask over a box of the grid (possibly extending one voxel beyond it).
struct DistanceMap {
  Box box;  // in grid coordinates; may start at -1 / end at n + 1 (erosion's virtual border)
  int64_t dims[3] = {0, 0, 0};
  std::vector<double> d2;
  double at(int64_t x, int64_t y, int64_t z) const {
    if (x < box.lo[0] || y < box.lo[1] || z < box.lo[2] || x >= box.hi[0] || y >= box.hi[1] || z >= box.hi[2])
      return kInf;
    return d2[static_cast<size_t>((x - box.lo[0]) + dims[0] * ((y - box.lo[1]) + dims[1] * (z - box.lo[2])))];
  }
};

// Distances to the mask for every voxel within radius `r` of it; fails (or clips) when that
// neighbourhood leaves the grid. Empty mask -> empty box.
DistanceMap distanceToMask(const Grid& grid, const std::vector<uint8_t>& mask, double r, const RoiOpsOptions& opt,
                           const char* what) {
  DistanceMap dm;
  const Box bb = boundingBox(grid, mask);
  if (bb.empty()) return dm;
  const int64_t n[3] = {grid.nx, grid.ny, grid.nz};
  for (int a = 0; a < 3; ++a) {
    const int64_t k = reach(r, grid.spacing[a]);
    const int64_t lo = bb.lo[a] - k, hi = bb.hi[a] + k;
    if ((lo < 0 || hi > n[a]) && !opt.allowClip) {
      std::ostringstream m;
      m << what << " by " << r << " mm reaches beyond the image along " << axisName(a) << ": the mask spans voxels "
        << bb.lo[a] << ".." << bb.hi[a] - 1 << " and the ball reaches " << k << " voxels of " << grid.spacing[a]
        << " mm on each side (voxels " << lo << ".." << hi - 1 << ") but the image has voxels 0.." << n[a] - 1
        << "; crop with a larger margin or set allowClip to clip the result to the image";
      fail(code::kOutOfImage, m.str());
    }
    dm.box.lo[a] = std::max<int64_t>(lo, 0);
    dm.box.hi[a] = std::min<int64_t>(hi, n[a]);
    dm.dims[a] = dm.box.extent(a);
  }
  dm.d2.resize(static_cast<size_t>(dm.dims[0] * dm.dims[1] * dm.dims[2]));
  size_t i = 0;
  for (int64_t z = dm.box.lo[2]; z < dm.box.hi[2]; ++z)
    for (int64_t y = dm.box.lo[1]; y < dm.box.hi[1]; ++y)
      for (int64_t x = dm.box.lo[0]; x < dm.box.hi[0]; ++x, ++i)
        dm.d2[i] = mask[static_cast<size_t>(grid.index(x, y, z))] ? 0.0 : kInf;
  squaredEdt(dm.d2.data(), dm.dims, grid.spacing, opt.threads);
  return dm;
}

// out[p] = 1 where lowT < d2(p) <= highT (and clipTo allows it), plus the mask itself when withMask.
// Returns the voxel count.
int64_t band(const Grid& grid, const std::vector<uint8_t>& mask, const DistanceMap& dm, double lowT, double highT,
             bool withMask, const RoiOpsOptions& opt, std::vector<uint8_t>& out) {
  out.assign(static_cast<size_t>(grid.size()), 0);
  int64_t count = 0;
  if (withMask)
    for (size_t i = 0; i < out.size(); ++i)
      if (mask[i]) {
        out[i] = 1;
        ++count;
      }
  for (int64_t z = dm.box.lo[2]; z < dm.box.hi[2]; ++z)
    for (int64_t y = dm.box.lo[1]; y < dm.box.hi[1]; ++y)
      for (int64_t x = dm.box.lo[0]; x < dm.box.hi[0]; ++x) {
        const size_t g = static_cast<size_t>(grid.index(x, y, z));
        if (mask[g]) continue;  // d2 = 0: only the mask itself
        const double d = dm.at(x, y, z);
        if (d > lowT && d <= highT && (!opt.clipTo || (*opt.clipTo)[g])) {
          out[g] = 1;
          ++count;
        }
      }
  return count;
}

std::string formatMm(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", r);
  return buf;
}

}  // namespace

std::vector<uint8_t> dilateMask(const Grid& grid, const std::vector<uint8_t>& mask, double radiusMm,
                                const RoiOpsOptions& opt) {
  checkInputs(grid, mask, opt, "dilation");
  checkRadius(radiusMm, "dilation");
  const DistanceMap dm = distanceToMask(grid, mask, radiusMm, opt, "dilating the mask");
  std::vector<uint8_t> out;
  band(grid, mask, dm, -1.0, threshold(radiusMm), true, opt, out);
  return out;
}

std::vector<uint8_t> erodeMask(const Grid& grid, const std::vector<uint8_t>& mask, double radiusMm,
                               const RoiOpsOptions& opt) {
  checkInputs(grid, mask, opt, "erosion");
  checkRadius(radiusMm, "erosion");
  std::vector<uint8_t> out(static_cast<size_t>(grid.size()), 0);
  const Box bb = boundingBox(grid, mask);
  if (bb.empty()) return out;
  // Distances to the background over the bounding box grown by one voxel: the nearest background voxel
  // of any mask voxel lies in it (clamping a background voxel into the box moves it closer and keeps it
  // background). The grown box may stick out of the grid: those virtual voxels are background when
  // borderIsBackground, otherwise the box is clipped to the grid.
  const int64_t n[3] = {grid.nx, grid.ny, grid.nz};
  Box box;
  int64_t dims[3];
  for (int a = 0; a < 3; ++a) {
    box.lo[a] = bb.lo[a] - 1;
    box.hi[a] = bb.hi[a] + 1;
    if (!opt.borderIsBackground) {
      box.lo[a] = std::max<int64_t>(box.lo[a], 0);
      box.hi[a] = std::min<int64_t>(box.hi[a], n[a]);
    }
    dims[a] = box.extent(a);
  }
  std::vector<double> d2(static_cast<size_t>(dims[0] * dims[1] * dims[2]));
  size_t i = 0;
  for (int64_t z = box.lo[2]; z < box.hi[2]; ++z)
    for (int64_t y = box.lo[1]; y < box.hi[1]; ++y)
      for (int64_t x = box.lo[0]; x < box.hi[0]; ++x, ++i) {
        const bool in = grid.contains(x, y, z) && mask[static_cast<size_t>(grid.index(x, y, z))];
        d2[i] = in ? kInf : 0.0;
      }
  squaredEdt(d2.data(), dims, grid.spacing, opt.threads);
  const double t = threshold(radiusMm);
  i = 0;
  for (int64_t z = box.lo[2]; z < box.hi[2]; ++z)
    for (int64_t y = box.lo[1]; y < box.hi[1]; ++y)
      for (int64_t x = box.lo[0]; x < box.hi[0]; ++x, ++i)
        if (grid.contains(x, y, z) && mask[static_cast<size_t>(grid.index(x, y, z))] && d2[i] > t)
          out[static_cast<size_t>(grid.index(x, y, z))] = 1;
  return out;
}

std::vector<uint8_t> ringMask(const Grid& grid, const std::vector<uint8_t>& mask, double innerMm, double outerMm,
                              const RoiOpsOptions& opt) {
  checkInputs(grid, mask, opt, "ring");
  checkRadius(innerMm, "ring inner");
  checkRadius(outerMm, "ring outer");
  if (!(innerMm < outerMm)) {
    std::ostringstream m;
    m << "ring: inner radius " << innerMm << " mm must be smaller than outer radius " << outerMm << " mm";
    fail(code::kInvalidArgument, m.str());
  }
  const DistanceMap dm = distanceToMask(grid, mask, outerMm, opt, "the ring (dilating the mask)");
  std::vector<uint8_t> out;
  band(grid, mask, dm, innerMm > 0 ? threshold(innerMm) : 0.0, threshold(outerMm), false, opt, out);
  return out;
}

std::vector<NamedMask> peritumoralMasks(const Grid& grid, const std::vector<uint8_t>& mask,
                                        const std::vector<double>& radiiMm, const RoiOpsOptions& opt) {
  checkInputs(grid, mask, opt, "peritumoral masks");
  if (radiiMm.empty()) fail(code::kInvalidArgument, "peritumoral masks: no radius given");
  for (size_t i = 0; i < radiiMm.size(); ++i) {
    checkRadius(radiiMm[i], "peritumoral masks");
    if (radiiMm[i] <= 0 || (i > 0 && !(radiiMm[i] > radiiMm[i - 1]))) {
      std::ostringstream m;
      m << "peritumoral masks: radii must be > 0 and strictly increasing (got " << radiiMm[i] << " mm at position "
        << i << ")";
      fail(code::kInvalidArgument, m.str());
    }
  }
  const DistanceMap dm = distanceToMask(grid, mask, radiiMm.back(), opt, "the peritumoral region (dilating the mask)");
  std::vector<NamedMask> out;
  out.reserve(1 + 2 * radiiMm.size());
  {
    NamedMask m;
    m.name = "intratumoral";
    m.mask.assign(static_cast<size_t>(grid.size()), 0);
    for (size_t i = 0; i < mask.size(); ++i)
      if (mask[i]) {
        m.mask[i] = 1;
        ++m.count;
      }
    out.push_back(std::move(m));
  }
  for (size_t i = 0; i < radiiMm.size(); ++i) {
    NamedMask m;
    m.innerMm = i == 0 ? 0.0 : radiiMm[i - 1];
    m.outerMm = radiiMm[i];
    m.name = "peritumoral_" + formatMm(m.innerMm) + "_" + formatMm(m.outerMm) + "mm";
    m.count = band(grid, mask, dm, i == 0 ? 0.0 : threshold(m.innerMm), threshold(m.outerMm), false, opt, m.mask);
    out.push_back(std::move(m));
  }
  for (size_t i = 0; i < radiiMm.size(); ++i) {
    NamedMask m;
    m.outerMm = radiiMm[i];
    m.name = "combined_" + formatMm(m.outerMm) + "mm";
    m.count = band(grid, mask, dm, -1.0, threshold(m.outerMm), true, opt, m.mask);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace radiomics
