#include "morphology_autocorr_fft.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "fft_lines.h"
#include "resample_parallel.h"

namespace radiomics {
namespace {

struct Dims {
  int64_t p[3];  // padded sizes (products of 2, 3 and 5)
  int64_t stride(int axis) const { return axis == 0 ? 1 : axis == 1 ? p[0] : p[0] * p[1]; }
};

// In-place FFT along `axis` of the lines whose other two coordinates lie below lim (lim[axis] is
// ignored); every other line is left alone (zero on the way in, or not needed on the way out). Lines go
// to threads in blocks; each line gets the same arithmetic whatever its block, so the result does not
// depend on the thread count.
void transformAxis(std::vector<cplx>& a, const Dims& d, int axis, const int64_t lim[3], bool inverse, int threads) {
  const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;  // the other axes; line l is (l % lim[u], l / lim[u])
  const int64_t n = d.p[axis];
  if (n <= 1) return;
  const int64_t su = d.stride(u), sv = d.stride(v), sa = d.stride(axis);
  auto line = [&](int64_t l) { return a.data() + (l % lim[u]) * su + (l / lim[u]) * sv; };
  transformLines(
      planFft(n, inverse), lim[u] * lim[v], threads,
      [&](int64_t first, int64_t w, double* re, double* im) {
        // Point by point across the block: adjacent lines are adjacent in memory along u.
        const cplx* p[kFftBlock];
        for (int64_t c = 0; c < w; ++c) p[c] = line(first + c);
        for (int64_t j = 0; j < n; ++j)
          for (int64_t c = 0; c < w; ++c) re[j * w + c] = p[c][j * sa].real(), im[j * w + c] = p[c][j * sa].imag();
      },
      [&](int64_t first, int64_t w, const double* re, const double* im) {
        cplx* p[kFftBlock];
        for (int64_t c = 0; c < w; ++c) p[c] = line(first + c);
        for (int64_t j = 0; j < n; ++j)
          for (int64_t c = 0; c < w; ++c) p[c][j * sa] = cplx(re[j * w + c], im[j * w + c]);
      });
}

// |offset| of padded index j on a wrapped axis of size p (offset -k is stored at p - k).
inline int64_t wrapped(int64_t j, int64_t p) { return std::min(j, p - j); }

// The transform of the kernel K(r) = 1/|r| (K(0) = 0, zero beyond the ROI box) on the padded grid.
// K is real and even along each axis, so its transform is too: it is kept on the half grid h = p/2 + 1
// per axis (K^(w) = H[wrapped(w)]), and each axis pass transforms only the lines of that half grid, two
// real lines packed into one complex line (each real even line has a real transform: the real part of
// the packed result is the first line's, the imaginary part the second's). About 1/8 of one full
// complex 3D FFT, and 1/16 of its memory.
std::vector<double> kernelTransform(const Dims& d, const int64_t n[3], const double spacing[3], int threads) {
  const int64_t h[3] = {d.p[0] / 2 + 1, d.p[1] / 2 + 1, d.p[2] / 2 + 1};
  std::vector<double> H(static_cast<size_t>(h[0] * h[1] * h[2]), 0.0);
  auto at = [&](int64_t x, int64_t y, int64_t z) -> double& { return H[static_cast<size_t>(x + h[0] * (y + h[1] * z))]; };
  // The spatial kernel on the half grid (offsets 0 .. p/2 per axis).
  for (int64_t z = 0; z < h[2]; ++z)
    for (int64_t y = 0; y < h[1]; ++y)
      for (int64_t x = 0; x < h[0]; ++x) {
        if (x >= n[0] || y >= n[1] || z >= n[2] || (x == 0 && y == 0 && z == 0)) continue;
        const double r = std::sqrt(static_cast<double>(x * x) * spacing[0] * spacing[0] +
                                   static_cast<double>(y * y) * spacing[1] * spacing[1] +
                                   static_cast<double>(z * z) * spacing[2] * spacing[2]);
        at(x, y, z) = 1.0 / r;
      }
  for (int axis = 0; axis < 3; ++axis) {
    const int64_t p = d.p[axis];
    if (p <= 1) continue;
    const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;
    const int64_t hs[3] = {1, h[0], h[0] * h[1]};
    const int64_t lines = h[u] * h[v];
    // Line l of the half grid; pair q packs lines 2q (real part) and 2q + 1 (imaginary part).
    auto line = [&](int64_t l) { return H.data() + (l % h[u]) * hs[u] + (l / h[u]) * hs[v]; };
    transformLines(
        planFft(p, false), (lines + 1) / 2, threads,
        [&](int64_t first, int64_t w, double* re, double* im) {
          for (int64_t c = 0; c < w; ++c) {
            const int64_t l0 = 2 * (first + c);
            const double* a = line(l0);
            const double* b = l0 + 1 < lines ? line(l0 + 1) : nullptr;
            for (int64_t j = 0; j < p; ++j) {
              const int64_t k = wrapped(j, p) * hs[axis];
              re[j * w + c] = a[k];
              im[j * w + c] = b ? b[k] : 0.0;
            }
          }
        },
        [&](int64_t first, int64_t w, const double* re, const double* im) {
          for (int64_t c = 0; c < w; ++c) {
            const int64_t l0 = 2 * (first + c);
            double* a = line(l0);
            double* b = l0 + 1 < lines ? line(l0 + 1) : nullptr;
            for (int64_t j = 0; j < h[axis]; ++j) {
              a[j * hs[axis]] = re[j * w + c];
              if (b) b[j * hs[axis]] = im[j * w + c];
            }
          }
        });
  }
  return H;
}

}  // namespace

bool autocorrelationByFft(const RoiImage& roi, int64_t maxPoints, ExactAutocorrelation* out, int threads) {
  const Box box = boundingBox(roi.grid, roi.intMask);
  if (box.empty()) return false;
  const int64_t n[3] = {box.extent(0), box.extent(1), box.extent(2)};
  Dims d{{nextSmoothSize(2 * n[0] - 1), nextSmoothSize(2 * n[1] - 1), nextSmoothSize(2 * n[2] - 1)}};
  if (d.p[0] * d.p[1] > maxPoints || d.p[0] * d.p[1] * d.p[2] > maxPoints) return false;
  const int64_t total = d.p[0] * d.p[1] * d.p[2];

  // Mean of the intensity-mask values.
  double sum = 0;
  int64_t count = 0;
  for (size_t i = 0; i < roi.intensity.size(); ++i)
    if (roi.intMask[i]) {
      sum += roi.intensity[i];
      ++count;
    }
  const double mu = sum / static_cast<double>(count);

  // Field d + i m on the padded grid (non-zero only in the n[0] x n[1] x n[2] corner).
  std::vector<cplx> field(static_cast<size_t>(total), cplx(0, 0));
  double sumD2 = 0;
  for (int64_t z = 0; z < n[2]; ++z)
    for (int64_t y = 0; y < n[1]; ++y)
      for (int64_t x = 0; x < n[0]; ++x) {
        const size_t src = static_cast<size_t>(roi.grid.index(x + box.lo[0], y + box.lo[1], z + box.lo[2]));
        if (!roi.intMask[src]) continue;
        const double dv = roi.intensity[src] - mu;
        sumD2 += dv * dv;
        field[static_cast<size_t>(x + d.p[0] * (y + d.p[1] * z))] = cplx(dv, 1.0);
      }
  out->voxels = count;
  if (!(sumD2 > 0)) {
    out->constant = true;
    return true;
  }

  const std::vector<double> K = kernelTransform(d, n, roi.grid.spacing, threads);

  // Forward, pruned: x on the rows of the corner, y on the slices of the corner, z everywhere.
  const int64_t corner[3] = {n[0], n[1], n[2]}, xFull[3] = {d.p[0], n[1], n[2]}, all[3] = {d.p[0], d.p[1], d.p[2]};
  transformAxis(field, d, 0, corner, false, threads);
  transformAxis(field, d, 1, xFull, false, threads);
  transformAxis(field, d, 2, all, false, threads);

  // Multiply by the kernel's (real) transform and the inverse's 1 / total.
  const int64_t h0 = d.p[0] / 2 + 1, h1 = d.p[1] / 2 + 1;
  const double scale = 1.0 / static_cast<double>(total);
  parallelFor(d.p[2], threads, [&](int64_t z0, int64_t z1) {
    for (int64_t z = z0; z < z1; ++z)
      for (int64_t y = 0; y < d.p[1]; ++y) {
        const double* k = K.data() + h0 * (wrapped(y, d.p[1]) + h1 * wrapped(z, d.p[2]));
        cplx* row = field.data() + d.p[0] * (y + d.p[1] * z);
        for (int64_t x = 0; x < d.p[0]; ++x) row[x] *= k[wrapped(x, d.p[0])] * scale;
      }
  });

  // Inverse, pruned to the corner the reductions read: z everywhere, y on the corner's slices, x on its rows.
  transformAxis(field, d, 2, all, true, threads);
  transformAxis(field, d, 1, xFull, true, threads);
  transformAxis(field, d, 0, corner, true, threads);

  // Reductions on the mask: (d * K) is the real part, (m * K) the imaginary part.
  double W = 0, SI = 0, SD2B = 0;
  for (int64_t z = 0; z < n[2]; ++z)
    for (int64_t y = 0; y < n[1]; ++y)
      for (int64_t x = 0; x < n[0]; ++x) {
        const size_t src = static_cast<size_t>(roi.grid.index(x + box.lo[0], y + box.lo[1], z + box.lo[2]));
        if (!roi.intMask[src]) continue;
        const cplx c = field[static_cast<size_t>(x + d.p[0] * (y + d.p[1] * z))];
        const double dv = roi.intensity[src] - mu;
        W += c.imag();
        SI += dv * c.real();
        SD2B += dv * dv * c.imag();
      }
  const double N = static_cast<double>(count);
  out->moranI = N / W * SI / sumD2;
  out->gearyC = (N - 1.0) / (2.0 * W) * (2.0 * SD2B - 2.0 * SI) / sumD2;
  out->constant = false;
  return true;
}

}  // namespace radiomics
