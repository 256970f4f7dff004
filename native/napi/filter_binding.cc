#include "filter_binding.h"

#include <cmath>
#include <string>
#include <type_traits>

#include "filters/filter.h"
#include "core/error.h"
#include "job.h"
#include "task.h"

namespace radiomics {
namespace napi {
namespace {

bool has(const Napi::Object& o, const char* key) { return o.Has(key) && !o.Get(key).IsUndefined(); }

double numberOption(const Napi::Object& o, const char* key, double fallback) {
  if (!has(o, key)) return fallback;
  if (!o.Get(key).IsNumber()) fail(code::kInvalidConfig, std::string("filter option ") + key + " must be a number");
  const double d = o.Get(key).As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d)) fail(code::kInvalidConfig, std::string("filter option ") + key + " must be finite");
  return d;
}

int64_t intOption(const Napi::Object& o, const char* key, int64_t fallback) {
  const double d = numberOption(o, key, static_cast<double>(fallback));
  if (d != std::floor(d) || std::fabs(d) > 1e9) fail(code::kInvalidConfig, std::string("filter option ") + key + " must be an integer");
  return static_cast<int64_t>(d);
}

std::string stringOption(const Napi::Object& o, const char* key, const std::string& fallback) {
  if (!has(o, key)) return fallback;
  if (!o.Get(key).IsString()) fail(code::kInvalidConfig, std::string("filter option ") + key + " must be a string");
  return o.Get(key).As<Napi::String>().Utf8Value();
}

filters::FilterSpec readSpec(const Napi::Object& o) {
  using namespace filters;
  FilterSpec s;
  const std::string kind = stringOption(o, "filter", "");
  if (kind == "mean") s.kind = FilterKind::Mean;
  else if (kind == "log") s.kind = FilterKind::LoG;
  else if (kind == "laws") s.kind = FilterKind::Laws;
  else if (kind == "gabor") s.kind = FilterKind::Gabor;
  else if (kind == "wavelet") s.kind = FilterKind::Wavelet;
  else if (kind == "simoncelli") s.kind = FilterKind::Simoncelli;
  else if (kind == "riesz") s.kind = FilterKind::Riesz;
  else fail(code::kInvalidConfig, "unknown filter '" + kind + "' (mean, log, laws, gabor, wavelet, simoncelli, riesz)");
  const std::string dims = stringOption(o, "dims", "3D");
  if (dims != "2D" && dims != "3D") fail(code::kInvalidConfig, "filter dims must be '2D' or '3D'");
  s.threeD = dims == "3D";
  const std::string b = stringOption(o, "boundary", "mirror");
  if (b == "zero") s.boundary = Boundary::Zero;
  else if (b == "nearest") s.boundary = Boundary::Nearest;
  else if (b == "periodic") s.boundary = Boundary::Periodic;
  else if (b == "mirror") s.boundary = Boundary::Mirror;
  else fail(code::kInvalidConfig, "unknown boundary '" + b + "' (zero, nearest, periodic, mirror)");
  const std::string pooling = stringOption(o, "pooling", "none");
  if (pooling == "none") s.pooling = Pooling::None;
  else if (pooling == "max") s.pooling = Pooling::Max;
  else if (pooling == "mean") s.pooling = Pooling::Mean;
  else fail(code::kInvalidConfig, "unknown pooling '" + pooling + "' (none, max, mean)");
  s.threads = static_cast<int>(intOption(o, "threads", 0));
  if (s.threads < 0 || s.threads > 1024) fail(code::kInvalidConfig, "threads must be 0..1024");
  s.support = intOption(o, "support", 3);
  s.sigmaMm = numberOption(o, "sigmaMm", 1);
  s.truncate = numberOption(o, "truncate", 4);
  s.lawsKernel = stringOption(o, "kernel", "");
  s.lawsEnergy = has(o, "energy") && o.Get("energy").ToBoolean().Value();
  s.energyDelta = intOption(o, "energyDelta", 7);
  s.lambdaMm = numberOption(o, "lambdaMm", 1);
  s.gamma = numberOption(o, "gamma", 1);
  s.thetaDeg = numberOption(o, "thetaDeg", 0);
  s.thetaStepDeg = numberOption(o, "thetaStepDeg", 0);
  s.orthogonalPlanes = has(o, "orthogonalPlanes") && o.Get("orthogonalPlanes").ToBoolean().Value();
  s.wavelet = stringOption(o, "wavelet", "");
  s.subband = stringOption(o, "subband", "");
  s.level = static_cast<int>(intOption(o, "level", 1));
  if (s.kind == FilterKind::Riesz) {
    const std::string of = stringOption(o, "rieszOf", "");
    if (of == "log") s.rieszOf = FilterKind::LoG;
    else if (of == "simoncelli") s.rieszOf = FilterKind::Simoncelli;
    else fail(code::kInvalidConfig, "unknown Riesz base filter '" + of + "' (log, simoncelli)");
    const char* keys[3] = {"rieszOrderX", "rieszOrderY", "rieszOrderZ"};
    for (int a = 0; a < 3; ++a) s.rieszOrder[a] = static_cast<int>(intOption(o, keys[a], 0));
  }
  return s;
}

}  // namespace

Napi::Value FilterVolume(const Napi::CallbackInfo& info) {
  // Synchronous: the caller's buffer is read on the JS thread, so nothing can detach it meanwhile. Every
  // failure goes through the one mapping (error_map.h).
  return guarded(info, "filtering", [&info](Napi::Env env) -> Napi::Value {
    if (info.Length() < 2 || !info[1].IsObject()) fail(code::kInvalidArgument, "expected (volume, options)");
    RawVolume v;
    Napi::Object holder;
    readVolume(env, info[0], "volume", v, holder);
    filters::FilterSpec spec = readSpec(info[1].As<Napi::Object>());
    for (int a = 0; a < 3; ++a) spec.spacing[a] = v.grid.spacing[a];
    filters::Dims d;
    d.n[0] = v.grid.nx;
    d.n[1] = v.grid.ny;
    d.n[2] = v.grid.nz;
    Napi::Float32Array out = Napi::Float32Array::New(env, static_cast<size_t>(v.grid.size()));
    float* dst = out.Data();
    // A float32 image is read where it lies (no copy); other types are converted into the output first.
    const float* src = v.dtype == DType::F32 ? static_cast<const float*>(v.data) : dst;
    visitTyped(v, [&](auto* in) {
      for (int64_t i = 0; i < v.length; ++i) {
        const double x = static_cast<double>(in[i]);
        if (!std::isfinite(x)) fail(code::kNonFinite, "filter: the image holds a NaN or infinite value");
        if (src == dst) dst[i] = static_cast<float>(x);
      }
      return 0;
    });
    filters::applyFilter(src, dst, d, spec);
    return out;
  });
}

}  // namespace napi
}  // namespace radiomics
