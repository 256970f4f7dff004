// The Node-API entry points. Thin: each is a Task (task.h) that parses its arguments (job.cc), runs the
// core synchronously or on the libuv pool, and converts the result; every failure goes through the one
// mapping of error_map.h. No C++ exception escapes into Node.
#include <napi.h>

#include <algorithm>
#include <memory>

#include "core/dispatch.h"
#include "core/error.h"
#include "extract.h"
#include "filter_binding.h"
#include "job.h"
#include "resample_binding.h"
#include "roi_binding.h"
#include "task.h"
#if defined(RADIOMICS_HAVE_SOURCE_HASH)
#include "source_hash.h"
#endif

namespace radiomics {
namespace napi {
namespace {

// One extraction: (image, mask, settings) -> features. Async, the job copies what it reads first (task.h):
// only the ROI's bounding box plus extract()'s margin when no processing step reads the whole image (the
// whole-image diagnostics are then computed here, before the copy), else the whole image and mask.
struct ExtractTask {
  static constexpr const char* kName = "extraction";
  OwnedVolume image, mask;
  Settings settings;
  bool cropped = false;
  WholeImageFacts whole;
  FeatureSink sink;

  ExtractTask(const Napi::CallbackInfo& info, Inputs inputs) {
    Napi::Env env = info.Env();
    if (info.Length() < 3) fail(code::kInvalidArgument, "expected (image, mask, settings)");
    Napi::Object holder;
    readVolume(env, info[0], "image", image.view, holder);
    readVolume(env, info[1], "mask", mask.view, holder);
    settings = readSettings(env, info[2]);
    if (inputs == Inputs::Own && !extractionReadsWholeImage(settings) && sameShape(image.view.grid, mask.view.grid))
      ownRoiBox();
    own(image, inputs);
    own(mask, inputs);
  }

  void ownRoiBox() {
    Box box = labelBox(mask.view, settings.label);
    int64_t margin[3];
    roiMargin(settings, image.view.grid.spacing, margin);
    const int64_t full[3] = {image.view.grid.nx, image.view.grid.ny, image.view.grid.nz};
    for (int a = 0; a < 3; ++a) {
      box.lo[a] = std::max<int64_t>(0, box.lo[a] - margin[a]);
      box.hi[a] = std::min(full[a], box.hi[a] + margin[a]);
    }
    whole.grid = image.view.grid;
    if (settings.families.diagnostics) whole.summary = summariseImage(image.view);
    ownBox(image, box);
    ownBox(mask, box);
    cropped = true;
  }

  static bool sameShape(const Grid& a, const Grid& b) { return a.nx == b.nx && a.ny == b.ny && a.nz == b.nz; }

  void execute() { sink = extract(image.view, mask.view, settings, cropped ? &whole : nullptr); }
  Napi::Value result(Napi::Env env) { return toJs(env, sink); }
};

// One plain pass over the ROI voxels (sum of image values where mask == label): the reference unit of the
// bench (bench/run.js reports every family's time as a multiple of it). Synchronous only.
struct RoiPassTask {
  static constexpr const char* kName = "roiPass";
  OwnedVolume image, mask;
  int32_t label = 1;
  double sum = 0;
  int64_t count = 0;

  RoiPassTask(const Napi::CallbackInfo& info, Inputs inputs) {
    Napi::Env env = info.Env();
    if (info.Length() < 3) fail(code::kInvalidArgument, "expected (image, mask, settings)");
    Napi::Object holder;
    readVolume(env, info[0], "image", image.view, holder);
    readVolume(env, info[1], "mask", mask.view, holder);
    label = readSettings(env, info[2]).label;
    if (image.view.dtype != DType::F32 || mask.view.dtype != DType::U8)
      fail(code::kUnsupportedDtype, "roiPass expects a float32 image and a uint8 mask");
    if (image.view.length != mask.view.length) fail(code::kShapeMismatch, "image and mask lengths differ");
    own(image, inputs);
    own(mask, inputs);
  }
  void execute() {
    const float* img = static_cast<const float*>(image.view.data);
    const uint8_t* m = static_cast<const uint8_t*>(mask.view.data);
    const uint8_t l = static_cast<uint8_t>(label);
    for (int64_t i = 0; i < image.view.length; ++i)
      if (m[i] == l) {
        sum += img[i];
        ++count;
      }
  }
  Napi::Value result(Napi::Env env) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("sum", Napi::Number::New(env, sum));
    o.Set("count", Napi::Number::New(env, static_cast<double>(count)));
    return o;
  }
};

Napi::Value ExtractSync(const Napi::CallbackInfo& info) { return runSync<ExtractTask>(info); }
Napi::Value ExtractAsync(const Napi::CallbackInfo& info) { return runAsync<ExtractTask>(info); }
Napi::Value RoiPass(const Napi::CallbackInfo& info) { return runSync<RoiPassTask>(info); }

// Hash of the native sources the addon was built from (tools/native-sources.js --hash), so a test can tell a
// stale binary; "unknown" for a build without the generated header (node-gyp fallback).
const char* sourceHash() {
#if defined(RADIOMICS_HAVE_SOURCE_HASH)
  return RADIOMICS_SOURCE_HASH;
#else
  return "unknown";
#endif
}

Napi::Value BuildInfo(const Napi::CallbackInfo& info) {
  return guarded(info, "buildInfo", [](Napi::Env env) -> Napi::Value {
    Napi::Object o = Napi::Object::New(env);
    o.Set("isa", isaName(activeIsa()));
    o.Set("detectedIsa", isaName(detectIsa()));
    o.Set("multiversion", Napi::Boolean::New(env, RADIOMICS_HAVE_MULTIVERSION != 0));
    o.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
    o.Set("sourceHash", sourceHash());
    if (const char* problem = isaEnvironmentProblem()) o.Set("isaEnvError", problem);
    return o;
  });
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("extractSync", Napi::Function::New(env, ExtractSync, "extractSync"));
  exports.Set("extractAsync", Napi::Function::New(env, ExtractAsync, "extractAsync"));
  exports.Set("resampleVolume", Napi::Function::New(env, ResampleVolume, "resampleVolume"));
  exports.Set("resampleVolumeAsync", Napi::Function::New(env, ResampleVolumeAsync, "resampleVolumeAsync"));
  exports.Set("filterVolume", Napi::Function::New(env, FilterVolume, "filterVolume"));
  exports.Set("roiOperation", Napi::Function::New(env, RoiOperation, "roiOperation"));
  exports.Set("roiOperationAsync", Napi::Function::New(env, RoiOperationAsync, "roiOperationAsync"));
  exports.Set("roiPass", Napi::Function::New(env, RoiPass, "roiPass"));
  exports.Set("buildInfo", Napi::Function::New(env, BuildInfo, "buildInfo"));
  return exports;
}

}  // namespace
}  // namespace napi
}  // namespace radiomics

static Napi::Object InitRadiomics(Napi::Env env, Napi::Object exports) { return radiomics::napi::Init(env, exports); }

NODE_API_MODULE(radiomics, InitRadiomics)
