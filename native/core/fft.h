// A small in-place complex FFT (iterative radix-2) in 1D and along the axes of a 3D array. Used for exact
// convolutions with inverse-distance kernels (Moran's I / Geary's C). Sizes must be powers of two.
#pragma once
#include <complex>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace radiomics {

using cplx = std::complex<double>;

// Smallest power of two >= n (n >= 1).
int64_t nextPowerOfTwo(int64_t n);

// In-place FFT of data[0], data[stride], ..., data[(n-1) stride]; inverse = unnormalised inverse
// (divide by n yourself). n must be a power of two.
void fft1d(cplx* data, int64_t n, bool inverse);

// In-place 3D FFT of an nx x ny x nz array (x fastest), each a power of two. Inverse is normalised
// (divides by nx ny nz) so that ifft(fft(a)) == a.
void fft3d(std::vector<cplx>& data, int64_t nx, int64_t ny, int64_t nz, bool inverse);

}  // namespace radiomics
