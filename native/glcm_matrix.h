// GLCM construction (IBSI 3.6): one pass per direction over the ROI's row spans in its bounding box
// (LevelVolume::spanLo / spanHi). For each voxel a with
// neighbour b = a + delta * m (both inside the box; the clipped ranges make every access valid), the pair
// (level(a), level(b)) is counted; voxels outside the ROI have level 0, and pairs touching them land in
// row/column 0 of the count array, which is dropped (no branch per voxel). The symmetric matrix is
// M_m+ + M_m+^T, formed when the counts are read out.
#pragma once
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/dispatch.h"
#include "core/neighbours.h"
#include "glcm_features.h"
#include "texture_directional.h"

namespace radiomics {
namespace glcm_detail {

// The rows a kernel walks: rows (y, z) of a cy * cz block of the box, each restricted to its ROI span clipped to
// [x0, x1); x is returned relative to x0.
struct RowSpans {
  const int32_t* lo;  // spanLo of the block's first row
  const int32_t* hi;
  int64_t rowsPerSlice;  // the box's ny: span of (y, z) at lo[y + rowsPerSlice * z]
  int64_t x0, x1;
  void of(int64_t y, int64_t z, int64_t* b, int64_t* e) const {
    const int64_t r = y + rowsPerSlice * z;
    *b = std::max<int64_t>(lo[r], x0) - x0;
    *e = std::min<int64_t>(hi[r], x1) - x0;
  }
};

// Dense counting: hist[(a << shift) | b] for every ROI voxel a of a cy * cz block of rows starting at `a0`,
// neighbour at `a0 + off`. Two interleaved count arrays (hist, hist + cells) halve the store-to-load chains on
// runs of equal pairs; the caller adds them.
template <class T>
static inline void countPairsKernel(const T* a0, int64_t off, const RowSpans& spans, int64_t cy, int64_t cz, int64_t sy,
                                    int64_t sz, unsigned shift, uint32_t* hist, uint64_t cells) {
  uint32_t* h0 = hist;
  uint32_t* h1 = hist + cells;
  for (int64_t z = 0; z < cz; ++z)
    for (int64_t y = 0; y < cy; ++y) {
      int64_t x, end;
      spans.of(y, z, &x, &end);
      const T* a = a0 + z * sz + y * sy;
      const T* b = a + off;
      for (; x + 2 <= end; x += 2) {
        ++h0[(static_cast<uint32_t>(a[x]) << shift) | b[x]];
        ++h1[(static_cast<uint32_t>(a[x + 1]) << shift) | b[x + 1]];
      }
      if (x < end) ++h0[(static_cast<uint32_t>(a[x]) << shift) | b[x]];
    }
}

// Sparse counting (large N_g): the codes (a << shift) | b of the pairs with both levels > 0, compacted
// without a branch. Returns how many were written to `codes` (room for cx * cy * cz).
template <class T>
static inline size_t listPairsKernel(const T* a0, int64_t off, const RowSpans& spans, int64_t cy, int64_t cz, int64_t sy,
                                     int64_t sz, unsigned shift, uint64_t* codes) {
  size_t n = 0;
  for (int64_t z = 0; z < cz; ++z)
    for (int64_t y = 0; y < cy; ++y) {
      int64_t x, end;
      spans.of(y, z, &x, &end);
      const T* a = a0 + z * sz + y * sy;
      const T* b = a + off;
      for (; x < end; ++x) {
        codes[n] = (static_cast<uint64_t>(a[x]) << shift) | b[x];
        n += (a[x] != 0) & (b[x] != 0);
      }
    }
  return n;
}

// Compiled once, without ISA clones: counting is a scatter (a load-increment-store at a data-dependent
// address) and the compaction a dependent store index, so the x86-64-v3/v4 clones held no vector instruction
// (objdump) and only doubled the code.
template <typename... A>
auto countPairs(A&&... a) {
  return countPairsKernel(std::forward<A>(a)...);
}
template <typename... A>
auto listPairs(A&&... a) {
  return listPairsKernel(std::forward<A>(a)...);
}

// Directional GLCMs of one level volume at Chebyshev distance delta (the Source of texture::runDirectional).
template <class T>
class GlcmSource {
 public:
  GlcmSource(const texture::LevelVolume<T>& levels, uint32_t nLevels, int64_t delta, bool symmetric)
      : L_(levels), ng_(nLevels), delta_(delta), symmetric_(symmetric) {
    while ((1ull << shift_) <= ng_) ++shift_;  // levels 0..N_g fit in `shift_` bits
  }

