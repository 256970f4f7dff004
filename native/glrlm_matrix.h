// GLRLM construction (IBSI 3.7): one pass per direction over the ROI's row spans in its bounding box (levels padded with one
// voxel of 0, so every neighbour access is valid). Each direction is taken with the sign that makes its
// memory offset `off` positive, so the predecessor i - off of voxel i is visited first:
//   len(i) = L[i - off] == L[i] ? len(i - off) + 1 : 1,
// and a run of level L[i] and length len(i) ends at i when L[i] != 0 and L[i + off] != L[i].
#pragma once
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/dispatch.h"
#include "core/neighbours.h"
#include "glrlm_features.h"
#include "texture_directional.h"

namespace radiomics {
namespace glrlm_detail {

// Dense: count[(level << shift) | length] += 1 for every ending run. Voxels that end no run increment one
// of 16 spare cells past the matrix instead (slot x & 15), so that no increment waits on the previous one:
// inside a homogeneous region neighbouring voxels share (level, length), and a data-dependent branch would
// mispredict.
struct CountRuns {
  uint32_t* hist;
  uint64_t spare;  // index of the first spare cell
  unsigned shift;
  void operator()(int64_t x, uint32_t a, uint32_t len, bool end) {
    const uint64_t code = (static_cast<uint64_t>(a) << shift) | len;
    const uint64_t dump = spare + static_cast<uint64_t>(x & 15);
    ++hist[dump + ((code - dump) & (0 - static_cast<uint64_t>(end)))];  // end ? code : dump, without a branch
  }
};

// Sparse (large N_g x N_r): codes (level << shift) | length of the ending runs, compacted without a branch.
struct ListRuns {
  uint64_t* codes;
  size_t n;
  unsigned shift;
  void operator()(int64_t, uint32_t a, uint32_t len, bool end) {
    codes[n] = (static_cast<uint64_t>(a) << shift) | len;
    n += end;
  }
};

// Walks the ROI voxels of ny * nz rows from padded index `start` (rows sy, slices sz apart; row (y, z) only
// over its ROI span [spanLo, spanHi), the spans of the job's first slice at spanLo / spanHi, ny per slice)
// along direction `off` (dz = 0: in-plane, dz = 1: through-plane). Lengths live in two slice-sized buffers
// `len` (2 * sz entries): in-plane the predecessor is in the same slice, through-plane in the other buffer
// (swapped per slice). A voxel's length is read only when its predecessor has the same non-zero level, so
// the predecessor is an ROI voxel of this job, walked before it; lengths outside the spans are never
// written and never read (a predecessor outside the job has level 0).
template <class T, class Emit>
static inline void walkRunsKernel(const T* L, uint32_t* len, int64_t start, int64_t off, int dz, const int32_t* spanLo,
                                  const int32_t* spanHi, int64_t ny, int64_t nz, int64_t sy, int64_t sz, Emit& emitOut) {
  Emit emit = emitOut;  // a local copy stays in registers (the stores below could alias the caller's)
  const int64_t inSlice = start % sz;  // slot of the first voxel within its slice buffer
  const int64_t prevShift = off - dz * sz;
  for (int64_t z = 0; z < nz; ++z) {
    uint32_t* cur = len + (z & 1) * sz;
    const uint32_t* prv = dz ? len + ((z + 1) & 1) * sz : cur;
    for (int64_t y = 0; y < ny; ++y) {
      const T* a = L + start + z * sz + y * sy;
      const T* prev = a - off;
      const T* next = a + off;
      uint32_t* rc = cur + inSlice + y * sy;
      const uint32_t* rp = prv + inSlice + y * sy - prevShift;
      const int64_t end = spanHi[y + ny * z];
      for (int64_t x = spanLo[y + ny * z]; x < end; ++x) {
        const uint32_t cont = prev[x] == a[x];
        const uint32_t n = 1 + (rp[x] & (0u - cont));  // branch-free: the outcome is data-dependent
        rc[x] = n;
        emit(x, a[x], n, (a[x] != 0) & (next[x] != a[x]));
      }
    }
  }
  emitOut = emit;
}

// Compiled once, without ISA clones: a run walk is a serial scan with scatter increments; the x86-64-v3/v4
// clones held no vector instruction (objdump) and only doubled the code.
template <typename... A>
auto walkRuns(A&&... a) {
  return walkRunsKernel(std::forward<A>(a)...);
}

// Directional GLRLMs of one level volume (the Source of texture::runDirectional). Every matrix is
// N_g x N_r with N_r the largest bounding-box extent (the longest possible run).
template <class T>
class GlrlmSource {
 public:
  GlrlmSource(const texture::LevelVolume<T>& levels, uint32_t nLevels)
      : L_(levels), ng_(nLevels), nr_(levels.maxExtent()), len_(static_cast<size_t>(2 * levels.sz), 0) {
    while ((1ull << shift_) <= static_cast<uint64_t>(nr_)) ++shift_;  // lengths 0..N_r fit in `shift_` bits
  }

