// Gabor filter (IBSI 2 reference manual, "Gabor filter"; phase-1 tests 4.a, 4.b), a 2D filter:
//   h(x, y) = exp(-(u^2 + gamma^2 v^2) / (2 sigma^2)) exp(i 2 pi u / lambda),
//   u = x cos(theta) + y sin(theta),  v = -x sin(theta) + y cos(theta)   (x, y, sigma, lambda in mm),
// the response is the modulus |I (*) h|. The kernel is not truncated at a multiple of sigma: it spans the
// image (M_i = N_i, or N_i + 1 when N_i is even). Rotation invariance averages (or takes the max of) the
// modulus over theta = theta0, theta0 + step, ... below 360 degrees. 2D: every axial slice. 3D: the axial
// planes, or ("orthogonal planes", IBSI 2 rotation invariance, the TS default with pooling) the same 2D
// filter in the axial, coronal and sagittal planes with the three responses averaged: the phase-1 maps
// 4.a.1/4.b.1 (one orientation) match the axial form, 4.a.2/4.b.2 (pooled) the orthogonal-plane form. Each plane is
// padded by the boundary condition to a smooth size and convolved in the Fourier domain (exact linear convolution: the
// padding covers the kernel's reach). Memory: the output (the three plane orientations add into it), a copy of the
// input only when in == out, and per thread a plane's half spectrum and work rows (plane_fourier.h), never a complex
// volume or plane.
#include <algorithm>
#include <cmath>
#include <vector>

#include "../core/error.h"
#include "../resample_parallel.h"
#include "dft.h"
#include "filter.h"
#include "plane_fourier.h"

