#include "morphology_autocorr_fft.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "fft_lines.h"
#include "resample_parallel.h"

namespace radiomics {
namespace {

struct Dims {
  int64_t p[3];  // padded sizes (products of 2, 3 and 5)
  int64_t stride(int axis) const { return axis == 0 ? 1 : axis == 1 ? p[0] : p[0] * p[1]; }
};

// The field on the padded grid, split into real and imaginary parts. Only its first n[2] z-slices are
// stored: the z axis is transformed, multiplied and transformed back line by line (convolveAlongZ), and
// the slices z >= n[2] are zero on the way in and not needed on the way out.
// One allocation for both parts (glibc returns two half-size blocks to the system at every free, and a case
// then pays the page faults again), uninitialised: every point is written before it is read.
struct Field {
  std::unique_ptr<double[]> storage;
  double *re, *im;
  explicit Field(int64_t points)
      : storage(new double[2 * static_cast<size_t>(points)]), re(storage.get()), im(storage.get() + points) {}
};

// In-place FFT along `axis` of the lines whose other two coordinates lie below lim (lim[axis] is
// ignored); every other line is left alone. Each line's first `read` points are read (the rest are zero)
// and its first `write` points written (the rest are never read). Lines go to threads in blocks; each
// line gets the same arithmetic whatever its block, so the result does not depend on the thread count.
void transformAxis(Field& f, const Dims& d, int axis, const int64_t lim[3], int64_t read, int64_t write, bool inverse,
                   int threads) {
  const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;  // the other axes; line l is (l % lim[u], l / lim[u])
  const int64_t n = d.p[axis];
  if (n <= 1) return;
  const int64_t su = d.stride(u), sv = d.stride(v), sa = d.stride(axis);
  auto offset = [&](int64_t l) { return (l % lim[u]) * su + (l / lim[u]) * sv; };
  transformLines(
      planFft(n, inverse), lim[u] * lim[v], threads,
      [&](int64_t first, int64_t w, double* re, double* im) {
        // Point by point across the block: adjacent lines are adjacent in memory along u.
        int64_t at[kFftBlock];
        for (int64_t c = 0; c < w; ++c) at[c] = offset(first + c);
        for (int64_t j = 0; j < read; ++j)
          for (int64_t c = 0; c < w; ++c) re[j * w + c] = f.re[at[c] + j * sa], im[j * w + c] = f.im[at[c] + j * sa];
        std::fill(re + read * w, re + n * w, 0.0);
        std::fill(im + read * w, im + n * w, 0.0);
      },
      [&](int64_t first, int64_t w, const double* re, const double* im) {
        int64_t at[kFftBlock];
        for (int64_t c = 0; c < w; ++c) at[c] = offset(first + c);
        for (int64_t j = 0; j < write; ++j)
          for (int64_t c = 0; c < w; ++c) f.re[at[c] + j * sa] = re[j * w + c], f.im[at[c] + j * sa] = im[j * w + c];
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

// The z pass: for every (x, y) line of the field (z < nz stored), forward FFT along z, multiplication by
// the kernel's transform (real, on the half grid) and the inverse's 1 / total, inverse FFT, and back to the
// stored slices, in one visit per line.
void convolveAlongZ(Field& f, const Dims& d, int64_t nz, const std::vector<double>& K, double scale, int threads) {
  const int64_t p0 = d.p[0], p1 = d.p[1], p2 = d.p[2], plane = p0 * p1;
  const int64_t h0 = p0 / 2 + 1, hPlane = h0 * (p1 / 2 + 1);
  filterLines(
      planFft(p2, false), planFft(p2, true), plane, threads,
      [&](int64_t first, int64_t w, double* re, double* im) {
        for (int64_t j = 0; j < nz; ++j)
          for (int64_t c = 0; c < w; ++c) re[j * w + c] = f.re[first + c + j * plane], im[j * w + c] = f.im[first + c + j * plane];
        std::fill(re + nz * w, re + p2 * w, 0.0);
        std::fill(im + nz * w, im + p2 * w, 0.0);
      },
      [&](int64_t first, int64_t w, double* re, double* im) {
        int64_t base[kFftBlock];
        for (int64_t c = 0; c < w; ++c) {
          const int64_t l = first + c;
          base[c] = wrapped(l % p0, p0) + h0 * wrapped(l / p0, p1);
        }
        for (int64_t j = 0; j < p2; ++j) {
          const double* k = K.data() + hPlane * wrapped(j, p2);
          for (int64_t c = 0; c < w; ++c) {
            const double s = k[base[c]] * scale;
            re[j * w + c] *= s;
            im[j * w + c] *= s;
          }
        }
      },
      [&](int64_t first, int64_t w, const double* re, const double* im) {
        for (int64_t j = 0; j < nz; ++j)
          for (int64_t c = 0; c < w; ++c) f.re[first + c + j * plane] = re[j * w + c], f.im[first + c + j * plane] = im[j * w + c];
      });
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

  // Field d + i m on the padded grid (non-zero only in the n[0] x n[1] x n[2] corner, which is written
  // whole: the transforms read nothing else before writing it).
  Field field(d.p[0] * d.p[1] * n[2]);
  double sumD2 = 0;
  for (int64_t z = 0; z < n[2]; ++z)
    for (int64_t y = 0; y < n[1]; ++y)
      for (int64_t x = 0; x < n[0]; ++x) {
        const size_t src = static_cast<size_t>(roi.grid.index(x + box.lo[0], y + box.lo[1], z + box.lo[2]));
        const size_t dst = static_cast<size_t>(x + d.p[0] * (y + d.p[1] * z));
        if (!roi.intMask[src]) {
          field.re[dst] = field.im[dst] = 0.0;
          continue;
        }
        const double dv = roi.intensity[src] - mu;
        sumD2 += dv * dv;
        field.re[dst] = dv;
        field.im[dst] = 1.0;
      }
  out->voxels = count;
  if (!(sumD2 > 0)) {
    out->constant = true;
    return true;
  }

  const std::vector<double> K = kernelTransform(d, n, roi.grid.spacing, threads);

  // Forward, pruned: x on the rows of the corner (reading their n[0] points), y on the slices of the corner
  // (reading n[1]); then z with the kernel and back (convolveAlongZ); inverse y and x write only the points
  // the reductions read.
  const int64_t corner[3] = {n[0], n[1], n[2]}, xFull[3] = {d.p[0], n[1], n[2]};
  transformAxis(field, d, 0, corner, n[0], d.p[0], false, threads);
  transformAxis(field, d, 1, xFull, n[1], d.p[1], false, threads);
  convolveAlongZ(field, d, n[2], K, 1.0 / static_cast<double>(total), threads);
  transformAxis(field, d, 1, xFull, d.p[1], n[1], true, threads);
  transformAxis(field, d, 0, corner, d.p[0], n[0], true, threads);

  // Reductions on the mask: (d * K) is the real part, (m * K) the imaginary part.
  double W = 0, SI = 0, SD2B = 0;
  for (int64_t z = 0; z < n[2]; ++z)
    for (int64_t y = 0; y < n[1]; ++y)
      for (int64_t x = 0; x < n[0]; ++x) {
        const size_t src = static_cast<size_t>(roi.grid.index(x + box.lo[0], y + box.lo[1], z + box.lo[2]));
        if (!roi.intMask[src]) continue;
        const size_t at = static_cast<size_t>(x + d.p[0] * (y + d.p[1] * z));
        const double dv = roi.intensity[src] - mu;
        W += field.im[at];
        SI += dv * field.re[at];
        SD2B += dv * dv * field.im[at];
      }
  const double N = static_cast<double>(count);
  out->moranI = N / W * SI / sumD2;
  out->gearyC = (N - 1.0) / (2.0 * W) * (2.0 * SD2B - 2.0 * SI) / sumD2;
  out->constant = false;
  return true;
}

}  // namespace radiomics
