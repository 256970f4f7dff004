// A separable filter (one 1D kernel per axis) applied once or pooled over the right-angle rotations of
// the kernel (IBSI 2 "rotation invariance": max or mean over the 24 3D / 4 2D orientations).
#pragma once
#include "convolve.h"
#include "filter.h"

namespace radiomics {
namespace filters {

// out <- response of in to k[0..2] (an empty kernel: that axis untouched), pooled when pooling != None.
// in may be out (then the pooled form keeps a copy of the input).
void separablePooled(const float* in, float* out, const Dims& d, const Kernel1D k[3], bool threeD, Pooling pooling, Boundary b, int threads);

// The combined kernel of two passes along one axis (positions add): a then b.
Kernel1D compose(const Kernel1D& a, const Kernel1D& b);

}  // namespace filters
}  // namespace radiomics
