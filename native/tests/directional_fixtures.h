// Shared helpers of the GLCM and GLRLM tests: the manual's matrices as (row, column, count) cells and their
// comparison with the sparse matrices the kernels build and the dense matrices they return.
#pragma once
#include <vector>

#include "core/feature_sink.h"
#include "texture_directional.h"

namespace radiomics_test {

// One cell of a matrix as the IBSI manual lists it: grey level i, column j (grey level or run length), count n.
struct Triplet {
  int i, j, n;
};

// One matrix of the manual: dir indexes kDirections3D (-1 = merged), slice is the phantom slice (-1 = volume).
struct PhantomMatrix {
  int dir, slice;
  std::vector<Triplet> cells;
};

// The sparse matrix holds exactly the cells t, in order.
inline bool sameMatrix(const radiomics::texture::SparseMatrix& m, const std::vector<Triplet>& t) {
  if (m.e.size() != t.size()) return false;
  for (size_t k = 0; k < t.size(); ++k)
    if (static_cast<int>(m.e[k].row) != t[k].i || static_cast<int>(m.e[k].col) != t[k].j ||
        m.e[k].count != static_cast<double>(t[k].n))
      return false;
  return true;
}

// The returned dense matrix equals the cells t (zero elsewhere).
inline bool sameMatrix(const radiomics::NamedMatrix& m, const std::vector<Triplet>& t) {
  std::vector<double> dense(static_cast<size_t>(m.rows * m.cols), 0.0);
  for (const Triplet& x : t) dense[static_cast<size_t>((x.i - 1) * m.cols + (x.j - 1))] = x.n;
  return dense == m.data;
}

}  // namespace radiomics_test
