#include "roi_binding.h"

#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "job.h"
#include "roi_ops.h"
#include "task.h"

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

double number(const Napi::Object& o, const char* key, double fallback) {
  if (!o.Has(key) || o.Get(key).IsUndefined()) return fallback;
  if (!o.Get(key).IsNumber()) fail(code::kInvalidArgument, std::string(key) + " must be a number");
  const double d = o.Get(key).As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || d < 0) fail(code::kInvalidArgument, std::string(key) + " must be a finite number >= 0");
  return d;
}

Napi::Uint8Array toJs(Napi::Env env, const std::vector<uint8_t>& m) {
  Napi::Uint8Array a = Napi::Uint8Array::New(env, m.size());
  std::copy(m.begin(), m.end(), a.Data());
  return a;
}

// One ROI operation. The masks are binarised into task-owned vectors on the JS thread (the private copy
// the async form needs; the sync form needs the same vectors), the operation runs on them, the result
// is copied into fresh Uint8Arrays.
struct RoiTask {
  static constexpr const char* kName = "the ROI operation";
  std::string op;
  Grid grid;
  std::vector<uint8_t> mask, clip;
  RoiOpsOptions opt;
  double radiusMm = 0, innerMm = 0, outerMm = 0;
  std::vector<double> radii;
  std::vector<uint8_t> single;
  std::vector<NamedMask> masks;

  RoiTask(const Napi::CallbackInfo& info, Inputs) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[1].IsObject()) fail(code::kInvalidArgument, "expected (mask, options)");
    RawVolume raw;
    Napi::Object holder;
    readVolume(env, info[0], "mask", raw, holder);
    grid = raw.grid;
    Napi::Object o = info[1].As<Napi::Object>();
    op = o.Has("op") && o.Get("op").IsString() ? o.Get("op").As<Napi::String>().Utf8Value() : "";
    if (op != "dilate" && op != "erode" && op != "ring" && op != "peritumoral")
      fail(code::kInvalidArgument, "op must be 'dilate', 'erode', 'ring' or 'peritumoral', got '" + op + "'");
    const double labelD = number(o, "label", 1);
    const int32_t label = static_cast<int32_t>(labelD);
    opt.allowClip = o.Has("allowClip") && o.Get("allowClip").ToBoolean().Value();
    opt.threads = static_cast<int>(number(o, "threads", 0));
    radiusMm = number(o, "radiusMm", 0);
    innerMm = number(o, "innerMm", 0);
    outerMm = number(o, "outerMm", 0);
    if (op == "peritumoral") {
      if (o.Has("radiiMm") && o.Get("radiiMm").IsArray()) {
        Napi::Array a = o.Get("radiiMm").As<Napi::Array>();
        if (a.Length() == 0 || a.Length() > 64) fail(code::kInvalidArgument, "radiiMm must hold 1..64 radii");
        for (uint32_t i = 0; i < a.Length(); ++i) {
          Napi::Value e = a.Get(i);
          const double r = e.IsNumber() ? e.As<Napi::Number>().DoubleValue() : NAN;
          if (!std::isfinite(r) || r <= 0) fail(code::kInvalidArgument, "radiiMm must be finite and > 0");
          radii.push_back(r);
        }
      } else {
        radii = {2.0, 4.0, 6.0};
      }
    }
    if (o.Has("clipTo") && o.Get("clipTo").IsObject()) {
      RawVolume c;
      Napi::Object ch;
      readVolume(env, o.Get("clipTo"), "clipTo", c, ch);
      if (c.grid.nx != grid.nx || c.grid.ny != grid.ny || c.grid.nz != grid.nz)
        fail(code::kShapeMismatch, "clipTo shape differs from the mask shape");
      clip = binaryMask(c, 1);
    }
    mask = binaryMask(raw, label);
  }

  void execute() {
    if (!clip.empty()) opt.clipTo = &clip;
    if (op == "dilate") single = dilateMask(grid, mask, radiusMm, opt);
    else if (op == "erode") single = erodeMask(grid, mask, radiusMm, opt);
    else if (op == "ring") single = ringMask(grid, mask, innerMm, outerMm, opt);
    else masks = peritumoralMasks(grid, mask, radii, opt);
  }

  Napi::Value result(Napi::Env env) {
    if (op != "peritumoral") return toJs(env, single);
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
};

}  // namespace

Napi::Value RoiOperation(const Napi::CallbackInfo& info) { return runSync<RoiTask>(info); }
Napi::Value RoiOperationAsync(const Napi::CallbackInfo& info) { return runAsync<RoiTask>(info); }

}  // namespace napi
}  // namespace radiomics
