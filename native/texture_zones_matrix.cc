#include "texture_zones_matrix.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/error.h"
#include "core/neighbours.h"

namespace radiomics {
namespace {

[[noreturn]] void tooLarge(const char* family, const char* what, double rows, double cols, uint64_t maxBytes) {
  std::ostringstream m;
  m << family << ": the " << what << " would take " << rows * cols * 8.0 << " bytes (" << rows << " grey levels x "
    << cols << " columns), above texture.maxMatrixBytes = " << maxBytes
    << "; use fewer grey levels (a smaller discretisation.nBins with method 'fbn', a larger discretisation.binWidth "
       "with 'fbs') or raise texture.maxMatrixBytes";
  fail(code::kMatrixTooLarge, m.str());
}

// The matrix in the IBSI layout (rows: grey levels 1..N_g, columns: values 1..max value) for returnMatrices.
NamedMatrix fullMatrix(const CountMatrix& m, uint32_t nLevels, std::string name, uint64_t maxBytes,
                       const char* family) {
  NamedMatrix out;
  out.name = std::move(name);
  uint32_t rows = nLevels;
  for (uint32_t l : m.levels) rows = std::max(rows, l);
  const uint32_t cols = m.values.empty() ? 0 : m.values.back();
  if (static_cast<double>(rows) * static_cast<double>(cols) * 8.0 > static_cast<double>(maxBytes))
    tooLarge(family, "returned matrix (texture.returnMatrices)", rows, cols, maxBytes);
  out.rows = rows;
  out.cols = cols;
  out.data.assign(static_cast<size_t>(rows) * cols, 0.0);
  const size_t nc = m.values.size();
  for (size_t r = 0; r < m.levels.size(); ++r)
    for (size_t c = 0; c < nc; ++c)
      out.data[static_cast<size_t>(m.levels[r] - 1) * cols + (m.values[c] - 1)] = m.counts[r * nc + c];
  return out;
}

void emitAll(const CountFamily& family, const char* suffix, const double* f, FeatureSink& out) {
  for (size_t k = 0; k < family.nTags; ++k) out.add(std::string(family.tags[k]) + suffix, f[k]);
}

void emitUndefined(const CountFamily& family, const char* suffix, FeatureSink& out) {
  double f[kNumCountFeatures];
  for (double& v : f) v = NAN;
  emitAll(family, suffix, f, out);
  out.warn(std::string(family.title) + " features" + suffix + " are undefined (NaN): no voxels to build a matrix from");
}

// Features of the matrix built from pairs [b, e) of `src`; optionally exports the matrix.
void matrixFeatures(const CountFamily& family, const PairSource& src, size_t b, size_t e, double nVoxels,
                    uint32_t nLevels, const TextureSettings& settings, const std::string& matrixName,
                    FeatureSink& out, double f[kNumCountFeatures]) {
  const CountMatrix m =
      buildCountMatrix(src.level + b, src.value + b, e - b, nVoxels, settings.maxMatrixBytes, family.title);
  countMatrixFeatures(m, f);
  if (settings.returnMatrices)
    out.matrices.push_back(fullMatrix(m, nLevels, matrixName, settings.maxMatrixBytes, family.title));
}

}  // namespace

CountMatrix buildCountMatrix(const uint32_t* level, const uint32_t* value, size_t n, double nVoxels,
                             uint64_t maxBytes, const char* family) {
  CountMatrix m;
  m.nVoxels = nVoxels;
  if (n == 0) return m;
  uint32_t maxLevel = 0, maxValue = 0;
  for (size_t k = 0; k < n; ++k) {
    maxLevel = std::max(maxLevel, level[k]);
    maxValue = std::max(maxValue, value[k]);
  }
  // Dense maps value -> row / column index over the values that occur (O(max value), bounded by the ROI).
  std::vector<int64_t> rowOf(static_cast<size_t>(maxLevel) + 1, -1), colOf(static_cast<size_t>(maxValue) + 1, -1);
  for (size_t k = 0; k < n; ++k) {
    rowOf[level[k]] = 0;
    colOf[value[k]] = 0;
  }
  for (uint32_t i = 0; i <= maxLevel; ++i)
    if (rowOf[i] == 0) {
      rowOf[i] = static_cast<int64_t>(m.levels.size());
      m.levels.push_back(i);
    }
  for (uint32_t j = 0; j <= maxValue; ++j)
    if (colOf[j] == 0) {
      colOf[j] = static_cast<int64_t>(m.values.size());
      m.values.push_back(j);
    }
  const double rows = static_cast<double>(m.levels.size()), cols = static_cast<double>(m.values.size());
  if (rows * cols * 8.0 > static_cast<double>(maxBytes)) tooLarge(family, "matrix", rows, cols, maxBytes);
  const size_t nc = m.values.size();
  m.counts.assign(m.levels.size() * nc, 0.0);
  for (size_t k = 0; k < n; ++k) m.counts[static_cast<size_t>(rowOf[level[k]]) * nc + colOf[value[k]]] += 1.0;
  return m;
}

void countMatrixFeatures(const CountMatrix& m, double f[kNumCountFeatures]) {
  const size_t nr = m.levels.size(), nc = m.values.size();
  // Marginals s_i. (rows) and s_.j (columns), and N_s, computed once.
  std::vector<double> rowSum(nr, 0.0), colSum(nc, 0.0);
  for (size_t r = 0; r < nr; ++r)
    for (size_t c = 0; c < nc; ++c) {
      const double v = m.counts[r * nc + c];
      rowSum[r] += v;
      colSum[c] += v;
    }
  double ns = 0;
  for (double v : rowSum) ns += v;

  // Column (value j) marginal terms.
  double sumInvJ2 = 0, sumJ2 = 0, sumColSq = 0, sumJ = 0;
  for (size_t c = 0; c < nc; ++c) {
    const double j = m.values[c], s = colSum[c];
    sumInvJ2 += s / (j * j);
    sumJ2 += j * j * s;
    sumColSq += s * s;
    sumJ += j * s;
  }
  // Row (grey level i) marginal terms.
  double sumInvI2 = 0, sumI2 = 0, sumRowSq = 0, sumI = 0;
  for (size_t r = 0; r < nr; ++r) {
    const double i = m.levels[r], s = rowSum[r];
    sumInvI2 += s / (i * i);
    sumI2 += i * i * s;
    sumRowSq += s * s;
    sumI += i * s;
  }
  const double muI = sumI / ns, muJ = sumJ / ns;
  double varI = 0, varJ = 0;
  for (size_t r = 0; r < nr; ++r) varI += (m.levels[r] - muI) * (m.levels[r] - muI) * rowSum[r];
  for (size_t c = 0; c < nc; ++c) varJ += (m.values[c] - muJ) * (m.values[c] - muJ) * colSum[c];
  // Joint terms over the non-zero cells.
  double slg = 0, shg = 0, llg = 0, lhg = 0, entropy = 0, energy = 0;
  for (size_t r = 0; r < nr; ++r) {
    const double i2 = static_cast<double>(m.levels[r]) * m.levels[r];
    for (size_t c = 0; c < nc; ++c) {
      const double v = m.counts[r * nc + c];
      if (v == 0) continue;
      const double j2 = static_cast<double>(m.values[c]) * m.values[c];
      const double p = v / ns;
      slg += v / (i2 * j2);
      shg += i2 * v / j2;
      llg += j2 * v / i2;
      lhg += i2 * j2 * v;
      entropy -= p * std::log2(p);
      energy += p * p;
    }
  }
  // IBSI ids: GLSZM (j = zone size) | GLDZM (j = distance) | NGLDM (j = dependence count).
  f[kSmallEmphasis] = sumInvJ2 / ns;          // 5QRC | 0GBI | SODN  (1/N_s) sum_j s_.j / j^2
  f[kLargeEmphasis] = sumJ2 / ns;             // 48P8 | MB4I | IMOQ  (1/N_s) sum_j j^2 s_.j
  f[kLowGrey] = sumInvI2 / ns;                // XMSY | S1RA | TL9H  (1/N_s) sum_i s_i. / i^2
  f[kHighGrey] = sumI2 / ns;                  // 5GN9 | K26C | OAE7  (1/N_s) sum_i i^2 s_i.
  f[kSmallLowGrey] = slg / ns;                // 5RAI | RUVG | EQ3F  (1/N_s) sum_ij s_ij / (i^2 j^2)
  f[kSmallHighGrey] = shg / ns;               // HW1V | DKNJ | JA6D  (1/N_s) sum_ij i^2 s_ij / j^2
  f[kLargeLowGrey] = llg / ns;                // YH51 | A7WM | NBZI  (1/N_s) sum_ij j^2 s_ij / i^2
  f[kLargeHighGrey] = lhg / ns;               // J17V | KLTH | 9QMG  (1/N_s) sum_ij i^2 j^2 s_ij
  f[kGreyNonUniformity] = sumRowSq / ns;      // JNSA | VFT7 | FP8K  (1/N_s) sum_i s_i.^2
  f[kGreyNonUniformityNorm] = sumRowSq / (ns * ns);  // Y1RO | 7HP3 | 5SPA  (1/N_s^2) sum_i s_i.^2
  f[kValueNonUniformity] = sumColSq / ns;     // 4JP3 | V294 | Z87G  (1/N_s) sum_j s_.j^2
  f[kValueNonUniformityNorm] = sumColSq / (ns * ns);  // VB3A | IATH | OKJI  (1/N_s^2) sum_j s_.j^2
  f[kPercentage] = ns / m.nVoxels;            // P30P | VIWW | 6XV8  N_s / N_v
  f[kGreyVariance] = varI / ns;               // BYLV | QK93 | 1PFV  sum_ij (i - mu_i)^2 p_ij, mu_i = sum_ij i p_ij
  f[kValueVariance] = varJ / ns;              // 3NSA | 7WT1 | DNX2  sum_ij (j - mu_j)^2 p_ij, mu_j = sum_ij j p_ij
  f[kEntropy] = entropy;                      // GU8N | GBDU | FCBV  -sum_ij p_ij log2 p_ij
  f[kEnergy] = energy;                        //  -   |  -   | CAS9  sum_ij p_ij^2
}

void emitCountFamily(const CountFamily& family, const PairSource* planar, const PairSource* volume, uint32_t nLevels,
                     const TextureSettings& settings, FeatureSink& out) {
  const Aggregations& agg = settings.aggregations;
  const std::string prefix = family.matrixPrefix;
  double f[kNumCountFeatures];

  if (agg.d2 && planar) {  // 8QNN: features per slice, averaged over slices
    double sum[kNumCountFeatures] = {};
    int slices = 0;
    for (size_t z = 0; z + 1 < planar->sliceBegin.size(); ++z) {
      const size_t b = planar->sliceBegin[z], e = planar->sliceBegin[z + 1];
      if (b == e) continue;  // no intensity-mask voxel in this slice
      matrixFeatures(family, *planar, b, e, planar->sliceVoxels[z], nLevels, settings,
                     prefix + aggregation::k2D + "_z" + std::to_string(z), out, f);
      for (int k = 0; k < kNumCountFeatures; ++k) sum[k] += f[k];
      ++slices;
    }
    if (slices == 0) {
      emitUndefined(family, aggregation::k2D, out);
    } else {
      for (double& v : sum) v /= slices;
      emitAll(family, aggregation::k2D, sum, out);
    }
  }
  if (agg.d25 && planar) {  // 62GR: slice matrices merged (pairs of all slices, N_v summed)
    const size_t e = planar->sliceBegin.empty() ? 0 : planar->sliceBegin.back();
    double nv = 0;
    for (double v : planar->sliceVoxels) nv += v;
    if (e == 0) {
      emitUndefined(family, aggregation::k25D, out);
    } else {
      matrixFeatures(family, *planar, 0, e, nv, nLevels, settings, prefix + aggregation::k25D, out, f);
      emitAll(family, aggregation::k25D, f, out);
    }
  }
  if (agg.d3 && volume) {  // KOBO: one volumetric matrix
    const size_t e = volume->sliceBegin.empty() ? 0 : volume->sliceBegin.back();
    if (e == 0) {
      emitUndefined(family, aggregation::k3D, out);
    } else {
      matrixFeatures(family, *volume, 0, e, volume->sliceVoxels[0], nLevels, settings, prefix + aggregation::k3D, out,
                     f);
      emitAll(family, aggregation::k3D, f, out);
    }
  }
}

}  // namespace radiomics
