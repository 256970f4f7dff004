// Resampling entry points: grid planning (IBSI 026Q / QCY4, or the SimpleITK corner grid), options
// checks, dtype dispatch and output conversion. The kernel itself is in resample_kernel.h.
#include "resample.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <type_traits>

#include "core/error.h"
#include "resample_kernel.h"

namespace radiomics {
namespace {

constexpr int64_t kMaxAxis = int64_t(1) << 20;  // same bound as validateVolume
constexpr double kCeilTolerance = 1e-6;        // voxels, see resample.h

// Nearest integer, halves to even (= std::nearbyint in the default rounding mode), inlined: adding and
// subtracting 1.5 * 2^52 rounds to an integer in round-to-nearest-even arithmetic. |v| >= 2^51 is
// already an integer; NaN passes through. (Valid without -ffast-math, which the build never uses.)
inline double roundHalfEven(double v) {
  constexpr double kMagic = 6755399441055744.0;  // 1.5 * 2^52
  if (!(std::fabs(v) < 2251799813685248.0)) return v;
  return (v + kMagic) - kMagic;
}

const char* axisName(int a) { return a == 0 ? "x" : a == 1 ? "y" : "z"; }

void checkGrid(const Grid& g) {
  const int64_t dims[3] = {g.nx, g.ny, g.nz};
  for (int a = 0; a < 3; ++a) {
    if (dims[a] <= 0 || dims[a] > kMaxAxis) {
      std::ostringstream m;
      m << "resampling: input shape [" << g.nx << ", " << g.ny << ", " << g.nz
        << "] is invalid: each dimension must be in 1.."
        << kMaxAxis;
      fail(code::kBadDimensions, m.str());
    }
    if (!std::isfinite(g.spacing[a]) || g.spacing[a] <= 0) {
      std::ostringstream m;
      m << "resampling: input spacing [" << g.spacing[0] << ", " << g.spacing[1] << ", " << g.spacing[2]
        << "] must be finite and positive";
      fail(code::kBadSpacing, m.str());
    }
    if (!std::isfinite(g.origin[a])) fail(code::kInvalidArgument, "resampling: input origin must be finite");
  }
  for (double d : g.direction)
    if (!std::isfinite(d)) fail(code::kInvalidArgument, "resampling: input direction must be finite");
}

// The output box: opt.box, or the full grid when it is empty. Checked against the grid and maxVoxels.
Box resolveBox(const ResamplePlan& plan, const ResampleOptions& opt) {
  const int64_t n[3] = {plan.output.nx, plan.output.ny, plan.output.nz};
  Box box;
  if (opt.box.empty()) {
    for (int a = 0; a < 3; ++a) box.hi[a] = n[a];
  } else {
    box = opt.box;
    for (int a = 0; a < 3; ++a) {
      if (box.lo[a] < 0 || box.hi[a] > n[a]) {
        std::ostringstream m;
        m << "resampling: output box [" << box.lo[a] << ", " << box.hi[a] << ") along " << axisName(a)
          << " lies outside the output grid [0, " << n[a] << ")";
        fail(code::kInvalidArgument, m.str());
      }
    }
  }
  const int64_t voxels = box.extent(0) * box.extent(1) * box.extent(2);
  if (voxels > opt.maxVoxels) {
    std::ostringstream m;
    m << "resampling to spacing [" << plan.output.spacing[0] << ", " << plan.output.spacing[1] << ", "
      << plan.output.spacing[2] << "] mm gives " << box.extent(0) << " x " << box.extent(1) << " x " << box.extent(2)
      << " = " << voxels << " voxels, more than the limit of " << opt.maxVoxels
      << "; choose a coarser spacing or resample only a box around the ROI";
    fail(code::kBadDimensions, m.str());
  }
  return box;
}

template <typename Out, typename Conv>
struct RowWriter {
  Out* out;
  int64_t nbx, nby;
  Conv conv;
  void operator()(int64_t j, int64_t k, int64_t i0, int64_t count, const double* row) const {
    Out* o = out + nbx * (j + nby * k) + i0;
    for (int64_t x = 0; x < count; ++x) o[x] = conv(row[x]);
  }
};
template <typename Out, typename Conv>
RowWriter<Out, Conv> rowWriter(Out* out, const Box& box, Conv conv) {
  return RowWriter<Out, Conv>{out, box.extent(0), box.extent(1), conv};
}

// Bound on the kernel's z-pass intermediate (bytes): opt.maxIntermediateBytes, or when <= 0,
// kIntermediateShare of the output's bytes but at least kIntermediateFloor (small outputs: fewer tiles).
constexpr double kIntermediateShare = 0.05;
constexpr int64_t kIntermediateFloor = int64_t(1) << 20;
int64_t intermediateBytes(const ResampleOptions& opt, const Box& box, size_t outBytes) {
  if (opt.maxIntermediateBytes > 0) return opt.maxIntermediateBytes;
  const double out = static_cast<double>(box.extent(0)) * static_cast<double>(box.extent(1)) *
                     static_cast<double>(box.extent(2)) * static_cast<double>(outBytes);
  return std::max<int64_t>(kIntermediateFloor, static_cast<int64_t>(kIntermediateShare * out));
}

// The input box `data` covers (opt.inputWindow or the whole grid), checked to hold every tap.
Box checkedWindow(const Grid& grid, const ResampleOptions& opt, const resample_detail::AxisTaps taps[3]) {
  Box win = opt.inputWindow;
  const int64_t n[3] = {grid.nx, grid.ny, grid.nz};
  if (win.empty())
    for (int a = 0; a < 3; ++a) {
      win.lo[a] = 0;
      win.hi[a] = n[a];
    }
  for (int a = 0; a < 3; ++a) {
    const bool reads = taps[a].hi > taps[a].lo;
    if (win.lo[a] < 0 || win.hi[a] > n[a] || (reads && (taps[a].lo < win.lo[a] || taps[a].hi > win.hi[a]))) {
      std::ostringstream m;
      m << "resampling: input window [" << win.lo[a] << ", " << win.hi[a] << ") along " << axisName(a)
        << " does not hold the input range [" << taps[a].lo << ", " << taps[a].hi << ") the output box reads";
      fail(code::kInvalidArgument, m.str());
    }
  }
  return win;
}

template <typename T>
Resampled<T> allocate(const ResampleTarget& t) {
  Resampled<T> r;
  r.fullGrid = t.plan.output;
  r.box = t.box;
  r.grid = t.grid;
  r.data.resize(static_cast<size_t>(r.grid.size()));
  return r;
}


}  // namespace

ResamplePlan planResample(const Grid& input, const ResampleOptions& opt) {
  checkGrid(input);
  ResamplePlan plan;
  plan.input = input;
  plan.output = input;  // direction (and, for kept axes, spacing) carried over
  const int64_t n[3] = {input.nx, input.ny, input.nz};
  int64_t nOut[3];
  double start[3];
  for (int a = 0; a < 3; ++a) {
    const double sIn = input.spacing[a], sOut = opt.spacing[a];
    AxisMap& m = plan.axis[a];
    m.nIn = n[a];
    const bool keep = (a == 2 && opt.inPlane) || sOut == 0.0;
    if (!keep && !(std::isfinite(sOut) && sOut > 0)) {
      std::ostringstream msg;
      msg << "resampling: target spacing [" << opt.spacing[0] << ", " << opt.spacing[1] << ", " << opt.spacing[2]
          << "] mm must be finite and positive (0 keeps an axis)";
      fail(code::kBadSpacing, msg.str());
    }
    if (keep) {
      m.nOut = n[a];
      m.start = 0.0;
      m.step = 1.0;
    } else {
      const double q = static_cast<double>(n[a]) * sIn / sOut;  // 026Q: n_b = ceil(n_a s_a / s_b)
      if (!(q - kCeilTolerance <= static_cast<double>(kMaxAxis))) {
        std::ostringstream msg;
        msg << "resampling " << n[a] << " voxels of " << sIn << " mm along " << axisName(a) << " to " << sOut
            << " mm gives more than " << kMaxAxis << " voxels along that axis";
        fail(code::kBadDimensions, msg.str());
      }
      m.nOut = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(q - kCeilTolerance)));
      m.step = sOut / sIn;
      m.start = opt.alignment == GridAlignment::Centre
                    ? 0.5 * (static_cast<double>(n[a] - 1) - m.step * static_cast<double>(m.nOut - 1))  // QCY4
                    : 0.5 * (m.step - 1.0);  // corners of voxel 0 coincide (SimpleITK / PyRadiomics)
      plan.output.spacing[a] = sOut;
    }
    nOut[a] = m.nOut;
    start[a] = m.start;
  }
  // SimpleITK's evaluation of the corner grid (PyRadiomics), axis-aligned directions only.
  const double* D = input.direction;
  const bool axisAligned = D[1] == 0 && D[2] == 0 && D[3] == 0 && D[5] == 0 && D[6] == 0 && D[7] == 0;
  if (opt.sitkPositions && opt.alignment == GridAlignment::Corner && axisAligned) {
    const double sIn[3] = {input.spacing[0], input.spacing[1], input.spacing[2]};
    for (int a = 0; a < 3; ++a) {
      AxisMap& m = plan.axis[a];
      if (m.identity()) continue;
      const double d = D[4 * a], sOut = opt.spacing[a];
      const double lo = opt.box.empty() ? 0.0 : static_cast<double>(opt.box.lo[a]);
      const double cropIndex = 0.5 * (sOut - sIn[a]) / sIn[a] + lo / (sIn[a] / sOut);
      m.sitk = true;
      m.inputOrigin = input.origin[a];
      m.sitkOrigin = d * sIn[a] * cropIndex + input.origin[a];
      m.sitkStep = d * sOut;
      m.sitkInverse = 1.0 / (d * sIn[a]);
      m.sitkLo = opt.box.empty() ? 0 : opt.box.lo[a];
    }
  }
  plan.output.nx = nOut[0];
  plan.output.ny = nOut[1];
  plan.output.nz = nOut[2];
  input.toPhysical(start[0], start[1], start[2], plan.output.origin);
  return plan;
}