namespace radiomics {
namespace filters {
namespace {

struct PlaneAxes {
  int u, v, w;  // in-plane axes (u: the kernel's x) and the axis the planes stack along
};

// Adds weight * (pooled modulus response) of every plane normal to `w` to `out`.
void gaborPlanes(const float* in, float* out, const Dims& d, const PlaneAxes& pa, const FilterSpec& s,
                 const std::vector<double>& thetas, double weight) {
  const int64_t nu = d.n[pa.u], nv = d.n[pa.v], nw = d.n[pa.w];
  const int64_t stride[3] = {1, d.n[0], d.n[0] * d.n[1]};
  // Kernel half-size: M = N or N + 1 (odd), the image's extent; taps where the envelope is below 1e-12
  // (beyond sigma max(1, 1/gamma) sqrt(2 ln 1e12) mm) are left out: they change no float32 response.
  const double reachMm = s.sigmaMm * std::max(1.0, 1.0 / s.gamma) * std::sqrt(2 * std::log(1e12));
  const int64_t hu = std::min<int64_t>(nu / 2, static_cast<int64_t>(std::ceil(reachMm / s.spacing[pa.u])));
  const int64_t hv = std::min<int64_t>(nv / 2, static_cast<int64_t>(std::ceil(reachMm / s.spacing[pa.v])));
  // The padded grid: n + 2 h points hold the plane and its boundary extension on both sides, so output
  // i + h (i < n) reads only [i, i + 2 h]: an exact linear convolution. Rounded up to a smooth size.
  const PlaneFourier grid(nextSmoothSize(nu + 2 * hu), nextSmoothSize(nv + 2 * hv));
  const int64_t pu = grid.pu(), pv = grid.pv();
  const double su = s.spacing[pa.u], sv = s.spacing[pa.v];
  // Kernel spectra, one per orientation (kernel origin at index 0, wrapped). The kernel is Hermitian,
  // h(-x) = conj h(x) (even envelope, odd phase, sampled symmetrically), so its spectrum is real.
  std::vector<std::vector<double>> kernels;
  for (double theta : thetas) {
    std::vector<double> re(static_cast<size_t>(pu * pv), 0.0), im(re.size(), 0.0);
    const double c = std::cos(theta * M_PI / 180), sn = std::sin(theta * M_PI / 180);
    for (int64_t j = -hv; j <= hv; ++j)
      for (int64_t i = -hu; i <= hu; ++i) {
        const double x = static_cast<double>(i) * su, y = static_cast<double>(j) * sv;
        const double u = x * c + y * sn, v = -x * sn + y * c;
        const double env = std::exp(-(u * u + s.gamma * s.gamma * v * v) / (2 * s.sigmaMm * s.sigmaMm));
        const double phase = 2 * M_PI * u / s.lambdaMm;
        const size_t at = static_cast<size_t>(((i + pu) % pu) + pu * ((j + pv) % pv));
        re[at] = env * std::cos(phase);
        im[at] = env * std::sin(phase);
      }
    kernels.push_back(grid.realSpectrum(std::move(re), std::move(im)));
  }
  // Boundary tables: padded position -> image index (-1: zero); positions past n + 2 h are zero.
  std::vector<int64_t> iu(static_cast<size_t>(pu)), iv(static_cast<size_t>(pv));
  for (int64_t i = 0; i < pu; ++i)
    iu[static_cast<size_t>(i)] = i < nu + 2 * hu ? boundaryIndex(i - hu, nu, s.boundary) : -1;
  for (int64_t j = 0; j < pv; ++j)
    iv[static_cast<size_t>(j)] = j < nv + 2 * hv ? boundaryIndex(j - hv, nv, s.boundary) : -1;
  const double scale = weight / (s.pooling == Pooling::Mean ? static_cast<double>(thetas.size()) : 1.0);
  parallelFor(nw, s.threads, [&](int64_t w0, int64_t w1) {
    PlaneFourier::Work work;
    // One orientation adds straight into the output; pooling keeps the plane's pool in double.
    const bool direct = kernels.size() == 1;
    std::vector<double> pooled(direct ? 0 : static_cast<size_t>(nu * nv));
    for (int64_t w = w0; w < w1; ++w) {
      const int64_t base = w * stride[pa.w];
      grid.forward(work, nv + 2 * hv, [&](int64_t i, int64_t j) -> double {
        const int64_t si = iu[static_cast<size_t>(i)], sj = iv[static_cast<size_t>(j)];
        return (si < 0 || sj < 0) ? 0.0 : in[base + si * stride[pa.u] + sj * stride[pa.v]];
      });
      for (size_t t = 0; t < kernels.size(); ++t)
        grid.inverse(work, kernels[t], hv, nv, hu, nu, [&](int64_t i, int64_t j, double re, double im) {
          const double m = std::abs(cplx(re, im));
          if (direct) {
            out[base + i * stride[pa.u] + j * stride[pa.v]] += static_cast<float>(scale * m);
            return;
          }
          double& p = pooled[static_cast<size_t>(i + nu * j)];
          p = s.pooling == Pooling::Max ? (t == 0 ? m : std::max(p, m)) : (t == 0 ? m : p + m);
        });
      if (direct) continue;
      for (int64_t j = 0; j < nv; ++j)
        for (int64_t i = 0; i < nu; ++i)
          out[base + i * stride[pa.u] + j * stride[pa.v]] +=
              static_cast<float>(scale * pooled[static_cast<size_t>(i + nu * j)]);
    }
  });
}

}  // namespace

void gaborFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  if (!(s.sigmaMm > 0) || !(s.lambdaMm > 0) || !(s.gamma > 0))
    fail(code::kInvalidConfig, "Gabor sigma, lambda and gamma must be > 0");
  std::vector<double> thetas{s.thetaDeg};
  if (s.pooling != Pooling::None) {
    if (!(s.thetaStepDeg > 0)) fail(code::kInvalidConfig, "a rotation-invariant Gabor filter needs thetaStep > 0");
    thetas.clear();
    // theta and theta + 180 give the same modulus (the kernel becomes its complex conjugate): when the
    // step divides 180 degrees, the orientations below theta0 + 180 carry the whole pool (mean and max).
    const double perHalf = 180.0 / s.thetaStepDeg;
    const bool halves = std::fabs(perHalf - std::round(perHalf)) < 1e-9;
    const double span = halves ? 180 : 360;
    for (double t = s.thetaDeg; t < s.thetaDeg + span - 1e-9; t += s.thetaStepDeg) thetas.push_back(t);
  }
  const int64_t n = d.size();
  std::vector<float> copy;
  if (in == v) copy.assign(in, in + n);
  const float* input = in == v ? copy.data() : in;
  std::fill(v, v + n, 0.0f);
  if (!s.threeD || !s.orthogonalPlanes) {
    gaborPlanes(input, v, d, {0, 1, 2}, s, thetas, 1.0);
    return;
  }
  gaborPlanes(input, v, d, {0, 1, 2}, s, thetas, 1.0 / 3);
  gaborPlanes(input, v, d, {0, 2, 1}, s, thetas, 1.0 / 3);
  gaborPlanes(input, v, d, {1, 2, 0}, s, thetas, 1.0 / 3);
}

}  // namespace filters
}  // namespace radiomics
