// Turning JS arguments into a plain extraction job (RawVolume x2 + Settings) and results back into JS.
// Every size and value that crosses the boundary is checked here or in the core.
#pragma once
#include <napi.h>

#include "core/feature_sink.h"
#include "core/settings.h"
#include "core/volume_input.h"

namespace radiomics {
namespace napi {

// Reads { data: TypedArray, shape: [x, y, z], spacing, origin, direction } into `out`. The RawVolume
// points into the TypedArray's memory: keep a reference to it while the volume is in use.
void readVolume(const Napi::Env& env, const Napi::Value& value, const char* what, RawVolume& out,
                Napi::Object& dataHolder);

// Reads the settings object built by lib/native-settings.ts.
Settings readSettings(const Napi::Env& env, const Napi::Value& value);

// { features: {tag: number}, diagnostics: {tag: number|string}, warnings: [string], matrices: [...] }
Napi::Object toJs(const Napi::Env& env, const FeatureSink& sink);

// A JS Error carrying a stable `code` property (lib/errors.ts turns it into a RadiomicsError).
Napi::Error makeError(const Napi::Env& env, const char* code, const std::string& message);

}  // namespace napi
}  // namespace radiomics
