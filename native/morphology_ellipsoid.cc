#include "morphology_ellipsoid.h"

#include <algorithm>
#include <cmath>

namespace radiomics {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Inverse of a symmetric 3x3 matrix by cofactors; false when (numerically) singular.
bool invertSymmetric3(const double m[9], double inv[9]) {
  const double c00 = m[4] * m[8] - m[5] * m[7], c01 = m[5] * m[6] - m[3] * m[8], c02 = m[3] * m[7] - m[4] * m[6];
  const double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
  const double scale = std::fabs(m[0]) + std::fabs(m[4]) + std::fabs(m[8]);
  if (!(std::fabs(det) > 1e-300) || !(std::fabs(det) > 1e-14 * scale * scale * scale)) return false;
  inv[0] = c00 / det;
  inv[1] = (m[2] * m[7] - m[1] * m[8]) / det;
  inv[2] = (m[1] * m[5] - m[2] * m[4]) / det;
  inv[3] = c01 / det;
  inv[4] = (m[0] * m[8] - m[2] * m[6]) / det;
  inv[5] = (m[2] * m[3] - m[0] * m[5]) / det;
  inv[6] = c02 / det;
  inv[7] = (m[1] * m[6] - m[0] * m[7]) / det;
  inv[8] = (m[0] * m[4] - m[1] * m[3]) / det;
  return true;
}

}  // namespace

void symmetricEigen3(const double m[9], double values[3], double vectors[9]) {
  double a[9];
  std::copy(m, m + 9, a);
  double v[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  for (int sweep = 0; sweep < 64; ++sweep) {
    const double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
    const double diag = a[0] * a[0] + a[4] * a[4] + a[8] * a[8];
    if (off <= 1e-30 * diag || off == 0) break;
    for (int p = 0; p < 2; ++p)
      for (int q = p + 1; q < 3; ++q) {
        const double apq = a[3 * p + q];
        if (apq == 0) continue;
        const double theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < 3; ++k) {  // A <- A J (columns p, q)
          const double akp = a[3 * k + p], akq = a[3 * k + q];
          a[3 * k + p] = c * akp - s * akq;
          a[3 * k + q] = s * akp + c * akq;
        }
        for (int k = 0; k < 3; ++k) {  // A <- J^T A (rows p, q)
          const double apk = a[3 * p + k], aqk = a[3 * q + k];
          a[3 * p + k] = c * apk - s * aqk;
          a[3 * q + k] = s * apk + c * aqk;
        }
        for (int k = 0; k < 3; ++k) {  // V <- V J
          const double vkp = v[3 * k + p], vkq = v[3 * k + q];
          v[3 * k + p] = c * vkp - s * vkq;
          v[3 * k + q] = s * vkp + c * vkq;
        }
      }
  }
  int order[3] = {0, 1, 2};
  std::sort(order, order + 3, [&](int i, int j) { return a[4 * i] > a[4 * j]; });
  for (int k = 0; k < 3; ++k) {
    values[k] = a[4 * order[k]];
    for (int r = 0; r < 3; ++r) vectors[3 * r + k] = v[3 * r + order[k]];
  }
}

double ellipsoidArea(double a, double b, double c) {
  double s[3] = {std::fabs(a), std::fabs(b), std::fabs(c)};
  std::sort(s, s + 3, [](double x, double y) { return x > y; });
  if (!(s[0] > 0)) return 0;
  const double alpha2 = 1 - (s[1] / s[0]) * (s[1] / s[0]);
  const double beta2 = 1 - (s[2] / s[0]) * (s[2] / s[0]);
  const double q1 = 0.5 * (alpha2 + beta2), t2 = alpha2 * beta2;
  double qPrev = 1, q = q1;  // Q_0, Q_1
  double sum = 1 - q1 / 3;   // nu = 0, 1
  for (int nu = 1; nu < 20; ++nu) {
    const double qNext = ((2 * nu + 1) * q1 * q - nu * t2 * qPrev) / (nu + 1);
    qPrev = q;
    q = qNext;
    const int k = nu + 1;
    sum += q / (1.0 - 4.0 * k * k);
  }
  return 4 * kPi * s[0] * s[1] * sum;
}

