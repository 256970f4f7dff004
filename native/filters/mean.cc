// Mean filter (IBSI 2 reference manual, "Mean filter"; phase-1 tests 1.a, 1.b): the average over an
// M x M (x M) window, M odd, centred on the voxel. Separable: M equal taps 1/M along each filtered axis.
#include "filter.h"
#include "separable.h"

namespace radiomics {
namespace filters {

void meanFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  const int64_t m = s.support;
  const Kernel1D box = Kernel1D::fromConvolution(std::vector<double>(static_cast<size_t>(m), 1.0 / static_cast<double>(m)), m / 2);
  const Kernel1D k[3] = {box, box, s.threeD ? box : Kernel1D{}};
  separablePooled(in, v, d, k, s.threeD, Pooling::None, s.boundary, s.threads);
}

}  // namespace filters
}  // namespace radiomics