Grid cropGrid(const Grid& grid, const Box& box) {
  Grid g = grid;
  g.nx = box.extent(0);
  g.ny = box.extent(1);
  g.nz = box.extent(2);
  grid.toPhysical(static_cast<double>(box.lo[0]), static_cast<double>(box.lo[1]), static_cast<double>(box.lo[2]),
                  g.origin);
  return g;
}

Box coveringBox(const ResamplePlan& plan, const Box& inputBox, const int64_t margin[3]) {
  Box out;
  if (inputBox.empty()) return out;
  for (int a = 0; a < 3; ++a) {
    const AxisMap& m = plan.axis[a];
    const double lo = static_cast<double>(inputBox.lo[a]), hi = static_cast<double>(inputBox.hi[a]);
    int64_t first = m.nOut, last = -1;
    for (int64_t i = 0; i < m.nOut; ++i) {
      // Clamped position, as the interpolation sees it.
      const double p = std::min(std::max(m.position(i), 0.0), static_cast<double>(m.nIn - 1));
      if (p > lo - 1.0 && p < hi) {
        first = std::min(first, i);
        last = i;
      }
    }
    if (last < 0) return Box();
    const int64_t pad = std::max<int64_t>(margin ? margin[a] : 0, 0);
    out.lo[a] = std::max<int64_t>(first - pad, 0);
    out.hi[a] = std::min<int64_t>(last + 1 + pad, m.nOut);
  }
  return out;
}

