// Shared machinery of the directional texture matrices (GLCM, GLRLM): the ROI's grey levels as a compact,
// zero-padded array of a small integer type, sparse matrices, merging, feature averaging, and the driver of
// the six IBSI aggregations (3.6/3.7 "Aggregating features"):
//   _2D_avg   BTW3  features of every (slice, in-plane direction) matrix, averaged
//   _2D_comb  SUJT  per slice, the 4 in-plane matrices merged; features averaged over slices
//   _2_5D_avg JJUI  per in-plane direction, matrices merged over slices; features averaged over directions
//   _2_5D_comb ZW7Z every in-plane matrix of every slice merged
//   _3D_avg   ITBB  one volume matrix per 3D direction (13); features averaged
//   _3D_comb  IAZD  the 13 volume matrices merged
// Matrices without any count (a slice without a voxel pair / run, a direction with no pair) contribute
// nothing to an average, and a feature undefined for one matrix (NaN, e.g. GLCM correlation of a single-level
// matrix) is averaged over the matrices where it is defined; NaN (with a warning) when it is defined for none.
// Matrices are sparse (sorted non-zero elements): built from a dense count array when N_g is small against the
// voxels behind the matrix, else by sorting codes, so a large N_g costs memory and time in proportion to the
// voxels, not to N_g^2. In-plane pairs and runs never cross slices, so the 2.5D matrix of an in-plane
// direction is the volume matrix of that direction: the 2.5D and the first 4 of the 3D matrices are shared.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/discrete_image.h"
#include "core/feature_sink.h"
#include "core/neighbours.h"
#include "core/row_span.h"
#include "core/settings.h"

namespace radiomics {
namespace texture {

// Grey levels of the ROI's bounding box, in type T (uint8/uint16/uint32 chosen from N_g), with `pad`
// voxels of level 0 on every side so that neighbours up to `pad` away need no bounds check.
// Coordinates below are unpadded bounding-box coordinates: 0 <= x < nx etc.
template <class T>
struct LevelVolume {
  int64_t nx = 0, ny = 0, nz = 0;  // bounding-box extents
  int64_t pad = 0;
  int64_t sy = 0, sz = 0;          // strides of the padded array (x stride 1)
  int64_t z0 = 0;                  // z of the first bounding-box slice in the DiscreteImage grid
  int64_t count = 0;               // ROI voxels
  std::vector<int64_t> sliceCount; // ROI voxels per bounding-box slice
  std::vector<T> v;                // padded levels, 0 = not in the ROI
  // Per row (y, z) of the bounding box (at row(y, z)): its ROI voxels lie in x in [spanLo, spanHi) (an empty
  // row: 0, 0). The matrix builders walk only these spans: a voxel outside the ROI adds nothing to a matrix.
  std::vector<int32_t> spanLo, spanHi;

