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
};

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

// The x-transformed fields, on the half spectrum along x (omega_x = 0 .. p[0] / 2: the fields are real, so
// the other half is the complex conjugate), stored plane by plane: plane omega_x holds n[1] * n[2] values,
// y fastest. Split real / imaginary parts, one uninitialised allocation (every value is written first).
struct HalfSpectra {
  int64_t planes = 0, plane = 0;  // omega_x count, values per plane
  std::unique_ptr<double[]> store;
  double* re[3];  // D, M, Q
  double* im[3];
  HalfSpectra(int64_t planesIn, int64_t planeIn) : planes(planesIn), plane(planeIn) {
    const size_t one = static_cast<size_t>(planes * plane);
    store.reset(new double[6 * one]);
    for (int f = 0; f < 3; ++f) re[f] = store.get() + (2 * f) * one, im[f] = store.get() + (2 * f + 1) * one;
  }
  size_t at(int64_t wx, int64_t row) const { return static_cast<size_t>(wx * plane + row); }
};

// Splits the transform Z of a + i b (a, b real) into A and B at omega = k (half spectrum):
// A(k) = (Z(k) + conj Z(-k)) / 2, B(k) = (Z(k) - conj Z(-k)) / 2i.
inline void splitPair(double zr, double zi, double nr, double ni, double* ar, double* ai, double* br, double* bi) {
  *ar = 0.5 * (zr + nr);
  *ai = 0.5 * (zi - ni);
  *br = 0.5 * (zi + ni);
  *bi = 0.5 * (nr - zr);
}

// The x pass. Row r = y + n[1] z of the box: a complex FFT of d + i m gives D and M of that row; rows 2l and
// 2l + 1 of q go into one complex FFT (real and imaginary part) and give Q of both.
void transformRows(const RoiImage& roi, const Box& box, double mu, const Dims& d, HalfSpectra& h, int threads) {
  const int64_t n0 = box.extent(0), n1 = box.extent(1), p0 = d.p[0], half = p0 / 2 + 1;
  const int64_t rows = n1 * box.extent(2);
  const FftPlan plan = planFft(p0, false);
  auto source = [&](int64_t row) {
    return static_cast<size_t>(roi.grid.index(box.lo[0], box.lo[1] + row % n1, box.lo[2] + row / n1));
  };
  auto deviation = [&](size_t i) { return roi.intMask[i] ? roi.intensity[i] - mu : 0.0; };
  auto store = [&](int fa, int fb, int64_t rowA, int64_t rowB, int64_t w, int64_t c, const double* re, const double* im) {
    for (int64_t k = 0; k < half; ++k) {
      const int64_t nk = k == 0 ? 0 : p0 - k;
      double ar, ai, br, bi;
      splitPair(re[k * w + c], im[k * w + c], re[nk * w + c], im[nk * w + c], &ar, &ai, &br, &bi);
      h.re[fa][h.at(k, rowA)] = ar, h.im[fa][h.at(k, rowA)] = ai;
      if (rowB >= 0) h.re[fb][h.at(k, rowB)] = br, h.im[fb][h.at(k, rowB)] = bi;
    }
  };
  // D and M.
  transformLines(
      plan, rows, threads,
      [&](int64_t first, int64_t w, double* re, double* im) {
        for (int64_t c = 0; c < w; ++c) {
          const size_t src = source(first + c);
          for (int64_t x = 0; x < n0; ++x) {
            re[x * w + c] = deviation(src + static_cast<size_t>(x));
            im[x * w + c] = roi.intMask[src + static_cast<size_t>(x)] ? 1.0 : 0.0;
          }
        }
        std::fill(re + n0 * w, re + p0 * w, 0.0);
        std::fill(im + n0 * w, im + p0 * w, 0.0);
      },
      [&](int64_t first, int64_t w, const double* re, const double* im) {
        for (int64_t c = 0; c < w; ++c) store(0, 1, first + c, first + c, w, c, re, im);
      });
  // Q, two rows per line.
  transformLines(
      plan, (rows + 1) / 2, threads,
      [&](int64_t first, int64_t w, double* re, double* im) {
        for (int64_t c = 0; c < w; ++c) {
          const int64_t row = 2 * (first + c);
          const size_t a = source(row), b = row + 1 < rows ? source(row + 1) : 0;
          for (int64_t x = 0; x < n0; ++x) {
            const double da = deviation(a + static_cast<size_t>(x));
            const double db = row + 1 < rows ? deviation(b + static_cast<size_t>(x)) : 0.0;
            re[x * w + c] = da * da;
            im[x * w + c] = db * db;
          }
        }
        std::fill(re + n0 * w, re + p0 * w, 0.0);
        std::fill(im + n0 * w, im + p0 * w, 0.0);
      },
      [&](int64_t first, int64_t w, const double* re, const double* im) {
        for (int64_t c = 0; c < w; ++c) {
          const int64_t row = 2 * (first + c);
          store(2, 2, row, row + 1 < rows ? row + 1 : -1, w, c, re, im);
        }
      });
}

