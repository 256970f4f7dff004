// Ellipsoids for the morphology family: PCA of a point set, the surface area of an ellipsoid, and the
// minimum-volume enclosing ellipsoid (Khachiyan).
#pragma once
#include <cstdint>
#include <vector>

namespace radiomics {

// Eigen-decomposition of a symmetric 3x3 matrix (row-major) by cyclic Jacobi rotations: values in
// descending order, vectors[3 * r + k] is component r of the eigenvector of values[k].
void symmetricEigen3(const double m[9], double values[3], double vectors[9]);

// Surface area of the ellipsoid with semi-axes a, b, c (any order), by the Legendre series of the
// IBSI manual (RDD2): 4 pi a b sum_{nu=0}^{20} (alpha beta)^nu / (1 - 4 nu^2) P_nu((alpha^2 + beta^2) /
// (2 alpha beta)), alpha = sqrt(1 - b^2/a^2), beta = sqrt(1 - c^2/a^2), a >= b >= c. The terms are
// evaluated as Q_nu = (alpha beta)^nu P_nu(...) by the Legendre recurrence, which stays finite when
// alpha or beta is 0 (Q_0 = 1, Q_1 = (alpha^2 + beta^2) / 2,
// (nu + 1) Q_{nu+1} = (2 nu + 1) Q_1 Q_nu - nu (alpha beta)^2 Q_{nu-1}).
// Note: this is the series exactly as the manual gives it, which the IBSI reference values follow
// (phantom area density AEE 1.36; the true ellipsoid area would give 1.31). It is exact for a sphere
// but not in general: semi-axes (3, 2, 2) give 59.3 instead of 67.7, (3, 2, 1) 52.8 instead of 48.9.
double ellipsoidArea(double a, double b, double c);

struct EnclosingEllipsoid {
  double semiAxes[3] = {0, 0, 0};  // descending
  int iterations = 0;
  bool converged = false;
};

// Minimum-volume enclosing ellipsoid of `n` points (x, y, z consecutive; at least 4 not coplanar) by
// Khachiyan's barycentric coordinate ascent, stopped when the step ||u_new - u|| < tolerance (IBSI
// default 0.001) or after maxIterations. The points are centred first for conditioning.
EnclosingEllipsoid khachiyanMvee(const double* points, int64_t n, double tolerance, int maxIterations);

}  // namespace radiomics
