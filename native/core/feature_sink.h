// Where a feature family writes its results: features by IBSI tag, warnings, optional matrices.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace radiomics {

// A texture (or other) matrix returned for inspection when settings.returnMatrices is set.
// Row-major rows x cols, values as counted (not normalised) unless the name says otherwise.
struct NamedMatrix {
  std::string name;  // e.g. "cm_3D_comb_d1", "cm_2D_avg_d1_z0_dir0"
  int64_t rows = 0, cols = 0;
  std::vector<double> data;
};

struct FeatureSink {
  std::vector<std::pair<std::string, double>> features;    // tag -> value (NaN allowed, see warnings)
  std::vector<std::string> warnings;                        // human readable, one per issue
  std::vector<std::pair<std::string, double>> diagnostics;  // numeric diagnostics (IBSI diagnostic tags)
  std::vector<std::pair<std::string, std::string>> textDiagnostics;
  std::vector<NamedMatrix> matrices;

  void add(std::string tag, double value) { features.emplace_back(std::move(tag), value); }
  void warn(std::string message) { warnings.push_back(std::move(message)); }
  void diag(std::string tag, double value) { diagnostics.emplace_back(std::move(tag), value); }
  void diagText(std::string tag, std::string value) { textDiagnostics.emplace_back(std::move(tag), std::move(value)); }
};

}  // namespace radiomics
