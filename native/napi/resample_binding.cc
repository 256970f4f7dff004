#include "resample_binding.h"

#include <cmath>
#include <string>
#include <type_traits>

#include "checked_number.h"
#include "core/error.h"
#include "job.h"
#include "resample.h"

namespace radiomics {
namespace napi {
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
      opt.spacing[a] = checkValue(e, schema::kResampleSpacing, code::kBadSpacing, "spacing[" + std::to_string(a) + "]");
    }
    opt.inPlane = o.Has("inPlane") && o.Get("inPlane").ToBoolean().Value();
    constexpr const char* kArg = code::kInvalidArgument;
    const int32_t method = readInteger<int32_t>(o, schema::kInterpolationMethod, kArg, "");
    opt.method = method == 0 ? Interpolation::Nearest : method == 2 ? Interpolation::BSpline : Interpolation::Linear;
    opt.alignment = readInteger<int32_t>(o, schema::kInterpolationAlignment, kArg, "") == 1 ? GridAlignment::Corner : GridAlignment::Centre;
    opt.rounding = readInteger<int32_t>(o, schema::kInterpolationRounding, kArg, "") == 1 ? Rounding::Nearest : Rounding::None;
    opt.threads = readInteger<int32_t>(o, schema::kResampleThreads, kArg, "");
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
