#include "filter.h"

#include <cmath>

#include "../core/error.h"

namespace radiomics {
namespace filters {

void applyFilter(const float* in, float* volume, const Dims& d, const FilterSpec& s) {
  for (int a = 0; a < 3; ++a) {
    if (d.n[a] < 1) fail(code::kBadDimensions, "filter: every dimension must be >= 1");
    if (!(s.spacing[a] > 0) || !std::isfinite(s.spacing[a])) fail(code::kBadSpacing, "filter: spacing must be finite and > 0");
  }
  switch (s.kind) {
    case FilterKind::Mean:
      if (s.support < 1 || s.support % 2 == 0) fail(code::kInvalidConfig, "mean filter support must be an odd number of voxels >= 1");
      return meanFilter(in, volume, d, s);
    case FilterKind::LoG:
      if (!(s.sigmaMm > 0) || !(s.truncate > 0)) fail(code::kInvalidConfig, "LoG sigma and truncate must be > 0");
      return logFilter(in, volume, d, s);
    case FilterKind::Laws:
      if (s.lawsEnergy && s.energyDelta < 0) fail(code::kInvalidConfig, "Laws energy delta must be >= 0");
      return lawsFilter(in, volume, d, s);
    case FilterKind::Gabor: return gaborFilter(in, volume, d, s);
    case FilterKind::Wavelet: return waveletFilter(in, volume, d, s);
    case FilterKind::Simoncelli: return simoncelliFilter(in, volume, d, s);
    case FilterKind::Riesz: return rieszFilter(in, volume, d, s);
  }
  fail(code::kInvalidConfig, "unknown filter");
}

}  // namespace filters
}  // namespace radiomics
