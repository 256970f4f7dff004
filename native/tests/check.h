// A minimal test harness for the C++ unit tests (no dependency): TEST(name) { CHECK(...); }.
#pragma once
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace radiomics_test {

struct Case {
  const char* name;
  std::function<void()> body;
};
inline std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}
inline int& failures() {
  static int n = 0;
  return n;
}
struct Registrar {
  Registrar(const char* name, std::function<void()> body) { registry().push_back({name, std::move(body)}); }
};

}  // namespace radiomics_test

#define RT_CAT2(a, b) a##b
#define RT_CAT(a, b) RT_CAT2(a, b)
#define TEST(name)                                                                          \
  static void name();                                                                       \
  static ::radiomics_test::Registrar RT_CAT(registrar_, name)(#name, name);                \
  static void name()

#define CHECK(cond)                                                                         \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);     \
      ++::radiomics_test::failures();                                                       \
    }                                                                                       \
  } while (0)

#define CHECK_NEAR(actual, expected, tol)                                                   \
  do {                                                                                      \
    const double a_ = (actual), e_ = (expected);                                            \
    if (!(std::fabs(a_ - e_) <= (tol))) {                                                   \
      std::fprintf(stderr, "  %s:%d: %s = %.12g, expected %.12g (tol %g)\n", __FILE__,     \
                   __LINE__, #actual, a_, e_, static_cast<double>(tol));                    \
      ++::radiomics_test::failures();                                                       \
    }                                                                                       \
  } while (0)

// Expects `expr` to throw radiomics::Error with the given code.
#define CHECK_THROWS_CODE(expr, errcode)                                                    \
  do {                                                                                      \
    bool threw_ = false;                                                                    \
    try {                                                                                   \
      (void)(expr);                                                                         \
    } catch (const ::radiomics::Error& e_) {                                                \
      threw_ = std::string(e_.code()) == (errcode);                                         \
      if (!threw_) std::fprintf(stderr, "  %s:%d: threw %s\n", __FILE__, __LINE__, e_.code()); \
    }                                                                                       \
    if (!threw_) {                                                                          \
      std::fprintf(stderr, "  %s:%d: %s did not throw %s\n", __FILE__, __LINE__, #expr,   \
                   static_cast<const char*>(errcode));                                      \
      ++::radiomics_test::failures();                                                       \
    }                                                                                       \
  } while (0)
