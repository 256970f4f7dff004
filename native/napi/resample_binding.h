// resampleVolume(volume, options) and resampleVolumeAsync (a Promise; the input is copied first): resampling
// of an image to a new spacing (native/resample.h), into a Float32Array allocated by JS (no extra copy).
#pragma once
#include <napi.h>

namespace radiomics {
namespace napi {

Napi::Value ResampleVolume(const Napi::CallbackInfo& info);
Napi::Value ResampleVolumeAsync(const Napi::CallbackInfo& info);

}  // namespace napi
}  // namespace radiomics
