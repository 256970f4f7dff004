#include "job.h"

#include <cmath>
#include <string>

#include "checked_number.h"
#include "core/error.h"

namespace radiomics {
namespace napi {
namespace {

[[noreturn]] void bad(const std::string& message) { fail(code::kInvalidArgument, message); }

// Every number of the settings goes through the checked reader (checked_number.h) with its schema rule.
constexpr const char* kConfig = code::kInvalidConfig;

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

DiscretisationSettings readDiscretisation(const Napi::Object& o, const char* prefix) {
  DiscretisationSettings d;
  if (o.IsEmpty()) return d;
  const std::string method = o.Has("method") && o.Get("method").IsString() ? o.Get("method").As<Napi::String>().Utf8Value() : "none";
  if (method == "none") d.method = DiscretisationMethod::None;
  else if (method == "fbs") d.method = DiscretisationMethod::FixedBinSize;
  else if (method == "fbn") d.method = DiscretisationMethod::FixedBinNumber;
  else fail(code::kInvalidConfig, "discretisation method must be 'none', 'fbs' or 'fbn', got '" + method + "'");
  d.binWidth = readNumber(o, schema::kDiscretisationBinWidth, kConfig, prefix);
  d.nBins = readInteger<int32_t>(o, schema::kDiscretisationNBins, kConfig, prefix);
  d.hasMin = readOptional(o, schema::kDiscretisationMin, kConfig, &d.min, prefix);
  d.hasMax = readOptional(o, schema::kDiscretisationMax, kConfig, &d.max, prefix);
  d.anchorAtZero = readBool(o, "anchorAtZero", false);
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
  s.label = readInteger<int32_t>(o, schema::kLabel, kConfig);

  s.roundInput = readBool(o, "roundInput", false);
  s.wholeImage = readBool(o, "wholeImage", false);
  s.threads = readInteger<int32_t>(o, schema::kThreads, kConfig);
  Napi::Object norm = readObject(o, "normalisation");
  if (!norm.IsEmpty()) {
    NormalisationSettings& n = s.normalisation;
    n.zscore = readBool(norm, "zscore", false);
    n.roiScope = readBool(norm, "roiScope", false);
    n.scale = readNumber(norm, schema::kNormalisationScale, kConfig);
    n.outliers = readNumber(norm, schema::kNormalisationOutliers, kConfig);
    n.shift = readNumber(norm, schema::kNormalisationShift, kConfig);
  }
  Napi::Object interp = readObject(o, "interpolation");
  if (!interp.IsEmpty()) {
    InterpolationSettings& in = s.interpolation;
    in.enabled = true;
    readFixed(interp, "spacing", in.spacing, 3, true, "interpolation");
    for (int a = 0; a < 3; ++a)
      checkNumber(in.spacing[a], schema::kInterpolationSpacing, code::kBadSpacing, "interpolation.spacing[" + std::to_string(a) + "]");
    in.inPlane = readBool(interp, "inPlane", false);
    in.method = readInteger<int32_t>(interp, schema::kInterpolationMethod, kConfig);
    in.alignment = readInteger<int32_t>(interp, schema::kInterpolationAlignment, kConfig);
    in.rounding = readInteger<int32_t>(interp, schema::kInterpolationRounding, kConfig);
    in.maskMethod = readInteger<int32_t>(interp, schema::kInterpolationMaskMethod, kConfig);
    in.maskThreshold = readNumber(interp, schema::kInterpolationMaskThreshold, kConfig);
    in.threads = readInteger<int32_t>(interp, schema::kInterpolationThreads, kConfig);
    in.sitkPadDistance = readInteger<int32_t>(interp, schema::kInterpolationSitkPadDistance, kConfig);
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
  s.discretisation = readDiscretisation(readObject(o, "discretisation"), nullptr);

  Napi::Object reseg = readObject(o, "resegmentation");
  if (!reseg.IsEmpty()) {
    s.resegmentMinSet = readOptional(reseg, schema::kResegmentationMin, kConfig, &s.resegmentMin);
    s.resegmentMaxSet = readOptional(reseg, schema::kResegmentationMax, kConfig, &s.resegmentMax);
    s.outlierSigma = readNumber(reseg, schema::kResegmentationOutlierSigma, kConfig);
    s.resegmentMode = readInteger<int32_t>(reseg, schema::kResegmentationMode, kConfig);
    s.resegmentShape = readBool(reseg, "shape", false);
  }

  readFields(readObject(o, "morphology"), s.morphology, kConfig);
  readFields(readObject(o, "localIntensity"), s.localIntensity, kConfig);
  Napi::Object ivh = readObject(o, "ivh");
  if (!ivh.IsEmpty()) s.ivh.discretisation = readDiscretisation(readObject(ivh, "discretisation"), "ivh.discretisation.");

  Napi::Object tex = readObject(o, "texture");
  if (!tex.IsEmpty()) {
    TextureSettings& t = s.texture;
    if (tex.Has("distances") && tex.Get("distances").IsArray()) {
      Napi::Array a = tex.Get("distances").As<Napi::Array>();
      if (a.Length() == 0 || a.Length() > 16) fail(code::kInvalidConfig, "texture.distances must hold 1..16 distances");
      t.distances.clear();
      for (uint32_t i = 0; i < a.Length(); ++i) {
        const std::string name = "texture.distances[" + std::to_string(i) + "]";
        t.distances.push_back(static_cast<int32_t>(checkValue(a.Get(i), schema::kTextureDistances, kConfig, name)));
      }
    }
    t.symmetric = readBool(tex, "symmetric", t.symmetric);
    t.chebyshevShells = readBool(tex, "chebyshevShells", false);
    t.neighbourhoodDistance = readInteger<int32_t>(tex, schema::kTextureNeighbourhoodDistance, kConfig);
    t.ngldmAlpha = readInteger<int32_t>(tex, schema::kTextureNgldmAlpha, kConfig);
    t.returnMatrices = readBool(tex, "returnMatrices", false);
    t.maxMatrixBytes = readInteger<uint64_t>(tex, schema::kTextureMaxMatrixBytes, kConfig);
    Napi::Object agg = readObject(tex, "aggregations");
    if (!agg.IsEmpty()) {
      Aggregations& a = t.aggregations;  // keyed by tag suffix; absent = computed
      a.d2Avg = readBool(agg, "2D_avg", true), a.d2Comb = readBool(agg, "2D_comb", true);
      a.d25Avg = readBool(agg, "2_5D_avg", true), a.d25Comb = readBool(agg, "2_5D_comb", true);
      a.d3Avg = readBool(agg, "3D_avg", true), a.d3Comb = readBool(agg, "3D_comb", true);
      a.d2 = readBool(agg, "2D", true), a.d25 = readBool(agg, "2_5D", true), a.d3 = readBool(agg, "3D", true);
    }
  }
  s.maxLevels = readInteger<uint64_t>(o, schema::kMaxLevels, kConfig);
  s.minRoiVoxels = readInteger<int64_t>(o, schema::kMinRoiVoxels, kConfig);
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
