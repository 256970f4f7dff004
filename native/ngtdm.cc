// IBSI 3.10 Neighbourhood grey tone difference matrix (IPET). For every intensity-mask voxel k of grey level i,
// the neighbourhood is the voxels k + m, m != 0, within Chebyshev distance delta (settings.neighbourhoodDistance;
// in-plane for 2D / 2.5D) that lie in the intensity mask; W_k is their number. A voxel with W_k = 0 has no valid
// neighbourhood and is left out. Otherwise n_i += 1 and s_i += |i - mean of its neighbours' levels|.
// N_vc = sum n_i, p_i = n_i / N_vc, N_gp = number of levels with p_i > 0.
// Aggregation: _2D (8QNN) features per slice, averaged over the slices where each is defined (a slice whose
// voxels have no in-plane ROI neighbour has none: it is left out, with a warning); _2_5D (62GR) the slice
// matrices summed; _3D (KOBO) one volumetric matrix. No voxel with a neighbour at all: NaN + warning.
// With settings.returnMatrices: N_g x 2 matrices (column 0 s_i, column 1 n_i; row i - 1 = grey level i) named
// "ngt_2D_z<k>" (k = slice index in the cropped grid), "ngt_2_5D", "ngt_3D".
#include "ngtdm.h"

#include <cmath>
#include <sstream>

#include "core/dispatch.h"
#include "core/error.h"
#include "core/feature_tags.h"
#include "core/neighbours.h"
#include "texture_neighbourhood.h"