ResampleTarget resampleTarget(const Grid& input, const ResampleOptions& opt) {
  ResampleTarget t;
  t.plan = planResample(input, opt);
  t.box = resolveBox(t.plan, opt);
  t.grid = cropGrid(t.plan.output, t.box);
  return t;
}

Box inputWindow(const ResampleTarget& target, const ResampleOptions& opt, Interpolation method) {
  Box win;
  for (int a = 0; a < 3; ++a) {
    const resample_detail::AxisTaps t =
        resample_detail::makeTaps(target.plan.axis[a], method, target.box.lo[a], target.box.hi[a], opt.prefilterMargin);
    win.lo[a] = t.lo;
    win.hi[a] = t.hi;
  }
  return win;
}

Box pyradiomicsCropBox(const ResamplePlan& plan, const Box& maskBox, int64_t padDistance) {
  Box out;
  if (maskBox.empty()) return out;
  const double pad = static_cast<double>(padDistance);
  for (int a = 0; a < 3; ++a) {
    const AxisMap& m = plan.axis[a];
    const double ratio = 1.0 / m.step;  // spacingRatio = s_a / s_b
    const double lo = std::floor((static_cast<double>(maskBox.lo[a]) - 0.5) * ratio - pad);
    const double hi = std::ceil((static_cast<double>(maskBox.hi[a]) - 0.5) * ratio + pad);
    out.lo[a] = std::max<int64_t>(0, static_cast<int64_t>(lo));
    out.hi[a] = std::min<int64_t>(m.nOut - 1, static_cast<int64_t>(hi)) + 1;
    if (out.hi[a] <= out.lo[a]) return Box();
  }
  return out;
}

