// libFuzzer target: the ROI operations (native/roi_ops.h: dilation, erosion, ring, peritumoral masks) on a
// fuzzed binary mask, grid spacing, radii, clip mask and thread count, with the radius rules of
// native/napi/roi_binding.cc (finite, >= 0; peritumoral radii > 0). Typed errors are fine.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/error.h"
#include "roi_ops.h"

using namespace radiomics;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  Grid grid;
  grid.nx = in.ConsumeIntegralInRange<int64_t>(0, 16);
  grid.ny = in.ConsumeIntegralInRange<int64_t>(0, 16);
  grid.nz = in.ConsumeIntegralInRange<int64_t>(0, 10);
  for (int a = 0; a < 3; ++a) {
    const int k = in.ConsumeIntegralInRange<int>(0, 9);
    grid.spacing[a] = k == 0 ? 0.0 : k == 1 ? 1e-6 : in.ConsumeFloatingPointInRange<double>(0.2, 6.0);
  }
  const int op = in.ConsumeIntegralInRange<int>(0, 3);
  const double r1 = in.ConsumeFloatingPointInRange<double>(0.0, 20.0);
  const double r2 = in.ConsumeFloatingPointInRange<double>(0.0, 20.0);
  RoiOpsOptions opt;
  opt.allowClip = in.ConsumeBool();
  opt.borderIsBackground = in.ConsumeBool();
  opt.threads = in.ConsumeIntegralInRange<int>(1, 3);
  const int64_t n = grid.size();
  std::vector<uint8_t> mask(static_cast<size_t>(n)), clip(static_cast<size_t>(n));
  const bool useClip = in.ConsumeBool();
  for (auto& m : mask) m = in.ConsumeBool() ? 1 : 0;
  if (useClip) {
    for (auto& c : clip) c = in.ConsumeIntegralInRange<int>(0, 3) != 0 ? 1 : 0;
    opt.clipTo = &clip;
  }
  try {
    if (op == 0) (void)dilateMask(grid, mask, r1, opt);
    else if (op == 1) (void)erodeMask(grid, mask, r1, opt);
    else if (op == 2) (void)ringMask(grid, mask, std::min(r1, r2), std::max(r1, r2), opt);
    else {
      std::vector<double> radii;
      const int k = in.ConsumeIntegralInRange<int>(1, 4);
      for (int i = 0; i < k; ++i) radii.push_back(in.ConsumeFloatingPointInRange<double>(0.01, 12.0));
      (void)peritumoralMasks(grid, mask, radii, opt);
    }
  } catch (const Error&) {
  }
  return 0;
}
