// Boundary conditions of the IBSI 2 filters (reference manual, section "Boundary conditions"): how a
// filter reads the image outside its extent. Knows nothing of Node.
#pragma once
#include <cstdint>

namespace radiomics {
namespace filters {

enum class Boundary {
  Zero,      // constant 0 outside (scipy 'constant')
  Nearest,   // the edge voxel repeated (scipy 'nearest')
  Periodic,  // wrap around (scipy 'wrap')
  Mirror,    // d c b a | a b c d | d c b a, the edge voxel repeated (IBSI "mirror" = scipy 'reflect')
};

// Index into [0, n) that position i (any integer) reads under boundary b; -1 means "reads 0" (Zero).
inline int64_t boundaryIndex(int64_t i, int64_t n, Boundary b) {
  if (i >= 0 && i < n) return i;
  switch (b) {
    case Boundary::Zero: return -1;
    case Boundary::Nearest: return i < 0 ? 0 : n - 1;
    case Boundary::Periodic: {
      const int64_t r = i % n;
      return r < 0 ? r + n : r;
    }
    case Boundary::Mirror: {
      const int64_t period = 2 * n;
      int64_t r = i % period;
      if (r < 0) r += period;
      return r < n ? r : period - 1 - r;
    }
  }
  return -1;
}

}  // namespace filters
}  // namespace radiomics
