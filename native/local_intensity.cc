#include "local_intensity.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <vector>

#include "core/dispatch.h"
#include "core/error.h"
#include "core/feature_tags.h"

namespace radiomics {
namespace {

constexpr double kPi = 3.14159265358979323846;

// acc[i] += hi[i] - lo[i]: one sphere row added to a line of sphere sums (prefix-sum differences).
static inline void addRowKernel(double* __restrict acc, const double* __restrict hi, const double* __restrict lo,
                                int64_t n) {
  for (int64_t i = 0; i < n; ++i) acc[i] += hi[i] - lo[i];
}
RADIOMICS_MULTIVERSION(addRow, addRowKernel)

}  // namespace

std::vector<SphereRow> sphereRows(double radiusMm, const double spacing[3], int64_t maxDx, int64_t maxDy,
                                  int64_t maxDz) {
  std::vector<SphereRow> rows;
  const double r2 = radiusMm * radiusMm;
  // The same test everywhere: (dx sx)^2 + (dy sy)^2 + (dz sz)^2 <= r^2 in physical units.
  auto inside = [&](int64_t dx, int64_t dy, int64_t dz) {
    const double a = static_cast<double>(dx) * spacing[0], b = static_cast<double>(dy) * spacing[1],
                 c = static_cast<double>(dz) * spacing[2];
    return a * a + b * b + c * c <= r2;
  };
  // Extents clamped in floating point first: a tiny spacing must neither overflow nor loop for ever.
  auto clampedFloor = [](double e, int64_t limit) {
    return e < static_cast<double>(limit) ? static_cast<int64_t>(e) : limit;
  };
  const int64_t wy = clampedFloor(std::floor(radiusMm / spacing[1]) + 1, maxDy);
  const int64_t wz = clampedFloor(std::floor(radiusMm / spacing[2]) + 1, maxDz);
  for (int64_t dz = -wz; dz <= wz; ++dz)
    for (int64_t dy = -wy; dy <= wy; ++dy) {
      if (!inside(0, dy, dz)) continue;
      const double b = static_cast<double>(dy) * spacing[1], c = static_cast<double>(dz) * spacing[2];
      const double e = std::floor(std::sqrt(std::max(0.0, r2 - b * b - c * c)) / spacing[0]);
      int64_t w = clampedFloor(e, maxDx);
      if (w < maxDx) {
        // Settle the rounding of the square root with the exact test (monotone in |dx|).
        while (w > 0 && !inside(w, dy, dz)) --w;
        while (w < maxDx && inside(w + 1, dy, dz)) ++w;
      }
      rows.push_back({dy, dz, w});
    }
  return rows;
}

double peakSphereRadiusMm(double volumeCm3) { return std::cbrt(3.0 * volumeCm3 * 1000.0 / (4.0 * kPi)); }

void sphereMeans(const RoiImage& roi, double radiusMm, std::vector<double>& means) {
  const Grid& g = roi.grid;
  const int64_t nx = g.nx, ny = g.ny, nz = g.nz;
  means.assign(static_cast<size_t>(g.size()), NAN);
  if (g.size() == 0) return;

  // Rows of the sphere, restricted to offsets that can land on the crop at all.
  const std::vector<SphereRow> rows = sphereRows(radiusMm, g.spacing, nx - 1, ny - 1, nz - 1);
  int64_t W = 0;
  for (const SphereRow& r : rows) W = std::max(W, r.w);

  // Work estimate: rows x the spans of intensity-mask voxels per line. Refuse what would run for minutes.
  int64_t spans = 0;
  for (int64_t z = 0; z < nz; ++z)
    for (int64_t y = 0; y < ny; ++y) {
      const uint8_t* m = roi.intMask.data() + g.index(0, y, z);
      int64_t x0 = 0, x1 = nx - 1;
      while (x0 < nx && !m[x0]) ++x0;
      while (x1 >= x0 && !m[x1]) --x1;
      if (x0 <= x1) spans += x1 - x0 + 1;
    }
  const double work = static_cast<double>(rows.size()) * static_cast<double>(spans);
  if (work > 4e10) {
    std::ostringstream msg;
    msg << "local intensity: a sphere of radius " << radiusMm << " mm at this voxel spacing needs about " << work
        << " operations; reduce localIntensity.sphereVolumeCm3 or resample the image to a coarser grid";
    fail(code::kMatrixTooLarge, msg.str());
  }

  // Per line (y, z): P[j] = sum of the intensities at x < j - W (clamped to the line), j = 0..nx+2W, so
  // that the sum over [x - w, x + w] within [0, nx) is P[x + w + 1 + W] - P[x - w + W] without bounds tests.
  const int64_t L = nx + 2 * W + 1;
  std::vector<double> prefix(static_cast<size_t>(L * ny * nz));
  for (int64_t line = 0; line < ny * nz; ++line) {
    const double* v = roi.intensity.data() + line * nx;
    double* p = prefix.data() + line * L;
    double s = 0;
    for (int64_t j = 0; j < L; ++j) {
      p[j] = s;
      const int64_t x = j - W;
      if (x >= 0 && x < nx) s += v[x];
    }
  }

  std::vector<double> acc(static_cast<size_t>(nx));
  std::vector<int64_t> lineRows;  // half-widths of the rows that exist for the current line
  for (int64_t z = 0; z < nz; ++z)
    for (int64_t y = 0; y < ny; ++y) {
      const int64_t base = g.index(0, y, z);
      const uint8_t* m = roi.intMask.data() + base;
      int64_t x0 = 0, x1 = nx - 1;
      while (x0 < nx && !m[x0]) ++x0;
      while (x1 >= x0 && !m[x1]) --x1;
      if (x0 > x1) continue;
      const int64_t n = x1 - x0 + 1;
      std::fill(acc.begin(), acc.begin() + n, 0.0);
      lineRows.clear();
      int64_t full = 0;  // voxel count of the existing rows when no row is clipped along x
      for (const SphereRow& r : rows) {
        const int64_t yy = y + r.dy, zz = z + r.dz;
        if (yy < 0 || yy >= ny || zz < 0 || zz >= nz) continue;  // outside the image: no voxels
        const double* p = prefix.data() + (yy + ny * zz) * L + W;
        addRow(acc.data(), p + x0 + r.w + 1, p + x0 - r.w, n);
        lineRows.push_back(r.w);
        full += 2 * r.w + 1;
      }
      for (int64_t x = x0; x <= x1; ++x) {
        if (!m[x]) continue;
        int64_t count = full;
        if (x < W || x + W > nx - 1)  // rows clipped at the ends of the line
          for (int64_t w : lineRows) count -= std::max<int64_t>(0, w - x) + std::max<int64_t>(0, x + w - (nx - 1));
        means[static_cast<size_t>(base + x)] = acc[static_cast<size_t>(x - x0)] / static_cast<double>(count);
      }
    }
}

void computeLocalIntensity(const RoiImage& roi, const LocalIntensitySettings& settings, FeatureSink& out) {
  if (roi.intCount == 0) return;
  const double volume = settings.sphereVolumeCm3;
  if (!(volume > 0) || !std::isfinite(volume))
    fail(code::kInvalidConfig, "localIntensity.sphereVolumeCm3 must be a finite number > 0");
  for (double s : roi.grid.spacing)
    if (!(s > 0) || !std::isfinite(s)) fail(code::kBadSpacing, "local intensity needs finite voxel spacings > 0");

  std::vector<double> means;
  sphereMeans(roi, peakSphereRadiusMm(volume), means);

  double peakGlobal = -INFINITY, maxIntensity = -INFINITY, peakLocal = -INFINITY;
  for (size_t i = 0; i < means.size(); ++i) {
    if (!roi.intMask[i]) continue;
    peakGlobal = std::max(peakGlobal, means[i]);
    const double v = roi.intensity[i];
    if (v > maxIntensity) {
      maxIntensity = v;
      peakLocal = means[i];
    } else if (v == maxIntensity) {
      peakLocal = std::max(peakLocal, means[i]);
    }
  }
  out.add(tags::loc::kPeakLoc, peakLocal);    // VJGA  max over the maximum-intensity voxels of the 1 cm^3 sphere mean
  out.add(tags::loc::kPeakGlob, peakGlobal);  // 0F91  max over all intensity-mask voxels of the 1 cm^3 sphere mean
}

}  // namespace radiomics
