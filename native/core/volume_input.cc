#include "volume_input.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "dispatch.h"
#include "error.h"

namespace radiomics {

const char* dtypeName(DType t) {
  switch (t) {
    case DType::U8: return "uint8";
    case DType::I8: return "int8";
    case DType::U16: return "uint16";
    case DType::I16: return "int16";
    case DType::U32: return "uint32";
    case DType::I32: return "int32";
    case DType::F32: return "float32";
    case DType::F64: return "float64";
  }
  return "unknown";
}

namespace {

// Largest grid accepted: 2^31 voxels (16 GiB as float64) and 2^20 along one axis.
constexpr int64_t kMaxVoxels = int64_t(1) << 31;
constexpr int64_t kMaxAxis = int64_t(1) << 20;


template <typename T>
bool equalsLabel(T value, int32_t label) {
  return static_cast<double>(value) == static_cast<double>(label);
}

}  // namespace

void validateVolume(const RawVolume& v, const char* what) {
  const Grid& g = v.grid;
  const int64_t dims[3] = {g.nx, g.ny, g.nz};
  for (int a = 0; a < 3; ++a) {
    if (dims[a] <= 0 || dims[a] > kMaxAxis) {
      std::ostringstream m;
      m << what << " shape [" << g.nx << ", " << g.ny << ", " << g.nz << "] is invalid: each dimension must be in 1.."
        << kMaxAxis;
      fail(code::kBadDimensions, m.str());
    }
  }
  if (g.nx * g.ny > kMaxVoxels || g.size() > kMaxVoxels) {
    std::ostringstream m;
    m << what << " shape [" << g.nx << ", " << g.ny << ", " << g.nz << "] has more than " << kMaxVoxels << " voxels";
    fail(code::kBadDimensions, m.str());
  }
  for (int a = 0; a < 3; ++a) {
    if (!std::isfinite(g.spacing[a]) || g.spacing[a] <= 0) {
      std::ostringstream m;
      m << what << " spacing [" << g.spacing[0] << ", " << g.spacing[1] << ", " << g.spacing[2]
        << "] must be finite and positive";
      fail(code::kBadSpacing, m.str());
    }
    if (!std::isfinite(g.origin[a])) fail(code::kInvalidArgument, std::string(what) + " origin must be finite");
  }
  for (double d : g.direction)
    if (!std::isfinite(d)) fail(code::kInvalidArgument, std::string(what) + " direction must be finite");
  if (v.data == nullptr || v.length != g.size()) {
    std::ostringstream m;
    m << what << " data has " << v.length << " elements but shape [" << g.nx << ", " << g.ny << ", " << g.nz
      << "] needs " << g.size();
    fail(code::kDataLength, m.str());
  }
}

namespace {

// Bounding box and count of the voxels equal to `label` in a typed mask. The label is compared in the
// mask's own type (a label the type cannot hold matches nothing, as the double comparison of equalsLabel
// would); each row is first counted branch-free (vectorised), and only rows with a match are searched.
// Voxels of a row equal to l: 32-bit counts over blocks (vector code), summed in 64 bits.
template <typename T>
static inline int64_t countEqualKernel(const T* row, int64_t n, T l) {
  constexpr int64_t kBlock = int64_t(1) << 30;
  int64_t total = 0;
  for (int64_t b = 0; b < n; b += kBlock) {
    const int64_t e = std::min(n, b + kBlock);
    uint32_t c = 0;
    for (int64_t x = b; x < e; ++x) c += row[x] == l;
    total += c;
  }
  return total;
}

RADIOMICS_MULTIVERSION(countEqual, countEqualKernel)

template <typename T>
void scanLabel(const T* m, const Grid& g, int32_t label, Box& box, int64_t& count) {
  const T l = static_cast<T>(label);
  if (static_cast<double>(l) != static_cast<double>(label)) return;
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y) {
      const T* row = m + g.nx * (y + g.ny * z);
      const int64_t inRow = countEqual(row, g.nx, l);
      if (inRow == 0) continue;
      count += inRow;
      int64_t first = 0, last = g.nx - 1;
      while (!(row[first] == l)) ++first;
      while (!(row[last] == l)) --last;
      box.lo[0] = std::min(box.lo[0], first);
      box.hi[0] = std::max(box.hi[0], last + 1);
      box.lo[1] = std::min(box.lo[1], y);
      box.hi[1] = std::max(box.hi[1], y + 1);
      box.lo[2] = std::min(box.lo[2], z);
      box.hi[2] = std::max(box.hi[2], z + 1);
    }
}

}  // namespace

