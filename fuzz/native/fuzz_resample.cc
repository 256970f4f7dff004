// libFuzzer target: resampling of an image (each input dtype, nearest / linear / cubic B-spline, centre or
// corner grid, rounding, in-plane, a sub-box of the output) and of a mask (nearest / linear + partial-volume
// threshold, label), as native/napi/resample_binding.cc and the extraction call them. Input <= 12 x 12 x 8,
// output capped at 2^13 voxels (the cap is a setting, so the over-cap error is reached too; the boundary's own
// is 2^31, tested elsewhere): small enough for thousands of runs a second under ASan. Typed errors are fine.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/error.h"
#include "resample.h"

using namespace radiomics;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  Grid grid;
  grid.nx = in.ConsumeIntegralInRange<int64_t>(0, 12);
  grid.ny = in.ConsumeIntegralInRange<int64_t>(0, 12);
  grid.nz = in.ConsumeIntegralInRange<int64_t>(0, 8);
  for (int a = 0; a < 3; ++a) {
    const int k = in.ConsumeIntegralInRange<int>(0, 9);
    grid.spacing[a] = k == 0 ? 0.0 : k == 1 ? -2.0 : k == 2 ? NAN : in.ConsumeFloatingPointInRange<double>(0.1, 6.0);
  }
  for (int a = 0; a < 3; ++a) grid.origin[a] = in.ConsumeFloatingPointInRange<double>(-50.0, 50.0);
  if (in.ConsumeIntegralInRange<int>(0, 3) == 0)
    for (double& d : grid.direction) d = in.ConsumeFloatingPointInRange<double>(-1.0, 1.0);

  ResampleOptions opt;
  for (int a = 0; a < 3; ++a) {
    const int k = in.ConsumeIntegralInRange<int>(0, 9);
    opt.spacing[a] = k == 0 ? 0.0 : k == 1 ? -1.0 : k == 2 ? INFINITY : in.ConsumeFloatingPointInRange<double>(0.05, 12.0);
  }
  opt.inPlane = in.ConsumeBool();
  opt.alignment = in.ConsumeBool() ? GridAlignment::Corner : GridAlignment::Centre;
  opt.method = static_cast<Interpolation>(in.ConsumeIntegralInRange<int>(0, 2));
  opt.rounding = static_cast<Rounding>(in.ConsumeIntegralInRange<int>(0, 3));
  opt.threads = in.ConsumeIntegralInRange<int>(1, 3);
  opt.maxVoxels = int64_t(1) << 13;
  opt.maxIntermediateBytes = in.ConsumeBool() ? 0 : in.ConsumeIntegralInRange<int64_t>(1, 1 << 14);
  if (in.ConsumeBool()) {
    for (int a = 0; a < 3; ++a) {
      opt.box.lo[a] = in.ConsumeIntegralInRange<int64_t>(-2, 20);
      opt.box.hi[a] = in.ConsumeIntegralInRange<int64_t>(-2, 40);
    }
  }
  opt.sitkPositions = in.ConsumeBool();  // PyRadiomics' SimpleITK positions (corner grid, crop box)
  const bool asMask = in.ConsumeBool();
  MaskResampleOptions mopt;
  mopt.method = static_cast<Interpolation>(in.ConsumeIntegralInRange<int>(0, 2));
  mopt.threshold = in.ConsumeFloatingPointInRange<double>(-0.5, 1.5);
  mopt.label = in.ConsumeIntegralInRange<int32_t>(0, 3);

  RawVolume v;
  v.grid = grid;
  const int n = static_cast<int>(std::max<int64_t>(0, grid.size()));
  std::vector<float> f32;
  std::vector<int16_t> i16;
  std::vector<uint8_t> u8;
  const int kind = in.ConsumeIntegralInRange<int>(0, 2);
  if (kind == 0) {
    f32.resize(n);
    for (float& x : f32) x = in.ConsumeIntegralInRange<int>(0, 31) == 0 ? NAN : in.ConsumeFloatingPointInRange<float>(-1000.f, 1000.f);
    v.dtype = DType::F32; v.data = f32.data(); v.length = n;
  } else if (kind == 1) {
    i16.resize(n);
    for (int16_t& x : i16) x = in.ConsumeIntegral<int16_t>();
    v.dtype = DType::I16; v.data = i16.data(); v.length = n;
  } else {
    u8.resize(n);
    for (uint8_t& x : u8) x = in.ConsumeIntegralInRange<uint8_t>(0, 3);
    v.dtype = DType::U8; v.data = u8.data(); v.length = n;
  }
  try {
    if (asMask) {
      Resampled<uint8_t> r = resampleMask(v, opt, mopt);
      (void)r;
    } else {
      Resampled<float> r = resampleImage<float>(v, opt);
      (void)r;
    }
  } catch (const Error&) {
  }
  return 0;
}
