// The separable resampling kernel behind resample.h: per-axis tap tables and the x/y/z passes.
// Internal to resample.cc.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/grid.h"
#include "resample.h"
#include "resample_bspline.h"
#include "resample_parallel.h"

namespace radiomics {
namespace resample_detail {

// Interpolation along one axis, restricted to output indices [outLo, outHi): output i (relative to outLo)
// is sum_t w[i k + t] * line[idx[i k + t]], idx relative to `lo`. Input samples [lo, hi) are read.
struct AxisTaps {
  int k = 1;               // taps per output sample: 1 (copy / nearest), 2 (linear), 4 (cubic B-spline)
  bool prefilter = false;  // the line must be converted to B-spline coefficients first
  int64_t lo = 0, hi = 1;  // input range read (prefilter: the taps' range grown by the prefilter margin)
  std::vector<int64_t> idx;
  std::vector<double> w;
};

// prefilterMargin (B-spline only): < 0 prefilters whole input lines; otherwise the line is cut
// prefilterMargin samples beyond the outermost tap on each side (never beyond the input), see
// bspline::kPrefilterMargin for the margin that keeps results within 1e-12 of whole lines.
inline AxisTaps makeTaps(const AxisMap& m, Interpolation method, int64_t outLo, int64_t outHi,
                         int64_t prefilterMargin = -1) {
  AxisTaps t;
  const int64_t n = m.nIn, count = outHi - outLo;
  if (m.identity()) method = Interpolation::Nearest;  // exact copy: positions are the integers
  t.k = method == Interpolation::Nearest ? 1 : method == Interpolation::Linear ? 2 : 4;
  t.prefilter = method == Interpolation::BSpline && n > 1;
  t.idx.resize(static_cast<size_t>(count * t.k));
  t.w.resize(static_cast<size_t>(count * t.k));
  const double pMax = static_cast<double>(n - 1);
  for (int64_t i = 0; i < count; ++i) {
    // Nearest boundary value outside the input: clamp the position.
    const double p = std::min(std::max(m.position(outLo + i), 0.0), pMax);
    int64_t* ix = &t.idx[static_cast<size_t>(i * t.k)];
    double* w = &t.w[static_cast<size_t>(i * t.k)];
    if (t.k == 1) {
      ix[0] = std::min<int64_t>(static_cast<int64_t>(std::floor(p + 0.5)), n - 1);
      w[0] = 1.0;
    } else if (t.k == 2) {
      const int64_t i0 = std::min<int64_t>(static_cast<int64_t>(std::floor(p)), std::max<int64_t>(n - 2, 0));
      const double f = p - static_cast<double>(i0);
      ix[0] = i0;
      ix[1] = std::min<int64_t>(i0 + 1, n - 1);
      w[0] = 1.0 - f;
      w[1] = f;
    } else {
      const int64_t i0 = static_cast<int64_t>(std::floor(p));
      bspline::weights(p - static_cast<double>(i0), w);
      for (int j = 0; j < 4; ++j) ix[j] = bspline::mirror(i0 - 1 + j, n);
    }
  }
  if (t.prefilter && prefilterMargin < 0) {
    t.lo = 0;
    t.hi = n;
  } else {
    t.lo = n;
    t.hi = 0;
    for (int64_t v : t.idx) {
      t.lo = std::min(t.lo, v);
      t.hi = std::max(t.hi, v + 1);
    }
    if (count == 0) t.lo = t.hi = 0;
    if (t.prefilter && count > 0) {
      t.lo = std::max<int64_t>(0, t.lo - prefilterMargin);
      t.hi = std::min<int64_t>(n, t.hi + prefilterMargin);
    }
  }
  for (auto& v : t.idx) v -= t.lo;
  return t;
}

// dst[x] = sum_t w[t] * src[idx[t] * width + x], x < width: one output row from K rows of a plane.
template <int K>
inline void combineRows(double* dst, const double* src, int64_t width, const int64_t* idx, const double* w) {
  const double* a = src + idx[0] * width;
  if (K == 1) {
    const double w0 = w[0];
    for (int64_t x = 0; x < width; ++x) dst[x] = w0 * a[x];
  } else if (K == 2) {
    const double* b = src + idx[1] * width;
    const double w0 = w[0], w1 = w[1];
    for (int64_t x = 0; x < width; ++x) dst[x] = w0 * a[x] + w1 * b[x];
  } else {
    const double* b = src + idx[1] * width;
    const double* c = src + idx[2] * width;
    const double* d = src + idx[3] * width;
    const double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
    for (int64_t x = 0; x < width; ++x) dst[x] = ((w0 * a[x] + w1 * b[x]) + w2 * c[x]) + w3 * d[x];
  }
}

inline void combineRowsK(int k, double* dst, const double* src, int64_t width, const int64_t* idx, const double* w) {
  if (k == 1) combineRows<1>(dst, src, width, idx, w);
  else if (k == 2) combineRows<2>(dst, src, width, idx, w);
  else combineRows<4>(dst, src, width, idx, w);
}

// dst[i] = sum_t w[i K + t] * line[idx[i K + t]], i < count: resampling along a contiguous line.
template <int K>
inline void gatherLine(double* dst, const double* line, int64_t count, const int64_t* idx, const double* w) {
  for (int64_t i = 0; i < count; ++i, idx += K, w += K) {
    if (K == 1) dst[i] = w[0] * line[idx[0]];
    else if (K == 2) dst[i] = w[0] * line[idx[0]] + w[1] * line[idx[1]];
    else dst[i] = ((w[0] * line[idx[0]] + w[1] * line[idx[1]]) + w[2] * line[idx[2]]) + w[3] * line[idx[3]];
  }
}

inline void gatherLineK(int k, double* dst, const double* line, int64_t count, const int64_t* idx, const double* w) {
  if (k == 1) gatherLine<1>(dst, line, count, idx, w);
  else if (k == 2) gatherLine<2>(dst, line, count, idx, w);
  else gatherLine<4>(dst, line, count, idx, w);
}

constexpr int64_t kRows = 8;  // rows prefiltered together in the x pass

// Extent of the tiles the general case splits n output columns (or rows) into, `unit` bytes of
// intermediate each: the largest extent that fits in maxMidBytes, at least 1; tiles of nearly equal
// extent. Depends only on the geometry and maxMidBytes, never on the thread count.
inline int64_t tileExtent(int64_t n, int64_t unit, int64_t maxMidBytes) {
  if (n <= 0) return 1;
  const int64_t e = std::min<int64_t>(n, std::max<int64_t>(1, maxMidBytes / std::max<int64_t>(1, unit)));
  const int64_t tiles = (n + e - 1) / e;
  return (n + tiles - 1) / tiles;
}

// Resamples `in` (geometry g) over the output box. load(In) -> double converts input values;
// emit(j, k, i0, count, row) receives count values of output row (y = box.lo[1] + j, z = box.lo[2] + k)
// starting at x = box.lo[0] + i0, as doubles (called concurrently for distinct rows / tiles).
// When z is interpolated, the output is computed in tiles of W output columns x H output rows (all z):
// x and y passes of every needed input slice restricted to the tile into an intermediate of
// W * H * nzNeed doubles (at most maxMidBytes, at least one column), then the z pass. With a y
// prefilter (B-spline) every tile needs whole y lines, so tiles are column strips (H = nby) and the
// x prefilter of whole input rows is redone per strip; otherwise tiles are bands of full rows (W = nbx)
// whose x pass reads only the input rows the band's y taps need. Every output value gets exactly the
// same operations whatever the tiling or the thread split (per-line arithmetic does not depend on how
// lines are grouped), so results are bitwise identical for any maxMidBytes and thread count.

// `in` holds the input box `win` only (x fastest; win = the whole grid for a whole image); every tap
// range must lie inside it.
template <typename In, typename Load, typename Emit>
void resampleSeparable(const In* in, const Box& win, const AxisTaps taps[3], const Box& box, Load load, Emit emit,
                       int threads, int64_t maxMidBytes) {
  const int64_t nx = win.extent(0), ny = win.extent(1);
  // Input row (y, z) of the grid, from column tx.lo on.
  auto inputRow = [&](int64_t y, int64_t z) {
    return in + nx * ((y - win.lo[1]) + ny * (z - win.lo[2])) + (taps[0].lo - win.lo[0]);
  };
  const int64_t nbx = box.extent(0), nby = box.extent(1), nbz = box.extent(2);
  const AxisTaps &tx = taps[0], &ty = taps[1], &tz = taps[2];
  const int64_t nxNeed = tx.hi - tx.lo, nyNeed = ty.hi - ty.lo, nzNeed = tz.hi - tz.lo;

  // x then y pass of input slice z for output columns [i0, i0 + W) and rows [j0, j0 + H): writes H rows
  // of W values, row j0 + j at dst + j * dstStride. line: kRows * nxNeed, block: kRows * W,
  // plane: nyNeed * W doubles (per-thread scratch; only the input rows the y taps read are filled).
  auto xyPass = [&](int64_t z, int64_t i0, int64_t W, int64_t j0, int64_t H, double* line, double* block,
                    double* plane, double* dst, int64_t dstStride) {
    int64_t yLo = ty.lo, yHi = ty.hi;
    if (!ty.prefilter) {
      const int64_t* iy = ty.idx.data() + j0 * ty.k;
      yLo = ty.hi;
      yHi = ty.lo;
      for (int64_t t = 0; t < H * ty.k; ++t) {
        yLo = std::min(yLo, ty.lo + iy[t]);
        yHi = std::max(yHi, ty.lo + iy[t] + 1);
      }
    }
    if (tx.prefilter) {
      // The tile's taps read coefficients [xFirst, nxNeed) only: the anticausal pass stops there.
      int64_t xFirst = nxNeed;
      for (int64_t t = 0; t < W * 4; ++t) xFirst = std::min(xFirst, tx.idx[static_cast<size_t>(i0 * 4 + t)]);
      // kRows rows at a time, interleaved (sample x of row r at line[x * rows + r]) so that the
      // recursive prefilter runs across rows (vectorised) rather than along one row (serial).
      for (int64_t y0 = yLo; y0 < yHi; y0 += kRows) {
        const int64_t rows = std::min<int64_t>(kRows, yHi - y0);
        for (int64_t r = 0; r < rows; ++r) {
          const In* row = inputRow(y0 + r, z);
          for (int64_t x = 0; x < nxNeed; ++x) line[x * rows + r] = load(row[x]);
        }
        if (rows == kRows) bspline::prefilter<kRows>(line, nxNeed, kRows, xFirst);
        else bspline::prefilter(line, nxNeed, rows, xFirst);
        // Cubic taps for all rows at once (inner loop across rows), then back to row order.
        const int64_t* ix = tx.idx.data() + i0 * 4;
        const double* w = tx.w.data() + i0 * 4;
        for (int64_t i = 0; i < W; ++i, ix += 4, w += 4) {
          const double *a = line + ix[0] * rows, *b = line + ix[1] * rows, *c = line + ix[2] * rows,
                       *d = line + ix[3] * rows;
          double* o = block + i * rows;
          for (int64_t r = 0; r < rows; ++r) o[r] = ((w[0] * a[r] + w[1] * b[r]) + w[2] * c[r]) + w[3] * d[r];
        }
        for (int64_t r = 0; r < rows; ++r) {
          double* dstRow = plane + (y0 + r - ty.lo) * W;
          for (int64_t i = 0; i < W; ++i) dstRow[i] = block[i * rows + r];
        }
      }
    } else {
      // Only the input columns the tile's taps read are loaded (line keeps tx.lo-relative indices).
      const int64_t* ix = tx.idx.data() + i0 * tx.k;
      int64_t xLo = nxNeed, xHi = 0;
      for (int64_t t = 0; t < W * tx.k; ++t) {
        xLo = std::min(xLo, ix[t]);
        xHi = std::max(xHi, ix[t] + 1);
      }
      for (int64_t y = yLo; y < yHi; ++y) {
        const In* row = inputRow(y, z);
        for (int64_t x = xLo; x < xHi; ++x) line[x] = load(row[x]);
        gatherLineK(tx.k, plane + (y - ty.lo) * W, line, W, ix, tx.w.data() + i0 * tx.k);
      }
    }
    if (ty.prefilter) bspline::prefilter(plane, nyNeed, W);
    for (int64_t j = 0; j < H; ++j)
      combineRowsK(ty.k, dst + j * dstStride, plane, W, &ty.idx[static_cast<size_t>((j0 + j) * ty.k)],
                   &ty.w[static_cast<size_t>((j0 + j) * ty.k)]);
  };

  if (tz.k == 1) {
    // z is copied or nearest: each output slice is the xy pass of one input slice (no intermediate).
    parallelFor(nbz, threads, [&](int64_t k0, int64_t k1) {
      std::vector<double> line(static_cast<size_t>(kRows * nxNeed)), block(static_cast<size_t>(kRows * nbx)),
          plane(static_cast<size_t>(nyNeed * nbx)), slice(static_cast<size_t>(nby * nbx));
      for (int64_t k = k0; k < k1; ++k) {
        xyPass(tz.lo + tz.idx[static_cast<size_t>(k)], 0, nbx, 0, nby, line.data(), block.data(), plane.data(), slice.data(),
               nbx);
        for (int64_t j = 0; j < nby; ++j) emit(j, k, int64_t(0), nbx, slice.data() + j * nbx);
      }
    });
    return;
  }

  // General case, per tile of output columns [i0, i0 + W) x rows [j0, j0 + H): x/y-resampled values
  // for the z range needed, stored as mid[(j * nzNeed + z) * W + i] (one contiguous z-by-x plane per
  // output row, prefiltered along z in place), then the z pass per output row.
  const int64_t zBytes = nzNeed * static_cast<int64_t>(sizeof(double));
  const int64_t tileW = ty.prefilter ? tileExtent(nbx, nby * zBytes, maxMidBytes) : nbx;
  const int64_t tileH = ty.prefilter ? nby : tileExtent(nby, nbx * zBytes, maxMidBytes);
  std::unique_ptr<double[]> mid(new double[static_cast<size_t>(tileW * tileH * nzNeed)]);  // no zero fill
  for (int64_t j0 = 0; j0 < nby; j0 += tileH)
    for (int64_t i0 = 0; i0 < nbx; i0 += tileW) {
      const int64_t W = std::min(tileW, nbx - i0), H = std::min(tileH, nby - j0);
      parallelFor(nzNeed, threads, [&](int64_t z0, int64_t z1) {
        std::vector<double> line(static_cast<size_t>(kRows * nxNeed)), block(static_cast<size_t>(kRows * W)),
            plane(static_cast<size_t>(nyNeed * W));
        for (int64_t z = z0; z < z1; ++z)
          xyPass(tz.lo + z, i0, W, j0, H, line.data(), block.data(), plane.data(), mid.get() + z * W, nzNeed * W);
      });
      parallelFor(H, threads, [&](int64_t h0, int64_t h1) {
        std::vector<double> row(static_cast<size_t>(W));
        for (int64_t j = h0; j < h1; ++j) {
          double* plane = mid.get() + j * nzNeed * W;
          if (tz.prefilter) bspline::prefilter(plane, nzNeed, W);
          for (int64_t k = 0; k < nbz; ++k) {
            combineRowsK(tz.k, row.data(), plane, W, &tz.idx[static_cast<size_t>(k * tz.k)],
                         &tz.w[static_cast<size_t>(k * tz.k)]);
            emit(j0 + j, k, i0, W, row.data());
          }
        }
      });
    }
}

}  // namespace resample_detail
}  // namespace radiomics
