#include "separable.h"

#include <cstring>
#include <vector>

#include "../resample_parallel.h"
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

void separablePooled(const float* in, float* volume, const Dims& d, const Kernel1D k[3], bool threeD, Pooling pooling, Boundary b, int threads) {
  if (pooling == Pooling::None) {
    const Kernel1D* kp[3] = {k[0].empty() ? nullptr : &k[0], k[1].empty() ? nullptr : &k[1], k[2].empty() ? nullptr : &k[2]};
    convolveSeparable(in, volume, d, kp, b, threads);
    return;
  }
  const int64_t n = d.size();
  std::vector<float> copy, response(static_cast<size_t>(n));
  if (in == volume) copy.assign(in, in + n);
  const float* input = in == volume ? copy.data() : in;
  const std::vector<AxisRotation> rotations = rightAngleRotations(threeD);
  bool firstRotation = true;
  for (const AxisRotation& r : rotations) {
    Kernel1D rk[3];
    const Kernel1D* kp[3] = {nullptr, nullptr, nullptr};
    for (int a = 0; a < 3; ++a) {
      const Kernel1D& src = k[r.from[a]];
      if (src.empty()) continue;
      rk[a] = r.flip[a] ? src.reversed() : src;
      kp[a] = &rk[a];
    }
    float* target = firstRotation ? volume : response.data();
    convolveSeparable(input, target, d, kp, b, threads);
    if (!firstRotation) accumulate(volume, response.data(), n, pooling == Pooling::Max ? 1 : 0, threads);
    firstRotation = false;
  }
  if (pooling == Pooling::Mean) {
    const float scale = 1.0f / static_cast<float>(rotations.size());
    parallelFor(n, threads, [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) volume[i] *= scale;
    });
  }
}

}  // namespace filters
}  // namespace radiomics
