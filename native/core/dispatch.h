// Runtime SIMD dispatch without IFUNC (so it also works on musl and macOS).
//
// A hot kernel is written once, as a plain (template) function. RADIOMICS_MULTIVERSION generates one
// wrapper per x86-64 level (v2/v3/v4) with GCC/Clang `target` + `flatten`, which inlines the kernel
// body into the wrapper and compiles it for that ISA; a dispatcher picks the best wrapper at run time
// from the CPU (or the RADIOMICS_ISA environment variable / setActiveIsa, used by tests that compare
// paths). On other architectures only the baseline exists.
#pragma once
#include <utility>

namespace radiomics {

enum class Isa { Baseline = 0, X86_64_V2 = 1, X86_64_V3 = 2, X86_64_V4 = 3 };

Isa detectIsa();                // best ISA this CPU and build support
Isa activeIsa();                // the one kernels use now (detected, or overridden)
void setActiveIsa(Isa isa);     // clamps to detectIsa(); tests use it to compare paths
const char* isaName(Isa isa);   // "baseline", "x86-64-v2", ...
bool parseIsa(const char* name, Isa* out);
// Why the RADIOMICS_ISA environment variable cannot be used (a message naming the valid values), or nullptr
// when it is unset, empty or valid. The addon reports it at load time (buildInfo().isaEnvError).
const char* isaEnvironmentProblem();

}  // namespace radiomics

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(RADIOMICS_NO_MULTIVERSION)
#define RADIOMICS_HAVE_MULTIVERSION 1
#define RADIOMICS_TARGET_V2 __attribute__((target("arch=x86-64-v2"), flatten))
#define RADIOMICS_TARGET_V3 __attribute__((target("arch=x86-64-v3"), flatten))
#define RADIOMICS_TARGET_V4 __attribute__((target("arch=x86-64-v4"), flatten))
#define RADIOMICS_TARGET_BASE __attribute__((flatten))

// RADIOMICS_MULTIVERSION(name, impl): defines `name(args...)` that forwards to `impl(args...)` compiled
// for the active ISA. `impl` must be a function (template) visible here; keep it `static inline`.
#define RADIOMICS_MULTIVERSION(name, impl)                                                              \
  template <typename... A> RADIOMICS_TARGET_V4 auto name##_isa_v4(A&&... a) { return impl(std::forward<A>(a)...); } \
  template <typename... A> RADIOMICS_TARGET_V3 auto name##_isa_v3(A&&... a) { return impl(std::forward<A>(a)...); } \
  template <typename... A> RADIOMICS_TARGET_V2 auto name##_isa_v2(A&&... a) { return impl(std::forward<A>(a)...); } \
  template <typename... A> RADIOMICS_TARGET_BASE auto name##_isa_base(A&&... a) { return impl(std::forward<A>(a)...); } \
  template <typename... A> auto name(A&&... a) {                                                        \
    switch (::radiomics::activeIsa()) {                                                                 \
      case ::radiomics::Isa::X86_64_V4: return name##_isa_v4(std::forward<A>(a)...);                   \
      case ::radiomics::Isa::X86_64_V3: return name##_isa_v3(std::forward<A>(a)...);                   \
      case ::radiomics::Isa::X86_64_V2: return name##_isa_v2(std::forward<A>(a)...);                   \
      default: return name##_isa_base(std::forward<A>(a)...);                                          \
    }                                                                                                   \
  }
#else
#define RADIOMICS_HAVE_MULTIVERSION 0
#define RADIOMICS_MULTIVERSION(name, impl) \
  template <typename... A> auto name(A&&... a) { return impl(std::forward<A>(a)...); }
#endif
