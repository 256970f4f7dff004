#include "resample_binding.h"

#include <cmath>
#include <string>
#include <type_traits>

#include "checked_number.h"
#include "core/error.h"
#include "job.h"
#include "resample.h"
#include "task.h"

namespace radiomics {
namespace napi {
namespace {

// One resampling: (volume, options) -> { data: Float32Array, shape, spacing, origin, direction }. The output
// Float32Array is allocated on the JS thread before the work (no copy afterwards) and stays unreachable
// from JS until the result is returned; async, the input voxels are copied first (task.h).
struct ResampleTask {
  static constexpr const char* kName = "resampling";
  OwnedVolume volume;
  ResampleOptions opt;
  Grid grid;
  Napi::Reference<Napi::Float32Array> output;
  float* out = nullptr;

  ResampleTask(const Napi::CallbackInfo& info, Inputs inputs) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[1].IsObject()) fail(code::kInvalidArgument, "expected (volume, options)");
    Napi::Object holder;
    readVolume(env, info[0], "volume", volume.view, holder);
    Napi::Object o = info[1].As<Napi::Object>();
    Napi::Value sp = o.Get("spacing");
    if (!sp.IsArray() || sp.As<Napi::Array>().Length() != 3) fail(code::kBadSpacing, "spacing must be [x, y, z] in mm");
    for (uint32_t a = 0; a < 3; ++a) {
      Napi::Value e = sp.As<Napi::Array>().Get(a);
      opt.spacing[a] = checkValue(e, schema::kResampleSpacing, code::kBadSpacing, "spacing[" + std::to_string(a) + "]");
    }
    opt.inPlane = o.Has("inPlane") && o.Get("inPlane").ToBoolean().Value();
    constexpr const char* kArg = code::kInvalidArgument;
    const int32_t method = readInteger<int32_t>(o, schema::kInterpolationMethod, kArg, "");
    opt.method = method == 0 ? Interpolation::Nearest : method == 2 ? Interpolation::BSpline : Interpolation::Linear;
    opt.alignment = readInteger<int32_t>(o, schema::kInterpolationAlignment, kArg, "") == 1 ? GridAlignment::Corner : GridAlignment::Centre;
    // The resample() API rounds to the nearest integer or not; the other encodings are extraction-only.
    const int32_t rounding = readInteger<int32_t>(o, schema::kInterpolationRounding, kArg, "");
    if (rounding > 1) fail(kArg, "rounding must be 0 (none) or 1 (nearest integer)");
    opt.rounding = rounding == 1 ? Rounding::Nearest : Rounding::None;
    opt.threads = readInteger<int32_t>(o, schema::kResampleThreads, kArg, "");
    // PyRadiomics compatibility: `sitkMaskBox` [x0, y0, z0, x1, y1, z1) (input voxels) and `sitkPadDistance`
    // resample PyRadiomics' crop of the corner grid with SimpleITK's positions, as extraction does.
    if (o.Has("sitkMaskBox") && o.Get("sitkMaskBox").IsArray()) {
      Napi::Array b = o.Get("sitkMaskBox").As<Napi::Array>();
      if (b.Length() != 6) fail(kArg, "sitkMaskBox must hold 6 integers");
      const Grid& in = volume.view.grid;
      const int64_t n[3] = {in.nx, in.ny, in.nz};
      Box maskBox;
      for (uint32_t k = 0; k < 6; ++k) {
        Napi::Value e = b.Get(k);
        const double d = e.IsNumber() ? e.As<Napi::Number>().DoubleValue() : NAN;
        // Checked before the cast: whole voxel indices inside the volume.
        if (!(d >= 0 && d <= static_cast<double>(n[k % 3])) || d != std::floor(d))
          fail(kArg, "sitkMaskBox[" + std::to_string(k) + "] must be a voxel index in 0.." + std::to_string(n[k % 3]));
        (k < 3 ? maskBox.lo[k] : maskBox.hi[k - 3]) = static_cast<int64_t>(d);
      }
      const int32_t pad = readInteger<int32_t>(o, schema::kInterpolationSitkPadDistance, kArg, "");
      opt.alignment = GridAlignment::Corner;
      opt.box = pyradiomicsCropBox(planResample(in, opt), maskBox, pad < 0 ? 5 : pad);
      opt.sitkPositions = true;
    }
    grid = resampleTarget(volume.view.grid, opt).grid;
    Napi::Float32Array data;
    try {
      data = Napi::Float32Array::New(env, static_cast<size_t>(grid.size()));
    } catch (const Napi::Error&) {
      throw std::bad_alloc();  // JS could not allocate the output: the same code as any other allocation
    }
    out = data.Data();
    output = Napi::Persistent(data);
    own(volume, inputs);
  }

  void execute() {
    const RawVolume& v = volume.view;
    visitTyped(v, [&](auto* data) {
      using In = std::remove_const_t<std::remove_pointer_t<decltype(data)>>;
      resampleImageInto<In, float>(data, v.grid, opt, out);
      return 0;
    });
  }

  Napi::Value result(Napi::Env env) {
    const Grid& g = grid;
    Napi::Object r = Napi::Object::New(env);
    r.Set("data", output.Value());
    Napi::Array shape = Napi::Array::New(env, 3), spacing = Napi::Array::New(env, 3), origin = Napi::Array::New(env, 3),
                direction = Napi::Array::New(env, 9);
    const double dims[3] = {static_cast<double>(g.nx), static_cast<double>(g.ny), static_cast<double>(g.nz)};
    for (uint32_t a = 0; a < 3; ++a) {
      shape.Set(a, dims[a]);
      spacing.Set(a, g.spacing[a]);
      origin.Set(a, g.origin[a]);
    }
    for (uint32_t k = 0; k < 9; ++k) direction.Set(k, g.direction[k]);
    r.Set("shape", shape);
    r.Set("spacing", spacing);
    r.Set("origin", origin);
    r.Set("direction", direction);
    return r;
  }
};

}  // namespace

Napi::Value ResampleVolume(const Napi::CallbackInfo& info) { return runSync<ResampleTask>(info); }
Napi::Value ResampleVolumeAsync(const Napi::CallbackInfo& info) { return runAsync<ResampleTask>(info); }

}  // namespace napi
}  // namespace radiomics
