#include "convolve.h"

#include <algorithm>
#include <cstring>

#include "../resample_parallel.h"

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

// Pass along x: each row is padded into a line buffer, then correlated with the taps.
void passX(float* data, const Dims& d, const Kernel1D& k, Boundary b, int threads) {
  const int64_t nx = d.n[0], rows = d.n[1] * d.n[2];
  const int64_t lo = std::min<int64_t>(k.first, 0), hi = std::max<int64_t>(k.last(), 0);
  const int64_t ntaps = static_cast<int64_t>(k.taps.size());
  parallelFor(rows, threads, [&](int64_t r0, int64_t r1) {
    std::vector<double> line(static_cast<size_t>(nx + hi - lo));
    for (int64_t r = r0; r < r1; ++r) {
      float* row = data + r * nx;
      for (int64_t i = lo; i < nx + hi; ++i) {
        const int64_t s = boundaryIndex(i, nx, b);
        line[static_cast<size_t>(i - lo)] = s < 0 ? 0.0 : row[s];
      }
      const double* base = line.data() - lo + k.first;
      for (int64_t x = 0; x < nx; ++x) {
        double acc = 0;
        for (int64_t t = 0; t < ntaps; ++t) acc += k.taps[static_cast<size_t>(t)] * base[x + t];
        row[x] = static_cast<float>(acc);
      }
    }
  });
}

// Pass along y (axis 1) or z (axis 2): for each plane holding that axis and x, the rows are gathered
// (padded by the boundary) and combined row by row, x innermost (contiguous, vectorisable).
void passYZ(float* data, const Dims& d, int axis, const Kernel1D& k, Boundary b, int threads) {
  const int64_t nx = d.n[0], ny = d.n[1], nz = d.n[2];
  const int64_t len = axis == 1 ? ny : nz;                 // along the filtered axis
  const int64_t planes = axis == 1 ? nz : ny;              // the other axis
  const int64_t step = axis == 1 ? nx : nx * ny;           // stride of the filtered axis
  const int64_t planeStride = axis == 1 ? nx * ny : nx;    // stride between planes
  const int64_t lo = std::min<int64_t>(k.first, 0), hi = std::max<int64_t>(k.last(), 0);
  const int64_t ntaps = static_cast<int64_t>(k.taps.size());
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
        std::fill(acc.begin(), acc.end(), 0.0);
        for (int64_t t = 0; t < ntaps; ++t) {
          const double w = k.taps[static_cast<size_t>(t)];
          if (w == 0.0) continue;
          const double* src = buf.data() + (j + k.first + t - lo) * nx;
          for (int64_t x = 0; x < nx; ++x) acc[static_cast<size_t>(x)] += w * src[x];
        }
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

void convolveSeparable(const float* in, float* out, const Dims& d, const Kernel1D* const k[3], Boundary b, int threads) {
  if (out != in) std::memcpy(out, in, static_cast<size_t>(d.size()) * sizeof(float));
  for (int a = 0; a < 3; ++a)
    if (k[a]) convolveAxis(out, d, a, *k[a], b, threads);
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