  int64_t index(int64_t x, int64_t y, int64_t z) const { return (x + pad) + sy * (y + pad) + sz * (z + pad); }
  int64_t offset(const Offset& o, int64_t delta) const { return delta * (o.dx + sy * o.dy + sz * o.dz); }
  const T* data() const { return v.data(); }
  int64_t maxExtent() const { return std::max(nx, std::max(ny, nz)); }
  int64_t row(int64_t y, int64_t z) const { return y + ny * z; }
};

template <class T>
LevelVolume<T> makeLevelVolume(const DiscreteImage& im, int64_t pad) {
  const Grid& g = im.grid;
  // Bounding box of the ROI, row by row: a row's first and last ROI voxel from either end (most rows of the
  // crop hold none, or one run).
  int64_t lo[3] = {g.nx, g.ny, g.nz}, hi[3] = {-1, -1, -1};
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y) {
      int64_t first, end;
      roiSpan(im.levels.data() + g.index(0, y, z), g.nx, &first, &end);
      if (first == end) continue;
      lo[0] = std::min(lo[0], first), hi[0] = std::max(hi[0], end - 1);
      lo[1] = std::min(lo[1], y), hi[1] = std::max(hi[1], y);
      lo[2] = std::min(lo[2], z), hi[2] = std::max(hi[2], z);
    }
  LevelVolume<T> L;
  L.pad = pad;
  if (hi[0] < 0) return L;  // no ROI voxel
  L.nx = hi[0] - lo[0] + 1, L.ny = hi[1] - lo[1] + 1, L.nz = hi[2] - lo[2] + 1;
  L.z0 = lo[2];
  L.sy = L.nx + 2 * pad;
  L.sz = L.sy * (L.ny + 2 * pad);
  L.v.assign(static_cast<size_t>(L.sz * (L.nz + 2 * pad)), T(0));
  L.sliceCount.assign(static_cast<size_t>(L.nz), 0);
  L.spanLo.assign(static_cast<size_t>(L.ny * L.nz), 0);
  L.spanHi.assign(static_cast<size_t>(L.ny * L.nz), 0);
  for (int64_t z = 0; z < L.nz; ++z)
    for (int64_t y = 0; y < L.ny; ++y) {
      const uint32_t* src = im.levels.data() + g.index(lo[0], lo[1] + y, lo[2] + z);
      T* dst = L.v.data() + L.index(0, y, z);
      int64_t c = 0;
      for (int64_t x = 0; x < L.nx; ++x) {
        dst[x] = static_cast<T>(src[x]);
        c += src[x] != 0;
      }
      if (c) {
        int64_t first, end;
        roiSpan(src, L.nx, &first, &end);
        L.spanLo[static_cast<size_t>(L.row(y, z))] = static_cast<int32_t>(first);
        L.spanHi[static_cast<size_t>(L.row(y, z))] = static_cast<int32_t>(end);
      }
      L.sliceCount[static_cast<size_t>(z)] += c;
      L.count += c;
    }
  return L;
}

// Calls f(T{}) with the narrowest unsigned type holding levels 0..nLevels.
template <class F>
void withLevelType(uint32_t nLevels, F&& f) {
  if (nLevels <= 0xFFu)
    f(uint8_t{});
  else if (nLevels <= 0xFFFFu)
    f(uint16_t{});
  else
    f(uint32_t{});
}

// One non-zero matrix element; row and col are 1-based (grey level i, and grey level j or run length j).
struct Entry {
  uint32_t row, col;
  double count;
};

// A count matrix of rows x cols as its non-zero elements sorted by (row, col). nv: voxels behind it
// (GLRLM N_v; merging sums it).
struct SparseMatrix {
  int64_t rows = 0, cols = 0;
  double nv = 0;
  std::vector<Entry> e;
  bool empty() const { return e.empty(); }
};

inline uint64_t entryKey(const Entry& x) { return (static_cast<uint64_t>(x.row) << 32) | x.col; }

// Sorts codes[0, n) in place (LSD radix sort, 11-bit digits, as many passes as the largest code needs).
inline void radixSort(std::vector<uint64_t>& codes, size_t n, std::vector<uint64_t>& scratch) {
  uint64_t maxCode = 0;
  for (size_t k = 0; k < n; ++k) maxCode = std::max(maxCode, codes[k]);
  if (n < 64) {
    std::sort(codes.begin(), codes.begin() + static_cast<std::ptrdiff_t>(n));
    return;
  }
  scratch.resize(std::max(scratch.size(), n));
  uint64_t* src = codes.data();
  uint64_t* dst = scratch.data();
  constexpr unsigned kBits = 11;
  constexpr size_t kBuckets = size_t(1) << kBits;
  std::vector<size_t> count(kBuckets);
  for (unsigned shift = 0; shift < 64 && (maxCode >> shift) != 0; shift += kBits) {
    std::fill(count.begin(), count.end(), 0);
    for (size_t k = 0; k < n; ++k) ++count[(src[k] >> shift) & (kBuckets - 1)];
    size_t sum = 0;
    for (size_t& c : count) {
      const size_t t = c;
      c = sum;
      sum += t;
    }
    for (size_t k = 0; k < n; ++k) dst[count[(src[k] >> shift) & (kBuckets - 1)]++] = src[k];
    std::swap(src, dst);
  }
  if (src != codes.data()) std::copy(src, src + n, codes.data());
}

// Sorts codes[0, n) ((row << shift) | col) and turns runs of equal codes into entries.
inline void codesToEntries(std::vector<uint64_t>& codes, size_t n, unsigned shift, std::vector<uint64_t>& scratch,
                           std::vector<Entry>& out) {
  out.clear();
  radixSort(codes, n, scratch);
  size_t distinct = n > 0;
  for (size_t k = 1; k < n; ++k) distinct += codes[k] != codes[k - 1];
  out.resize(distinct);
  Entry* e = out.data();
  const uint64_t colMask = (uint64_t(1) << shift) - 1;
  for (size_t k = 0; k < n;) {
    size_t j = k + 1;
    while (j < n && codes[j] == codes[k]) ++j;
    *e++ = {static_cast<uint32_t>(codes[k] >> shift), static_cast<uint32_t>(codes[k] & colMask),
            static_cast<double>(j - k)};
    k = j;
  }
}

// Sum of two sorted entry lists.
inline void mergeSorted(const std::vector<Entry>& a, const std::vector<Entry>& b, std::vector<Entry>& out) {
  out.clear();
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const uint64_t ka = entryKey(a[i]), kb = entryKey(b[j]);
    if (ka < kb) {
      out.push_back(a[i++]);
    } else if (kb < ka) {
      out.push_back(b[j++]);
    } else {
      out.push_back({a[i].row, a[i].col, a[i].count + b[j].count});
      ++i, ++j;
    }
  }
  out.insert(out.end(), a.begin() + static_cast<std::ptrdiff_t>(i), a.end());
  out.insert(out.end(), b.begin() + static_cast<std::ptrdiff_t>(j), b.end());
}

