// Shared helpers of the texture-family tests: undiscretised levels, running one family, finding and
// checking a returned matrix against the entries the IBSI manual lists.
#pragma once
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "check.h"
#include "core/discretise.h"
#include "core/feature_sink.h"
#include "core/settings.h"

namespace radiomics_test {

// The ROI's intensities used as grey levels (no discretisation), as for the digital phantom.
inline radiomics::DiscreteImage levelsOf(const radiomics::RoiImage& roi, uint64_t maxLevels = 1u << 16) {
  radiomics::DiscretisationSettings d;
  d.method = radiomics::DiscretisationMethod::None;
  return radiomics::discretise(roi, d, maxLevels);
}

// A DiscreteImage straight from levels (0 = outside the ROI; the morphological mask is the ROI).
inline radiomics::DiscreteImage makeLevels(int64_t nx, int64_t ny, int64_t nz, const std::vector<uint32_t>& levels,
                                           uint32_t nLevels) {
  radiomics::DiscreteImage im;
  im.grid.nx = nx, im.grid.ny = ny, im.grid.nz = nz;
  im.levels = levels;
  im.morphMask.resize(levels.size());
  im.nLevels = nLevels;
  for (size_t k = 0; k < levels.size(); ++k) {
    im.morphMask[k] = levels[k] != 0;
    im.count += levels[k] != 0;
  }
  return im;
}

// Random levels 1..nLevels on an irregular ROI (about 70 % of the box).
inline radiomics::DiscreteImage randomLevels(int64_t nx, int64_t ny, int64_t nz, uint32_t nLevels, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint32_t> v(static_cast<size_t>(nx * ny * nz));
  for (auto& x : v) x = (rng() % 10 < 7) ? 1 + rng() % nLevels : 0;
  return makeLevels(nx, ny, nz, v, nLevels);
}

using TextureFamily = void (*)(const radiomics::DiscreteImage&, const radiomics::TextureSettings&, radiomics::FeatureSink&);

// Runs `family` and returns its features by tag; the whole sink is copied to *keep when given.
inline std::map<std::string, double> familyFeatures(TextureFamily family, const radiomics::DiscreteImage& im,
                                                    const radiomics::TextureSettings& t, radiomics::FeatureSink* keep) {
  radiomics::FeatureSink sink;
  family(im, t, sink);
  if (keep) *keep = sink;
  return std::map<std::string, double>(sink.features.begin(), sink.features.end());
}

// The returned matrix called `name`, or nullptr (a test failure) when there is none.
inline const radiomics::NamedMatrix* findMatrix(const radiomics::FeatureSink& sink, const std::string& name) {
  for (const radiomics::NamedMatrix& x : sink.matrices)
    if (x.name == name) return &x;
  std::fprintf(stderr, "  matrix %s not returned\n", name.c_str());
  ++failures();
  return nullptr;
}

// (row i, column j, count), 1-based, as the manual lists them.
using Entries = std::vector<std::tuple<int, int, double>>;

// The returned matrix `name` holds exactly `expected` (every listed entry, nothing else).
inline void checkMatrix(const radiomics::FeatureSink& sink, const std::string& name, const Entries& expected) {
  const radiomics::NamedMatrix* m = findMatrix(sink, name);
  if (!m) return;
  double total = 0, listed = 0;
  for (double v : m->data) total += v;
  for (const auto& e : expected) {
    const int i = std::get<0>(e), j = std::get<1>(e);
    CHECK(i >= 1 && i <= m->rows && j >= 1 && j <= m->cols);
    if (i >= 1 && i <= m->rows && j >= 1 && j <= m->cols) {
      const double got = m->data[static_cast<size_t>((i - 1) * m->cols + (j - 1))];
      if (got != std::get<2>(e)) {
        std::fprintf(stderr, "  %s(%d, %d) = %g, expected %g\n", name.c_str(), i, j, got, std::get<2>(e));
        ++failures();
      }
    }
    listed += std::get<2>(e);
  }
  CHECK_NEAR(total, listed, 0);
}

}  // namespace radiomics_test