EnclosingEllipsoid khachiyanMvee(const double* p, int64_t n, double tolerance, int maxIterations) {
  EnclosingEllipsoid out;
  if (n < 4) return out;
  const double d = 3;
  double centre[3] = {0, 0, 0};
  for (int64_t i = 0; i < n; ++i)
    for (int a = 0; a < 3; ++a) centre[a] += p[3 * i + a];
  for (double& c : centre) c /= static_cast<double>(n);
  std::vector<double> x(static_cast<size_t>(3 * n));
  for (int64_t i = 0; i < n; ++i)
    for (int a = 0; a < 3; ++a) x[3 * i + a] = p[3 * i + a] - centre[a];

  // Weights u (sum 1); S = sum u x x^T and m = sum u x are updated in O(1) per step. With
  // q = (x, 1), q^T (sum u q q^T)^-1 q = 1 + (x - m)^T (S - m m^T)^-1 (x - m).
  std::vector<double> u(static_cast<size_t>(n), 1.0 / static_cast<double>(n));
  double S[9] = {0}, m[3] = {0, 0, 0};
  for (int64_t i = 0; i < n; ++i)
    for (int r = 0; r < 3; ++r) {
      m[r] += u[i] * x[3 * i + r];
      for (int c = 0; c < 3; ++c) S[3 * r + c] += u[i] * x[3 * i + r] * x[3 * i + c];
    }
  auto weightedCovariance = [&](double C[9]) {
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) C[3 * r + c] = S[3 * r + c] - m[r] * m[c];
  };
  for (int it = 0; it < maxIterations; ++it) {
    double C[9], Ci[9];
    weightedCovariance(C);
    if (!invertSymmetric3(C, Ci)) return out;  // flat point set
    int64_t j = 0;
    double best = -1;
    for (int64_t i = 0; i < n; ++i) {
      const double e0 = x[3 * i] - m[0], e1 = x[3 * i + 1] - m[1], e2 = x[3 * i + 2] - m[2];
      const double q = e0 * (Ci[0] * e0 + Ci[1] * e1 + Ci[2] * e2) + e1 * (Ci[3] * e0 + Ci[4] * e1 + Ci[5] * e2) +
                       e2 * (Ci[6] * e0 + Ci[7] * e1 + Ci[8] * e2);
      if (q > best) best = q, j = i;
    }
    const double M = best + 1;
    const double step = (M - d - 1) / ((d + 1) * (M - 1));
    // ||u_new - u||^2 = step^2 (sum u_i^2 - 2 u_j + 1)
    double sumU2 = 0;
    for (double w : u) sumU2 += w * w;
    const double change = std::fabs(step) * std::sqrt(std::max(0.0, sumU2 - 2 * u[j] + 1));
    for (double& w : u) w *= 1 - step;
    u[j] += step;
    for (int r = 0; r < 3; ++r) {
      m[r] = (1 - step) * m[r] + step * x[3 * j + r];
      for (int c = 0; c < 3; ++c) S[3 * r + c] = (1 - step) * S[3 * r + c] + step * x[3 * j + r] * x[3 * j + c];
    }
    out.iterations = it + 1;
    if (change < tolerance) {
      out.converged = true;
      break;
    }
  }
  // Ellipsoid (x - m)^T A (x - m) <= 1 with A = (1/d) C^-1: semi-axes sqrt(d * eigenvalues of C).
  double C[9], values[3], vectors[9];
  weightedCovariance(C);
  symmetricEigen3(C, values, vectors);
  for (int k = 0; k < 3; ++k) out.semiAxes[k] = std::sqrt(d * std::max(0.0, values[k]));
  return out;
}

}  // namespace radiomics