namespace radiomics {
namespace {

// Feature names in computation order: the catalogue (catalogue/features.json) through core/feature_tags.h.
constexpr int kNumNgtdm = static_cast<int>(tags::kNgtdmCount);
constexpr const char* const* kTags = tags::kNgtdm;
constexpr double kMaxCoarseness = 1e6;  // IBSI: coarseness is capped at 10^6 (sum p_i s_i may be 0)

// The NGTDM of one slice or volume: n_i and s_i indexed by grey level (index 0 unused).
struct Ngtdm {
  std::vector<double> n, s;
  explicit Ngtdm(uint32_t nLevels)
      : n(static_cast<size_t>(nLevels) + 1, 0.0), s(static_cast<size_t>(nLevels) + 1, 0.0) {}
  void add(const Ngtdm& o) {
    for (size_t i = 0; i < n.size(); ++i) {
      n[i] += o.n[i];
      s[i] += o.s[i];
    }
  }
  void clear() {
    std::fill(n.begin(), n.end(), 0.0);
    std::fill(s.begin(), s.end(), 0.0);
  }
};

// One kernel for 2D and 3D (the offsets decide), every level type T and neighbour-sum type Sum (uint32_t when
// W * N_g fits, else double; both exact). For every intensity-mask voxel in flat order: its level and
// |i - mean neighbour level|, or -1 when it has no neighbour in the ROI (W_k = 0); and where each slice's voxels
// start.
template <typename T, typename Sum>
static inline void toneDifferenceKernel(const PaddedLevels<T>& g, const int64_t* offsets, size_t nOffsets, Sum* sum,
                                        uint32_t* count, uint32_t* level, double* diff, size_t* sliceBegin) {
  size_t k = 0;
  for (int64_t z = 0; z < g.nz; ++z) {
    sliceBegin[z] = k;
    // Neighbour sums over the slice's ROI stretch in one walk (sum / count hold sliceSpan(g) values).
    int64_t lo, hi;
    sliceRoiStretch(g, z, &lo, &hi);
    const T* slice = g.v.data() + g.at(0, 0, z);
    for (int64_t x = lo; x < hi; ++x) {
      sum[x] = 0;
      count[x] = 0;
    }
    walkNeighbourhoodRow(slice + lo, hi - lo, offsets, nOffsets, [s = sum + lo, c = count + lo](int64_t x, T, T nb) {
      s[x] += static_cast<Sum>(nb);  // levels outside the ROI are 0: they add nothing
      c[x] += static_cast<uint32_t>(nb != 0);
    });
    // The ROI voxels, row by row in flat order.
    for (int64_t y = 0; y < g.ny; ++y) {
      int64_t a, b;
      const T* row = slice + y * g.sy;
      roiSpan(row, g.nx, &a, &b);
      for (int64_t x = a; x < b; ++x)
        if (row[x]) {
          const int64_t at = y * g.sy + x;
          level[k] = row[x];
          diff[k] = count[at] ? std::fabs(static_cast<double>(row[x]) - static_cast<double>(sum[at]) / count[at]) : -1.0;
          ++k;
        }
    }
  }
  sliceBegin[g.nz] = k;
}

RADIOMICS_MULTIVERSION(toneDifferenceDispatch, toneDifferenceKernel)

// The five features of one NGTDM; false (features NaN) when no voxel has a valid neighbourhood (N_vc = 0).
bool ngtdmFeatures(const Ngtdm& m, double f[kNumNgtdm], bool* busynessUndefined) {
  std::vector<double> lv, p, s;  // present levels (p_i > 0) with their p_i and s_i
  double nvc = 0, sumS = 0;
  for (size_t i = 1; i < m.n.size(); ++i) nvc += m.n[i];
  for (size_t i = 1; i < m.n.size(); ++i)
    if (m.n[i] > 0) {
      lv.push_back(static_cast<double>(i));
      p.push_back(m.n[i] / nvc);
      s.push_back(m.s[i]);
      sumS += m.s[i];
    }
  *busynessUndefined = false;
  if (nvc == 0) {
    for (int k = 0; k < kNumNgtdm; ++k) f[k] = NAN;
    return false;
  }
  const size_t ngp = lv.size();
  double sumPS = 0;
  for (size_t a = 0; a < ngp; ++a) sumPS += p[a] * s[a];
  // Double sums over present levels; every summand vanishes for i1 = i2, the rest is symmetric: 2 x (i1 < i2).
  double contrastSum = 0, busyDen = 0, complexSum = 0, strengthSum = 0;
  for (size_t a = 0; a < ngp; ++a)
    for (size_t b = a + 1; b < ngp; ++b) {
      const double d = lv[a] - lv[b], d2 = d * d;
      contrastSum += p[a] * p[b] * d2;
      busyDen += std::fabs(lv[a] * p[a] - lv[b] * p[b]);
      complexSum += std::fabs(d) * (p[a] * s[a] + p[b] * s[b]) / (p[a] + p[b]);
      strengthSum += (p[a] + p[b]) * d2;
    }
  contrastSum *= 2;
  busyDen *= 2;
  complexSum *= 2;
  strengthSum *= 2;
  const double ng = static_cast<double>(ngp);

  // QCDE coarseness: 1 / sum_i p_i s_i, at most 10^6
  f[0] = sumPS > 0 ? std::min(1.0 / sumPS, kMaxCoarseness) : kMaxCoarseness;
  // 65HE contrast: [1/(N_gp(N_gp-1)) sum_i1 sum_i2 p_i1 p_i2 (i1-i2)^2] [(1/N_vc) sum_i s_i]; 0 if N_gp = 1
  f[1] = ngp > 1 ? contrastSum / (ng * (ng - 1)) * (sumS / nvc) : 0.0;
  // NQ30 busyness: sum_i p_i s_i / sum_i1 sum_i2 |i1 p_i1 - i2 p_i2| (p != 0); 0 if N_gp = 1
  if (ngp <= 1) {
    f[2] = 0.0;
  } else if (busyDen > 0) {
    f[2] = sumPS / busyDen;
  } else {
    f[2] = NAN;
    *busynessUndefined = true;
  }
  // HDEZ complexity: (1/N_vc) sum_i1 sum_i2 |i1-i2| (p_i1 s_i1 + p_i2 s_i2) / (p_i1 + p_i2) (p != 0)
  f[3] = complexSum / nvc;
  // 1X9X strength: sum_i1 sum_i2 (p_i1 + p_i2)(i1-i2)^2 / sum_i s_i (p != 0); 0 if sum_i s_i = 0
  f[4] = sumS > 0 ? strengthSum / sumS : 0.0;
  return true;
}

// NGTDM matrix export: N_g rows (grey levels 1..N_g) x 2 columns (s_i, n_i), as in the IBSI manual.
NamedMatrix toNamed(const Ngtdm& m, std::string name) {
  NamedMatrix out;
  out.name = std::move(name);
  out.rows = static_cast<int64_t>(m.n.size()) - 1;
  out.cols = 2;
  out.data.resize(static_cast<size_t>(out.rows) * 2);
  for (int64_t i = 0; i < out.rows; ++i) {
    out.data[static_cast<size_t>(2 * i)] = m.s[static_cast<size_t>(i) + 1];
    out.data[static_cast<size_t>(2 * i + 1)] = m.n[static_cast<size_t>(i) + 1];
  }
  return out;
}

void emit(const char* suffix, const double* f, FeatureSink& out) {
  for (int k = 0; k < kNumNgtdm; ++k) out.add(std::string(kTags[k]) + suffix, f[k]);
}

// Features of one matrix, with warnings for undefined values.
void features(const Ngtdm& m, const char* what, double f[kNumNgtdm], FeatureSink& out) {
  bool busyUndefined = false;
  if (!ngtdmFeatures(m, f, &busyUndefined))
    out.warn(std::string("NGTDM features") + what +
             " are undefined (NaN): no intensity-mask voxel has a neighbour in the ROI");
  else if (busyUndefined)
    out.warn(std::string("ngt_busyness") + what +
             " is undefined (NaN): sum |i1 p_i1 - i2 p_i2| = 0 with more than one grey level");
}

}  // namespace

void computeNgtdm(const DiscreteImage& image, const TextureSettings& settings, FeatureSink& out) {
  const Aggregations& agg = settings.aggregations;
  const bool planar = agg.d2 || agg.d25, volumetric = agg.d3;
  if (!planar && !volumetric) return;
  if (settings.neighbourhoodDistance < 1)
    fail(code::kInvalidConfig, "NGTDM: texture.neighbourhoodDistance must be >= 1");
  const double bytes = (static_cast<double>(image.nLevels) + 1) * 2 * sizeof(double);
  if (bytes > static_cast<double>(settings.maxMatrixBytes)) {
    std::ostringstream m;
    m << "NGTDM: the matrix for " << image.nLevels << " grey levels would take " << bytes
      << " bytes, above texture.maxMatrixBytes = " << settings.maxMatrixBytes
      << "; use fewer grey levels (a smaller discretisation.nBins with method 'fbn', a larger "
         "discretisation.binWidth with 'fbs') or raise texture.maxMatrixBytes";
    fail(code::kMatrixTooLarge, m.str());
  }

  int64_t roiVoxels = 0;
  for (uint32_t l : image.levels) roiVoxels += l != 0;
  int64_t pad[3];
  neighbourhoodPadding(image.grid, settings.neighbourhoodDistance, !volumetric, pad);
  std::vector<uint32_t> level(static_cast<size_t>(roiVoxels));
  std::vector<double> diff(static_cast<size_t>(roiVoxels));
  std::vector<size_t> begin(static_cast<size_t>(image.grid.nz) + 1);
  double f[kNumNgtdm];

  withLevelType(image.nLevels, [&](auto tag) {
    using T = decltype(tag);
    const PaddedLevels<T> g = padLevels<T>(image, pad);
    const size_t span = static_cast<size_t>(sliceSpan(g));
    std::vector<double> sumWide(span);
    std::vector<uint32_t> sumNarrow(span), count(span);
    auto run = [&](bool inPlane) {
      const std::vector<int64_t> offsets = neighbourhoodOffsets(g.pad, g.sy, g.sz, inPlane);
      checkNeighbourhoodWork("NGTDM", settings.neighbourhoodDistance, offsets.size(), g.nx * g.ny * g.nz);
      if (static_cast<double>(offsets.size()) * image.nLevels < 4294967295.0)
        toneDifferenceDispatch(g, offsets.data(), offsets.size(), sumNarrow.data(), count.data(), level.data(),
                               diff.data(), begin.data());
      else
        toneDifferenceDispatch(g, offsets.data(), offsets.size(), sumWide.data(), count.data(), level.data(),
                               diff.data(), begin.data());
    };
    // Adds voxels [b, e) with a valid neighbourhood to m.
    auto accumulate = [&](size_t b, size_t e, Ngtdm& m) {
      for (size_t k = b; k < e; ++k)
        if (diff[k] >= 0) {
          m.n[level[k]] += 1;
          m.s[level[k]] += diff[k];
        }
    };

    if (planar) {
      run(true);
      Ngtdm slice(image.nLevels), merged(image.nLevels);
      double sum2D[kNumNgtdm] = {};
      int used[kNumNgtdm] = {};
      bool skipped = false, busyNaN = false;
      for (int64_t z = 0; z < g.nz; ++z) {
        const size_t b = begin[static_cast<size_t>(z)], e = begin[static_cast<size_t>(z) + 1];
        if (b == e) continue;  // no intensity-mask voxel in this slice
        slice.clear();
        accumulate(b, e, slice);
        if (agg.d2) {  // 8QNN: per slice, averaged over the slices where the feature is defined
          bool busyUndefined = false;
          if (!ngtdmFeatures(slice, f, &busyUndefined)) skipped = true;
          busyNaN = busyNaN || busyUndefined;
          for (int k = 0; k < kNumNgtdm; ++k)
            if (std::isfinite(f[k])) {
              sum2D[k] += f[k];
              ++used[k];
            }
          if (settings.returnMatrices)
            out.matrices.push_back(toNamed(slice, std::string("ngt_2D_z") + std::to_string(z)));
        }
        merged.add(slice);
      }
      if (agg.d2) {
        for (int k = 0; k < kNumNgtdm; ++k) f[k] = used[k] ? sum2D[k] / used[k] : NAN;
        emit(aggregation::k2D, f, out);
        if (skipped)
          out.warn("NGTDM _2D: slices whose voxels have no in-plane neighbour in the ROI are left out of the average");
        if (busyNaN)
          out.warn("ngt_busyness_2D: slices where sum |i1 p_i1 - i2 p_i2| = 0 with more than one grey level are left "
                   "out of the average");
        for (int k = 0; k < kNumNgtdm; ++k)
          if (!used[k]) out.warn(std::string(kTags[k]) + "_2D is undefined (NaN) in every slice");
      }
      if (agg.d25) {  // 62GR: slice matrices merged (n_i and s_i summed)
        features(merged, aggregation::k25D, f, out);
        emit(aggregation::k25D, f, out);
        if (settings.returnMatrices) out.matrices.push_back(toNamed(merged, "ngt_2_5D"));
      }
    }
    if (volumetric) {  // KOBO
      run(false);
      Ngtdm volume(image.nLevels);
      accumulate(0, begin.back(), volume);
      features(volume, aggregation::k3D, f, out);
      emit(aggregation::k3D, f, out);
      if (settings.returnMatrices) out.matrices.push_back(toNamed(volume, "ngt_3D"));
    }
  });
}

}  // namespace radiomics
