#include "resample_binding.h"

#include <cmath>
#include <string>
#include <type_traits>

#include "core/error.h"
#include "job.h"
#include "resample.h"
#include "task.h"

namespace radiomics {
namespace napi {
namespace {

int32_t intOption(const Napi::Object& o, const char* key, int32_t fallback, int32_t lo, int32_t hi) {
  if (!o.Has(key) || o.Get(key).IsUndefined()) return fallback;
  const double d = o.Get(key).IsNumber() ? o.Get(key).As<Napi::Number>().DoubleValue() : NAN;
  if (!(d >= lo && d <= hi) || d != std::floor(d))
    fail(code::kInvalidArgument, std::string(key) + " must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<int32_t>(d);
}


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
      opt.spacing[a] = e.IsNumber() ? e.As<Napi::Number>().DoubleValue() : NAN;
    }
    opt.inPlane = o.Has("inPlane") && o.Get("inPlane").ToBoolean().Value();
    const int32_t method = intOption(o, "method", 1, 0, 2);
    opt.method = method == 0 ? Interpolation::Nearest : method == 2 ? Interpolation::BSpline : Interpolation::Linear;
    opt.alignment = intOption(o, "alignment", 0, 0, 1) == 1 ? GridAlignment::Corner : GridAlignment::Centre;
    opt.rounding = intOption(o, "rounding", 0, 0, 1) == 1 ? Rounding::Nearest : Rounding::None;
    opt.threads = intOption(o, "threads", 0, 0, 1024);
    // PyRadiomics compatibility: `sitkMaskBox` [x0, y0, z0, x1, y1, z1) (input voxels) and `sitkPadDistance`
    // resample PyRadiomics' crop of the corner grid with SimpleITK's positions, as extraction does.
    if (o.Has("sitkMaskBox") && o.Get("sitkMaskBox").IsArray()) {
      Napi::Array b = o.Get("sitkMaskBox").As<Napi::Array>();
      if (b.Length() != 6) fail(code::kInvalidArgument, "sitkMaskBox must hold 6 integers");
      Box maskBox;
      for (uint32_t k = 0; k < 6; ++k) {
        Napi::Value e = b.Get(k);
        const int64_t x = e.IsNumber() ? static_cast<int64_t>(e.As<Napi::Number>().DoubleValue()) : -1;
        (k < 3 ? maskBox.lo[k] : maskBox.hi[k - 3]) = x;
      }
      opt.alignment = GridAlignment::Corner;
      opt.box = pyradiomicsCropBox(planResample(volume.view.grid, opt), maskBox, intOption(o, "sitkPadDistance", 5, 0, 1 << 20));
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
