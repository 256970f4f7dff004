#include "real_fourier.h"

#include <algorithm>
#include <vector>

#include "../fft_lines.h"
#include "../resample_parallel.h"

namespace radiomics {
namespace filters {
namespace {

// The spectrum stored in the volume: bin kx (1 .. m) of row r as the float pair at 2 (kx - 1); row r in
// `rows` (RowStore: one buffer, or two).
struct HalfSpectrum {
  RowStore rows;
  int64_t nx, ny, nz, m;
  float* at(int64_t kx, int64_t y, int64_t z) const { return rows.row(y + ny * z) + 2 * (kx - 1); }
  cplx get(int64_t kx, int64_t y, int64_t z) const {
    const float* p = at(kx, y, z);
    return cplx(p[0], p[1]);
  }
  void set(int64_t kx, int64_t y, int64_t z, cplx c) const {
    float* p = at(kx, y, z);
    p[0] = static_cast<float>(c.real());
    p[1] = static_cast<float>(c.imag());
  }
};

// The DFTs along y and, when threeD, z of the stored bins and of the side planes (ny x nz, y fastest).
void transformYZ(const HalfSpectrum& h, std::vector<cplx>& zero, std::vector<cplx>& nyquist, bool threeD, bool inverse,
                 int threads) {
  const int64_t n[3] = {h.ny, h.nz, 1};
  const bool sideAxes[3] = {true, threeD, false};
  dftAxes(zero, n, sideAxes, inverse, threads);
  if (!nyquist.empty()) dftAxes(nyquist, n, sideAxes, inverse, threads);
  if (h.m == 0) return;
  auto pass = [&](int axis) {
    const int64_t len = axis == 1 ? h.ny : h.nz, across = axis == 1 ? h.nz : h.ny;
    if (len <= 1) return;
    if (nextSmoothSize(len) == len) {
      // Line l is bin 1 + l % m of row / column l / m; adjacent bins are adjacent float pairs in memory.
      // Normalised like DftPlan's inverse.
      const double scale = inverse ? 1.0 / static_cast<double>(len) : 1.0;
      // Point i of line l: one stride apart in one buffer; in a split store the points before `cut` in the
      // head, the rest in the tail (rows increase along a line), each part at the same stride.
      const int64_t step = axis == 1 ? h.nx : h.nx * h.ny;  // floats from point i to i + 1 of a line
      const int64_t dr = axis == 1 ? 1 : h.ny;              // rows from point i to i + 1
      struct Line {
        float *a, *b;  // point i at a + i step (i < cut), else b + (i - cut) step
        int64_t cut;
      };
      auto line = [&](int64_t l) {
        const int64_t kx = 1 + l % h.m, o = l / h.m, r0 = axis == 1 ? h.ny * o : o;
        const RowStore& st = h.rows;
        const int64_t cut = st.tail == nullptr || r0 + (len - 1) * dr < st.split ? len
                            : r0 >= st.split                                     ? 0
                                                                                 : (st.split - r0 + dr - 1) / dr;
        return Line{cut > 0 ? st.row(r0) + 2 * (kx - 1) : nullptr,
                    cut < len ? st.row(r0 + cut * dr) + 2 * (kx - 1) : nullptr, cut};
      };
      auto point = [&](const Line& ln, int64_t i) { return i < ln.cut ? ln.a + i * step : ln.b + (i - ln.cut) * step; };
      transformLines(
          planFft(len, inverse), across * h.m, threads,
          [&](int64_t first, int64_t w, double* re, double* im) {
            Line ln[kFftBlock];
            for (int64_t c = 0; c < w; ++c) ln[c] = line(first + c);
            for (int64_t i = 0; i < len; ++i)
              for (int64_t c = 0; c < w; ++c) {
                const float* p = point(ln[c], i);
                re[i * w + c] = p[0], im[i * w + c] = p[1];
              }
          },
          [&](int64_t first, int64_t w, const double* re, const double* im) {
            Line ln[kFftBlock];
            for (int64_t c = 0; c < w; ++c) ln[c] = line(first + c);
            for (int64_t i = 0; i < len; ++i)
              for (int64_t c = 0; c < w; ++c) {
                float* p = point(ln[c], i);
                p[0] = static_cast<float>(re[i * w + c] * scale);
                p[1] = static_cast<float>(im[i * w + c] * scale);
              }
          });
      return;
    }
    const DftPlan plan(len);
    parallelFor(across, threads, [&](int64_t a0, int64_t a1) {
      std::vector<cplx> line(static_cast<size_t>(len)), work;
      for (int64_t a = a0; a < a1; ++a)
        for (int64_t kx = 1; kx <= h.m; ++kx) {
          for (int64_t i = 0; i < len; ++i)
            line[static_cast<size_t>(i)] = axis == 1 ? h.get(kx, i, a) : h.get(kx, a, i);
          plan.run(line.data(), inverse, work);
          for (int64_t i = 0; i < len; ++i)
            axis == 1 ? h.set(kx, i, a, line[static_cast<size_t>(i)]) : h.set(kx, a, i, line[static_cast<size_t>(i)]);
        }
    });
  };
  if (inverse && threeD) pass(2);
  pass(1);
  if (!inverse && threeD) pass(2);
}

}  // namespace

void filterRealInPlace(float* v, const Dims& d, bool threeD, const Transfer& t, int threads) {
  filterRealInPlace(RowStore{v, d.n[1] * d.n[2], nullptr, d.n[0]}, d, threeD, t, threads);
}

void filterRealInPlace(const RowStore& store, const Dims& d, bool threeD, const Transfer& t, int threads) {
  const int64_t nx = d.n[0], ny = d.n[1], nz = d.n[2], rows = ny * nz;
  const HalfSpectrum h{store, nx, ny, nz, (nx - 1) / 2};
  const bool hasNyquist = nx % 2 == 0;
  std::vector<cplx> zero(static_cast<size_t>(rows)), nyquist(hasNyquist ? static_cast<size_t>(rows) : 0);
  const DftPlan planX(nx);

  // Rows: the real DFT along x, kept as bins 0 (side plane), 1 .. m (in the row) and nx / 2 (side plane).
  // Smooth nx: kFftBlock rows at a time through the mixed-radix transform (vector code across rows).
  const bool blockedX = nextSmoothSize(nx) == nx && nx > 1;
  const FftPlan planXf = blockedX ? planFft(nx, false) : FftPlan(), planXi = blockedX ? planFft(nx, true) : FftPlan();
  if (blockedX) {
    transformLines(
        planXf, rows, threads,
        [&](int64_t first, int64_t w, double* re, double* im) {
          for (int64_t c = 0; c < w; ++c) {
            const float* row = store.row(first + c);
            for (int64_t x = 0; x < nx; ++x) re[x * w + c] = row[x], im[x * w + c] = 0.0;
          }
        },
        [&](int64_t first, int64_t w, const double* re, const double* im) {
          for (int64_t c = 0; c < w; ++c) {
            const int64_t r = first + c;
            zero[static_cast<size_t>(r)] = cplx(re[c], im[c]);
            if (hasNyquist) nyquist[static_cast<size_t>(r)] = cplx(re[(nx / 2) * w + c], im[(nx / 2) * w + c]);
            for (int64_t kx = 1; kx <= h.m; ++kx) h.set(kx, r % ny, r / ny, cplx(re[kx * w + c], im[kx * w + c]));
          }
        });
  } else {
    parallelFor(rows, threads, [&](int64_t r0, int64_t r1) {
      std::vector<cplx> line(static_cast<size_t>(nx)), work;
      for (int64_t r = r0; r < r1; ++r) {
        float* row = store.row(r);
        for (int64_t x = 0; x < nx; ++x) line[static_cast<size_t>(x)] = row[x];
        planX.run(line.data(), false, work);
        zero[static_cast<size_t>(r)] = line[0];
        if (hasNyquist) nyquist[static_cast<size_t>(r)] = line[static_cast<size_t>(nx / 2)];
        for (int64_t kx = 1; kx <= h.m; ++kx) h.set(kx, r % ny, r / ny, line[static_cast<size_t>(kx)]);
      }
    });
  }
  transformYZ(h, zero, nyquist, threeD, false, threads);

  // (T(k) + conj(T(-k))) / 2 on every kept bin.
  auto symmetric = [&](int64_t kx, int64_t ky, int64_t kz) {
    const int64_t mz = threeD ? (nz - kz) % nz : 0, z = threeD ? kz : 0;
    return 0.5 * (t(kx, ky, z) + std::conj(t((nx - kx) % nx, (ny - ky) % ny, mz)));
  };
  parallelFor(nz, threads, [&](int64_t z0, int64_t z1) {
    for (int64_t z = z0; z < z1; ++z)
      for (int64_t y = 0; y < ny; ++y) {
        const size_t r = static_cast<size_t>(y + ny * z);
        zero[r] *= symmetric(0, y, z);
        if (hasNyquist) nyquist[r] *= symmetric(nx / 2, y, z);
        for (int64_t kx = 1; kx <= h.m; ++kx) h.set(kx, y, z, h.get(kx, y, z) * symmetric(kx, y, z));
      }
  });

  transformYZ(h, zero, nyquist, threeD, true, threads);
  // Rows: the full Hermitian line rebuilt, the inverse DFT along x, its real part written over the row.
  if (blockedX) {
    const double scale = 1.0 / static_cast<double>(nx);
    transformLines(
        planXi, rows, threads,
        [&](int64_t first, int64_t w, double* re, double* im) {
          for (int64_t c = 0; c < w; ++c) {
            const int64_t r = first + c;
            const cplx z0 = zero[static_cast<size_t>(r)];
            re[c] = z0.real(), im[c] = z0.imag();
            if (hasNyquist) {
              const cplx q = nyquist[static_cast<size_t>(r)];
              re[(nx / 2) * w + c] = q.real(), im[(nx / 2) * w + c] = q.imag();
            }
            for (int64_t kx = 1; kx <= h.m; ++kx) {
              const cplx k = h.get(kx, r % ny, r / ny);
              re[kx * w + c] = k.real(), im[kx * w + c] = k.imag();
              re[(nx - kx) * w + c] = k.real(), im[(nx - kx) * w + c] = -k.imag();
            }
          }
        },
        [&](int64_t first, int64_t w, const double* re, const double*) {
          for (int64_t c = 0; c < w; ++c) {
            float* row = store.row(first + c);
            for (int64_t x = 0; x < nx; ++x) row[x] = static_cast<float>(re[x * w + c] * scale);
          }
        });
    return;
  }
  parallelFor(rows, threads, [&](int64_t r0, int64_t r1) {
    std::vector<cplx> line(static_cast<size_t>(nx)), work;
    for (int64_t r = r0; r < r1; ++r) {
      line[0] = zero[static_cast<size_t>(r)];
      if (hasNyquist) line[static_cast<size_t>(nx / 2)] = nyquist[static_cast<size_t>(r)];
      for (int64_t kx = 1; kx <= h.m; ++kx) {
        const cplx c = h.get(kx, r % ny, r / ny);
        line[static_cast<size_t>(kx)] = c;
        line[static_cast<size_t>(nx - kx)] = std::conj(c);
      }
      planX.run(line.data(), true, work);
      float* row = store.row(r);
      for (int64_t x = 0; x < nx; ++x) row[x] = static_cast<float>(line[static_cast<size_t>(x)].real());
    }
  });
}

}  // namespace filters
}  // namespace radiomics
