// The filters' machinery on hand-worked cases: boundary indices (IBSI 2 padding table), the right-angle
// rotations, kernel composition / dilation, and the any-length DFT against the O(n^2) definition.
#include <cmath>
#include <complex>
#include <vector>

#include "check.h"
#include "filters/boundary.h"
#include "filters/dft.h"
#include "filters/kernel.h"
#include "filters/separable.h"

using namespace radiomics::filters;

TEST(filters_boundary_indices) {
  // n = 4 (a b c d), positions -3..6.
  const int64_t mirror[] = {2, 1, 0, 0, 1, 2, 3, 3, 2, 1};  // c b a | a b c d | d c b
  const int64_t periodic[] = {1, 2, 3, 0, 1, 2, 3, 0, 1, 2};
  const int64_t nearest[] = {0, 0, 0, 0, 1, 2, 3, 3, 3, 3};
  for (int64_t i = -3; i <= 6; ++i) {
    CHECK(boundaryIndex(i, 4, Boundary::Mirror) == mirror[i + 3]);
    CHECK(boundaryIndex(i, 4, Boundary::Periodic) == periodic[i + 3]);
    CHECK(boundaryIndex(i, 4, Boundary::Nearest) == nearest[i + 3]);
    CHECK(boundaryIndex(i, 4, Boundary::Zero) == ((i >= 0 && i < 4) ? i : -1));
  }
  CHECK(boundaryIndex(-9, 4, Boundary::Mirror) == 0);  // period 8: -9 = 7 (mod 8) -> 8 - 1 - 7
}

TEST(filters_rotations) {
  const auto r3 = rightAngleRotations(true), r2 = rightAngleRotations(false);
  CHECK(r3.size() == 24);
  CHECK(r2.size() == 4);
  CHECK(r3[0].from[0] == 0 && r3[0].from[1] == 1 && r3[0].from[2] == 2 && !r3[0].flip[0] && !r3[0].flip[1] && !r3[0].flip[2]);
  for (const auto& r : r2) CHECK(r.from[2] == 2 && !r.flip[2]);
}

TEST(filters_kernel_compose_dilate) {
  const Kernel1D a = Kernel1D::fromConvolution({1, 2, 3}, 1);  // out[x] = 1 in[x+1] + 2 in[x] + 3 in[x-1]
  CHECK(a.first == -1 && a.taps[0] == 3 && a.taps[2] == 1);
  const Kernel1D d = a.dilated(2);
  CHECK(d.first == -2 && d.taps.size() == 5 && d.taps[1] == 0 && d.taps[4] == 1);
  const Kernel1D c = compose(a, a);
  CHECK(c.first == -2 && c.taps.size() == 5 && c.taps[2] == 2 * 3 * 1 + 2 * 2);
  const Kernel1D r = a.reversed();
  CHECK(r.first == -1 && r.taps[0] == 1 && r.taps[2] == 3);
}

TEST(filters_dft_any_length) {
  for (int64_t n : {1, 2, 5, 8, 12, 17, 64, 100}) {
    std::vector<cplx> x(static_cast<size_t>(n)), ref(static_cast<size_t>(n)), work;
    for (int64_t i = 0; i < n; ++i) x[static_cast<size_t>(i)] = cplx(std::sin(0.3 * i) + 0.1 * i, std::cos(1.7 * i));
    for (int64_t k = 0; k < n; ++k)
      for (int64_t j = 0; j < n; ++j) ref[static_cast<size_t>(k)] += x[static_cast<size_t>(j)] * std::polar(1.0, -2 * M_PI * double(j * k % n) / double(n));
    std::vector<cplx> y = x;
    DftPlan plan(n);
    plan.run(y.data(), false, work);
    double err = 0;
    for (int64_t k = 0; k < n; ++k) err = std::max(err, std::abs(y[static_cast<size_t>(k)] - ref[static_cast<size_t>(k)]));
    CHECK(err < 1e-9 * n);
    plan.run(y.data(), true, work);
    err = 0;
    for (int64_t k = 0; k < n; ++k) err = std::max(err, std::abs(y[static_cast<size_t>(k)] - x[static_cast<size_t>(k)]));
    CHECK(err < 1e-12 * n);
  }
}
