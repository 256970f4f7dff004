#include "morphology_autocorr_fft.h"

#include <cmath>
#include <vector>

#include "core/fft.h"

namespace radiomics {

bool autocorrelationByFft(const RoiImage& roi, int64_t maxPoints, ExactAutocorrelation* out) {
  const Box box = boundingBox(roi.grid, roi.intMask);
  if (box.empty()) return false;
  const int64_t n[3] = {box.extent(0), box.extent(1), box.extent(2)};
  const int64_t p[3] = {nextPowerOfTwo(2 * n[0] - 1), nextPowerOfTwo(2 * n[1] - 1), nextPowerOfTwo(2 * n[2] - 1)};
  if (p[0] * p[1] > maxPoints || p[0] * p[1] * p[2] > maxPoints) return false;
  const int64_t total = p[0] * p[1] * p[2];

  // Mean of the intensity-mask values.
  double sum = 0;
  int64_t count = 0;
  for (size_t i = 0; i < roi.intensity.size(); ++i)
    if (roi.intMask[i]) {
      sum += roi.intensity[i];
      ++count;
    }
  const double mu = sum / static_cast<double>(count);

  // Field d + i m on the padded grid.
  std::vector<cplx> field(static_cast<size_t>(total), cplx(0, 0));
  double sumD2 = 0;
  for (int64_t z = 0; z < n[2]; ++z)
    for (int64_t y = 0; y < n[1]; ++y)
      for (int64_t x = 0; x < n[0]; ++x) {
        const size_t src = static_cast<size_t>(roi.grid.index(x + box.lo[0], y + box.lo[1], z + box.lo[2]));
        if (!roi.intMask[src]) continue;
        const double d = roi.intensity[src] - mu;
        sumD2 += d * d;
        field[static_cast<size_t>(x + p[0] * (y + p[1] * z))] = cplx(d, 1.0);
      }
  out->voxels = count;
  if (!(sumD2 > 0)) {
    out->constant = true;
    return true;
  }

  // Kernel 1/|r| on the padded grid with wrapped offsets (offset -k stored at p - k).
  std::vector<cplx> kernel(static_cast<size_t>(total), cplx(0, 0));
  const double* s = roi.grid.spacing;
  for (int64_t z = 0; z < p[2]; ++z) {
    const int64_t dz = z < p[2] / 2 + (p[2] % 2) ? z : z - p[2];
    if (std::llabs(dz) >= n[2]) continue;
    for (int64_t y = 0; y < p[1]; ++y) {
      const int64_t dy = y < p[1] / 2 + (p[1] % 2) ? y : y - p[1];
      if (std::llabs(dy) >= n[1]) continue;
      for (int64_t x = 0; x < p[0]; ++x) {
        const int64_t dx = x < p[0] / 2 + (p[0] % 2) ? x : x - p[0];
        if (std::llabs(dx) >= n[0] || (dx == 0 && dy == 0 && dz == 0)) continue;
        const double r = std::sqrt(static_cast<double>(dx * dx) * s[0] * s[0] + static_cast<double>(dy * dy) * s[1] * s[1] +
                                   static_cast<double>(dz * dz) * s[2] * s[2]);
        kernel[static_cast<size_t>(x + p[0] * (y + p[1] * z))] = cplx(1.0 / r, 0.0);
      }
    }
  }
  fft3d(kernel, p[0], p[1], p[2], false);
  fft3d(field, p[0], p[1], p[2], false);
  for (int64_t i = 0; i < total; ++i) field[static_cast<size_t>(i)] *= kernel[static_cast<size_t>(i)].real();
  kernel.clear();
  kernel.shrink_to_fit();
  fft3d(field, p[0], p[1], p[2], true);

  // Reductions on the mask: (d * K) is the real part, (m * K) the imaginary part.
  double W = 0, SI = 0, SD2B = 0;
  for (int64_t z = 0; z < n[2]; ++z)
    for (int64_t y = 0; y < n[1]; ++y)
      for (int64_t x = 0; x < n[0]; ++x) {
        const size_t src = static_cast<size_t>(roi.grid.index(x + box.lo[0], y + box.lo[1], z + box.lo[2]));
        if (!roi.intMask[src]) continue;
        const cplx c = field[static_cast<size_t>(x + p[0] * (y + p[1] * z))];
        const double d = roi.intensity[src] - mu;
        W += c.imag();
        SI += d * c.real();
        SD2B += d * d * c.imag();
      }
  const double N = static_cast<double>(count);
  out->moranI = N / W * SI / sumD2;
  out->gearyC = (N - 1.0) / (2.0 * W) * (2.0 * SD2B - 2.0 * SI) / sumD2;
  out->constant = false;
  return true;
}

}  // namespace radiomics
