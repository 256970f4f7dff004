// Fourier-domain filtering of a real float volume extended by a boundary condition, holding the spectrum of
// the image's rows only: the response on [0, n) of Re(IFFT(FFT(E) T)), E the image extended to p voxels per
// axis (ext[a][i]: the image index at extended position i, or -1 for zero), T a transfer function on the
// extended grid's bins, applied Hermitian-symmetrised like filterRealInPlace (real_fourier.h).
// How: the real DFT along x of the n_y n_z image rows (extended along x), kept as float pairs in the rows
// (the output plus a tail buffer for what does not fit: real_fourier.h RowStore); then, for one x bin at a
// time, the y and z transforms of its n_y x n_z plane of bins: the extension along y and z is read from the
// plane through ext (the DFT along x of an extended row is that of the row it copies), the z lines are
// transformed, multiplied by T and transformed back one at a time, and only [0, n_y) x [0, n_z) is kept.
// Extra memory: n_y n_z (max(2 m, n_x) - n_x) floats (m = (p_x - 1) / 2 bins in a row; 0.12 x the image for
// 256^3 extended to 288^3), the x = 0 and Nyquist bins (two n_y x n_z float planes), and per thread one
// x bin's p_y x n_z plane of complex doubles: not the extended volume. p_x, p_y and (threeD) p_z must be
// smooth (core/fft_mixed.h). Each line is transformed identically whatever the thread count.
#pragma once
#include <cstdint>
#include <vector>

#include "convolve.h"
#include "real_fourier.h"

namespace radiomics {
namespace filters {

// in and out must not overlap. threeD false: every axial slice on its own (p[2] unused, T's kz = 0).
void filterExtendedReal(const float* in, float* out, const Dims& d, const int64_t p[3],
                        const std::vector<int64_t> ext[3], bool threeD, const Transfer& t, int threads);

}  // namespace filters
}  // namespace radiomics
