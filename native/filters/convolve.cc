#include "convolve.h"

#include <algorithm>
#include <cstring>

#include "../resample_parallel.h"
#include "combine_rows.h"

namespace radiomics {
namespace filters {
namespace {

// Fills `row` (length nx) with image row `src` of a plane, or zeros when the boundary reads outside.
inline void copyRow(double* row, const float* src, int64_t nx) {
  if (src == nullptr) {
    std::fill(row, row + nx, 0.0);
    return;
  }
  for (int64_t x = 0; x < nx; ++x) row[x] = src[x];
}

// Pass along x: each row is padded into a line buffer, then combined tap by tap.
void passX(float* data, const Dims& d, const Kernel1D& k, Boundary b, int threads) {
  const int64_t nx = d.n[0], rows = d.n[1] * d.n[2];
  const int64_t lo = std::min<int64_t>(k.first, 0), hi = std::max<int64_t>(k.last(), 0);
  const int sym = symmetryOf(k);
  parallelFor(rows, threads, [&](int64_t r0, int64_t r1) {
    std::vector<double> line(static_cast<size_t>(nx + hi - lo)), acc(static_cast<size_t>(nx));
    for (int64_t r = r0; r < r1; ++r) {
      float* row = data + r * nx;
      for (int64_t i = lo; i < nx + hi; ++i) {
        const int64_t s = boundaryIndex(i, nx, b);
        line[static_cast<size_t>(i - lo)] = s < 0 ? 0.0 : row[s];
      }
      combineRows(acc.data(), line.data() - lo, 1, nx, k, sym);
      for (int64_t x = 0; x < nx; ++x) row[x] = static_cast<float>(acc[static_cast<size_t>(x)]);
    }
  });
}

// Pass along y (axis 1) or z (axis 2): for each plane holding that axis and x, the rows are gathered
// (padded by the boundary) and combined row by row, x innermost (contiguous, vectorisable).
void passYZ(float* data, const Dims& d, int axis, const Kernel1D& k, Boundary b, int threads) {
  const int64_t nx = d.n[0], ny = d.n[1], nz = d.n[2];
  const int64_t len = axis == 1 ? ny : nz;               // along the filtered axis
  const int64_t planes = axis == 1 ? nz : ny;            // the other axis
  const int64_t step = axis == 1 ? nx : nx * ny;         // stride of the filtered axis
  const int64_t planeStride = axis == 1 ? nx * ny : nx;  // stride between planes
  const int64_t lo = std::min<int64_t>(k.first, 0), hi = std::max<int64_t>(k.last(), 0);
  const int sym = symmetryOf(k);
  parallelFor(planes, threads, [&](int64_t p0, int64_t p1) {
    std::vector<double> buf(static_cast<size_t>((len + hi - lo) * nx));
    std::vector<double> acc(static_cast<size_t>(nx));
    for (int64_t p = p0; p < p1; ++p) {
      float* plane = data + p * planeStride;
      for (int64_t i = lo; i < len + hi; ++i) {
        const int64_t s = boundaryIndex(i, len, b);
        copyRow(buf.data() + (i - lo) * nx, s < 0 ? nullptr : plane + s * step, nx);
      }
      for (int64_t j = 0; j < len; ++j) {
        combineRows(acc.data(), buf.data() + (j - lo) * nx, nx, nx, k, sym);
        float* dst = plane + j * step;
        for (int64_t x = 0; x < nx; ++x) dst[x] = static_cast<float>(acc[static_cast<size_t>(x)]);
      }
    }
  });
}

}  // namespace

void convolveAxis(float* data, const Dims& d, int axis, const Kernel1D& k, Boundary b, int threads) {
  if (k.empty()) return;
  if (axis == 0)
    passX(data, d, k, b, threads);
  else
    passYZ(data, d, axis, k, b, threads);
}

void convolveSeparable(const float* in, float* out, const Dims& d, const Kernel1D* const k[3], Boundary b,
                       int threads) {
  if (out != in) std::memcpy(out, in, static_cast<size_t>(d.size()) * sizeof(float));
  for (int a = 0; a < 3; ++a)
    if (k[a]) convolveAxis(out, d, a, *k[a], b, threads);
}

void planePass(const double* src, double* dst, int64_t nx, int64_t ny, int axis, const Kernel1D& k, Boundary b,
               bool add, std::vector<double>& scratch) {
  const int64_t len = axis == 0 ? nx : ny, lo = std::min<int64_t>(k.first, 0), hi = std::max<int64_t>(k.last(), 0);
  const int sym = symmetryOf(k);
  // The padded line (x) or the padded rows (y), then one accumulator row.
  const int64_t padded = (len + hi - lo) * (axis == 0 ? 1 : nx);
  scratch.resize(static_cast<size_t>(padded + nx));
  double* buf = scratch.data();
  double* acc = buf + padded;
  auto store = [&](double* row) {
    if (add)
      for (int64_t x = 0; x < nx; ++x) row[x] += acc[x];
    else
      std::copy(acc, acc + nx, row);
  };
  if (axis == 0) {
    for (int64_t y = 0; y < ny; ++y) {
      const double* row = src + y * nx;
      for (int64_t i = lo; i < nx + hi; ++i) {
        const int64_t s = boundaryIndex(i, nx, b);
        buf[i - lo] = s < 0 ? 0.0 : row[s];
      }
      combineRows(acc, buf - lo, 1, nx, k, sym);
      store(dst + y * nx);
    }
    return;
  }
  for (int64_t i = lo; i < ny + hi; ++i) {
    const int64_t s = boundaryIndex(i, ny, b);
    double* row = buf + (i - lo) * nx;
    if (s < 0)
      std::fill(row, row + nx, 0.0);
    else
      std::copy(src + s * nx, src + (s + 1) * nx, row);
  }
  for (int64_t j = 0; j < ny; ++j) {
    combineRows(acc, buf + (j - lo) * nx, nx, nx, k, sym);
    store(dst + j * nx);
  }
}

void accumulate(float* out, const float* add, int64_t n, int op, int threads) {
  parallelFor(n, threads, [&](int64_t i0, int64_t i1) {
    if (op == 0)
      for (int64_t i = i0; i < i1; ++i) out[i] += add[i];
    else
      for (int64_t i = i0; i < i1; ++i) out[i] = std::max(out[i], add[i]);
  });
}

}  // namespace filters
}  // namespace radiomics
