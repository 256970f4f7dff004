#include "separable.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "../resample_parallel.h"
#include "combine_rows.h"
#include "kernel.h"

namespace radiomics {
namespace filters {

Kernel1D compose(const Kernel1D& a, const Kernel1D& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  Kernel1D r;
  r.first = a.first + b.first;
  r.taps.assign(a.taps.size() + b.taps.size() - 1, 0.0);
  for (size_t i = 0; i < a.taps.size(); ++i)
    for (size_t j = 0; j < b.taps.size(); ++j) r.taps[i + j] += a.taps[i] * b.taps[j];
  return r;
}

namespace {

// Streams one rotation's response over the planes z0 .. z1 - 1 of one thread and pools it into `out`
// (op: -1 store, the first rotation; 0 sum; 1 max). Memory: `ring`, W planes of floats, W the z kernel's
// window (5 planes for a 5-tap kernel, 11 for coif1 at level 2), whatever the volume's depth: the pooled
// response needs no volume beside the output. Each input plane of the window is filtered along x and y (the
// same passes as convolveSeparable, one thread) into slot q mod W of the ring; the z pass then combines the
// W planes exactly as convolveAxis would (same taps, same order, float to double), so the result is
// bit-identical to filtering the whole volume and pooling it, for any thread count.
void poolRotation(const float* in, float* out, const Dims& d, const Kernel1D* const kp[3], Boundary b, int op,
                  int64_t z0, int64_t z1, std::vector<float>& ring, std::vector<double>& acc) {
  const int64_t nx = d.n[0], ny = d.n[1], nz = d.n[2], plane = nx * ny;
  const Kernel1D* kz = kp[2];
  const int64_t lo = kz ? std::min<int64_t>(kz->first, 0) : 0, hi = kz ? std::max<int64_t>(kz->last(), 0) : 0;
  const int64_t w = hi - lo + 1;
  const int sym = kz ? symmetryOf(*kz) : 0;
  ring.resize(static_cast<size_t>(w * plane));
  acc.resize(static_cast<size_t>(nx));
  const Dims one{{nx, ny, 1}};
  auto slot = [&](int64_t q) { return ring.data() + (((q % w) + w) % w) * plane; };
  auto load = [&](int64_t q) {  // input position q along z (boundary applied), filtered along x and y
    float* p = slot(q);
    const int64_t s = boundaryIndex(q, nz, b);
    if (s < 0) {
      std::fill(p, p + plane, 0.0f);
      return;
    }
    std::memcpy(p, in + s * plane, static_cast<size_t>(plane) * sizeof(float));
    for (int a = 0; a < 2; ++a)
      if (kp[a]) convolveAxis(p, one, a, *kp[a], b, 1);
  };
  auto pool = [op](float& o, float v) { o = op < 0 ? v : op == 0 ? o + v : std::max(o, v); };
  int64_t next = z0 + lo;
  for (int64_t z = z0; z < z1; ++z) {
    for (; next <= z + hi; ++next) load(next);
    float* dst = out + z * plane;
    if (!kz) {
      const float* p = slot(z);
      for (int64_t i = 0; i < plane; ++i) pool(dst[i], p[i]);
      continue;
    }
    for (int64_t y = 0; y < ny; ++y) {
      combineRowsAt(
          acc.data(), [&](int64_t o) -> const float* { return slot(z + o) + y * nx; }, nx, *kz, sym);
      for (int64_t x = 0; x < nx; ++x) pool(dst[y * nx + x], static_cast<float>(acc[static_cast<size_t>(x)]));
    }
  }
}

}  // namespace

void separablePooled(const float* in, float* volume, const Dims& d, const Kernel1D k[3], bool threeD, Pooling pooling,
                     Boundary b, int threads) {
  if (pooling == Pooling::None) {
    const Kernel1D* kp[3] = {k[0].empty() ? nullptr : &k[0], k[1].empty() ? nullptr : &k[1],
                             k[2].empty() ? nullptr : &k[2]};
    convolveSeparable(in, volume, d, kp, b, threads);
    return;
  }
  // Pooled in the output itself, plane by plane (poolRotation): the extra memory is each thread's ring of
  // W planes, plus a copy of the input only when in == out (a non-float image converted into the output).
  const int64_t n = d.size();
  std::vector<float> copy;
  if (in == volume) copy.assign(in, in + n);
  const float* input = in == volume ? copy.data() : in;
  const std::vector<AxisRotation> rotations = rightAngleRotations(threeD);
  std::vector<Kernel1D> rk(3 * rotations.size());
  for (size_t r = 0; r < rotations.size(); ++r)
    for (int a = 0; a < 3; ++a) {
      const Kernel1D& src = k[rotations[r].from[a]];
      if (!src.empty()) rk[3 * r + static_cast<size_t>(a)] = rotations[r].flip[a] ? src.reversed() : src;
    }
  parallelFor(d.n[2], threads, [&](int64_t z0, int64_t z1) {
    std::vector<float> ring;
    std::vector<double> acc;
    for (size_t r = 0; r < rotations.size(); ++r) {
      const Kernel1D* kp[3];
      for (int a = 0; a < 3; ++a)
        kp[a] = rk[3 * r + static_cast<size_t>(a)].empty() ? nullptr : &rk[3 * r + static_cast<size_t>(a)];
      poolRotation(input, volume, d, kp, b, r == 0 ? -1 : pooling == Pooling::Max ? 1 : 0, z0, z1, ring, acc);
    }
  });
  if (pooling == Pooling::Mean) {
    const float scale = 1.0f / static_cast<float>(rotations.size());
    parallelFor(n, threads, [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) volume[i] *= scale;
    });
  }
}

}  // namespace filters
}  // namespace radiomics