  int64_t slices() const { return L_.nz; }
  int64_t firstSlice() const { return L_.z0; }
  int64_t sliceVoxels(int64_t z) const { return L_.sliceCount[static_cast<size_t>(z)]; }
  texture::SparseMatrix slice(int64_t z, int dir) {
    return build(dir, z, z + 1, static_cast<double>(L_.sliceCount[static_cast<size_t>(z)]));
  }
  texture::SparseMatrix volume(int dir) { return build(dir, 0, L_.nz, static_cast<double>(L_.count)); }
  size_t numFeatures() const { return kGlrlmFeatureCount; }
  void features(const texture::SparseMatrix& m, std::vector<double>& f) { glrlmFeatures(m, scratch_, f.data()); }

  // Runs along kDirections3D[dir] within bounding-box slices [zlo, zhi) (nv = N_v of the matrix).
  texture::SparseMatrix build(int dir, int64_t zlo, int64_t zhi, double nv) {
    texture::SparseMatrix m;
    m.rows = ng_, m.cols = nr_, m.nv = nv;
    if (zhi <= zlo || L_.nx == 0) return m;
    int64_t off = L_.offset(kDirections3D[dir], 1);
    if (off < 0) off = -off;  // the same runs, walked the other way
    const int dz = kDirections3D[dir].dz != 0;
    const int64_t start = L_.index(0, 0, zlo), nz = zhi - zlo;
    const int32_t* spanLo = L_.spanLo.data() + L_.row(0, zlo);
    const int32_t* spanHi = L_.spanHi.data() + L_.row(0, zlo);
    const uint64_t voxels = static_cast<uint64_t>(L_.nx * L_.ny * nz);
    const uint64_t cells = (static_cast<uint64_t>(ng_) + 1) << shift_;
    // Dense counting while zeroing and reading the count array costs less than sorting the runs would.
    if (cells <= std::max<uint64_t>(65536, 8 * voxels)) {
      hist_.assign(cells + 16, 0);
      CountRuns emit{hist_.data(), cells, shift_};
      walkRuns(L_.data(), len_.data(), start, off, dz, spanLo, spanHi, L_.ny, nz, L_.sy, L_.sz, emit);
      size_t nnz = 0;
      for (uint64_t k = uint64_t(1) << shift_; k < cells; ++k) nnz += hist_[k] != 0;  // rows 1..N_g
      m.e.resize(nnz);
      texture::Entry* out = m.e.data();
      for (uint32_t i = 1; i <= ng_; ++i)
        for (uint32_t j = 1; j <= static_cast<uint32_t>(nr_); ++j) {
          const uint64_t k = (static_cast<uint64_t>(i) << shift_) | j;
          if (const uint32_t c = hist_[k]) *out++ = {i, j, static_cast<double>(c)};
        }
    } else {
      codes_.resize(voxels);
      ListRuns emit{codes_.data(), 0, shift_};
      walkRuns(L_.data(), len_.data(), start, off, dz, spanLo, spanHi, L_.ny, nz, L_.sy, L_.sz, emit);
      texture::codesToEntries(codes_, emit.n, shift_, scratch64_, m.e);
    }
    return m;
  }

 private:
  const texture::LevelVolume<T>& L_;
  uint32_t ng_;
  int64_t nr_;
  unsigned shift_ = 1;
  std::vector<uint32_t> len_;  // two slices of run lengths so far
  std::vector<uint64_t> codes_, scratch64_;
  std::vector<uint32_t> hist_;
  GlrlmScratch scratch_;
};

}  // namespace glrlm_detail
}  // namespace radiomics
