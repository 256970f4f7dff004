// How every native entry point runs: one Task type per operation, run synchronously or on the libuv pool
// by the same code, with one error mapping (error_map.h) for every stage.
//
// A Task is built on the JS thread from the call's arguments (parsing), runs `execute()` (pure C++, no
// Node; on a pool thread when async) and turns its outcome into JS with `result(env)` on the JS thread.
//   struct T { T(const Napi::CallbackInfo&, Inputs); void execute(); Napi::Value result(Napi::Env);
//              static constexpr const char* kName = "..."; };
// With Inputs::Own (async) the constructor copies every input voxel it will read into memory the task
// owns, so the caller may transfer, detach, modify or drop its buffers while the job runs.
// Output buffers a task allocates as JS typed arrays are unreachable from JS until the promise settles.
#pragma once
#include <napi.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/volume_input.h"
#include "error_map.h"
#include "job.h"

namespace radiomics {
namespace napi {

// Borrow: views into the caller's typed arrays (sync: the JS thread is blocked, nothing can detach them).
// Own: private copies (async).
enum class Inputs { Borrow, Own };

// A private copy of a volume's voxels; `view` then points into it.
struct OwnedVolume {
  RawVolume view;
  std::unique_ptr<uint8_t[]> store;
};

inline size_t dtypeBytes(DType t) {
  switch (t) {
    case DType::U8: case DType::I8: return 1;
    case DType::U16: case DType::I16: return 2;
    case DType::U32: case DType::I32: case DType::F32: return 4;
    case DType::F64: return 8;
  }
  return 8;
}

// Makes `v` (already validated by readVolume) point to a private copy of its data when inputs are owned.
inline void own(OwnedVolume& v, Inputs inputs) {
  if (inputs == Inputs::Borrow || v.view.data == nullptr || v.store) return;  // borrowed, or already a private copy
  const size_t bytes = static_cast<size_t>(v.view.length) * dtypeBytes(v.view.dtype);
  v.store.reset(new uint8_t[bytes == 0 ? 1 : bytes]);
  std::memcpy(v.store.get(), v.view.data, bytes);
  v.view.data = v.store.get();
}

// Makes `v` point to a private copy of the voxels inside `box` (a crop: grid, origin and firstVoxel set
// so that physical positions and voxel indices in messages are the caller's).
inline void ownBox(OwnedVolume& v, const Box& box) {
  const RawVolume in = v.view;
  const size_t bytes = dtypeBytes(in.dtype);
  RawVolume out = in;
  out.grid.nx = box.extent(0);
  out.grid.ny = box.extent(1);
  out.grid.nz = box.extent(2);
  in.grid.toPhysical(static_cast<double>(box.lo[0]), static_cast<double>(box.lo[1]), static_cast<double>(box.lo[2]),
                     out.grid.origin);
  out.length = out.grid.size();
  for (int a = 0; a < 3; ++a) out.firstVoxel[a] = in.firstVoxel[a] + box.lo[a];
  v.store.reset(new uint8_t[static_cast<size_t>(out.length) * bytes]);
  const uint8_t* src = static_cast<const uint8_t*>(in.data);
  uint8_t* dst = v.store.get();
  const size_t row = static_cast<size_t>(box.extent(0)) * bytes;
  for (int64_t z = box.lo[2]; z < box.hi[2]; ++z)
    for (int64_t y = box.lo[1]; y < box.hi[1]; ++y, dst += row)
      std::memcpy(dst, src + static_cast<size_t>(box.lo[0] + in.grid.nx * (y + in.grid.ny * z)) * bytes, row);
  out.data = v.store.get();
  v.view = out;
}

// Test support: RADIOMICS_TEST_INJECT_FAILURE=bad_alloc|length_error|runtime_error|unknown makes the work
// stage of every task throw that exception, so tests can prove each entry point maps it the same way.
// Read on the JS thread when the task is queued. Unset in normal use (then nothing happens).
inline std::string injectedFailure() {
  const char* v = std::getenv("RADIOMICS_TEST_INJECT_FAILURE");
  return v ? std::string(v) : std::string();
}

inline void throwInjected(const std::string& kind) {
  if (kind.empty()) return;
  if (kind == "bad_alloc") throw std::bad_alloc();
  if (kind == "length_error") throw std::length_error("injected length_error");
  if (kind == "runtime_error") throw std::runtime_error("injected runtime_error");
  if (kind == "unknown") throw 42;
}

inline Napi::Error failureToJs(Napi::Env env, const Failure& f) {
  return makeError(env, f.code, f.message.empty() ? std::string("out of memory") : f.message);
}

// Runs on the JS thread: any failure becomes a thrown RadiomicsError-shaped JS error.
template <typename Task>
Napi::Value runSync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  try {
    Task task(info, Inputs::Borrow);
    throwInjected(injectedFailure());
    task.execute();
    return task.result(env);
  } catch (const Napi::Error&) {
    throw;  // already a JS exception (e.g. a failed JS allocation): node-addon-api throws it into JS
  } catch (...) {
    throw failureToJs(env, describeCurrentFailure(Task::kName));
  }
}

template <typename Task>
class TaskWorker : public Napi::AsyncWorker {
 public:
  TaskWorker(Napi::Env env, std::unique_ptr<Task> task, std::string inject)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), task_(std::move(task)),
        inject_(std::move(inject)) {}

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      throwInjected(inject_);
      task_->execute();
    } catch (...) {
      failed_ = true;
      failure_ = describeCurrentFailure(Task::kName);
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    if (failed_) {
      deferred_.Reject(failureToJs(env, failure_).Value());
      return;
    }
    try {
      deferred_.Resolve(task_->result(env));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    } catch (...) {
      deferred_.Reject(failureToJs(env, describeCurrentFailure(Task::kName)).Value());
    }
    task_.reset();  // free the private inputs now, on the JS thread
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::unique_ptr<Task> task_;
  std::string inject_;
  bool failed_ = false;
  Failure failure_;
};

// Parses and copies on the JS thread, runs on the libuv pool, settles a Promise. Every failure, parsing
// included, rejects the promise; none throws.
template <typename Task>
Napi::Value runAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Promise::Deferred failed = Napi::Promise::Deferred::New(env);
  try {
    auto task = std::make_unique<Task>(info, Inputs::Own);
    auto* worker = new TaskWorker<Task>(env, std::move(task), injectedFailure());
    Napi::Promise p = worker->promise();
    worker->Queue();
    return p;
  } catch (const Napi::Error& e) {
    failed.Reject(e.Value());
  } catch (...) {
    failed.Reject(failureToJs(env, describeCurrentFailure(Task::kName)).Value());
  }
  return failed.Promise();
}

// For entry points that are not tasks (roiPass, buildInfo): same mapping.
template <typename F>
Napi::Value guarded(const Napi::CallbackInfo& info, const char* during, F&& body) {
  Napi::Env env = info.Env();
  try {
    return body(env);
  } catch (const Napi::Error&) {
    throw;
  } catch (...) {
    throw failureToJs(env, describeCurrentFailure(during));
  }
}

}  // namespace napi
}  // namespace radiomics
