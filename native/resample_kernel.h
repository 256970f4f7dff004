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
  int64_t lo = 0, hi = 1;  // input range read (the whole axis when prefilter)
  std::vector<int64_t> idx;
  std::vector<double> w;
};

inline AxisTaps makeTaps(const AxisMap& m, Interpolation method, int64_t outLo, int64_t outHi) {
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
  if (t.prefilter) {
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

// Resamples `in` (geometry g) over the output box. load(In) -> double converts input values;
// emit(j, k, row) receives output row (y = box.lo[1] + j, z = box.lo[2] + k) as box.extent(0) doubles
// (called concurrently for distinct rows). Row grouping depends only on the geometry, never on the
// thread split, so results are bitwise identical for any thread count.

template <typename In, typename Load, typename Emit>
void resampleSeparable(const In* in, const Grid& g, const AxisTaps taps[3], const Box& box, Load load, Emit emit,
                       int threads) {
  const int64_t nx = g.nx, ny = g.ny;
  const int64_t nbx = box.extent(0), nby = box.extent(1), nbz = box.extent(2);
  const AxisTaps &tx = taps[0], &ty = taps[1], &tz = taps[2];
  const int64_t nxNeed = tx.hi - tx.lo, nyNeed = ty.hi - ty.lo, nzNeed = tz.hi - tz.lo;

  // x then y pass of input slice z: writes nby rows of nbx values at dst (row stride nbx).
  // line: kRows * nxNeed, block: kRows * nbx, plane: nyNeed * nbx doubles (per-thread scratch).
  auto xyPass = [&](int64_t z, double* line, double* block, double* plane, double* dst) {
    if (tx.prefilter) {
      // kRows rows at a time, interleaved (sample x of row r at line[x * rows + r]) so that the
      // recursive prefilter runs across rows (vectorised) rather than along one row (serial).
      for (int64_t y0 = ty.lo; y0 < ty.hi; y0 += kRows) {
        const int64_t rows = std::min<int64_t>(kRows, ty.hi - y0);
        for (int64_t r = 0; r < rows; ++r) {
          const In* row = in + nx * (y0 + r + ny * z) + tx.lo;
          for (int64_t x = 0; x < nxNeed; ++x) line[x * rows + r] = load(row[x]);
        }
        if (rows == kRows) bspline::prefilter<kRows>(line, nxNeed, kRows);
        else bspline::prefilter(line, nxNeed, rows);
        // Cubic taps for all rows at once (inner loop across rows), then back to row order.
        const int64_t* ix = tx.idx.data();
        const double* w = tx.w.data();
        for (int64_t i = 0; i < nbx; ++i, ix += 4, w += 4) {
          const double *a = line + ix[0] * rows, *b = line + ix[1] * rows, *c = line + ix[2] * rows,
                       *d = line + ix[3] * rows;
          double* o = block + i * rows;
          for (int64_t r = 0; r < rows; ++r) o[r] = ((w[0] * a[r] + w[1] * b[r]) + w[2] * c[r]) + w[3] * d[r];
        }
        for (int64_t r = 0; r < rows; ++r) {
          double* dstRow = plane + (y0 + r - ty.lo) * nbx;
          for (int64_t i = 0; i < nbx; ++i) dstRow[i] = block[i * rows + r];
        }
      }
    } else {
      for (int64_t y = ty.lo; y < ty.hi; ++y) {
        const In* row = in + nx * (y + ny * z) + tx.lo;
        for (int64_t x = 0; x < nxNeed; ++x) line[x] = load(row[x]);
        gatherLineK(tx.k, plane + (y - ty.lo) * nbx, line, nbx, tx.idx.data(), tx.w.data());
      }
    }
    if (ty.prefilter) bspline::prefilter(plane, nyNeed, nbx);
    for (int64_t j = 0; j < nby; ++j)
      combineRowsK(ty.k, dst + j * nbx, plane, nbx, &ty.idx[static_cast<size_t>(j * ty.k)],
                   &ty.w[static_cast<size_t>(j * ty.k)]);
  };

  if (tz.k == 1) {
    // z is copied or nearest: each output slice is the xy pass of one input slice (no intermediate).
    parallelFor(nbz, threads, [&](int64_t k0, int64_t k1) {
      std::vector<double> line(static_cast<size_t>(kRows * nxNeed)), block(static_cast<size_t>(kRows * nbx)),
          plane(static_cast<size_t>(nyNeed * nbx)), slice(static_cast<size_t>(nby * nbx));
      for (int64_t k = k0; k < k1; ++k) {
        xyPass(tz.lo + tz.idx[static_cast<size_t>(k)], line.data(), block.data(), plane.data(), slice.data());
        for (int64_t j = 0; j < nby; ++j) emit(j, k, slice.data() + j * nbx);
      }
    });
    return;
  }

  // General case: x/y-resampled slices for the z range needed, then the z pass per output row.
  const int64_t sliceSize = nbx * nby;
  std::unique_ptr<double[]> mid(new double[static_cast<size_t>(sliceSize * nzNeed)]);  // no zero fill
  parallelFor(nzNeed, threads, [&](int64_t z0, int64_t z1) {
    std::vector<double> line(static_cast<size_t>(kRows * nxNeed)), block(static_cast<size_t>(kRows * nbx)),
        plane(static_cast<size_t>(nyNeed * nbx));
    for (int64_t z = z0; z < z1; ++z)
      xyPass(tz.lo + z, line.data(), block.data(), plane.data(), mid.get() + z * sliceSize);
  });
  parallelFor(nby, threads, [&](int64_t j0, int64_t j1) {
    std::vector<double> plane(static_cast<size_t>(nzNeed * nbx)), row(static_cast<size_t>(nbx));
    for (int64_t j = j0; j < j1; ++j) {
      for (int64_t z = 0; z < nzNeed; ++z)
        std::copy_n(mid.get() + z * sliceSize + j * nbx, nbx, plane.data() + z * nbx);
      if (tz.prefilter) bspline::prefilter(plane.data(), nzNeed, nbx);
      for (int64_t k = 0; k < nbz; ++k) {
        combineRowsK(tz.k, row.data(), plane.data(), nbx, &tz.idx[static_cast<size_t>(k * tz.k)],
                     &tz.w[static_cast<size_t>(k * tz.k)]);
        emit(j, k, row.data());
      }
    }
  });
}

}  // namespace resample_detail
}  // namespace radiomics
