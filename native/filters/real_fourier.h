// Fourier-domain filtering of a real float volume in place, the spectrum held in the volume itself: the
// response is Re(IFFT(FFT(v) T)) for a transfer function T on the DFT bins. A real volume's spectrum is
// Hermitian, so the bins kx = 1 .. (nx - 1) / 2 of each row (stored as float pairs in the row's own nx
// floats) and the planes kx = 0 and kx = nx / 2 (nx even; kept aside, ny x nz complex) carry all of it.
// T is applied Hermitian-symmetrised, (T(k) + conj(T(-k))) / 2, which is what taking the real part of
// the full transform does, so the result is the same as the full complex computation.
// Extra memory: the two side planes and per-thread lines, not a volume. Transforms along x, y and, when
// threeD, z (else every axial slice on its own); each line is transformed identically whatever the thread
// count. Line arithmetic in double; the spectrum is stored in float between the passes.
#pragma once
#include <cstdint>
#include <functional>

#include "convolve.h"
#include "dft.h"

namespace radiomics {
namespace filters {

// T(kx, ky, kz): bins 0 .. n - 1 per axis (kz = 0 when !threeD).
using Transfer = std::function<cplx(int64_t kx, int64_t ky, int64_t kz)>;

void filterRealInPlace(float* v, const Dims& d, bool threeD, const Transfer& t, int threads);

// A volume's rows (nx floats each, row r = y + ny z) in two buffers: rows below `split` at head + r nx, the
// others at tail + (r - split) nx. Lets a volume larger than the output use the output as most of its
// storage (the Riesz filter's extended image, riesz.cc).
struct RowStore {
  float* head;
  int64_t split;
  float* tail;
  int64_t nx;
  float* row(int64_t r) const { return r < split ? head + r * nx : tail + (r - split) * nx; }
  // Whether rows r0 <= r1 (and those between) lie in one buffer.
  bool oneBuffer(int64_t r0, int64_t r1) const { return tail == nullptr || (r0 < split) == (r1 < split); }
};

// The same on a volume held in a RowStore.
void filterRealInPlace(const RowStore& rows, const Dims& d, bool threeD, const Transfer& t, int threads);

}  // namespace filters
}  // namespace radiomics
