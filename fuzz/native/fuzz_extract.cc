// libFuzzer target: one whole extraction (native/extract.h) from fuzzed bytes. The bytes choose the shape,
// the dtypes of image and mask, the geometry, every setting the N-API layer can pass (normalisation,
// interpolation, re-segmentation, discretisation, families, texture, morphology, local intensity, IVH), and
// then fill the voxels. Settings stay within what native/napi/job.cc accepts (it rejects the rest before
// the core sees them); sizes stay small (<= 8 x 8 x 6 input, interpolation to at most 2x finer per axis,
// so at most ~3,000 voxels reach the feature families) so one run takes milliseconds under ASan: every code
// path is reachable at that size, and the fuzzer gets ~10x more executions than with 12 x 12 x 8 and 4x. Any radiomics::Error is a typed rejection and fine; anything else that
// escapes, and every ASan/UBSan report, is a finding.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/error.h"
#include "extract.h"

using namespace radiomics;

namespace {

DType pickDtype(FuzzedDataProvider& in) {
  static const DType kAll[] = {DType::U8, DType::I8, DType::U16, DType::I16, DType::U32, DType::I32, DType::F32, DType::F64};
  return kAll[in.ConsumeIntegralInRange<int>(0, 7)];
}

size_t dtypeSize(DType t) {
  switch (t) {
    case DType::U8: case DType::I8: return 1;
    case DType::U16: case DType::I16: return 2;
    case DType::U32: case DType::I32: case DType::F32: return 4;
    case DType::F64: return 8;
  }
  return 8;
}

double pickSpacing(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return 0.0;
    case 1: return -1.0;
    case 2: return NAN;
    case 3: return 1e-300;
    default: return in.ConsumeFloatingPointInRange<double>(0.2, 5.0);
  }
}

// Voxel values: mostly small integers (so discretisation and zones see repeats), sometimes raw bytes
// (any bit pattern: NaN, Inf, denormals, extremes).
void fill(FuzzedDataProvider& in, DType t, std::vector<unsigned char>& buf, int64_t n, bool mask) {
  buf.assign(static_cast<size_t>(n) * dtypeSize(t), 0);
  const bool raw = in.ConsumeIntegralInRange<int>(0, 7) == 0;
  for (int64_t i = 0; i < n; ++i) {
    unsigned char* p = buf.data() + static_cast<size_t>(i) * dtypeSize(t);
    if (raw) {
      for (size_t b = 0; b < dtypeSize(t); ++b) p[b] = in.ConsumeIntegral<unsigned char>();
      continue;
    }
    const int v = mask ? in.ConsumeIntegralInRange<int>(0, 2) : in.ConsumeIntegralInRange<int>(-8, 40);
    switch (t) {
      case DType::U8: { uint8_t x = static_cast<uint8_t>(v); std::memcpy(p, &x, 1); break; }
      case DType::I8: { int8_t x = static_cast<int8_t>(v); std::memcpy(p, &x, 1); break; }
      case DType::U16: { uint16_t x = static_cast<uint16_t>(v); std::memcpy(p, &x, 2); break; }
      case DType::I16: { int16_t x = static_cast<int16_t>(v); std::memcpy(p, &x, 2); break; }
      case DType::U32: { uint32_t x = static_cast<uint32_t>(v); std::memcpy(p, &x, 4); break; }
      case DType::I32: { int32_t x = v; std::memcpy(p, &x, 4); break; }
      case DType::F32: { float x = static_cast<float>(v) * (mask ? 1.0f : 0.75f); std::memcpy(p, &x, 4); break; }
      case DType::F64: { double x = static_cast<double>(v) * (mask ? 1.0 : 1.5); std::memcpy(p, &x, 8); break; }
    }
  }
}

DiscretisationSettings pickDiscretisation(FuzzedDataProvider& in) {
  DiscretisationSettings d;
  d.method = static_cast<DiscretisationMethod>(in.ConsumeIntegralInRange<int>(0, 2));
  switch (in.ConsumeIntegralInRange<int>(0, 5)) {
    case 0: d.binWidth = 0.0; break;
    case 1: d.binWidth = -1.0; break;
    case 2: d.binWidth = 1e-9; break;
    default: d.binWidth = in.ConsumeFloatingPointInRange<double>(0.1, 50.0);
  }
  d.nBins = in.ConsumeIntegralInRange<int32_t>(1, 300);
  d.hasMin = in.ConsumeBool();
  d.min = in.ConsumeFloatingPointInRange<double>(-20.0, 20.0);
  d.hasMax = in.ConsumeBool();
  d.max = in.ConsumeFloatingPointInRange<double>(-10.0, 60.0);
  return d;
}