// Sum of matrices of equal shape (counts and nv): a dense scratch when the shape is small against the
// number of entries, else pairwise merges of the sorted lists (O(entries log parts)).
inline SparseMatrix mergeMatrices(const std::vector<const SparseMatrix*>& parts) {
  SparseMatrix out;
  if (parts.empty()) return out;
  out.rows = parts[0]->rows, out.cols = parts[0]->cols;
  size_t total = 0;
  for (const SparseMatrix* p : parts) {
    out.nv += p->nv;
    total += p->e.size();
  }
  if (total == 0) return out;
  const uint64_t cells = static_cast<uint64_t>(out.rows) * static_cast<uint64_t>(out.cols);
  if (cells <= std::max<uint64_t>(4096, 2 * total)) {
    std::vector<double> dense(cells, 0.0);
    for (const SparseMatrix* p : parts)
      for (const Entry& x : p->e) dense[(x.row - 1) * static_cast<uint64_t>(out.cols) + (x.col - 1)] += x.count;
    size_t nnz = 0;
    for (uint64_t k = 0; k < cells; ++k) nnz += dense[k] != 0;
    out.e.resize(nnz);
    Entry* e = out.e.data();
    uint64_t k = 0;
    for (uint32_t r = 1; r <= out.rows; ++r)
      for (uint32_t c = 1; c <= out.cols; ++c, ++k)
        if (dense[k] != 0) *e++ = {r, c, dense[k]};
    return out;
  }
  std::vector<std::vector<Entry>> lists;
  for (size_t k = 0; k < parts.size(); k += 2) {
    lists.emplace_back();
    if (k + 1 < parts.size())
      mergeSorted(parts[k]->e, parts[k + 1]->e, lists.back());
    else
      lists.back() = parts[k]->e;
  }
  while (lists.size() > 1) {
    std::vector<std::vector<Entry>> next;
    for (size_t k = 0; k < lists.size(); k += 2) {
      next.emplace_back();
      if (k + 1 < lists.size())
        mergeSorted(lists[k], lists[k + 1], next.back());
      else
        next.back() = std::move(lists[k]);
    }
    lists = std::move(next);
  }
  out.e = std::move(lists[0]);
  return out;
}

// log2 of a count (a positive integer): a table for small counts, which dominate sparse matrices.
inline double log2Count(double c) {
  static const std::vector<double> table = [] {
    std::vector<double> t(4096);
    for (size_t k = 1; k < t.size(); ++k) t[k] = std::log2(static_cast<double>(k));
    return t;
  }();
  return c < 4096 ? table[static_cast<size_t>(c)] : std::log2(c);
}

// Mean of feature vectors over matrices, per feature over the matrices where it is defined (finite).
class FeatureMean {
 public:
  explicit FeatureMean(size_t n) : sum_(n, 0.0), count_(n, 0) {}
  void add(const std::vector<double>& f) {
    for (size_t k = 0; k < sum_.size(); ++k)
      if (std::isfinite(f[k])) sum_[k] += f[k], ++count_[k];
    ++matrices_;
  }
  int64_t matrices() const { return matrices_; }
  std::vector<double> mean() const {
    std::vector<double> m(sum_.size(), NAN);
    for (size_t k = 0; k < sum_.size(); ++k)
      if (count_[k]) m[k] = sum_[k] / static_cast<double>(count_[k]);
    return m;
  }

