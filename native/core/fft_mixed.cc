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

// One Stockham stage over `run` contiguous complex values per (p, t) (the stride-so-far times the column
// count): reads x[(p + t m) run + i], writes y[(radix p + u) run + i] (doubles interleaved re, im).
static inline void stageKernel(const double* x, double* y, int radix, int64_t m, int64_t run, const cplx* tw,
                               double sign) {
  const int64_t step = 2 * run;  // doubles per (p, t) block
  if (radix == 2) {
    for (int64_t p = 0; p < m; ++p) {
      const double wr = tw[p].real(), wi = tw[p].imag();
      const double *a0 = x + p * step, *a1 = x + (p + m) * step;
      double *y0 = y + 2 * p * step, *y1 = y0 + step;
      for (int64_t i = 0; i < run; ++i) {
        const double r0 = a0[2 * i], i0 = a0[2 * i + 1], r1 = a1[2 * i], i1 = a1[2 * i + 1];
        y0[2 * i] = r0 + r1;
        y0[2 * i + 1] = i0 + i1;
        double dr = r0 - r1, di = i0 - i1;
        mul(dr, di, wr, wi);
        y1[2 * i] = dr;
        y1[2 * i + 1] = di;
      }
    }
    return;
  }
  if (radix == 4) {
    for (int64_t p = 0; p < m; ++p) {
      const cplx* w = tw + 3 * p;
      const double w1r = w[0].real(), w1i = w[0].imag(), w2r = w[1].real(), w2i = w[1].imag(), w3r = w[2].real(),
                   w3i = w[2].imag();
      const double *a0 = x + p * step, *a1 = x + (p + m) * step, *a2 = x + (p + 2 * m) * step, *a3 = x + (p + 3 * m) * step;
      double *y0 = y + 4 * p * step, *y1 = y0 + step, *y2 = y1 + step, *y3 = y2 + step;
      for (int64_t i = 0; i < run; ++i) {
        const double b0r = a0[2 * i] + a2[2 * i], b0i = a0[2 * i + 1] + a2[2 * i + 1];
        const double b1r = a0[2 * i] - a2[2 * i], b1i = a0[2 * i + 1] - a2[2 * i + 1];
        const double b2r = a1[2 * i] + a3[2 * i], b2i = a1[2 * i + 1] + a3[2 * i + 1];
        // (a1 - a3) * (sign i)
        const double dr = a1[2 * i] - a3[2 * i], di = a1[2 * i + 1] - a3[2 * i + 1];
        const double b3r = -sign * di, b3i = sign * dr;
        y0[2 * i] = b0r + b2r;
        y0[2 * i + 1] = b0i + b2i;
        double r1 = b1r + b3r, i1 = b1i + b3i, r2 = b0r - b2r, i2 = b0i - b2i, r3 = b1r - b3r, i3 = b1i - b3i;
        mul(r1, i1, w1r, w1i);
        mul(r2, i2, w2r, w2i);
        mul(r3, i3, w3r, w3i);
        y1[2 * i] = r1;
        y1[2 * i + 1] = i1;
        y2[2 * i] = r2;
        y2[2 * i + 1] = i2;
        y3[2 * i] = r3;
        y3[2 * i + 1] = i3;
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
      const double *a0 = x + p * step, *a1 = x + (p + m) * step, *a2 = x + (p + 2 * m) * step;
      double *y0 = y + 3 * p * step, *y1 = y0 + step, *y2 = y1 + step;
      for (int64_t i = 0; i < run; ++i) {
        const double sr = a1[2 * i] + a2[2 * i], si = a1[2 * i + 1] + a2[2 * i + 1];
        const double dr = a1[2 * i] - a2[2 * i], di = a1[2 * i + 1] - a2[2 * i + 1];
        const double tr = a0[2 * i] - 0.5 * sr, ti = a0[2 * i + 1] - 0.5 * si;
        const double mr = -h * di, mi = h * dr;
        y0[2 * i] = a0[2 * i] + sr;
        y0[2 * i + 1] = a0[2 * i + 1] + si;
        double r1 = tr + mr, i1 = ti + mi, r2 = tr - mr, i2 = ti - mi;
        mul(r1, i1, w1r, w1i);
        mul(r2, i2, w2r, w2i);
        y1[2 * i] = r1;
        y1[2 * i + 1] = i1;
        y2[2 * i] = r2;
        y2[2 * i + 1] = i2;
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
    const double *a0 = x + p * step, *a1 = x + (p + m) * step, *a2 = x + (p + 2 * m) * step, *a3 = x + (p + 3 * m) * step,
                 *a4 = x + (p + 4 * m) * step;
    double* yp = y + 5 * p * step;
    const double w1r = w[0].real(), w1i = w[0].imag(), w2r = w[1].real(), w2i = w[1].imag(), w3r = w[2].real(),
                 w3i = w[2].imag(), w4r = w[3].real(), w4i = w[3].imag();
    for (int64_t i = 0; i < run; ++i) {
      const double b1r = a1[2 * i] + a4[2 * i], b1i = a1[2 * i + 1] + a4[2 * i + 1];
      const double b2r = a2[2 * i] + a3[2 * i], b2i = a2[2 * i + 1] + a3[2 * i + 1];
      const double d1r = a1[2 * i] - a4[2 * i], d1i = a1[2 * i + 1] - a4[2 * i + 1];
      const double d2r = a2[2 * i] - a3[2 * i], d2i = a2[2 * i + 1] - a3[2 * i + 1];
      const double ar = a0[2 * i], ai = a0[2 * i + 1];
      const double t1r = ar + c1 * b1r + c2 * b2r, t1i = ai + c1 * b1i + c2 * b2i;
      const double t2r = ar + c2 * b1r + c1 * b2r, t2i = ai + c2 * b1i + c1 * b2i;
      // m = i (u): (re, im) = (-u_im, u_re)
      const double u1r = s1 * d1r + s2 * d2r, u1i = s1 * d1i + s2 * d2i;
      const double u2r = s2 * d1r - s1 * d2r, u2i = s2 * d1i - s1 * d2i;
      yp[2 * i] = ar + b1r + b2r;
      yp[2 * i + 1] = ai + b1i + b2i;
      double r1 = t1r - u1i, i1 = t1i + u1r, r4 = t1r + u1i, i4 = t1i - u1r;
      double r2 = t2r - u2i, i2 = t2i + u2r, r3 = t2r + u2i, i3 = t2i - u2r;
      mul(r1, i1, w1r, w1i);
      mul(r2, i2, w2r, w2i);
      mul(r3, i3, w3r, w3i);
      mul(r4, i4, w4r, w4i);
      double* y1 = yp + step;
      double* y2 = y1 + step;
      double* y3 = y2 + step;
      double* y4 = y3 + step;
      y1[2 * i] = r1;
      y1[2 * i + 1] = i1;
      y2[2 * i] = r2;
      y2[2 * i + 1] = i2;
      y3[2 * i] = r3;
      y3[2 * i + 1] = i3;
      y4[2 * i] = r4;
      y4[2 * i + 1] = i4;
    }
  }
}

RADIOMICS_MULTIVERSION(stageDispatch, stageKernel)

}  // namespace

void fftColumnsPlanned(const FftPlan& plan, cplx* data, cplx* scratch, int64_t width) {
  if (plan.n <= 1 || width <= 0) return;
  const double sign = plan.inverse ? 1.0 : -1.0;
  cplx *x = data, *y = scratch;
  int64_t stride = 1;  // sub-sequences interleaved so far
  for (const FftPlan::Stage& st : plan.stages) {
    stageDispatch(reinterpret_cast<const double*>(x), reinterpret_cast<double*>(y), st.radix, st.m, stride * width,
                  st.twiddle.data(), sign);
    std::swap(x, y);
    stride *= st.radix;
  }
  if (x != data)
    for (int64_t i = 0; i < plan.n * width; ++i) data[i] = x[i];
}

}  // namespace radiomics