template <typename In, typename Out>
void resampleImageInto(const In* data, const Grid& grid, const ResampleOptions& opt, Out* out) {
  if (data == nullptr || out == nullptr) fail(code::kInvalidArgument, "resampling: no image data");
  const ResampleTarget target = resampleTarget(grid, opt);
  const Box& box = target.box;
  resample_detail::AxisTaps taps[3];
  for (int a = 0; a < 3; ++a)
    taps[a] = resample_detail::makeTaps(target.plan.axis[a], opt.method, box.lo[a], box.hi[a], opt.prefilterMargin);
  const Box win = checkedWindow(grid, opt, taps);
  auto load = [](In v) { return static_cast<double>(v); };
  const int64_t midBytes = intermediateBytes(opt, box, sizeof(Out));
  switch (opt.rounding) {
    case Rounding::None:
      resample_detail::resampleSeparable(
          data, win, taps, box, load, rowWriter(out, box, [](double v) { return static_cast<Out>(v); }), opt.threads,
          midBytes);
      break;
    case Rounding::Nearest:  // IBSI 68QD; halves to even (numpy.round)
      resample_detail::resampleSeparable(
          data, win, taps, box, load, rowWriter(out, box, [](double v) { return static_cast<Out>(roundHalfEven(v)); }),
          opt.threads, midBytes);
      break;
    case Rounding::Float32:
      resample_detail::resampleSeparable(
          data, win, taps, box, load,
          rowWriter(out, box, [](double v) { return static_cast<Out>(static_cast<float>(v)); }), opt.threads, midBytes);
      break;
    case Rounding::TowardZero:
      resample_detail::resampleSeparable(
          data, win, taps, box, load, rowWriter(out, box, [](double v) { return static_cast<Out>(std::trunc(v)); }),
          opt.threads, midBytes);
      break;
  }
}

template <typename In, typename Out>
Resampled<Out> resampleImage(const In* data, const Grid& grid, const ResampleOptions& opt) {
  const ResampleTarget target = resampleTarget(grid, opt);
  Resampled<Out> r = allocate<Out>(target);
  resampleImageInto<In, Out>(data, grid, opt, r.data.data());
  return r;
}

template <typename Out>
Resampled<Out> resampleImage(const RawVolume& image, const ResampleOptions& opt) {
  validateVolume(image, "image");
  return visitTyped(image, [&](auto* p) {
    using In = std::remove_const_t<std::remove_pointer_t<decltype(p)>>;
    return resampleImage<In, Out>(p, image.grid, opt);
  });
}

