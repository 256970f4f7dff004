// A 1D kernel with explicit tap positions, the unit of every separable filter, and the signed axis
// permutations (right-angle rotations) used for rotation-invariant pooling.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace radiomics {
namespace filters {

// Correlation form: out[x] = sum_i taps[i] * in[x + first + i]. A convolution kernel k with its centre at
// index c is stored reversed (fromConvolution); the stored form makes rotations (reversal) exact.
struct Kernel1D {
  std::vector<double> taps;
  int64_t first = 0;

  bool empty() const { return taps.empty(); }
  int64_t last() const { return first + static_cast<int64_t>(taps.size()) - 1; }

  // out[x] = sum_j k[j] * in[x - (j - centre)]
  static Kernel1D fromConvolution(const std::vector<double>& k, int64_t centre) {
    Kernel1D r;
    const int64_t n = static_cast<int64_t>(k.size());
    r.taps.assign(k.rbegin(), k.rend());
    r.first = -(n - 1 - centre);
    return r;
  }
  // The kernel mirrored about the origin: what a 180-degree rotation does to it along one axis.
  Kernel1D reversed() const {
    Kernel1D r;
    r.taps.assign(taps.rbegin(), taps.rend());
    r.first = -last();
    return r;
  }
  // A trous dilation: a zero inserted between taps (factor - 1 zeros), positions scaled by `factor`.
  Kernel1D dilated(int64_t factor) const {
    if (factor <= 1) return *this;
    Kernel1D r;
    r.first = first * factor;
    r.taps.assign(static_cast<size_t>((static_cast<int64_t>(taps.size()) - 1) * factor + 1), 0.0);
    for (size_t i = 0; i < taps.size(); ++i) r.taps[i * static_cast<size_t>(factor)] = taps[i];
    return r;
  }
};

// A right-angle rotation of the grid axes: output axis a reads the filter defined on axis `from[a]`,
// mirrored when flip[a] is set. Only proper rotations (determinant +1) are listed.
struct AxisRotation {
  int from[3];
  bool flip[3];
};

// The 24 proper rotations of the cube (3D) or the 4 in-plane rotations keeping z (2D); the identity first.
std::vector<AxisRotation> rightAngleRotations(bool threeD);

}  // namespace filters
}  // namespace radiomics
