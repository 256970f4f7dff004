#include "roi_binding.h"

#include <cmath>
#include <string>
#include <vector>

#include "checked_number.h"
#include "core/error.h"
#include "job.h"
#include "roi_ops.h"

namespace radiomics {
namespace napi {
namespace {

template <typename T>
void binarise(const T* data, int64_t n, int32_t label, std::vector<uint8_t>& out) {
  out.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = static_cast<double>(data[i]) == static_cast<double>(label) ? 1 : 0;
}

std::vector<uint8_t> binaryMask(const RawVolume& v, int32_t label) {
  std::vector<uint8_t> out;
  visitTyped(v, [&](auto* data) { binarise(data, v.length, label, out); return 0; });
  return out;
}

// Every number of the options goes through the checked reader (checked_number.h) with its schema rule.
constexpr const char* kArg = code::kInvalidArgument;
double number(const Napi::Object& o, const schema::NumberRule& rule) { return readNumber(o, rule, kArg, ""); }

Napi::Uint8Array toJs(Napi::Env env, const std::vector<uint8_t>& m) {
  Napi::Uint8Array a = Napi::Uint8Array::New(env, m.size());
  std::copy(m.begin(), m.end(), a.Data());
  return a;
}

}  // namespace

Napi::Value RoiOperation(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  try {
    if (info.Length() < 2 || !info[1].IsObject()) fail(code::kInvalidArgument, "expected (mask, options)");
    RawVolume mask;
    Napi::Object holder;
    readVolume(env, info[0], "mask", mask, holder);
    Napi::Object o = info[1].As<Napi::Object>();
    const std::string op = o.Has("op") && o.Get("op").IsString() ? o.Get("op").As<Napi::String>().Utf8Value() : "";
    const int32_t label = readInteger<int32_t>(o, schema::kRoiLabel, kArg, "");
    std::vector<uint8_t> m = binaryMask(mask, label);
    RoiOpsOptions opt;
    opt.allowClip = o.Has("allowClip") && o.Get("allowClip").ToBoolean().Value();
    opt.threads = readInteger<int32_t>(o, schema::kRoiThreads, kArg, "");
    std::vector<uint8_t> clip;
    if (o.Has("clipTo") && o.Get("clipTo").IsObject()) {
      RawVolume c;
      Napi::Object ch;
      readVolume(env, o.Get("clipTo"), "clipTo", c, ch);
      if (c.grid.nx != mask.grid.nx || c.grid.ny != mask.grid.ny || c.grid.nz != mask.grid.nz)
        fail(code::kShapeMismatch, "clipTo shape differs from the mask shape");
      clip = binaryMask(c, 1);
      opt.clipTo = &clip;
    }
    if (op == "dilate") return toJs(env, dilateMask(mask.grid, m, number(o, schema::kRoiRadiusMm), opt));
    if (op == "erode") return toJs(env, erodeMask(mask.grid, m, number(o, schema::kRoiRadiusMm), opt));
    if (op == "ring") return toJs(env, ringMask(mask.grid, m, number(o, schema::kRoiInnerMm), number(o, schema::kRoiOuterMm), opt));
    if (op == "peritumoral") {
      std::vector<double> radii;
      if (o.Has("radiiMm") && o.Get("radiiMm").IsArray()) {
        Napi::Array a = o.Get("radiiMm").As<Napi::Array>();
        if (a.Length() == 0 || a.Length() > 64) fail(code::kInvalidArgument, "radiiMm must hold 1..64 radii");
        for (uint32_t i = 0; i < a.Length(); ++i)
          radii.push_back(checkValue(a.Get(i), schema::kRoiRadiiMm, kArg, "radiiMm[" + std::to_string(i) + "]"));
      } else {
        radii = {2.0, 4.0, 6.0};
      }
      std::vector<NamedMask> masks = peritumoralMasks(mask.grid, m, radii, opt);
      Napi::Array out = Napi::Array::New(env, masks.size());
      for (size_t i = 0; i < masks.size(); ++i) {
        Napi::Object e = Napi::Object::New(env);
        e.Set("name", masks[i].name);
        e.Set("innerMm", masks[i].innerMm);
        e.Set("outerMm", masks[i].outerMm);
        e.Set("count", static_cast<double>(masks[i].count));
        e.Set("data", toJs(env, masks[i].mask));
        out.Set(static_cast<uint32_t>(i), e);
      }
      return out;
    }
    fail(code::kInvalidArgument, "op must be 'dilate', 'erode', 'ring' or 'peritumoral', got '" + op + "'");
  } catch (const Error& e) {
    makeError(env, e.code(), e.what()).ThrowAsJavaScriptException();
  } catch (const std::bad_alloc&) {
    makeError(env, code::kMatrixTooLarge, "out of memory in the ROI operation").ThrowAsJavaScriptException();
  }
  return env.Undefined();
}

}  // namespace napi
}  // namespace radiomics
