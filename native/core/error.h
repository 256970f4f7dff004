// Typed errors raised by the core. The N-API layer catches them and turns them into a JS
// RadiomicsError carrying the same stable code; no C++ exception ever reaches Node.
#pragma once
#include <stdexcept>
#include <string>

namespace radiomics {

// Stable codes, mirrored by lib/errors.ts (ErrorCode). Never rename one: users match on them.
namespace code {
constexpr const char* kInvalidArgument = "ERR_RADIOMICS_INVALID_ARGUMENT";
constexpr const char* kDataLength = "ERR_RADIOMICS_DATA_LENGTH";
constexpr const char* kShapeMismatch = "ERR_RADIOMICS_SHAPE_MISMATCH";
constexpr const char* kGeometryMismatch = "ERR_RADIOMICS_GEOMETRY_MISMATCH";
constexpr const char* kEmptyRoi = "ERR_RADIOMICS_EMPTY_ROI";
constexpr const char* kNonFinite = "ERR_RADIOMICS_NON_FINITE";
constexpr const char* kBadSpacing = "ERR_RADIOMICS_BAD_SPACING";
constexpr const char* kBadDimensions = "ERR_RADIOMICS_BAD_DIMENSIONS";
constexpr const char* kUnsupportedDtype = "ERR_RADIOMICS_UNSUPPORTED_DTYPE";
constexpr const char* kMatrixTooLarge = "ERR_RADIOMICS_MATRIX_TOO_LARGE";
constexpr const char* kInvalidConfig = "ERR_RADIOMICS_INVALID_CONFIG";
constexpr const char* kOutOfImage = "ERR_RADIOMICS_OUT_OF_IMAGE";
constexpr const char* kOutOfMemory = "ERR_RADIOMICS_OUT_OF_MEMORY";
constexpr const char* kInternal = "ERR_RADIOMICS_INTERNAL";
}  // namespace code

class Error : public std::runtime_error {
 public:
  Error(const char* errorCode, const std::string& message) : std::runtime_error(message), code_(errorCode) {}
  const char* code() const { return code_; }

 private:
  const char* code_;
};

[[noreturn]] inline void fail(const char* errorCode, const std::string& message) { throw Error(errorCode, message); }

}  // namespace radiomics
