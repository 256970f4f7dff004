// Runs every TEST registered by the files of native/tests/. Prints the plain "N passed, N failed" line.
#include <cstdio>
#include <cstring>
#include <exception>

#include "check.h"
#include "core/error.h"

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int passed = 0, failed = 0;
  for (const auto& c : radiomics_test::registry()) {
    if (filter && !std::strstr(c.name, filter)) continue;
    const int before = radiomics_test::failures();
    try {
      c.body();
    } catch (const radiomics::Error& e) {
      std::fprintf(stderr, "  uncaught radiomics::Error %s: %s\n", e.code(), e.what());
      ++radiomics_test::failures();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "  uncaught exception: %s\n", e.what());
      ++radiomics_test::failures();
    }
    if (radiomics_test::failures() == before) {
      ++passed;
      std::printf("ok %s\n", c.name);
    } else {
      ++failed;
      std::printf("not ok %s\n", c.name);
    }
  }
  std::printf("native: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
