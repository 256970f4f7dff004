#include "glrlm_features.h"

#include <algorithm>
#include <cmath>

namespace radiomics {

void glrlmFeatures(const texture::SparseMatrix& m, GlrlmScratch& s, double* f) {
  double ns = 0;  // N_s: number of runs
  for (const texture::Entry& x : m.e) ns += x.count;
  if (!(ns > 0)) {
    std::fill(f, f + kGlrlmFeatureCount, NAN);
    return;
  }
  // Marginals r_i. (over run lengths) and r_.j (over grey levels), and the element-wise sums in one pass.
  s.ri.assign(static_cast<size_t>(m.rows) + 1, 0.0);
  s.rj.assign(static_cast<size_t>(m.cols) + 1, 0.0);
  double srlge = 0, srhge = 0, lrlge = 0, lrhge = 0, muI = 0, muJ = 0, entr = 0;
  const double log2Ns = std::log2(ns);
  for (const texture::Entry& x : m.e) {
    const double i2 = static_cast<double>(x.row) * x.row, j2 = static_cast<double>(x.col) * x.col, r = x.count;
    s.ri[x.row] += r;
    s.rj[x.col] += r;
    srlge += r / (i2 * j2);
    srhge += r * i2 / j2;
    lrlge += r * j2 / i2;
    lrhge += r * i2 * j2;
    const double p = r / ns;
    muI += x.row * p;
    muJ += x.col * p;
    entr += p * (log2Ns - texture::log2Count(r));  // -p log2 p, p = r_ij / N_s
  }
  double varI = 0, varJ = 0;
  for (const texture::Entry& x : m.e) {
    const double p = x.count / ns;
    varI += (x.row - muI) * (x.row - muI) * p;
    varJ += (x.col - muJ) * (x.col - muJ) * p;
  }
  double lgre = 0, hgre = 0, glnu = 0;
  for (size_t i = 1; i < s.ri.size(); ++i) {
    const double i2 = static_cast<double>(i) * static_cast<double>(i);
    lgre += s.ri[i] / i2;
    hgre += s.ri[i] * i2;
    glnu += s.ri[i] * s.ri[i];
  }
  double sre = 0, lre = 0, rlnu = 0;
  for (size_t j = 1; j < s.rj.size(); ++j) {
    const double j2 = static_cast<double>(j) * static_cast<double>(j);
    sre += s.rj[j] / j2;
    lre += s.rj[j] * j2;
    rlnu += s.rj[j] * s.rj[j];
  }

  f[0] = sre / ns;                        // 22OV short runs emphasis             (1/N_s) sum_j r_.j / j^2
  f[1] = lre / ns;                        // W4KF long runs emphasis              (1/N_s) sum_j j^2 r_.j
  f[2] = lgre / ns;                       // V3SW low grey level run emphasis     (1/N_s) sum_i r_i. / i^2
  f[3] = hgre / ns;                       // G3QZ high grey level run emphasis    (1/N_s) sum_i i^2 r_i.
  f[4] = srlge / ns;                      // HTZT short run low grey level emph.  (1/N_s) sum r_ij / (i^2 j^2)
  f[5] = srhge / ns;                      // GD3A short run high grey level emph. (1/N_s) sum i^2 r_ij / j^2
  f[6] = lrlge / ns;                      // IVPO long run low grey level emph.   (1/N_s) sum j^2 r_ij / i^2
  f[7] = lrhge / ns;                      // 3KUM long run high grey level emph.  (1/N_s) sum i^2 j^2 r_ij
  f[8] = glnu / ns;                       // R5YN grey level non-uniformity       (1/N_s) sum_i r_i.^2
  f[9] = glnu / (ns * ns);                // OVBL normalised GLNU                 (1/N_s^2) sum_i r_i.^2
  f[10] = rlnu / ns;                      // W92Y run length non-uniformity       (1/N_s) sum_j r_.j^2
  f[11] = rlnu / (ns * ns);               // IC23 normalised RLNU                 (1/N_s^2) sum_j r_.j^2
  f[12] = m.nv > 0 ? ns / m.nv : NAN;     // 9ZK5 run percentage                  N_s / N_v (N_v summed when merged)
  f[13] = varI;                           // 8CE5 grey level variance             sum (i - mu)^2 p_ij, p_ij = r_ij / N_s
  f[14] = varJ;                           // SXLW run length variance             sum (j - mu)^2 p_ij
  f[15] = entr;                           // HJ9O run entropy                     -sum p_ij log2 p_ij
}

}  // namespace radiomics