Settings pickSettings(FuzzedDataProvider& in, const Grid& grid) {
  Settings s;
  s.label = in.ConsumeIntegralInRange<int32_t>(-1, 3);
  s.roundInput = in.ConsumeBool();
  s.normalisation.zscore = in.ConsumeBool();
  s.normalisation.roiScope = in.ConsumeBool();
  s.normalisation.scale = in.ConsumeFloatingPointInRange<double>(-100.0, 100.0);
  s.normalisation.outliers = in.ConsumeBool() ? in.ConsumeFloatingPointInRange<double>(0.0, 5.0) : 0.0;
  s.normalisation.shift = in.ConsumeFloatingPointInRange<double>(-500.0, 500.0);
  InterpolationSettings& ip = s.interpolation;
  ip.enabled = in.ConsumeBool();
  for (int a = 0; a < 3; ++a) {
    // 0 keeps the axis; otherwise no finer than half the input spacing (bounded output size).
    const double base = std::isfinite(grid.spacing[a]) && grid.spacing[a] > 0 ? grid.spacing[a] : 1.0;
    ip.spacing[a] = in.ConsumeBool() ? 0.0 : in.ConsumeFloatingPointInRange<double>(std::max(0.1, base / 2), 8.0);
  }
  ip.inPlane = in.ConsumeBool();
  ip.method = in.ConsumeIntegralInRange<int32_t>(0, 2);
  ip.alignment = in.ConsumeIntegralInRange<int32_t>(0, 1);
  ip.rounding = in.ConsumeIntegralInRange<int32_t>(0, 3);
  ip.maskMethod = in.ConsumeIntegralInRange<int32_t>(0, 1);
  ip.maskThreshold = in.ConsumeFloatingPointInRange<double>(0.01, 1.0);
  ip.threads = in.ConsumeIntegralInRange<int32_t>(1, 2);
  FamilySelection& f = s.families;
  f.diagnostics = in.ConsumeBool();
  f.morphology = in.ConsumeBool();
  f.localIntensity = in.ConsumeBool();
  f.intensityStatistics = in.ConsumeBool();
  f.intensityHistogram = in.ConsumeBool();
  f.intensityVolumeHistogram = in.ConsumeBool();
  f.glcm = in.ConsumeBool();
  f.glrlm = in.ConsumeBool();
  f.glszm = in.ConsumeBool();
  f.gldzm = in.ConsumeBool();
  f.ngtdm = in.ConsumeBool();
  f.ngldm = in.ConsumeBool();
  s.discretisation = pickDiscretisation(in);
  s.resegmentMinSet = in.ConsumeBool();
  s.resegmentMin = in.ConsumeFloatingPointInRange<double>(-20.0, 30.0);
  s.resegmentMaxSet = in.ConsumeBool();
  s.resegmentMax = in.ConsumeFloatingPointInRange<double>(-10.0, 60.0);
  s.outlierSigma = in.ConsumeBool() ? in.ConsumeFloatingPointInRange<double>(0.0, 4.0) : 0.0;
  s.morphology.moranExactMaxVoxels = in.ConsumeIntegralInRange<int64_t>(0, 1000);  // both sides of the exact/FFT switch
  s.morphology.moranFftMaxPoints = in.ConsumeIntegralInRange<int64_t>(0, 1 << 16);
  s.morphology.moranSeed = in.ConsumeIntegral<uint32_t>();
  s.localIntensity.sphereVolumeCm3 = in.ConsumeFloatingPointInRange<double>(1e-6, 2.0);
  s.ivh.discretisation = pickDiscretisation(in);
  TextureSettings& t = s.texture;
  t.distances.clear();
  const int nd = in.ConsumeIntegralInRange<int>(1, 3);
  // Up to 3 (IBSI: 13 directions per distance); with chebyshevShells (below) up to 2.
  for (int i = 0; i < nd; ++i) t.distances.push_back(in.ConsumeIntegralInRange<int32_t>(1, 3));
  t.symmetric = in.ConsumeBool();
  t.neighbourhoodDistance = in.ConsumeIntegralInRange<int32_t>(1, 4);
  t.ngldmAlpha = in.ConsumeIntegralInRange<int32_t>(0, 3);
  t.aggregations.d2 = in.ConsumeBool();
  t.aggregations.d25 = in.ConsumeBool();
  t.aggregations.d3 = in.ConsumeBool();
  t.aggregations.d2Avg = in.ConsumeBool();
  t.aggregations.d2Comb = in.ConsumeBool();
  t.aggregations.d25Avg = in.ConsumeBool();
  t.aggregations.d25Comb = in.ConsumeBool();
  t.aggregations.d3Avg = in.ConsumeBool();
  t.aggregations.d3Comb = in.ConsumeBool();
  t.returnMatrices = in.ConsumeBool();
  t.maxMatrixBytes = in.ConsumeIntegralInRange<uint64_t>(1024, 1 << 22);
  s.maxLevels = in.ConsumeIntegralInRange<uint64_t>(1, 4096);
  // The PyRadiomics-compatibility settings (within the schema ranges job.cc reads them with).
  ip.sitkPadDistance = in.ConsumeIntegralInRange<int32_t>(-1, 3);
  s.resegmentMode = in.ConsumeIntegralInRange<int32_t>(0, 2);
  s.resegmentShape = in.ConsumeBool();
  s.morphology.meshAmbiguity = in.ConsumeIntegralInRange<int32_t>(0, 2);
  // PyRadiomics' GLCM angles: every offset of Chebyshev norm d, i.e. ~(2d+1)^3 / 2 matrices per distance, each a
  // pass over the grid (a third of the run time at d <= 3 in every other run): a quarter of the runs, d <= 2.
  t.chebyshevShells = in.ConsumeIntegralInRange<int>(0, 3) == 0;
  if (t.chebyshevShells)
    for (int32_t& d : t.distances) d = std::min(d, 2);
  s.discretisation.anchorAtZero = in.ConsumeBool();
  s.minRoiVoxels = in.ConsumeIntegralInRange<int64_t>(1, 4);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  Grid grid;
  grid.nx = in.ConsumeIntegralInRange<int64_t>(0, 8);
  grid.ny = in.ConsumeIntegralInRange<int64_t>(0, 8);
  grid.nz = in.ConsumeIntegralInRange<int64_t>(0, 6);
  for (int a = 0; a < 3; ++a) grid.spacing[a] = pickSpacing(in);
  for (int a = 0; a < 3; ++a) grid.origin[a] = in.ConsumeFloatingPointInRange<double>(-100.0, 100.0);
  if (in.ConsumeIntegralInRange<int>(0, 3) == 0)
    for (double& d : grid.direction) d = in.ConsumeFloatingPointInRange<double>(-1.0, 1.0);
  Grid maskGrid = grid;
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) maskGrid.nx = in.ConsumeIntegralInRange<int64_t>(0, 8);
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) maskGrid.spacing[0] = pickSpacing(in);
  const Settings settings = pickSettings(in, grid);

  RawVolume image, mask;
  image.dtype = pickDtype(in);
  mask.dtype = pickDtype(in);
  image.grid = grid;
  mask.grid = maskGrid;
  std::vector<unsigned char> imageBytes, maskBytes;
  // The length usually matches the shape; sometimes it does not (the boundary must reject it).
  const int64_t shortBy = in.ConsumeIntegralInRange<int>(0, 15) == 0 ? 1 : 0;
  image.length = std::max<int64_t>(0, grid.size() - shortBy);
  mask.length = maskGrid.size();
  fill(in, mask.dtype, maskBytes, mask.length, true);
  fill(in, image.dtype, imageBytes, image.length, false);
  image.data = imageBytes.data();
  mask.data = maskBytes.data();
  try {
    FeatureSink sink = extract(image, mask, settings);
    (void)sink;
  } catch (const Error&) {
    // a typed rejection: fine
  }
  return 0;
}
