#include "job.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace radiomics {
namespace napi {
namespace {

[[noreturn]] void bad(const std::string& message) { fail(code::kInvalidArgument, message); }

double readNumber(const Napi::Object& o, const char* key, double fallback) {
  if (!o.Has(key)) return fallback;
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsNumber()) bad(std::string("setting '") + key + "' must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (std::isnan(d)) bad(std::string("setting '") + key + "' is NaN");
  return d;
}

int32_t readInt(const Napi::Object& o, const char* key, int32_t fallback, int32_t lo, int32_t hi) {
  const double d = readNumber(o, key, fallback);
  if (d != std::floor(d) || d < lo || d > hi)
    bad(std::string("setting '") + key + "' must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<int32_t>(d);
}

// An optional number: sets *out and returns true when `key` holds a number (NaN rejected by readNumber).
bool readOptionalNumber(const Napi::Object& o, const char* key, double* out) {
  if (!o.Has(key) || !o.Get(key).IsNumber()) return false;
  *out = readNumber(o, key, 0);
  return true;
}

bool readBool(const Napi::Object& o, const char* key, bool fallback) {
  if (!o.Has(key)) return fallback;
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return fallback;
  if (!v.IsBoolean()) bad(std::string("setting '") + key + "' must be a boolean");
  return v.As<Napi::Boolean>().Value();
}

Napi::Object readObject(const Napi::Object& o, const char* key) {
  if (!o.Has(key)) return Napi::Object();
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return Napi::Object();
  if (!v.IsObject()) bad(std::string("setting '") + key + "' must be an object");
  return v.As<Napi::Object>();
}

void readFixed(const Napi::Object& o, const char* key, double* out, size_t n, bool required, const char* what) {
  if (!o.Has(key) || o.Get(key).IsUndefined()) {
    if (required) bad(std::string(what) + "." + key + " is required");
    return;
  }
  Napi::Value v = o.Get(key);
  if (!v.IsArray()) bad(std::string(what) + "." + key + " must be an array of " + std::to_string(n) + " numbers");
  Napi::Array a = v.As<Napi::Array>();
  if (a.Length() != n) bad(std::string(what) + "." + key + " must have " + std::to_string(n) + " elements");
  for (uint32_t i = 0; i < n; ++i) {
    Napi::Value e = a.Get(i);
    if (!e.IsNumber()) bad(std::string(what) + "." + key + "[" + std::to_string(i) + "] must be a number");
    out[i] = e.As<Napi::Number>().DoubleValue();
  }
}

DiscretisationSettings readDiscretisation(const Napi::Object& o) {
  DiscretisationSettings d;
  if (o.IsEmpty()) return d;
  const std::string method = o.Has("method") && o.Get("method").IsString() ? o.Get("method").As<Napi::String>().Utf8Value() : "none";
  if (method == "none") d.method = DiscretisationMethod::None;
  else if (method == "fbs") d.method = DiscretisationMethod::FixedBinSize;
  else if (method == "fbn") d.method = DiscretisationMethod::FixedBinNumber;
  else fail(code::kInvalidConfig, "discretisation method must be 'none', 'fbs' or 'fbn', got '" + method + "'");
  d.binWidth = readNumber(o, "binWidth", 1.0);
  d.nBins = readInt(o, "nBins", 32, 1, 1 << 30);
  d.hasMin = readOptionalNumber(o, "min", &d.min);
  d.hasMax = readOptionalNumber(o, "max", &d.max);
  return d;
}

}  // namespace

void readVolume(const Napi::Env& env, const Napi::Value& value, const char* what, RawVolume& out,
                Napi::Object& dataHolder) {
  if (!value.IsObject()) bad(std::string(what) + " must be an object");
  Napi::Object o = value.As<Napi::Object>();
  Napi::Value data = o.Get("data");
  if (!data.IsTypedArray()) bad(std::string(what) + ".data must be a typed array");
  Napi::TypedArray ta = data.As<Napi::TypedArray>();
  switch (ta.TypedArrayType()) {
    case napi_uint8_array: out.dtype = DType::U8; break;
    case napi_uint8_clamped_array: out.dtype = DType::U8; break;
    case napi_int8_array: out.dtype = DType::I8; break;
    case napi_uint16_array: out.dtype = DType::U16; break;
    case napi_int16_array: out.dtype = DType::I16; break;
    case napi_uint32_array: out.dtype = DType::U32; break;
    case napi_int32_array: out.dtype = DType::I32; break;
    case napi_float32_array: out.dtype = DType::F32; break;
    case napi_float64_array: out.dtype = DType::F64; break;
    default: fail(code::kUnsupportedDtype, std::string(what) + ".data has an unsupported element type (BigInt arrays are not supported)");
  }
  out.length = static_cast<int64_t>(ta.ElementLength());
  out.data = static_cast<const uint8_t*>(ta.ArrayBuffer().Data()) + ta.ByteOffset();
  dataHolder = ta;

  double shape[3];
  readFixed(o, "shape", shape, 3, true, what);
  for (int a = 0; a < 3; ++a) {
    if (!(shape[a] >= 1) || shape[a] != std::floor(shape[a]) || shape[a] > 1048576.0)
      fail(code::kBadDimensions, std::string(what) + ".shape must hold three integers in 1..1048576");
  }
  out.grid.nx = static_cast<int64_t>(shape[0]);
  out.grid.ny = static_cast<int64_t>(shape[1]);
  out.grid.nz = static_cast<int64_t>(shape[2]);
  readFixed(o, "spacing", out.grid.spacing, 3, false, what);
  readFixed(o, "origin", out.grid.origin, 3, false, what);
  readFixed(o, "direction", out.grid.direction, 9, false, what);
  validateVolume(out, what);
}

Settings readSettings(const Napi::Env& env, const Napi::Value& value) {
  Settings s;
  if (value.IsUndefined() || value.IsNull()) return s;
  if (!value.IsObject()) bad("settings must be an object");
  Napi::Object o = value.As<Napi::Object>();
  s.label = readInt(o, "label", 1, -2147483647, 2147483647);

  s.roundInput = readBool(o, "roundInput", false);
  s.wholeImage = readBool(o, "wholeImage", false);
  s.threads = readInt(o, "threads", 0, 0, 1024);
  Napi::Object norm = readObject(o, "normalisation");
  if (!norm.IsEmpty()) {
    NormalisationSettings& n = s.normalisation;
    n.zscore = readBool(norm, "zscore", false);
    n.roiScope = readBool(norm, "roiScope", false);
    n.scale = readNumber(norm, "scale", 1.0);
    n.outliers = readNumber(norm, "outliers", 0.0);
    n.shift = readNumber(norm, "shift", 0.0);
    if (!std::isfinite(n.scale) || !std::isfinite(n.shift) || !(n.outliers >= 0) || !std::isfinite(n.outliers))
      fail(code::kInvalidConfig, "normalisation scale, shift and outliers must be finite (outliers >= 0)");
  }
  Napi::Object interp = readObject(o, "interpolation");
  if (!interp.IsEmpty()) {
    InterpolationSettings& in = s.interpolation;
    in.enabled = true;
    readFixed(interp, "spacing", in.spacing, 3, true, "interpolation");
    for (double sp : in.spacing)
      if (!std::isfinite(sp) || sp < 0) fail(code::kBadSpacing, "interpolation.spacing must be finite and >= 0 (0 keeps an axis)");
    in.inPlane = readBool(interp, "inPlane", false);
    in.method = readInt(interp, "method", 1, 0, 2);
    in.alignment = readInt(interp, "alignment", 0, 0, 1);
    in.rounding = readInt(interp, "rounding", 0, 0, 1);
    in.maskMethod = readInt(interp, "maskMethod", 1, 0, 1);
    in.maskThreshold = readNumber(interp, "maskThreshold", 0.5);
    if (!(in.maskThreshold > 0 && in.maskThreshold <= 1)) fail(code::kInvalidConfig, "interpolation mask threshold must be in (0, 1]");
    in.threads = readInt(interp, "threads", 0, 0, 1024);
  }

  Napi::Object fam = readObject(o, "families");
  if (!fam.IsEmpty()) {
    FamilySelection& f = s.families;
    f.diagnostics = readBool(fam, "diagnostics", f.diagnostics);
    f.morphology = readBool(fam, "morphology", f.morphology);
    f.localIntensity = readBool(fam, "local_intensity", f.localIntensity);
    f.intensityStatistics = readBool(fam, "intensity_statistics", f.intensityStatistics);
    f.intensityHistogram = readBool(fam, "intensity_histogram", f.intensityHistogram);
    f.intensityVolumeHistogram = readBool(fam, "intensity_volume_histogram", f.intensityVolumeHistogram);
    f.glcm = readBool(fam, "glcm", f.glcm);
    f.glrlm = readBool(fam, "glrlm", f.glrlm);
    f.glszm = readBool(fam, "glszm", f.glszm);
    f.gldzm = readBool(fam, "gldzm", f.gldzm);
    f.ngtdm = readBool(fam, "ngtdm", f.ngtdm);
    f.ngldm = readBool(fam, "ngldm", f.ngldm);
  }
  s.discretisation = readDiscretisation(readObject(o, "discretisation"));

  Napi::Object reseg = readObject(o, "resegmentation");
  if (!reseg.IsEmpty()) {
    s.resegmentMinSet = readOptionalNumber(reseg, "min", &s.resegmentMin);
    s.resegmentMaxSet = readOptionalNumber(reseg, "max", &s.resegmentMax);
    s.outlierSigma = readNumber(reseg, "outlierSigma", 0);
    if (s.outlierSigma < 0 || !std::isfinite(s.outlierSigma)) fail(code::kInvalidConfig, "resegmentation.outlierSigma must be >= 0");
  }

  Napi::Object morph = readObject(o, "morphology");
  if (!morph.IsEmpty()) {
    s.morphology.moranExactMaxVoxels = static_cast<int64_t>(readNumber(morph, "moranExactMaxVoxels", 20000));
    s.morphology.moranSeed = static_cast<uint64_t>(readNumber(morph, "moranSeed", 1));
    s.morphology.moranFftMaxPoints = static_cast<int64_t>(readNumber(morph, "moranFftMaxPoints", static_cast<double>(int64_t(1) << 23)));
  }
  Napi::Object local = readObject(o, "localIntensity");
  if (!local.IsEmpty()) {
    s.localIntensity.sphereVolumeCm3 = readNumber(local, "sphereVolumeCm3", 1.0);
    if (!(s.localIntensity.sphereVolumeCm3 > 0) || s.localIntensity.sphereVolumeCm3 > 1000)
      fail(code::kInvalidConfig, "localIntensity.sphereVolumeCm3 must be in (0, 1000]");
  }
  Napi::Object ivh = readObject(o, "ivh");
  if (!ivh.IsEmpty()) s.ivh.discretisation = readDiscretisation(readObject(ivh, "discretisation"));

  Napi::Object tex = readObject(o, "texture");
  if (!tex.IsEmpty()) {
    TextureSettings& t = s.texture;
    if (tex.Has("distances") && tex.Get("distances").IsArray()) {
      Napi::Array a = tex.Get("distances").As<Napi::Array>();
      if (a.Length() == 0 || a.Length() > 16) fail(code::kInvalidConfig, "texture.distances must hold 1..16 distances");
      t.distances.clear();
      for (uint32_t i = 0; i < a.Length(); ++i) {
        Napi::Value e = a.Get(i);
        const double d = e.IsNumber() ? e.As<Napi::Number>().DoubleValue() : -1;
        if (d != std::floor(d) || d < 1 || d > 64) fail(code::kInvalidConfig, "texture.distances must be integers in 1..64");
        t.distances.push_back(static_cast<int32_t>(d));
      }
    }
    t.symmetric = readBool(tex, "symmetric", t.symmetric);
    t.neighbourhoodDistance = readInt(tex, "neighbourhoodDistance", 1, 1, 64);
    t.ngldmAlpha = readInt(tex, "ngldmAlpha", 0, 0, 1 << 20);
    t.returnMatrices = readBool(tex, "returnMatrices", false);
    const double cap = readNumber(tex, "maxMatrixBytes", static_cast<double>(t.maxMatrixBytes));
    if (!(cap >= 1024)) fail(code::kInvalidConfig, "texture.maxMatrixBytes must be >= 1024");
    t.maxMatrixBytes = static_cast<uint64_t>(cap);
    Napi::Object agg = readObject(tex, "aggregations");
    if (!agg.IsEmpty()) {
      t.aggregations.d2 = readBool(agg, "d2", true);
      t.aggregations.d25 = readBool(agg, "d25", true);
      t.aggregations.d3 = readBool(agg, "d3", true);
      t.aggregations.avg = readBool(agg, "avg", true);
      t.aggregations.comb = readBool(agg, "comb", true);
    }
  }
  const double maxLevels = readNumber(o, "maxLevels", static_cast<double>(s.maxLevels));
  if (!(maxLevels >= 1) || maxLevels > 4294967295.0) fail(code::kInvalidConfig, "maxLevels must be in 1..2^32-1");
  s.maxLevels = static_cast<uint64_t>(maxLevels);
  return s;
}

Napi::Object toJs(const Napi::Env& env, const FeatureSink& sink) {
  Napi::Object result = Napi::Object::New(env);
  Napi::Object features = Napi::Object::New(env);
  for (const auto& kv : sink.features) features.Set(kv.first, Napi::Number::New(env, kv.second));
  Napi::Object diagnostics = Napi::Object::New(env);
  for (const auto& kv : sink.diagnostics) diagnostics.Set(kv.first, Napi::Number::New(env, kv.second));
  for (const auto& kv : sink.textDiagnostics) diagnostics.Set(kv.first, Napi::String::New(env, kv.second));
  Napi::Array warnings = Napi::Array::New(env, sink.warnings.size());
  for (size_t i = 0; i < sink.warnings.size(); ++i) warnings.Set(static_cast<uint32_t>(i), sink.warnings[i]);
  Napi::Array matrices = Napi::Array::New(env, sink.matrices.size());
  for (size_t i = 0; i < sink.matrices.size(); ++i) {
    const NamedMatrix& m = sink.matrices[i];
    Napi::Object jm = Napi::Object::New(env);
    jm.Set("name", m.name);
    jm.Set("rows", Napi::Number::New(env, static_cast<double>(m.rows)));
    jm.Set("cols", Napi::Number::New(env, static_cast<double>(m.cols)));
    Napi::Float64Array data = Napi::Float64Array::New(env, m.data.size());
    for (size_t k = 0; k < m.data.size(); ++k) data[k] = m.data[k];
    jm.Set("data", data);
    matrices.Set(static_cast<uint32_t>(i), jm);
  }
  result.Set("features", features);
  result.Set("diagnostics", diagnostics);
  result.Set("warnings", warnings);
  result.Set("matrices", matrices);
  return result;
}

Napi::Error makeError(const Napi::Env& env, const char* errorCode, const std::string& message) {
  Napi::Error e = Napi::Error::New(env, message);
  e.Set("code", Napi::String::New(env, errorCode));
  return e;
}

}  // namespace napi
}  // namespace radiomics
