// One whole extraction: crop, re-segment, discretise, run the enabled families, record diagnostics.
// Plain C++ (no Node); the N-API layer and the C++ tests both call it.
#pragma once
#include <cmath>

#include "core/feature_sink.h"
#include "core/settings.h"
#include "core/volume_input.h"

namespace radiomics {

// Intensity summary of a whole image (finite voxels): the img_* diagnostics.
struct ImageSummary {
  double mean = NAN, min = NAN, max = NAN;
};
ImageSummary summariseImage(const RawVolume& v);

// A caller may hand extract() only a crop of the volumes: the ROI's bounding box grown by roiMargin()
// (the async binding copies just that). Allowed when no processing step reads the whole image
// (!extractionReadsWholeImage); `whole` then carries what the diagnostics say about the whole image.
struct WholeImageFacts {
  Grid grid;             // the caller's full grid
  ImageSummary summary;  // summariseImage() of the whole image (only read with the diagnostics family)
};
bool extractionReadsWholeImage(const Settings& settings);
// Voxels kept around the ROI box per axis: the local-intensity sphere's reach when that family runs, else 1.
void roiMargin(const Settings& settings, const double spacing[3], int64_t margin[3]);

FeatureSink extract(const RawVolume& image, const RawVolume& mask, const Settings& settings,
                    const WholeImageFacts* whole = nullptr);

}  // namespace radiomics
