// The Node-API entry points. Thin: parse the job (job.cc), run the core (extract.cc) synchronously or
// on the libuv pool, convert the result or error. No C++ exception escapes into Node.
#include <napi.h>

#include <memory>

#include "core/dispatch.h"
#include "core/error.h"
#include "extract.h"
#include "filter_binding.h"
#include "job.h"
#include "resample_binding.h"
#include "roi_binding.h"

namespace radiomics {
namespace napi {
namespace {

struct Job {
  RawVolume image, mask;
  Settings settings;
};

// Parses (image, mask, settings) and keeps the typed arrays alive through `refs`.
Job parseJob(const Napi::CallbackInfo& info, Napi::ObjectReference* refs) {
  Napi::Env env = info.Env();
  if (info.Length() < 3) fail(code::kInvalidArgument, "expected (image, mask, settings)");
  Job job;
  Napi::Object imageData, maskData;
  readVolume(env, info[0], "image", job.image, imageData);
  readVolume(env, info[1], "mask", job.mask, maskData);
  job.settings = readSettings(env, info[2]);
  if (refs) {
    refs[0] = Napi::Persistent(imageData);
    refs[1] = Napi::Persistent(maskData);
  }
  return job;
}

Napi::Value ExtractSync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  try {
    Job job = parseJob(info, nullptr);
    FeatureSink sink = extract(job.image, job.mask, job.settings);
    return toJs(env, sink);
  } catch (const Error& e) {
    makeError(env, e.code(), e.what()).ThrowAsJavaScriptException();
  } catch (const std::bad_alloc&) {
    makeError(env, code::kMatrixTooLarge, "out of memory during extraction").ThrowAsJavaScriptException();
  } catch (const Napi::Error& e) {
    throw;
  } catch (const std::exception& e) {
    makeError(env, code::kInternal, e.what()).ThrowAsJavaScriptException();
  }
  return env.Undefined();
}

// Runs extract() on the libuv thread pool; resolves a Promise.
class ExtractWorker : public Napi::AsyncWorker {
 public:
  ExtractWorker(Napi::Env env, Job job, Napi::ObjectReference imageRef, Napi::ObjectReference maskRef)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), job_(std::move(job)),
        imageRef_(std::move(imageRef)), maskRef_(std::move(maskRef)) {}

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      sink_ = extract(job_.image, job_.mask, job_.settings);
    } catch (const Error& e) {
      code_ = e.code();
      message_ = e.what();
    } catch (const std::bad_alloc&) {
      code_ = code::kMatrixTooLarge;
      message_ = "out of memory during extraction";
    } catch (const std::exception& e) {
      code_ = code::kInternal;
      message_ = e.what();
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (code_) {
      deferred_.Reject(makeError(env, code_, message_).Value());
      return;
    }
    try {
      deferred_.Resolve(toJs(env, sink_));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  Job job_;
  Napi::ObjectReference imageRef_, maskRef_;
  FeatureSink sink_;
  const char* code_ = nullptr;
  std::string message_;
};

Napi::Value ExtractAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  try {
    Napi::ObjectReference refs[2];
    Job job = parseJob(info, refs);
    auto* worker = new ExtractWorker(env, std::move(job), std::move(refs[0]), std::move(refs[1]));
    Napi::Promise p = worker->promise();
    worker->Queue();
    return p;
  } catch (const Error& e) {
    auto d = Napi::Promise::Deferred::New(env);
    d.Reject(makeError(env, e.code(), e.what()).Value());
    return d.Promise();
  } catch (const Napi::Error& e) {
    auto d = Napi::Promise::Deferred::New(env);
    d.Reject(e.Value());
    return d.Promise();
  }
}

// One plain pass over the ROI voxels (sum of image values where mask == label): the reference unit of the
// bench (bench/run.js reports every family's time as a multiple of it).
Napi::Value RoiPass(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  try {
    Job job = parseJob(info, nullptr);
    if (job.image.dtype != DType::F32 || job.mask.dtype != DType::U8)
      fail(code::kUnsupportedDtype, "roiPass expects a float32 image and a uint8 mask");
    if (job.image.length != job.mask.length) fail(code::kShapeMismatch, "image and mask lengths differ");
    const float* img = static_cast<const float*>(job.image.data);
    const uint8_t* m = static_cast<const uint8_t*>(job.mask.data);
    const uint8_t label = static_cast<uint8_t>(job.settings.label);
    double sum = 0;
    int64_t count = 0;
    for (int64_t i = 0; i < job.image.length; ++i)
      if (m[i] == label) {
        sum += img[i];
        ++count;
      }
    Napi::Object o = Napi::Object::New(env);
    o.Set("sum", Napi::Number::New(env, sum));
    o.Set("count", Napi::Number::New(env, static_cast<double>(count)));
    return o;
  } catch (const Error& e) {
    makeError(env, e.code(), e.what()).ThrowAsJavaScriptException();
  }
  return env.Undefined();
}

Napi::Value BuildInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("isa", isaName(activeIsa()));
  o.Set("detectedIsa", isaName(detectIsa()));
  o.Set("multiversion", Napi::Boolean::New(env, RADIOMICS_HAVE_MULTIVERSION != 0));
  o.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
  return o;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("extractSync", Napi::Function::New(env, ExtractSync, "extractSync"));
  exports.Set("extractAsync", Napi::Function::New(env, ExtractAsync, "extractAsync"));
  exports.Set("resampleVolume", Napi::Function::New(env, ResampleVolume, "resampleVolume"));
  exports.Set("filterVolume", Napi::Function::New(env, FilterVolume, "filterVolume"));
  exports.Set("roiOperation", Napi::Function::New(env, RoiOperation, "roiOperation"));
  exports.Set("roiPass", Napi::Function::New(env, RoiPass, "roiPass"));
  exports.Set("buildInfo", Napi::Function::New(env, BuildInfo, "buildInfo"));
  return exports;
}

}  // namespace
}  // namespace napi
}  // namespace radiomics

static Napi::Object InitRadiomics(Napi::Env env, Napi::Object exports) { return radiomics::napi::Init(env, exports); }

NODE_API_MODULE(radiomics, InitRadiomics)
