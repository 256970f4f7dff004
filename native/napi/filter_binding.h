// filterVolume(volume, options): an IBSI 2 convolutional filter's response map (native/filters/) as a
// Float32Array allocated by JS, on the same grid as the input.
#pragma once
#include <napi.h>

namespace radiomics {
namespace napi {

Napi::Value FilterVolume(const Napi::CallbackInfo& info);

}  // namespace napi
}  // namespace radiomics