 private:
  std::vector<double> sum_;
  std::vector<int64_t> count_;
  int64_t matrices_ = 0;
};

enum AggIndex { k2DAvg = 0, k2DComb, k25DAvg, k25DComb, k3DAvg, k3DComb, kNumAgg };
constexpr const char* kAggSuffix[kNumAgg] = {aggregation::k2DAvg,  aggregation::k2DComb, aggregation::k25DAvg,
                                             aggregation::k25DComb, aggregation::k3DAvg,  aggregation::k3DComb};

struct DirectionalResult {
  bool enabled[kNumAgg] = {};
  std::vector<double> value[kNumAgg];  // per feature, NaN where undefined
  int64_t matrices[kNumAgg] = {};      // non-empty matrices behind each value
};

// Receives merged matrices for settings.returnMatrices: what = "3D_comb", "2_5D_comb", "dir<k>" (volume
// matrix of kDirections3D[k]; k < 4 are also the 2.5D direction-merged matrices) or "2D_comb_z<k>" (slice k
// of the DiscreteImage grid, in-plane directions merged).
using MatrixCallback = std::function<void(const std::string& what, const SparseMatrix&)>;

// Runs the enabled aggregations. Source provides:
//   int64_t slices() const; int64_t sliceVoxels(int64_t z) const; int64_t firstSlice() const;
//   SparseMatrix slice(int64_t z, int dir);   // in-plane direction dir < 4, bounding-box slice z
//   SparseMatrix volume(int dir);             // whole volume, direction dir < 13
//   size_t numFeatures() const; void features(const SparseMatrix&, std::vector<double>&);
template <class Source>
DirectionalResult runDirectional(Source& src, const Aggregations& agg, const MatrixCallback& onMatrix) {
  DirectionalResult r;
  r.enabled[k2DAvg] = agg.d2Avg, r.enabled[k2DComb] = agg.d2Comb;
  r.enabled[k25DAvg] = agg.d25Avg, r.enabled[k25DComb] = agg.d25Comb;
  r.enabled[k3DAvg] = agg.d3Avg, r.enabled[k3DComb] = agg.d3Comb;
  const bool in2D = agg.d2Avg || agg.d2Comb, in25D = agg.d25Avg || agg.d25Comb, in3D = agg.d3Avg || agg.d3Comb;
  const size_t nf = src.numFeatures();
  std::vector<double> f(nf);
  auto featuresOf = [&](const SparseMatrix& m, FeatureMean& mean) {
    if (m.empty()) return;
    src.features(m, f);
    mean.add(f);
  };
  auto finish = [&](AggIndex a, const FeatureMean& mean) {
    r.value[a] = mean.mean();
    r.matrices[a] = mean.matrices();
  };

  const bool needInPlane = in25D || in3D;
  std::vector<SparseMatrix> vol(kNumDirections3D);
  if (in2D) {
    FeatureMean avg2(nf), comb2(nf);
    std::vector<std::vector<SparseMatrix>> perSlice(kNumDirections2D);  // kept to build the volume matrices
    for (int64_t z = 0; z < src.slices(); ++z) {
      if (src.sliceVoxels(z) == 0) continue;
      SparseMatrix m[kNumDirections2D];
      for (int d = 0; d < kNumDirections2D; ++d) {
        m[d] = src.slice(z, d);
        if (r.enabled[k2DAvg]) featuresOf(m[d], avg2);
      }
      if (r.enabled[k2DComb]) {
        const SparseMatrix merged = mergeMatrices({&m[0], &m[1], &m[2], &m[3]});
        featuresOf(merged, comb2);
        if (onMatrix && !merged.empty()) onMatrix("2D_comb_z" + std::to_string(src.firstSlice() + z), merged);
      }
      if (needInPlane)
        for (int d = 0; d < kNumDirections2D; ++d)
          if (!m[d].empty()) perSlice[d].push_back(std::move(m[d]));
    }
    if (r.enabled[k2DAvg]) finish(k2DAvg, avg2);
    if (r.enabled[k2DComb]) finish(k2DComb, comb2);
    if (needInPlane)
      for (int d = 0; d < kNumDirections2D; ++d) {
        std::vector<const SparseMatrix*> parts;
        for (const SparseMatrix& s : perSlice[d]) parts.push_back(&s);
        // Merging sums nv too; no matrix at all (no pair in any slice): an empty one of the right shape.
        vol[d] = parts.empty() ? src.volume(d) : mergeMatrices(parts);
        std::vector<SparseMatrix>().swap(perSlice[d]);
      }
  } else if (needInPlane) {
    for (int d = 0; d < kNumDirections2D; ++d) vol[d] = src.volume(d);
  }

  auto emitDirs = [&](int n) {
    if (onMatrix)
      for (int d = 0; d < n; ++d)
        if (!vol[d].empty()) onMatrix("dir" + std::to_string(d), vol[d]);
  };
  if (in25D) {
    if (r.enabled[k25DAvg]) {
      FeatureMean avg(nf);
      for (int d = 0; d < kNumDirections2D; ++d) featuresOf(vol[d], avg);
      finish(k25DAvg, avg);
    }
    if (r.enabled[k25DComb]) {
      FeatureMean comb(nf);
      const SparseMatrix merged = mergeMatrices({&vol[0], &vol[1], &vol[2], &vol[3]});
      featuresOf(merged, comb);
      finish(k25DComb, comb);
      if (onMatrix && !merged.empty()) onMatrix("2_5D_comb", merged);
    }
  }
  if (in3D) {
    for (int d = kNumDirections2D; d < kNumDirections3D; ++d) vol[d] = src.volume(d);
    if (r.enabled[k3DAvg]) {
      FeatureMean avg(nf);
      for (int d = 0; d < kNumDirections3D; ++d) featuresOf(vol[d], avg);
      finish(k3DAvg, avg);
    }
    if (r.enabled[k3DComb]) {
      FeatureMean comb(nf);
      std::vector<const SparseMatrix*> parts;
      for (const SparseMatrix& m : vol) parts.push_back(&m);
      const SparseMatrix merged = mergeMatrices(parts);
      featuresOf(merged, comb);
      finish(k3DComb, comb);
      if (onMatrix && !merged.empty()) onMatrix("3D_comb", merged);
    }
    emitDirs(kNumDirections3D);
  } else if (agg.d25Avg) {
    emitDirs(kNumDirections2D);
  }
  return r;
}

