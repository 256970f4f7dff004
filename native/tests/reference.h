// IBSI reference values of the digital phantom (ibsi-phantom/reference_values.csv) and the IBSI match
// rule, for C++ tests of whole families. Tests run with the package root as working directory.
#pragma once
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "check.h"
#include "core/feature_sink.h"

namespace radiomics_test {

struct Reference {
  std::string tag, family;
  double value = NAN, tolerance = 0;
};

inline std::vector<Reference> phantomReferences() {
  std::vector<Reference> out;
  std::ifstream in("ibsi-phantom/reference_values.csv");
  if (!in) {
    std::fprintf(stderr, "  cannot open ibsi-phantom/reference_values.csv (run from the package root)\n");
    ++failures();
    return out;
  }
  std::string line;
  std::getline(in, line);  // header: tag,family,feature_code,aggregation_code,reference_value,tolerance,consensus
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, ',')) cols.push_back(c);
    if (cols.size() < 6 || cols[4].empty()) continue;
    Reference r;
    r.tag = cols[0];
    r.family = cols[1];
    r.value = std::stod(cols[4]);
    r.tolerance = cols[5].empty() ? 0 : std::stod(cols[5]);
    out.push_back(r);
  }
  return out;
}

// The IBSI compliance rule: the difference truncated at the reference's 3rd significant digit must
// not exceed the tolerance (shared/ibsi/README.md).
inline bool ibsiMatch(double ref, double tol, double x) {
  if (!std::isfinite(x)) return false;
  const double diff = ref - x;
  const int decimals = ref == 0 ? 0 : 2 - static_cast<int>(std::floor(std::log10(std::fabs(ref))));
  const double f = std::pow(10.0, decimals);
  const double d = std::fabs(std::trunc((diff + std::copysign(1e-12, diff)) * f) / f);
  return d <= tol + 1e-12;
}

// Checks every reference value of `family` (column `family` of the CSV, e.g. "glcm") against `sink`.
// Returns the number of values compared; each miss is a test failure naming tag, reference and value.
inline int checkFamilyAgainstReference(const radiomics::FeatureSink& sink, const std::string& family) {
  std::map<std::string, double> got(sink.features.begin(), sink.features.end());
  int compared = 0;
  for (const Reference& r : phantomReferences()) {
    if (r.family != family) continue;
    ++compared;
    auto it = got.find(r.tag);
    if (it == got.end()) {
      std::fprintf(stderr, "  missing %s (reference %g)\n", r.tag.c_str(), r.value);
      ++failures();
    } else if (!ibsiMatch(r.value, r.tolerance, it->second)) {
      std::fprintf(stderr, "  miss %s: reference %g tolerance %g, got %.6g\n", r.tag.c_str(), r.value, r.tolerance,
                   it->second);
      ++failures();
    }
  }
  return compared;
}

}  // namespace radiomics_test
