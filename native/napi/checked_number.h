// The one reader for numbers crossing the native boundary. Every binding reads its numbers through
// these functions, each against its rule from the settings schema (core/settings_schema.h, generated
// from catalogue/settings.json): finite, a whole number where it must be one, within range. Nothing is
// cast before it has passed, so a direct call with 1e300, -5 or NaN is a typed error naming the setting,
// never undefined behaviour.
#pragma once
#include <napi.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>

#include "core/error.h"
#include "core/settings_schema.h"

namespace radiomics {
namespace napi {

// "morphology.moranSeed" -> "moranSeed": the key the rule's value has in its settings object.
inline const char* ruleKey(const schema::NumberRule& rule) {
  const char* dot = std::strrchr(rule.name, '.');
  return dot ? dot + 1 : rule.name;
}

inline std::string ruleText(const schema::NumberRule& rule) {
  std::ostringstream s;
  s.precision(17);
  s << (rule.integer ? "an integer" : "a finite number");
  const bool lo = rule.min > -std::numeric_limits<double>::max(), hi = rule.max < std::numeric_limits<double>::max();
  if (lo && hi && !rule.exclusiveMin) s << " in " << rule.min << ".." << rule.max;
  else {
    if (lo) s << (rule.exclusiveMin ? " > " : " >= ") << rule.min;
    if (lo && hi) s << " and";
    if (hi) s << " <= " << rule.max;
  }
  return s.str();
}

// Checks d against the rule; `name` is how the error names the setting (rule.name, or with a prefix / index).
inline double checkNumber(double d, const schema::NumberRule& rule, const char* errorCode, const std::string& name) {
  const bool ok = std::isfinite(d) && (!rule.integer || d == std::floor(d)) &&
                  (rule.exclusiveMin ? d > rule.min : d >= rule.min) && d <= rule.max;
  if (!ok) {
    std::ostringstream got;
    got.precision(17);
    got << d;
    fail(errorCode, "setting '" + name + "' must be " + ruleText(rule) + ", got " + got.str());
  }
  return d;
}

// Checks a JS value (must be a number) against the rule.
inline double checkValue(const Napi::Value& v, const schema::NumberRule& rule, const char* errorCode,
                         const std::string& name) {
  if (!v.IsNumber()) fail(errorCode, "setting '" + name + "' must be a number");
  return checkNumber(v.As<Napi::Number>().DoubleValue(), rule, errorCode, name);
}

// Reads the rule's key from o: its default when absent (undefined / null), else a checked number.
// `prefix` replaces the rule's own path for shared rules (e.g. "ivh.discretisation." for discretisation).
inline double readNumber(const Napi::Object& o, const schema::NumberRule& rule, const char* errorCode,
                         const char* prefix = nullptr) {
  const char* key = ruleKey(rule);
  const std::string name = prefix ? std::string(prefix) + key : std::string(rule.name);
  if (o.IsEmpty() || !o.Has(key)) return rule.fallback;
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return rule.fallback;
  return checkValue(v, rule, errorCode, name);
}

// A checked number cast to an integer type T; the rule must fit T (checked here, once per read).
template <typename T>
T readInteger(const Napi::Object& o, const schema::NumberRule& rule, const char* errorCode, const char* prefix = nullptr) {
  if (!rule.integer || rule.min < static_cast<double>(std::numeric_limits<T>::lowest()) ||
      rule.max > static_cast<double>(std::numeric_limits<T>::max()))
    fail(code::kInternal, std::string("rule for '") + rule.name + "' does not fit its integer type");
  return static_cast<T>(readNumber(o, rule, errorCode, prefix));
}

// Reads every field of a generated settings group (schema::<Group>Fields, from the 'cpp' settings of
// catalogue/settings.json) from o: a setting added to the schema is read here with no further code.
template <typename Fields>
void readFields(const Napi::Object& o, Fields& fields, const char* errorCode) {
  fields.forEachField([&](const schema::NumberRule& rule, auto& field) {
    using T = std::decay_t<decltype(field)>;
    if constexpr (std::is_floating_point_v<T>) field = readNumber(o, rule, errorCode);
    else field = readInteger<T>(o, rule, errorCode);
  });
}

// An optional number without a default: true and *out set when present.
inline bool readOptional(const Napi::Object& o, const schema::NumberRule& rule, const char* errorCode, double* out,
                         const char* prefix = nullptr) {
  const char* key = ruleKey(rule);
  if (o.IsEmpty() || !o.Has(key)) return false;
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return false;
  *out = checkValue(v, rule, errorCode, prefix ? std::string(prefix) + key : std::string(rule.name));
  return true;
}

}  // namespace napi
}  // namespace radiomics