  int64_t slices() const { return L_.nz; }
  int64_t firstSlice() const { return L_.z0; }
  int64_t sliceVoxels(int64_t z) const { return L_.sliceCount[static_cast<size_t>(z)]; }
  texture::SparseMatrix slice(int64_t z, int dir) { return build(dir, z, z + 1); }
  texture::SparseMatrix volume(int dir) { return build(dir, 0, L_.nz); }
  size_t numFeatures() const { return kGlcmFeatureCount; }
  void features(const texture::SparseMatrix& m, std::vector<double>& f) { glcmFeatures(m, ng_, scratch_, f.data()); }

  // The matrix of direction kDirections3D[dir] for the voxels a of bounding-box slices [zlo, zhi).
  texture::SparseMatrix build(int dir, int64_t zlo, int64_t zhi) { return buildOffset(kDirections3D[dir], delta_, zlo, zhi); }

  // The matrix of neighbour offset delta * o (any offset inside the padding-free box logic below).
  texture::SparseMatrix buildOffset(const Offset& o, int64_t delta, int64_t zlo, int64_t zhi) {
    texture::SparseMatrix m;
    m.rows = m.cols = ng_;
    const int64_t dx = o.dx * delta, dy = o.dy * delta, dz = o.dz * delta;
    const int64_t x0 = std::max<int64_t>(0, -dx), x1 = L_.nx - std::max<int64_t>(0, dx);
    const int64_t y0 = std::max<int64_t>(0, -dy), y1 = L_.ny - std::max<int64_t>(0, dy);
    const int64_t z0 = std::max<int64_t>(zlo, -dz), z1 = std::min<int64_t>(zhi, L_.nz - std::max<int64_t>(0, dz));
    if (x1 <= x0 || y1 <= y0 || z1 <= z0) return m;
    const int64_t cx = x1 - x0, cy = y1 - y0, cz = z1 - z0;
    const uint64_t voxels = static_cast<uint64_t>(cx * cy * cz);
    const T* a0 = L_.data() + L_.index(x0, y0, z0);
    const int64_t off = L_.offset(o, delta);
    const size_t firstRow = static_cast<size_t>(L_.row(y0, z0));
    const RowSpans spans{L_.spanLo.data() + firstRow, L_.spanHi.data() + firstRow, L_.ny, x0, x1};
    const uint64_t cells = static_cast<uint64_t>(ng_ + 1) << shift_;
    // Dense counting while zeroing and reading the count array costs less than sorting the pairs would.
    if (cells <= std::max<uint64_t>(65536, 8 * voxels) && cells < (1ull << 32)) {
      hist_.assign(2 * cells, 0);
      countPairs(a0, off, spans, cy, cz, L_.sy, L_.sz, shift_, hist_.data(), cells);
      const uint32_t* h = hist_.data();
      for (uint64_t k = 0; k < cells; ++k) hist_[k] += h[cells + k];
      const unsigned s = shift_;
      const bool sym = symmetric_;
      auto cell = [h, s, sym](uint32_t i, uint32_t j) { return h[(i << s) | j] + (sym ? h[(j << s) | i] : 0u); };
      size_t nnz = 0;
      for (uint32_t i = 1; i <= ng_; ++i)
        for (uint32_t j = 1; j <= ng_; ++j) nnz += cell(i, j) != 0;
      m.e.resize(nnz);
      texture::Entry* out = m.e.data();
      for (uint32_t i = 1; i <= ng_; ++i)
        for (uint32_t j = 1; j <= ng_; ++j)
          if (const uint32_t c = cell(i, j)) *out++ = {i, j, static_cast<double>(c)};
    } else {
      codes_.resize(2 * voxels);
      size_t n = listPairs(a0, off, spans, cy, cz, L_.sy, L_.sz, shift_, codes_.data());
      if (symmetric_) {
        const uint64_t mask = (1ull << shift_) - 1;
        for (size_t k = 0; k < n; ++k) codes_[n + k] = ((codes_[k] & mask) << shift_) | (codes_[k] >> shift_);
        n *= 2;
      }
      texture::codesToEntries(codes_, n, shift_, scratch64_, m.e);
    }
    return m;
  }

 private:
  const texture::LevelVolume<T>& L_;
  uint32_t ng_;
  int64_t delta_;
  bool symmetric_;
  unsigned shift_ = 1;
  std::vector<uint32_t> hist_;
  std::vector<uint64_t> codes_, scratch64_;
  GlcmScratch scratch_;
};

}  // namespace glcm_detail
}  // namespace radiomics
