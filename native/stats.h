// IBSI 3.3 Intensity-based statistical features (family UHIW).
#pragma once
#include <cstddef>
#include <vector>

#include "core/feature_sink.h"
#include "core/roi.h"

namespace radiomics {

// The 18 statistics of the intensities in roi.intMask (tags stat_*).
void computeIntensityStatistics(const RoiImage& roi, FeatureSink& out);

// Sum and central moments of values[0..n): out[0] = sum, out[1..3] = sum (x - mean)^k for k = 2..4.
// SIMD-dispatched; exposed for the bench and the scalar-vs-SIMD test.
void intensityMoments(const double* values, size_t n, double out[4]);

// Linear-interpolated percentile (numpy's default, "linear"): p in [0, 1]; values are reordered.
double percentileInPlace(std::vector<double>& values, double p);

// Several linear-interpolated percentiles at once (out[i] for ps[i]) of values[0, n), whose minimum and
// maximum are lo and hi, exact, by valuesAtRanksInRange (order_statistics.h): two passes over the data. The
// input is not modified.
void percentiles(const double* values, size_t n, double lo, double hi, const double* ps, size_t k, double* out);

}  // namespace radiomics
