#include "fft_mixed.h"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "dispatch.h"

namespace radiomics {

int64_t nextSmoothSize(int64_t n) {
  for (int64_t c = n < 1 ? 1 : n;; ++c) {
    int64_t r = c;
    for (int64_t f : {2, 3, 5})
      while (r % f == 0) r /= f;
    if (r == 1) return c;
  }
}

FftPlan planFft(int64_t n, bool inverse) {
  FftPlan plan;
  plan.n = n;
  plan.inverse = inverse;
  std::vector<int> radices;
  int64_t r = n;
  while (r % 4 == 0) radices.push_back(4), r /= 4;
  while (r % 2 == 0) radices.push_back(2), r /= 2;
  while (r % 3 == 0) radices.push_back(3), r /= 3;
  while (r % 5 == 0) radices.push_back(5), r /= 5;
  if (n < 1 || r != 1) throw std::invalid_argument("planFft: size is not a product of 2, 3 and 5");
  const double sign = inverse ? 1.0 : -1.0;
  int64_t len = n;
  for (int radix : radices) {
    FftPlan::Stage st;
    st.radix = radix;
    st.m = len / radix;
    st.twiddle.resize(static_cast<size_t>(st.m * (radix - 1)));
    for (int64_t p = 0; p < st.m; ++p)
      for (int u = 1; u < radix; ++u) {
        const double a = sign * 2.0 * M_PI * static_cast<double>(p * u) / static_cast<double>(len);
        st.twiddle[static_cast<size_t>(p * (radix - 1) + u - 1)] = cplx(std::cos(a), std::sin(a));
      }
    len = st.m;
    plan.stages.push_back(std::move(st));
  }
  return plan;
}

namespace {

// (re, im) * (wr, wi)
inline void mul(double& re, double& im, double wr, double wi) {
  const double r = re * wr - im * wi;
  im = re * wi + im * wr;
  re = r;
}

// One Stockham stage on split real / imaginary arrays, over `run` contiguous values per (p, t) (the stride
// so far times the column count): reads x[(p + t m) run + i], writes y[(radix p + u) run + i]. Split
// arrays keep the inner loop a plain vector loop on every ISA.
static inline void stageKernel(const double* __restrict xr, const double* __restrict xi, double* __restrict yr,
                               double* __restrict yi, int radix, int64_t m,
                               int64_t run, const cplx* tw, double sign) {
  if (radix == 2) {
    for (int64_t p = 0; p < m; ++p) {
      const double wr = tw[p].real(), wi = tw[p].imag();
      const int64_t i0 = p * run, i1 = (p + m) * run, o0 = 2 * p * run, o1 = o0 + run;
      for (int64_t i = 0; i < run; ++i) {
        const double r0 = xr[i0 + i], q0 = xi[i0 + i], r1 = xr[i1 + i], q1 = xi[i1 + i];
        yr[o0 + i] = r0 + r1;
        yi[o0 + i] = q0 + q1;
        double dr = r0 - r1, di = q0 - q1;
        mul(dr, di, wr, wi);
        yr[o1 + i] = dr;
        yi[o1 + i] = di;
      }
    }
    return;
  }
  if (radix == 4) {
    for (int64_t p = 0; p < m; ++p) {
      const cplx* w = tw + 3 * p;
      const double w1r = w[0].real(), w1i = w[0].imag(), w2r = w[1].real(), w2i = w[1].imag(), w3r = w[2].real(),
                   w3i = w[2].imag();
      const int64_t a0 = p * run, a1 = (p + m) * run, a2 = (p + 2 * m) * run, a3 = (p + 3 * m) * run;
      const int64_t y0 = 4 * p * run, y1 = y0 + run, y2 = y1 + run, y3 = y2 + run;
      for (int64_t i = 0; i < run; ++i) {
        const double b0r = xr[a0 + i] + xr[a2 + i], b0i = xi[a0 + i] + xi[a2 + i];
        const double b1r = xr[a0 + i] - xr[a2 + i], b1i = xi[a0 + i] - xi[a2 + i];
        const double b2r = xr[a1 + i] + xr[a3 + i], b2i = xi[a1 + i] + xi[a3 + i];
        // (a1 - a3) * (sign i)
        const double dr = xr[a1 + i] - xr[a3 + i], di = xi[a1 + i] - xi[a3 + i];
        const double b3r = -sign * di, b3i = sign * dr;
        yr[y0 + i] = b0r + b2r;
        yi[y0 + i] = b0i + b2i;
        double r1 = b1r + b3r, i1 = b1i + b3i, r2 = b0r - b2r, i2 = b0i - b2i, r3 = b1r - b3r, i3 = b1i - b3i;
        mul(r1, i1, w1r, w1i);
        mul(r2, i2, w2r, w2i);
        mul(r3, i3, w3r, w3i);
        yr[y1 + i] = r1;
        yi[y1 + i] = i1;
        yr[y2 + i] = r2;
        yi[y2 + i] = i2;
        yr[y3 + i] = r3;
        yi[y3 + i] = i3;
      }
    }
    return;
  }
  if (radix == 3) {
    // y0 = a0 + (a1 + a2); y1, y2 = a0 - (a1 + a2) / 2 +- sign i sqrt(3)/2 (a1 - a2)
    const double h = sign * 0.86602540378443864676;
    for (int64_t p = 0; p < m; ++p) {
      const cplx* w = tw + 2 * p;
      const double w1r = w[0].real(), w1i = w[0].imag(), w2r = w[1].real(), w2i = w[1].imag();
      const int64_t a0 = p * run, a1 = (p + m) * run, a2 = (p + 2 * m) * run;
      const int64_t y0 = 3 * p * run, y1 = y0 + run, y2 = y1 + run;
      for (int64_t i = 0; i < run; ++i) {
        const double sr = xr[a1 + i] + xr[a2 + i], si = xi[a1 + i] + xi[a2 + i];
        const double dr = xr[a1 + i] - xr[a2 + i], di = xi[a1 + i] - xi[a2 + i];
        const double tr = xr[a0 + i] - 0.5 * sr, ti = xi[a0 + i] - 0.5 * si;
        const double mr = -h * di, mi = h * dr;
        yr[y0 + i] = xr[a0 + i] + sr;
        yi[y0 + i] = xi[a0 + i] + si;
        double r1 = tr + mr, i1 = ti + mi, r2 = tr - mr, i2 = ti - mi;
        mul(r1, i1, w1r, w1i);
        mul(r2, i2, w2r, w2i);
        yr[y1 + i] = r1;
        yi[y1 + i] = i1;
        yr[y2 + i] = r2;
        yi[y2 + i] = i2;
      }
    }
    return;
  }
  // Radix 5 (planFft makes no other): with b1 = a1 + a4, b2 = a2 + a3, d1 = a1 - a4, d2 = a2 - a3,
  // y1, y4 = a0 + c1 b1 + c2 b2 +- sign i (s1 d1 + s2 d2); y2, y3 = a0 + c2 b1 + c1 b2 +- sign i (s2 d1 - s1 d2).
  const double c1 = 0.30901699437494742410, c2 = -0.80901699437494742410;
  const double s1 = sign * 0.95105651629515357212, s2 = sign * 0.58778525229247312917;
  for (int64_t p = 0; p < m; ++p) {
    const cplx* w = tw + 4 * p;
    const double w1r = w[0].real(), w1i = w[0].imag(), w2r = w[1].real(), w2i = w[1].imag(), w3r = w[2].real(),
                 w3i = w[2].imag(), w4r = w[3].real(), w4i = w[3].imag();
    const int64_t a0 = p * run, a1 = (p + m) * run, a2 = (p + 2 * m) * run, a3 = (p + 3 * m) * run, a4 = (p + 4 * m) * run;
    const int64_t y0 = 5 * p * run, y1 = y0 + run, y2 = y1 + run, y3 = y2 + run, y4 = y3 + run;
    for (int64_t i = 0; i < run; ++i) {
      const double b1r = xr[a1 + i] + xr[a4 + i], b1i = xi[a1 + i] + xi[a4 + i];
      const double b2r = xr[a2 + i] + xr[a3 + i], b2i = xi[a2 + i] + xi[a3 + i];
      const double d1r = xr[a1 + i] - xr[a4 + i], d1i = xi[a1 + i] - xi[a4 + i];
      const double d2r = xr[a2 + i] - xr[a3 + i], d2i = xi[a2 + i] - xi[a3 + i];
      const double ar = xr[a0 + i], ai = xi[a0 + i];
      const double t1r = ar + c1 * b1r + c2 * b2r, t1i = ai + c1 * b1i + c2 * b2i;
      const double t2r = ar + c2 * b1r + c1 * b2r, t2i = ai + c2 * b1i + c1 * b2i;
      // sign i (u): (re, im) = (-u_im, u_re), the sign folded into s1, s2
      const double u1r = s1 * d1r + s2 * d2r, u1i = s1 * d1i + s2 * d2i;
      const double u2r = s2 * d1r - s1 * d2r, u2i = s2 * d1i - s1 * d2i;
      yr[y0 + i] = ar + b1r + b2r;
      yi[y0 + i] = ai + b1i + b2i;
      double r1 = t1r - u1i, i1 = t1i + u1r, r4 = t1r + u1i, i4 = t1i - u1r;
      double r2 = t2r - u2i, i2 = t2i + u2r, r3 = t2r + u2i, i3 = t2i - u2r;
      mul(r1, i1, w1r, w1i);
      mul(r2, i2, w2r, w2i);
      mul(r3, i3, w3r, w3i);
      mul(r4, i4, w4r, w4i);
      yr[y1 + i] = r1;
      yi[y1 + i] = i1;
      yr[y2 + i] = r2;
      yi[y2 + i] = i2;
      yr[y3 + i] = r3;
      yi[y3 + i] = i3;
      yr[y4 + i] = r4;
      yi[y4 + i] = i4;
    }
  }
}

RADIOMICS_MULTIVERSION(stageDispatch, stageKernel)

}  // namespace

void fftColumnsPlanned(const FftPlan& plan, double* re, double* im, double* scratchRe, double* scratchIm,
                       int64_t width) {
  if (plan.n <= 1 || width <= 0) return;
  const double sign = plan.inverse ? 1.0 : -1.0;
  double *xr = re, *xi = im, *yr = scratchRe, *yi = scratchIm;
  int64_t stride = 1;  // sub-sequences interleaved so far
  for (const FftPlan::Stage& st : plan.stages) {
    stageDispatch(xr, xi, yr, yi, st.radix, st.m, stride * width, st.twiddle.data(), sign);
    std::swap(xr, yr);
    std::swap(xi, yi);
    stride *= st.radix;
  }
  if (xr != re)
    for (int64_t i = 0; i < plan.n * width; ++i) {
      re[i] = xr[i];
      im[i] = xi[i];
    }
}

}  // namespace radiomics
