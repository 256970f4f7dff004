// Gabor filter (IBSI 2 reference manual, "Gabor filter"; phase-1 tests 4.a, 4.b), a 2D filter:
//   h(x, y) = exp(-(u^2 + gamma^2 v^2) / (2 sigma^2)) exp(i 2 pi u / lambda),
//   u = x cos(theta) + y sin(theta),  v = -x sin(theta) + y cos(theta)   (x, y, sigma, lambda in mm),
// the response is the modulus |I (*) h|. The kernel is not truncated at a multiple of sigma: it spans the
// image (M_i = N_i, or N_i + 1 when N_i is even). Rotation invariance averages (or takes the max of) the
// modulus over theta = theta0, theta0 + step, ... below 360 degrees. 2D: every axial slice. 3D: the axial
// planes, or ("orthogonal planes", IBSI 2 rotation invariance, the TS default with pooling) the same 2D
// filter in the axial, coronal and sagittal planes with the three responses averaged: the phase-1 maps
// 4.a.1/4.b.1 (one orientation) match the axial form, 4.a.2/4.b.2 (pooled) the orthogonal-plane form. Each plane is padded by the boundary condition to a power-of-two size and convolved in the
// Fourier domain (exact linear convolution: the padding covers the kernel's reach).
#include <algorithm>
#include <cmath>
#include <vector>

#include "../core/error.h"
#include "../resample_parallel.h"
#include "dft.h"
#include "filter.h"

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
  int64_t pu = 1, pv = 1;
  while (pu < nu + 2 * hu) pu <<= 1;
  while (pv < nv + 2 * hv) pv <<= 1;
  const double su = s.spacing[pa.u], sv = s.spacing[pa.v];
  const DftPlan2D plan(pu, pv);
  // Kernel transforms, one per orientation, on the padded grid (kernel origin at index 0, wrapped).
  std::vector<std::vector<cplx>> kernels;
  for (double theta : thetas) {
    std::vector<cplx> k(static_cast<size_t>(pu * pv), cplx(0, 0));
    const double c = std::cos(theta * M_PI / 180), sn = std::sin(theta * M_PI / 180);
    for (int64_t j = -hv; j <= hv; ++j)
      for (int64_t i = -hu; i <= hu; ++i) {
        const double x = static_cast<double>(i) * su, y = static_cast<double>(j) * sv;
        const double u = x * c + y * sn, v = -x * sn + y * c;
        const double env = std::exp(-(u * u + s.gamma * s.gamma * v * v) / (2 * s.sigmaMm * s.sigmaMm));
        const double phase = 2 * M_PI * u / s.lambdaMm;
        k[static_cast<size_t>(((i + pu) % pu) + pu * ((j + pv) % pv))] = cplx(env * std::cos(phase), env * std::sin(phase));
      }
    std::vector<cplx> work, column;
    plan.run(k.data(), false, work, column);
    kernels.push_back(std::move(k));
  }
  const double scale = weight / (s.pooling == Pooling::Mean ? static_cast<double>(thetas.size()) : 1.0);
  parallelFor(nw, s.threads, [&](int64_t w0, int64_t w1) {
    std::vector<cplx> plane(static_cast<size_t>(pu * pv)), prod(plane.size()), work, column;
    std::vector<double> pooled(static_cast<size_t>(nu * nv));
    for (int64_t w = w0; w < w1; ++w) {
      const int64_t base = w * stride[pa.w];
      for (int64_t j = 0; j < pv; ++j) {
        const int64_t sj = j < nv + 2 * hv ? boundaryIndex(j - hv, nv, s.boundary) : -1;
        for (int64_t i = 0; i < pu; ++i) {
          const int64_t si = i < nu + 2 * hu ? boundaryIndex(i - hu, nu, s.boundary) : -1;
          plane[static_cast<size_t>(i + pu * j)] = (si < 0 || sj < 0) ? 0.0 : in[base + si * stride[pa.u] + sj * stride[pa.v]];
        }
      }
      plan.run(plane.data(), false, work, column);
      std::fill(pooled.begin(), pooled.end(), 0.0);
      for (size_t t = 0; t < kernels.size(); ++t) {
        for (size_t q = 0; q < plane.size(); ++q) prod[q] = plane[q] * kernels[t][q];
        plan.run(prod.data(), true, work, column);
        for (int64_t j = 0; j < nv; ++j)
          for (int64_t i = 0; i < nu; ++i) {
            const double m = std::abs(prod[static_cast<size_t>((i + hu) + pu * (j + hv))]);
            double& p = pooled[static_cast<size_t>(i + nu * j)];
            p = s.pooling == Pooling::Max ? (t == 0 ? m : std::max(p, m)) : p + m;
          }
      }
      for (int64_t j = 0; j < nv; ++j)
        for (int64_t i = 0; i < nu; ++i)
          out[base + i * stride[pa.u] + j * stride[pa.v]] += static_cast<float>(scale * pooled[static_cast<size_t>(i + nu * j)]);
    }
  });
}

}  // namespace

void gaborFilter(const float* in, float* v, const Dims& d, const FilterSpec& s) {
  if (!(s.sigmaMm > 0) || !(s.lambdaMm > 0) || !(s.gamma > 0)) fail(code::kInvalidConfig, "Gabor sigma, lambda and gamma must be > 0");
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
