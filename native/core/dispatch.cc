#include "dispatch.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace radiomics {
namespace {

Isa probeCpu() {
#if RADIOMICS_HAVE_MULTIVERSION
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx2") &&
      __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2"))
    return Isa::X86_64_V4;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2") &&
      __builtin_cpu_supports("avx"))
    return Isa::X86_64_V3;
  if (__builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("ssse3"))
    return Isa::X86_64_V2;
#endif
  return Isa::Baseline;
}

std::atomic<int>& activeSlot() {
  static std::atomic<int> slot([] {
    Isa isa = probeCpu();
    // RADIOMICS_ISA=baseline|x86-64-v2|x86-64-v3|x86-64-v4 lowers (never raises) the choice.
    const char* env = std::getenv("RADIOMICS_ISA");
    Isa wanted;
    if (env && parseIsa(env, &wanted) && static_cast<int>(wanted) < static_cast<int>(isa)) isa = wanted;
    return static_cast<int>(isa);
  }());
  return slot;
}

}  // namespace

const char* isaEnvironmentProblem() {
  static const std::string problem = [] {
    const char* env = std::getenv("RADIOMICS_ISA");
    Isa ignored;
    if (env == nullptr || *env == '\0' || parseIsa(env, &ignored)) return std::string();
    return std::string("RADIOMICS_ISA='") + env +
           "' is not an ISA level; use one of baseline, x86-64-v2, x86-64-v3, x86-64-v4 (it can only lower the "
           "level the CPU supports), or unset it";
  }();
  return problem.empty() ? nullptr : problem.c_str();
}

Isa detectIsa() {
  static const Isa detected = probeCpu();
  return detected;
}

Isa activeIsa() { return static_cast<Isa>(activeSlot().load(std::memory_order_relaxed)); }

void setActiveIsa(Isa isa) {
  if (static_cast<int>(isa) > static_cast<int>(detectIsa())) isa = detectIsa();
  activeSlot().store(static_cast<int>(isa), std::memory_order_relaxed);
}

const char* isaName(Isa isa) {
  switch (isa) {
    case Isa::X86_64_V2: return "x86-64-v2";
    case Isa::X86_64_V3: return "x86-64-v3";
    case Isa::X86_64_V4: return "x86-64-v4";
    default: return "baseline";
  }
}

bool parseIsa(const char* name, Isa* out) {
  static const Isa all[] = {Isa::Baseline, Isa::X86_64_V2, Isa::X86_64_V3, Isa::X86_64_V4};
  for (Isa isa : all)
    if (std::strcmp(name, isaName(isa)) == 0) {
      *out = isa;
      return true;
    }
  return false;
}

}  // namespace radiomics
