// The native boundary's plain-C++ parts: the one mapping from a C++ failure to an error code
// (napi/error_map.h), the ROI box the async binding copies (labelBox), and combined re-segmentation.
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "check.h"
#include "core/error.h"
#include "core/resegment.h"
#include "core/volume_input.h"
#include "napi/error_map.h"

using namespace radiomics;

namespace {

template <typename Thrower>
Failure failureOf(Thrower&& t) {
  try {
    t();
  } catch (...) {
    return describeCurrentFailure("testing");
  }
  return Failure{"none", ""};
}

}  // namespace

TEST(error_map_every_kind) {
  const Failure own = failureOf([] { fail(code::kEmptyRoi, "no voxel"); });
  CHECK(std::string(own.code) == code::kEmptyRoi);
  CHECK(own.message == "no voxel");
  CHECK(std::string(failureOf([] { throw std::bad_alloc(); }).code) == code::kOutOfMemory);
  CHECK(std::string(failureOf([] { std::vector<double> v; v.reserve(v.max_size() + 1); }).code) == code::kOutOfMemory);
  CHECK(std::string(failureOf([] { throw std::length_error("x"); }).code) == code::kOutOfMemory);
  const Failure other = failureOf([] { throw std::runtime_error("boom"); });
  CHECK(std::string(other.code) == code::kInternal);
  CHECK(other.message.find("boom") != std::string::npos);
  CHECK(other.message.find("testing") != std::string::npos);
  CHECK(std::string(failureOf([] { throw 42; }).code) == code::kInternal);
}

TEST(label_box_and_count) {
  // 4 x 3 x 2 int16 mask: label 7 at (1,0,0), (2,2,1); label 300 at (3,1,0).
  std::vector<int16_t> m(24, 0);
  m[1] = 7;
  m[2 + 4 * (2 + 3 * 1)] = 7;
  m[3 + 4 * 1] = 300;
  RawVolume v;
  v.data = m.data();
  v.dtype = DType::I16;
  v.length = 24;
  v.grid.nx = 4; v.grid.ny = 3; v.grid.nz = 2;
  int64_t count = 0;
  Box b = labelBox(v, 7, &count);
  CHECK(count == 2);
  CHECK(b.lo[0] == 1 && b.hi[0] == 3 && b.lo[1] == 0 && b.hi[1] == 3 && b.lo[2] == 0 && b.hi[2] == 2);
  b = labelBox(v, 300, &count);
  CHECK(count == 1 && b.lo[0] == 3 && b.hi[0] == 4 && b.lo[1] == 1 && b.hi[1] == 2);
  CHECK_THROWS_CODE(labelBox(v, 5), code::kEmptyRoi);
  // A label the mask type cannot hold matches nothing (300 in uint8 would wrap to 44).
  std::vector<uint8_t> u(24, 44);
  v.data = u.data();
  v.dtype = DType::U8;
  CHECK_THROWS_CODE(labelBox(v, 300), code::kEmptyRoi);
  CHECK(labelBox(v, 44, &count).hi[2] == 2 && count == 24);
}

TEST(resegmentation_range_and_outlier_masks_intersect) {
  // IBSI 1 2.6: both masks on the ROI before re-segmentation. 18 x 0, 10, 1000; range <= 500, 3 sd:
  // mean 50.5, sd 217.84 -> [-603, 704] keeps the 10 (range first would drop it: sd of the rest 2.23).
  RoiImage roi;
  roi.intensity.assign(20, 0.0);
  roi.intensity[18] = 10;
  roi.intensity[19] = 1000;
  roi.intMask.assign(20, 1);
  roi.morphMask.assign(20, 1);
  roi.intCount = roi.morphCount = 20;
  Settings s;
  s.resegmentMaxSet = true;
  s.resegmentMax = 500;
  s.outlierSigma = 3;
  resegment(roi, s);
  CHECK(roi.intCount == 19);
  CHECK(roi.intMask[18] == 1 && roi.intMask[19] == 0);
}