// Writes the features of every enabled aggregation as `names[k] + infix + suffix`, and one warning per
// aggregation listing the features that are undefined (NaN) there.
inline void emitDirectional(const DirectionalResult& r, const std::vector<const char*>& names, const std::string& infix,
                            const char* familyLabel, FeatureSink& out) {
  for (int a = 0; a < kNumAgg; ++a) {
    if (!r.enabled[a]) continue;
    std::string undefined;
    for (size_t k = 0; k < names.size(); ++k) {
      const double v = r.value[a].empty() ? NAN : r.value[a][k];
      out.add(std::string(names[k]) + infix + kAggSuffix[a], v);
      if (!std::isfinite(v)) undefined += (undefined.empty() ? "" : ", ") + std::string(names[k]);
    }
    if (r.matrices[a] == 0)
      out.warn(std::string(familyLabel) + infix + kAggSuffix[a] +
               ": every matrix is empty (no neighbouring ROI voxels along any direction); features are NaN");
    else if (!undefined.empty())
      out.warn(std::string(familyLabel) + infix + kAggSuffix[a] + ": undefined (NaN) for this ROI: " + undefined);
  }
}

// Dense NamedMatrix of a sparse matrix (rows x cols, row-major, counts).
inline NamedMatrix toNamedMatrix(const std::string& name, const SparseMatrix& m) {
  NamedMatrix nm;
  nm.name = name;
  nm.rows = m.rows, nm.cols = m.cols;
  nm.data.assign(static_cast<size_t>(m.rows * m.cols), 0.0);
  for (const Entry& x : m.e) nm.data[(x.row - 1) * static_cast<size_t>(m.cols) + (x.col - 1)] = x.count;
  return nm;
}

}  // namespace texture
}  // namespace radiomics
