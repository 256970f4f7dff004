// Laws kernels (IBSI 2 reference manual, "Laws kernels"; phase-1 tests 3.a-3.c). 1D kernels, normalised
// to unit L2 norm: L3 = [1 2 1]/sqrt6, E3 = [-1 0 1]/sqrt2, S3 = [-1 2 -1]/sqrt6, L5 = [1 4 6 4 1]/sqrt70,
// E5 = [-1 -2 0 2 1]/sqrt10, S5 = [-1 0 2 0 -1]/sqrt6, W5 = [-1 2 0 -2 1]/sqrt10, R5 = [1 -4 6 -4 1]/sqrt70.
// A name like "E5L5S5" gives the kernels along x, y, z (convolution, centred). Rotation invariance pools
// the response over the right-angle rotations of the kernel (max or mean); the energy map is then the
// mean of |response| over a (2 delta + 1)^D window, with the same boundary condition.
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "../core/error.h"
#include "../resample_parallel.h"
#include "filter.h"
#include "separable.h"

namespace radiomics {
namespace filters {
namespace {

std::vector<double> lawsTaps(char letter, int length) {
  std::vector<double> k;
  if (length == 3) {
    switch (letter) {
      case 'L': k = {1, 2, 1}; break;
      case 'E': k = {-1, 0, 1}; break;
      case 'S': k = {-1, 2, -1}; break;
      default: break;
    }
  } else if (length == 5) {
    switch (letter) {
      case 'L': k = {1, 4, 6, 4, 1}; break;
      case 'E': k = {-1, -2, 0, 2, 1}; break;
      case 'S': k = {-1, 0, 2, 0, -1}; break;
      case 'W': k = {-1, 2, 0, -2, 1}; break;
      case 'R': k = {1, -4, 6, -4, 1}; break;
      default: break;
    }
  }
  if (k.empty()) fail(code::kInvalidConfig, std::string("unknown Laws kernel ") + letter + std::to_string(length));
  double norm = 0;
  for (double t : k) norm += t * t;
  for (double& t : k) t /= std::sqrt(norm);
  return k;
}

}  // namespace

std::vector<std::vector<double>> parseLawsKernel(const std::string& name) {
  std::vector<std::vector<double>> out;
  for (size_t i = 0; i < name.size(); i += 2) {
    if (i + 1 >= name.size()) fail(code::kInvalidConfig, "Laws kernel '" + name + "': expected letter+length pairs like E5L5S5");
    const char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(name[i])));
    const int length = name[i + 1] - '0';
    out.push_back(lawsTaps(letter, length));
  }
  return out;
}

void lawsFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  const std::vector<std::vector<double>> parts = parseLawsKernel(s.lawsKernel);
  const size_t axes = s.threeD ? 3 : 2;
  if (parts.size() != axes)
    fail(code::kInvalidConfig, "Laws kernel '" + s.lawsKernel + "' names " + std::to_string(parts.size()) + " axes; a " +
                                   (s.threeD ? "3D" : "2D") + " filter needs " + std::to_string(axes));
  Kernel1D k[3];
  for (size_t a = 0; a < axes; ++a) k[a] = Kernel1D::fromConvolution(parts[a], static_cast<int64_t>(parts[a].size() / 2));
  separablePooled(in, v, d, k, s.threeD, s.pooling, s.boundary, s.threads);
  if (!s.lawsEnergy) return;
  const int64_t n = d.size();
  parallelFor(n, s.threads, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) v[i] = std::fabs(v[i]);
  });
  const int64_t m = 2 * s.energyDelta + 1;
  const Kernel1D box = Kernel1D::fromConvolution(std::vector<double>(static_cast<size_t>(m), 1.0 / static_cast<double>(m)), s.energyDelta);
  const Kernel1D e[3] = {box, box, s.threeD ? box : Kernel1D{}};
  separablePooled(v, v, d, e, s.threeD, Pooling::None, s.boundary, s.threads);
}

}  // namespace filters
}  // namespace radiomics
