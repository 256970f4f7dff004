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

// Twiddle factors of every stage of a size-n radix-2 transform (n - 1 values), for fftColumns.
std::vector<cplx> fftTwiddles(int64_t n, bool inverse);

// `width` adjacent in-place FFTs of size n (a power of two): element j of column c is base[j * stride + c],
// c < width <= stride; the butterflies run across the columns (vectorisable). Unnormalised both ways.
void fftColumns(cplx* base, int64_t n, int64_t width, int64_t stride, const std::vector<cplx>& tw);

// In-place FFT of data[0], data[stride], ..., data[(n-1) stride]; inverse = unnormalised inverse
// (divide by n yourself). n must be a power of two.
void fft1d(cplx* data, int64_t n, bool inverse);

// In-place 3D FFT of an nx x ny x nz array (x fastest), each a power of two. Inverse is normalised
// (divides by nx ny nz) so that ifft(fft(a)) == a.
void fft3d(std::vector<cplx>& data, int64_t nx, int64_t ny, int64_t nz, bool inverse);

}  // namespace radiomics
