#include "resample_binding.h"

#include <cmath>
#include <string>
#include <type_traits>

#include "core/error.h"
#include "job.h"
#include "resample.h"

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


}  // namespace

Napi::Value ResampleVolume(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  try {
    if (info.Length() < 2 || !info[1].IsObject()) fail(code::kInvalidArgument, "expected (volume, options)");
    RawVolume v;
    Napi::Object holder;
    readVolume(env, info[0], "volume", v, holder);
    Napi::Object o = info[1].As<Napi::Object>();
    ResampleOptions opt;
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
      opt.box = pyradiomicsCropBox(planResample(v.grid, opt), maskBox, intOption(o, "sitkPadDistance", 5, 0, 1 << 20));
      opt.sitkPositions = true;
    }
    const ResampleTarget target = resampleTarget(v.grid, opt);
    Napi::Float32Array data = Napi::Float32Array::New(env, static_cast<size_t>(target.grid.size()));
    float* out = data.Data();
    visitTyped(v, [&](auto* data) {
      using In = std::remove_const_t<std::remove_pointer_t<decltype(data)>>;
      resampleImageInto<In, float>(data, v.grid, opt, out);
      return 0;
    });
    const Grid& g = target.grid;
    Napi::Object r = Napi::Object::New(env);
    r.Set("data", data);
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
  } catch (const Error& e) {
    makeError(env, e.code(), e.what()).ThrowAsJavaScriptException();
  } catch (const std::bad_alloc&) {
    makeError(env, code::kBadDimensions, "out of memory while resampling").ThrowAsJavaScriptException();
  }
  return env.Undefined();
}

}  // namespace napi
}  // namespace radiomics
