#include "kernel.h"

#include <algorithm>

namespace radiomics {
namespace filters {

std::vector<AxisRotation> rightAngleRotations(bool threeD) {
  std::vector<AxisRotation> out;
  int perm[3] = {0, 1, 2};
  do {
    if (!threeD && perm[2] != 2) continue;
    // Parity of the permutation: number of inversions.
    int inversions = 0;
    for (int i = 0; i < 3; ++i)
      for (int j = i + 1; j < 3; ++j) inversions += perm[i] > perm[j];
    const int axes = threeD ? 3 : 2;
    for (int signs = 0; signs < (1 << axes); ++signs) {
      const int flips = __builtin_popcount(static_cast<unsigned>(signs));
      if ((flips + inversions) % 2 != 0) continue;  // determinant -1: a reflection
      AxisRotation r{};
      for (int a = 0; a < 3; ++a) {
        r.from[a] = perm[a];
        r.flip[a] = a < axes && ((signs >> a) & 1);
      }
      out.push_back(r);
    }
  } while (std::next_permutation(perm, perm + 3));
  return out;
}

}  // namespace filters
}  // namespace radiomics