// Values of one block of lines (kFftBlock lines of the longer of p[1], p[2]).
inline int64_t planeBufferLine(const Dims& d) { return std::max(d.p[1], d.p[2]) * kFftBlock; }
// reducePlane's buffer: 3 y-transformed planes and 3 + 1 blocks of lines, real and imaginary parts.
inline size_t planeBufferSize(const Dims& d, int64_t n2) {
  return static_cast<size_t>(6 * d.p[1] * n2 + 8 * planeBufferLine(d));
}

struct PlaneSums {
  double si = 0, w = 0, sqm = 0;  // sum K |D|^2, sum K |M|^2, sum K Re(M conj Q) over one omega_x plane
};

// The y and z transforms of one omega_x plane of D, M and Q (zero-padded from n[1] x n[2] to p[1] x p[2]),
// reduced against the kernel's transform on the way: nothing is transformed back (Parseval).
PlaneSums reducePlane(const HalfSpectra& h, int64_t wx, const int64_t n[3], const Dims& d, const std::vector<double>& K,
                      const FftPlan& planY, const FftPlan& planZ, std::vector<double>& buf) {
  const int64_t n1 = n[1], n2 = n[2], p1 = d.p[1], p2 = d.p[2];
  const int64_t h0 = d.p[0] / 2 + 1, h1 = p1 / 2 + 1;
  const int64_t line = planeBufferLine(d), spectrum = p1 * n2;
  // Per field: the y-transformed plane (omega_y major, z minor); per block, the 3 fields' lines (re, im);
  // the FFT scratch (re, im).
  double* yRe[3];
  double* yIm[3];
  double* zRe[3];
  double* zIm[3];
  double* at = buf.data();
  for (int f = 0; f < 3; ++f) yRe[f] = at, yIm[f] = at + spectrum, at += 2 * spectrum;
  for (int f = 0; f < 3; ++f) zRe[f] = at, zIm[f] = at + line, at += 2 * line;
  double* sr = at;
  double* si = at + line;

  // y: the n2 lines z of each field (y < n1 stored, zero beyond), kFftBlock at a time.
  for (int f = 0; f < 3; ++f) {
    const double* pr = h.re[f] + h.at(wx, 0);
    const double* pi = h.im[f] + h.at(wx, 0);
    for (int64_t z0 = 0; z0 < n2; z0 += kFftBlock) {
      const int64_t w = std::min(kFftBlock, n2 - z0);
      double* re = zRe[0];  // scratch lines (z lines are not in use yet)
      double* im = zIm[0];
      for (int64_t y = 0; y < n1; ++y)
        for (int64_t c = 0; c < w; ++c) re[y * w + c] = pr[y + n1 * (z0 + c)], im[y * w + c] = pi[y + n1 * (z0 + c)];
      std::fill(re + n1 * w, re + p1 * w, 0.0);
      std::fill(im + n1 * w, im + p1 * w, 0.0);
      fftColumnsPlanned(planY, re, im, sr, si, w);
      for (int64_t wy = 0; wy < p1; ++wy)
        for (int64_t c = 0; c < w; ++c) yRe[f][wy * n2 + z0 + c] = re[wy * w + c], yIm[f][wy * n2 + z0 + c] = im[wy * w + c];
    }
  }
  // z: the p1 lines omega_y of the three fields together, then the sums.
  PlaneSums s;
  for (int64_t wy0 = 0; wy0 < p1; wy0 += kFftBlock) {
    const int64_t w = std::min(kFftBlock, p1 - wy0);
    for (int f = 0; f < 3; ++f) {
      double* re = zRe[f];
      double* im = zIm[f];
      for (int64_t z = 0; z < n2; ++z)
        for (int64_t c = 0; c < w; ++c) re[z * w + c] = yRe[f][(wy0 + c) * n2 + z], im[z * w + c] = yIm[f][(wy0 + c) * n2 + z];
      std::fill(re + n2 * w, re + p2 * w, 0.0);
      std::fill(im + n2 * w, im + p2 * w, 0.0);
      fftColumnsPlanned(planZ, re, im, sr, si, w);
    }
    for (int64_t wz = 0; wz < p2; ++wz) {
      const double* k = K.data() + wx + h0 * h1 * wrapped(wz, p2);
      for (int64_t c = 0; c < w; ++c) {
        const double kv = k[h0 * wrapped(wy0 + c, p1)];
        const int64_t i = wz * w + c;
        const double dr = zRe[0][i], di = zIm[0][i], mr = zRe[1][i], mi = zIm[1][i], qr = zRe[2][i], qi = zIm[2][i];
        s.si += kv * (dr * dr + di * di);
        s.w += kv * (mr * mr + mi * mi);
        s.sqm += kv * (mr * qr + mi * qi);
      }
    }
  }
  return s;
}

}  // namespace

