// The IBSI 2 convolutional filters (Whybra et al., Radiology 2024; IBSI 2 reference manual, arXiv:2006.05470):
// one plain specification struct and one entry point. Knows nothing of Node.
#pragma once
#include <cstdint>
#include <string>

#include "boundary.h"
#include "convolve.h"

namespace radiomics {
namespace filters {

enum class FilterKind { Mean, LoG, Laws, Gabor, Wavelet, Simoncelli, Riesz };
enum class Pooling { None, Max, Mean };  // None: no rotation invariance

struct FilterSpec {
  FilterKind kind = FilterKind::Mean;
  bool threeD = true;  // false: slice by slice (axial planes), never mixing slices
  Boundary boundary = Boundary::Mirror;
  int threads = 0;     // 0: all cores
  double spacing[3] = {1, 1, 1};  // mm
  Pooling pooling = Pooling::None;

  int64_t support = 3;         // mean: kernel size in voxels (odd)
  double sigmaMm = 1;          // LoG, Gabor
  double truncate = 4;         // LoG: kernel radius in sigmas
  std::string lawsKernel;      // Laws: e.g. "E5L5S5" (x, y, z)
  bool lawsEnergy = false;     // Laws: energy map after pooling
  int64_t energyDelta = 7;     // Laws: energy window half-size in voxels
  double lambdaMm = 1;         // Gabor wavelength
  double gamma = 1;            // Gabor spatial aspect ratio
  double thetaDeg = 0;         // Gabor orientation (start when pooled)
  double thetaStepDeg = 0;     // Gabor pooling step (> 0 with pooling)
  bool orthogonalPlanes = false;  // Gabor 3D: the 2D filter in the three orthogonal planes, averaged
  std::string wavelet;         // haar, db2, db3, coif1, ...
  std::string subband;         // e.g. "LHL" (x, y, z) or "LH" in 2D
  int level = 1;               // wavelet / Simoncelli level
  FilterKind rieszOf = FilterKind::LoG;  // Riesz: the filter transformed (LoG or Simoncelli)
  int rieszOrder[3] = {0, 0, 0};         // Riesz: order along x, y, z (z: 0 in 2D)
};

// Writes the filter's response map to `out` for the image `in` (float32, x fastest; `in` may be `out`).
// Extra memory: none beyond per-thread lines/planes for mean, LoG, Laws, wavelets and Gabor (LoG 3D, Gabor: a copy
// of the input when in == out); rotation pooling a ring of planes per thread, pooled in the output (plus that
// copy, separable.cc); Simoncelli two planes (its
// spectrum lives in `out`); Riesz the same when periodic, else the x spectra of the image's rows beyond
// `out` (extended_fourier.h: the rows extended by the boundary condition, n + 2 r rounded up to a smooth
// size for the LoG, 0.12 x the image for sigma 3 voxels on 256^3; Simoncelli 2 n, 1 x) and per thread one
// plane; when 2 n is not smooth (Simoncelli), the extended image beyond `out` (7 x the image in 3D).
// Throws radiomics::Error with a stable code on an invalid specification.
void applyFilter(const float* in, float* out, const Dims& d, const FilterSpec& spec);

// Per-filter entry points (one file each), called by applyFilter after validation.
void meanFilter(const float* in, float* out, const Dims& d, const FilterSpec& s);
void logFilter(const float* in, float* out, const Dims& d, const FilterSpec& s);
void lawsFilter(const float* in, float* out, const Dims& d, const FilterSpec& s);
void gaborFilter(const float* in, float* out, const Dims& d, const FilterSpec& s);
void waveletFilter(const float* in, float* out, const Dims& d, const FilterSpec& s);
void simoncelliFilter(const float* in, float* out, const Dims& d, const FilterSpec& s);
void rieszFilter(const float* in, float* out, const Dims& d, const FilterSpec& s);

// The LoG's 1D factors (log.cc), shared with the Riesz transform: the Gaussian of `sigma` voxels sampled on
// the grid, or its second-derivative factor (x^2 / s^4 - 1 / s^2) G(x), truncated at floor(truncate s + 0.5).
Kernel1D sampledGaussian(double sigma, double truncate, bool secondDerivative);

}  // namespace filters
}  // namespace radiomics
