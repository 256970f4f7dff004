#include "roi_ops_edt.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "resample_parallel.h"

namespace radiomics {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Per-thread scratch for one line.
struct LineScratch {
  std::vector<double> in, out, z;
  std::vector<int64_t> v;
  explicit LineScratch(int64_t n)
      : in(static_cast<size_t>(n)),
        out(static_cast<size_t>(n)),
        z(static_cast<size_t>(n + 1)),
        v(static_cast<size_t>(n)) {}
};

// 1D transform of f (n samples, spacing^2 = s2): d[p] = min_q s2 (p - q)^2 + f[q]. Only finite samples
// are parabolas; with none, d = +inf.
void edt1d(const double* f, double* d, int64_t n, double s2, int64_t* v, double* z) {
  int64_t k = -1;
  for (int64_t q = 0; q < n; ++q) {
    if (!(f[q] < kInf)) continue;
    const double fq = f[q] + s2 * static_cast<double>(q) * static_cast<double>(q);
    double s = -kInf;
    while (k >= 0) {
      const int64_t r = v[k];
      const double fr = f[r] + s2 * static_cast<double>(r) * static_cast<double>(r);
      // Abscissa where the parabolas of r and q intersect.
      s = (fq - fr) / (2.0 * s2 * static_cast<double>(q - r));
      if (s > z[k]) break;
      --k;
      s = -kInf;
    }
    ++k;
    v[k] = q;
    z[k] = s;
    z[k + 1] = kInf;
  }
  if (k < 0) {
    std::fill(d, d + n, kInf);
    return;
  }
  int64_t j = 0;
  for (int64_t p = 0; p < n; ++p) {
    while (z[j + 1] < static_cast<double>(p)) ++j;
    const double dp = static_cast<double>(p - v[j]);
    d[p] = s2 * dp * dp + f[v[j]];
  }
}

// Transforms every line along `axis` of the array.
void pass(double* f, const int64_t dims[3], int axis, double spacing, int threads) {
  const int64_t nx = dims[0], ny = dims[1], nz = dims[2];
  const int64_t n = dims[axis];
  const int64_t stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
  const double s2 = spacing * spacing;
  // Lines are enumerated by (outer, inner) so that each thread owns whole slices (x, y passes: z) or
  // rows (z pass: y), and consecutive lines are adjacent in memory.
  const int64_t outer = axis == 2 ? ny : nz;
  const int64_t inner = axis == 0 ? ny : nx;
  parallelFor(outer, threads, [&](int64_t o0, int64_t o1) {
    LineScratch sc(n);
    for (int64_t o = o0; o < o1; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        double* line = axis == 0 ? f + nx * (i + ny * o) : axis == 1 ? f + i + nx * ny * o : f + i + nx * o;
        for (int64_t t = 0; t < n; ++t) sc.in[static_cast<size_t>(t)] = line[t * stride];
        edt1d(sc.in.data(), sc.out.data(), n, s2, sc.v.data(), sc.z.data());
        for (int64_t t = 0; t < n; ++t) line[t * stride] = sc.out[static_cast<size_t>(t)];
      }
  });
}

}  // namespace

void squaredEdt(double* f, const int64_t dims[3], const double spacing[3], int threads) {
  if (dims[0] <= 0 || dims[1] <= 0 || dims[2] <= 0) return;
  for (int a = 0; a < 3; ++a) pass(f, dims, a, spacing[a], threads);
}

}  // namespace radiomics
