// Separable convolution machinery shared by the filters: one 1D pass along an axis of a float volume,
// in place, under a boundary condition. Each output voxel is computed with the same arithmetic whatever
// the thread count, so results are identical for 1 and N threads. Passes along x and y never read
// another slice: the 2D (slice-wise) filters are the same passes without the z pass.
#pragma once
#include <cstdint>
#include <vector>

#include "boundary.h"
#include "kernel.h"

namespace radiomics {
namespace filters {

struct Dims {
  int64_t n[3] = {0, 0, 0};
  int64_t size() const { return n[0] * n[1] * n[2]; }
};

// data <- data (*) k along `axis` (correlation form, see Kernel1D). An empty kernel leaves data unchanged.
void convolveAxis(float* data, const Dims& d, int axis, const Kernel1D& k, Boundary b, int threads);

// out <- in filtered by kx, ky, kz in turn (an empty kernel skips that axis). out may equal in.
void convolveSeparable(const float* in, float* out, const Dims& d, const Kernel1D* const k[3], Boundary b, int threads);

// One 1D pass along x (axis 0) or y (axis 1) of an nx x ny plane of doubles (x fastest), in one thread:
// dst = src (*) k, or dst += src (*) k when `add` (correlation form). dst must not overlap src; `scratch`
// is reused between calls. The building block of filters that work plane by plane (LoG).
void planePass(const double* src, double* dst, int64_t nx, int64_t ny, int axis, const Kernel1D& k, Boundary b, bool add, std::vector<double>& scratch);

// out[i] op= add[i] for all voxels, in parallel (op: 0 sum, 1 max).
void accumulate(float* out, const float* add, int64_t n, int op, int threads);

}  // namespace filters
}  // namespace radiomics
