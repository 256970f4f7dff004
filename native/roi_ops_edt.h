// Exact squared Euclidean distance transform with per-axis spacing (Felzenszwalb & Huttenlocher,
// "Distance transforms of sampled functions", 2012; the separable scheme of Saito & Toriwaki 1994):
// one 1D lower-envelope-of-parabolas pass per axis, O(n) per line, so O(voxels) in total.
#pragma once
#include <cstdint>

namespace radiomics {

// In place on a dims[0] x dims[1] x dims[2] array (x fastest). On entry f = 0 at feature voxels and
// +infinity elsewhere (any finite f >= 0 works: the transform is then min_q (|p - q|^2 + f(q))). On exit
//   f[p] = min over feature voxels q of  sum_a (spacing[a] (p_a - q_a))^2    (mm^2; +inf if no feature).
// Threads split lines; results do not depend on the thread count.
void squaredEdt(double* f, const int64_t dims[3], const double spacing[3], int threads);

}  // namespace radiomics