bool autocorrelationByFft(const RoiImage& roi, int64_t maxPoints, ExactAutocorrelation* out, int threads) {
  const Box box = boundingBox(roi.grid, roi.intMask);
  if (box.empty()) return false;
  const int64_t n[3] = {box.extent(0), box.extent(1), box.extent(2)};
  Dims d{{nextSmoothSize(2 * n[0] - 1), nextSmoothSize(2 * n[1] - 1), nextSmoothSize(2 * n[2] - 1)}};
  if (d.p[0] * d.p[1] > maxPoints || d.p[0] * d.p[1] * d.p[2] > maxPoints) return false;
  const int64_t total = d.p[0] * d.p[1] * d.p[2];

  // Mean of the intensity-mask values, and sum of squared deviations.
  double sum = 0;
  int64_t count = 0;
  for (size_t i = 0; i < roi.intensity.size(); ++i)
    if (roi.intMask[i]) {
      sum += roi.intensity[i];
      ++count;
    }
  const double mu = sum / static_cast<double>(count);
  double sumD2 = 0;
  for (size_t i = 0; i < roi.intensity.size(); ++i)
    if (roi.intMask[i]) sumD2 += (roi.intensity[i] - mu) * (roi.intensity[i] - mu);
  out->voxels = count;
  if (!(sumD2 > 0)) {
    out->constant = true;
    return true;
  }

  const std::vector<double> K = kernelTransform(d, n, roi.grid.spacing, threads);
  const int64_t planes = d.p[0] / 2 + 1;
  HalfSpectra h(planes, n[1] * n[2]);
  transformRows(roi, box, mu, d, h, threads);

  // Plane by plane (threads take contiguous ranges of planes; each plane's sums do not depend on who
  // computed them, and they are added in plane order below: the same result for any thread count).
  std::vector<PlaneSums> perPlane(static_cast<size_t>(planes));
  const FftPlan planY = planFft(d.p[1], false), planZ = planFft(d.p[2], false);
  parallelFor(planes, threads, [&](int64_t a, int64_t b) {
    std::vector<double> buf(planeBufferSize(d, n[2]));
    for (int64_t wx = a; wx < b; ++wx) perPlane[static_cast<size_t>(wx)] = reducePlane(h, wx, n, d, K, planY, planZ, buf);
  });
  // Full-spectrum sums: planes 0 < omega_x < p0 / 2 stand for themselves and their conjugates.
  double SI = 0, W = 0, SQM = 0;
  for (int64_t wx = 0; wx < planes; ++wx) {
    const double weight = (wx == 0 || 2 * wx == d.p[0]) ? 1.0 : 2.0;
    const PlaneSums& s = perPlane[static_cast<size_t>(wx)];
    SI += weight * s.si, W += weight * s.w, SQM += weight * s.sqm;
  }
  const double scale = 1.0 / static_cast<double>(total);
  SI *= scale, W *= scale, SQM *= scale;

  const double N = static_cast<double>(count);
  out->moranI = N / W * SI / sumD2;
  out->gearyC = (N - 1.0) / (2.0 * W) * (2.0 * SQM - 2.0 * SI) / sumD2;
  out->constant = false;
  return true;
}

}  // namespace radiomics
