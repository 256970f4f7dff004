// The one mapping from a C++ failure to a stable error code, used by every native entry point (sync and
// async extraction, resampling, ROI operations, roiPass) and by every stage (parsing, the work itself,
// building the result). Plain C++ (no Node): the C++ unit tests check it too.
//
//   radiomics::Error                      -> its own code and message
//   std::bad_alloc, std::length_error     -> ERR_RADIOMICS_OUT_OF_MEMORY (an allocation the machine or the
//                                            library cannot serve: too large a request)
//   any other std::exception              -> ERR_RADIOMICS_INTERNAL with what()
//   anything else (throw 42, ...)         -> ERR_RADIOMICS_INTERNAL
#pragma once
#include <exception>
#include <new>
#include <stdexcept>
#include <string>

#include "core/error.h"

namespace radiomics {

struct Failure {
  const char* code = code::kInternal;
  std::string message;
};

// Describes the exception being handled; call only inside a catch block. `during` names the operation
// ("extraction", "resampling", ...) for the messages that have no text of their own. Never throws.
inline Failure describeCurrentFailure(const char* during) noexcept {
  Failure f;
  try {
    try {
      throw;
    } catch (const Error& e) {
      f.code = e.code();
      f.message = e.what();
    } catch (const std::bad_alloc&) {
      f.code = code::kOutOfMemory;
      f.message = std::string("out of memory during ") + during + ": the request needs more memory than can be allocated";
    } catch (const std::length_error& e) {
      f.code = code::kOutOfMemory;
      f.message = std::string("out of memory during ") + during + ": a buffer larger than the maximum size was requested (" + e.what() + ")";
    } catch (const std::exception& e) {
      f.code = code::kInternal;
      f.message = std::string("internal error during ") + during + ": " + e.what();
    } catch (...) {
      f.code = code::kInternal;
      f.message = std::string("internal error during ") + during + ": unknown C++ exception";
    }
  } catch (...) {
    // Building the message itself failed (out of memory): keep a static text.
    f.code = code::kOutOfMemory;
    f.message.clear();
  }
  return f;
}

}  // namespace radiomics
