// Exact order statistics (the values at given ranks of an unsorted array) in about three passes over the
// data, for the percentiles of the intensity statistics (IBSI 1 section 3.3: median Y12H, P10 QG58,
// P90 8DWT, IQR SALO, QCoD 9S40, robust MAD 1128).
#pragma once
#include <cstddef>

namespace radiomics {

// out[j] = the value of rank ranks[j] (0-based, the ranks ascending and distinct, each < n) of values[0, n).
// Finite values. The input is not modified.
//
// Method: a histogram of the values over [min, max] in about n / 8 equal buckets (the bucket of a value is
// a non-decreasing function of it, so a lower bucket holds only smaller values); the cumulative counts
// name the bucket of each wanted rank, and only those buckets' values are gathered and selected
// (std::nth_element). On data with a narrow spread that is a few hundred values per rank instead of the
// whole array; on data piled into one bucket it is one selection, as without the histogram.
void valuesAtRanks(const double* values, size_t n, const size_t* ranks, size_t k, double* out);

// The same when the caller knows the values' minimum lo and maximum hi (one pass less).
void valuesAtRanksInRange(const double* values, size_t n, double lo, double hi, const size_t* ranks, size_t k,
                          double* out);

}  // namespace radiomics
