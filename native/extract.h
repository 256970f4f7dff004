// One whole extraction: crop, re-segment, discretise, run the enabled families, record diagnostics.
// Plain C++ (no Node); the N-API layer and the C++ tests both call it.
#pragma once
#include "core/feature_sink.h"
#include "core/settings.h"
#include "core/volume_input.h"

namespace radiomics {

FeatureSink extract(const RawVolume& image, const RawVolume& mask, const Settings& settings);

}  // namespace radiomics