template <typename In>
void resampleMaskInto(const In* mask, const Grid& grid, const ResampleOptions& geometry,
                      const MaskResampleOptions& maskOpt, uint8_t* out) {
  if (mask == nullptr || out == nullptr) fail(code::kInvalidArgument, "mask resampling: no mask data");
  if (maskOpt.method == Interpolation::BSpline)
    fail(code::kInvalidArgument,
         "mask resampling: use nearest neighbour or linear interpolation for the ROI mask (IBSI E8H9), not B-spline");
  if (!(maskOpt.threshold > 0.0 && maskOpt.threshold <= 1.0)) {
    std::ostringstream m;
    m << "mask resampling: partial volume threshold " << maskOpt.threshold << " must be in (0, 1]";
    fail(code::kInvalidArgument, m.str());
  }
  const ResampleTarget target = resampleTarget(grid, geometry);
  const Box& box = target.box;
  resample_detail::AxisTaps taps[3];
  for (int a = 0; a < 3; ++a)
    taps[a] = resample_detail::makeTaps(target.plan.axis[a], maskOpt.method, box.lo[a], box.hi[a]);
  const Box win = checkedWindow(grid, geometry, taps);
  const double label = static_cast<double>(maskOpt.label), delta = maskOpt.threshold;
  auto load = [label](In v) { return static_cast<double>(v) == label ? 1.0 : 0.0; };
  resample_detail::resampleSeparable(
      mask, win, taps, box, load, rowWriter(out, box, [delta](double v) { return uint8_t(v >= delta ? 1 : 0); }),
      geometry.threads, intermediateBytes(geometry, box, sizeof(uint8_t)));
}

template <typename In>
Resampled<uint8_t> resampleMask(const In* mask, const Grid& grid, const ResampleOptions& geometry,
                                const MaskResampleOptions& maskOpt) {
  const ResampleTarget target = resampleTarget(grid, geometry);
  Resampled<uint8_t> r = allocate<uint8_t>(target);
  resampleMaskInto(mask, grid, geometry, maskOpt, r.data.data());
  return r;
}

Resampled<uint8_t> resampleMask(const RawVolume& mask, const ResampleOptions& geometry,
                                const MaskResampleOptions& maskOpt) {
  validateVolume(mask, "mask");
  return visitTyped(mask, [&](auto* p) { return resampleMask(p, mask.grid, geometry, maskOpt); });
}

#define RADIOMICS_RESAMPLE_INSTANTIATE(In)                                                                   \
  template Resampled<float> resampleImage<In, float>(const In*, const Grid&, const ResampleOptions&);       \
  template Resampled<double> resampleImage<In, double>(const In*, const Grid&, const ResampleOptions&);     \
  template Resampled<uint8_t> resampleMask<In>(const In*, const Grid&, const ResampleOptions&,               \
                                               const MaskResampleOptions&);                                  \
  template void resampleImageInto<In, float>(const In*, const Grid&, const ResampleOptions&, float*);        \
  template void resampleImageInto<In, double>(const In*, const Grid&, const ResampleOptions&, double*);      \
  template void resampleMaskInto<In>(const In*, const Grid&, const ResampleOptions&, const MaskResampleOptions&, \
                                     uint8_t*);
RADIOMICS_RESAMPLE_INSTANTIATE(uint8_t)
RADIOMICS_RESAMPLE_INSTANTIATE(int8_t)
RADIOMICS_RESAMPLE_INSTANTIATE(uint16_t)
RADIOMICS_RESAMPLE_INSTANTIATE(int16_t)
RADIOMICS_RESAMPLE_INSTANTIATE(uint32_t)
RADIOMICS_RESAMPLE_INSTANTIATE(int32_t)
RADIOMICS_RESAMPLE_INSTANTIATE(float)
RADIOMICS_RESAMPLE_INSTANTIATE(double)
#undef RADIOMICS_RESAMPLE_INSTANTIATE

template Resampled<float> resampleImage<float>(const RawVolume&, const ResampleOptions&);
template Resampled<double> resampleImage<double>(const RawVolume&, const ResampleOptions&);

}  // namespace radiomics
