#include "glcm_features.h"

#include <algorithm>
#include <cmath>

namespace radiomics {

namespace {

inline double plog2p(double p) { return p > 0 ? p * std::log2(p) : 0.0; }

}  // namespace

void glcmFeatures(const texture::SparseMatrix& m, uint32_t nLevels, GlcmScratch& s, double* f) {
  const size_t ng = nLevels;
  double total = 0;
  for (const texture::Entry& x : m.e) total += x.count;
  if (!(total > 0)) {
    std::fill(f, f + kGlcmFeatureCount, NAN);
    return;
  }

  // One pass over the elements, in counts (normalised once afterwards, exact for integer counts): marginals
  // p_i. (px) and p_.j (py); diagonal p_{i-j,k} (k = |i-j|, 0..N_g-1) and cross-diagonal p_{i+j,k}
  // (k = 2..2 N_g) probabilities; p_ij = M_ij / sum M.
  s.px.assign(ng + 1, 0.0), s.py.assign(ng + 1, 0.0);
  s.pdiff.assign(ng, 0.0), s.psum.assign(2 * ng + 1, 0.0);
  // HXY = -sum p log2 p = sum p (log2(sum M) - log2 M_ij) (log2 of integer counts comes from a table).
  double maxC = 0, hxyC = 0, ijC = 0, sqC = 0;
  const double log2Total = std::log2(total);
  for (const texture::Entry& x : m.e) {
    const double c = x.count;
    s.px[x.row] += c;
    s.py[x.col] += c;
    s.pdiff[x.row > x.col ? x.row - x.col : x.col - x.row] += c;
    s.psum[x.row + x.col] += c;
    maxC = std::max(maxC, c);
    hxyC += c * (log2Total - texture::log2Count(c));
    ijC += static_cast<double>(x.row) * static_cast<double>(x.col) * c;
    sqC += c * c;
  }
  for (double& v : s.px) v /= total;
  for (double& v : s.py) v /= total;
  for (double& v : s.pdiff) v /= total;
  for (double& v : s.psum) v /= total;
  const double maxP = maxC / total, hxy = hxyC / total, ijp = ijC / total, energy = sqC / (total * total);
  double muX = 0, muY = 0, hx = 0, hy = 0;
  for (size_t i = 1; i <= ng; ++i) {
    muX += static_cast<double>(i) * s.px[i];
    muY += static_cast<double>(i) * s.py[i];
    hx -= plog2p(s.px[i]);
    hy -= plog2p(s.py[i]);
  }
  double varX = 0, varY = 0;
  for (size_t i = 1; i <= ng; ++i) {
    const double di = static_cast<double>(i);
    varX += (di - muX) * (di - muX) * s.px[i];
    varY += (di - muY) * (di - muY) * s.py[i];
  }
  // HXY1 = -sum_ij p_ij log2(p_i. p_.j) and HXY2 = -sum_ij p_i. p_.j log2(p_i. p_.j) both reduce to HX + HY
  // (sum_j p_ij = p_i., sum_i p_ij = p_.j), so neither needs a pass over the elements.
  const double hxy1 = hx + hy, hxy2 = hx + hy;

  double diffAvg = 0, diffEntr = 0, contrast = 0, invDiff = 0, invDiffNorm = 0, idm = 0, idmNorm = 0, invVar = 0;
  const double ngd = static_cast<double>(ng);
  for (size_t k = 0; k < ng; ++k) {
    const double p = s.pdiff[k], dk = static_cast<double>(k);
    diffAvg += dk * p;
    diffEntr -= plog2p(p);
    contrast += dk * dk * p;
    invDiff += p / (1 + dk);
    invDiffNorm += p / (1 + dk / ngd);
    idm += p / (1 + dk * dk);
    idmNorm += p / (1 + (dk * dk) / (ngd * ngd));
    if (k > 0) invVar += p / (dk * dk);
  }
  double diffVar = 0;
  for (size_t k = 0; k < ng; ++k) diffVar += (static_cast<double>(k) - diffAvg) * (static_cast<double>(k) - diffAvg) * s.pdiff[k];

  double sumAvg = 0, sumEntr = 0;
  for (size_t k = 2; k <= 2 * ng; ++k) {
    sumAvg += static_cast<double>(k) * s.psum[k];
    sumEntr -= plog2p(s.psum[k]);
  }
  double sumVar = 0, tend = 0, shade = 0, prom = 0;
  const double mu2 = muX + muY;
  for (size_t k = 2; k <= 2 * ng; ++k) {
    const double p = s.psum[k], dk = static_cast<double>(k);
    sumVar += (dk - sumAvg) * (dk - sumAvg) * p;
    const double c = dk - mu2, c2 = c * c;
    tend += c2 * p;
    shade += c2 * c * p;
    prom += c2 * c2 * p;
  }
  const double sigmaXY = std::sqrt(varX) * std::sqrt(varY);
  const double hMax = std::max(hx, hy);

  f[0] = maxP;                     // GYBY joint maximum        max p_ij
  f[1] = muX;                      // 60VM joint average        sum i p_ij
  f[2] = varX;                     // UR99 joint variance       sum (i - mu)^2 p_ij
  f[3] = hxy;                      // TU9B joint entropy        -sum p_ij log2 p_ij
  f[4] = diffAvg;                  // TF7R difference average   sum k p_{i-j,k}
  f[5] = diffVar;                  // D3YU difference variance  sum (k - mu)^2 p_{i-j,k}
  f[6] = diffEntr;                 // NTRS difference entropy   -sum p_{i-j,k} log2 p_{i-j,k}
  f[7] = sumAvg;                   // ZGXS sum average          sum k p_{i+j,k}
  f[8] = sumVar;                   // OEEB sum variance         sum (k - mu)^2 p_{i+j,k}
  f[9] = sumEntr;                  // P6QZ sum entropy          -sum p_{i+j,k} log2 p_{i+j,k}
  f[10] = energy;                  // 8ZQL angular second moment sum p_ij^2
  f[11] = contrast;                // ACUI contrast             sum (i - j)^2 p_ij
  f[12] = diffAvg;                 // 8S9J dissimilarity        sum |i - j| p_ij
  f[13] = invDiff;                 // IB1Z inverse difference   sum p_{i-j,k} / (1 + k)
  f[14] = invDiffNorm;             // NDRX normalised inv. diff sum p_{i-j,k} / (1 + k / N_g)
  f[15] = idm;                     // WF0Z inverse diff. moment sum p_{i-j,k} / (1 + k^2)
  f[16] = idmNorm;                 // 1QCO normalised IDM       sum p_{i-j,k} / (1 + (k / N_g)^2)
  f[17] = invVar;                  // E8JP inverse variance     sum_{k>=1} p_{i-j,k} / k^2
  f[18] = sigmaXY > 0 ? (ijp - muX * muY) / sigmaXY : NAN;  // NI2N correlation (sum i j p_ij - mu_i. mu_.j) / (sigma_i. sigma_.j)
  f[19] = ijp;                     // QWB0 autocorrelation      sum i j p_ij
  f[20] = tend;                    // DG8W cluster tendency     sum (i + j - mu_i. - mu_.j)^2 p_ij
  f[21] = shade;                   // 7NFM cluster shade        sum (i + j - mu_i. - mu_.j)^3 p_ij
  f[22] = prom;                    // AE86 cluster prominence   sum (i + j - mu_i. - mu_.j)^4 p_ij
  f[23] = hMax > 0 ? (hxy - hxy1) / hMax : NAN;  // R8DG information correlation 1 (HXY - HXY1) / HX
  f[24] = std::sqrt(std::max(0.0, 1 - std::exp(-2 * (hxy2 - hxy))));  // JN9H info. corr. 2 sqrt(1 - exp(-2 (HXY2 - HXY)))
}

}  // namespace radiomics