Box labelBox(const RawVolume& mask, int32_t label, int64_t* countOut) {
  const Grid& g = mask.grid;
  Box box;
  box.lo[0] = g.nx; box.lo[1] = g.ny; box.lo[2] = g.nz;
  int64_t count = 0;
  visitTyped(mask, [&](auto* m) {
    scanLabel(m, g, label, box, count);
    return 0;
  });
  if (count == 0) {
    std::ostringstream m;
    m << "the mask has no voxel with label " << label;
    fail(code::kEmptyRoi, m.str());
  }
  if (countOut) *countOut = count;
  return box;
}

RoiImage cropRoi(const RawVolume& image, const RawVolume& mask, int32_t label, const int64_t margin[3]) {
  validateVolume(image, "image");
  validateVolume(mask, "mask");
  const Grid& g = image.grid;
  if (g.nx != mask.grid.nx || g.ny != mask.grid.ny || g.nz != mask.grid.nz) {
    std::ostringstream m;
    m << "mask shape [" << mask.grid.nx << ", " << mask.grid.ny << ", " << mask.grid.nz << "] differs from image shape ["
      << g.nx << ", " << g.ny << ", " << g.nz << "]";
    fail(code::kShapeMismatch, m.str());
  }

  return cropRoi(image, mask, label, labelBox(mask, label), margin);
}

RoiImage cropRoi(const RawVolume& image, const RawVolume& mask, int32_t label, const Box& labelBox,
                 const int64_t margin[3]) {
  const Grid& g = image.grid;
  if (labelBox.empty()) {
    std::ostringstream m;
    m << "the mask has no voxel with label " << label;
    fail(code::kEmptyRoi, m.str());
  }
  Box box = labelBox;
  int64_t count = 0;
  const int64_t full[3] = {g.nx, g.ny, g.nz};
  RoiImage roi;
  for (int a = 0; a < 3; ++a) {
    const int64_t pad = margin[a] < 0 ? 0 : margin[a];
    box.lo[a] = box.lo[a] - pad < 0 ? 0 : box.lo[a] - pad;
    box.hi[a] = box.hi[a] + pad > full[a] ? full[a] : box.hi[a] + pad;
    roi.offset[a] = box.lo[a];
  }
  roi.grid = g;
  roi.grid.nx = box.extent(0);
  roi.grid.ny = box.extent(1);
  roi.grid.nz = box.extent(2);
  g.toPhysical(static_cast<double>(box.lo[0]), static_cast<double>(box.lo[1]), static_cast<double>(box.lo[2]),
               roi.grid.origin);

  const int64_t n = roi.grid.size();
  roi.intensity.resize(static_cast<size_t>(n));
  roi.morphMask.assign(static_cast<size_t>(n), 0);
  visitTyped(image, [&](auto* img) {
    return visitTyped(mask, [&](auto* m) {
      int64_t i = 0;
      for (int64_t z = box.lo[2]; z < box.hi[2]; ++z)
        for (int64_t y = box.lo[1]; y < box.hi[1]; ++y) {
          const int64_t row = g.nx * (y + g.ny * z);
          for (int64_t x = box.lo[0]; x < box.hi[0]; ++x, ++i) {
            const double value = static_cast<double>(img[row + x]);
            roi.intensity[i] = value;
            if (equalsLabel(m[row + x], label)) {
              if (!std::isfinite(value)) {
                std::ostringstream msg;
                msg << "image intensity at voxel [" << x + image.firstVoxel[0] << ", " << y + image.firstVoxel[1] << ", "
                    << z + image.firstVoxel[2] << "] inside the ROI is "
                    << (std::isnan(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity");
                fail(code::kNonFinite, msg.str());
              }
              roi.morphMask[i] = 1;
              ++count;
            }
          }
        }
      return 0;
    });
  });
  roi.intMask = roi.morphMask;
  roi.morphCount = roi.intCount = count;
  return roi;
}

Box boundingBox(const Grid& grid, const std::vector<uint8_t>& mask) {
  Box box;
  box.lo[0] = grid.nx; box.lo[1] = grid.ny; box.lo[2] = grid.nz;
  bool any = false;
  for (int64_t z = 0; z < grid.nz; ++z)
    for (int64_t y = 0; y < grid.ny; ++y)
      for (int64_t x = 0; x < grid.nx; ++x) {
        if (!mask[static_cast<size_t>(grid.index(x, y, z))]) continue;
        any = true;
        if (x < box.lo[0]) box.lo[0] = x;
        if (y < box.lo[1]) box.lo[1] = y;
        if (z < box.lo[2]) box.lo[2] = z;
        if (x + 1 > box.hi[0]) box.hi[0] = x + 1;
        if (y + 1 > box.hi[1]) box.hi[1] = y + 1;
        if (z + 1 > box.hi[2]) box.hi[2] = z + 1;
      }
  if (!any) return Box();
  return box;
}

}  // namespace radiomics
