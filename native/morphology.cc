// IBSI 3.1 morphological features (HCUG). The mesh comes from the morphological mask (marching cubes,
// morphology_mesh.cc); point-set features (PCA, centre of mass) use voxel centres; integrated
// intensity, Moran's I and Geary's C use the intensity mask. All lengths in mm (grid.toPhysical:
// spacing and direction).
#include "morphology.h"

#include <cmath>
#include <sstream>
#include <string>

#include "core/feature_tags.h"
#include "morphology_autocorr.h"
#include "morphology_autocorr_fft.h"
#include "morphology_bbox.h"
#include "morphology_ellipsoid.h"
#include "morphology_hull.h"
#include "morphology_mesh.h"

namespace radiomics {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kMveeMaxIterations = 20000;  // bound on the work; a warning says when it is hit
constexpr size_t kOmbbMaxDirections = 256;  // largest hull facet planes tried for the OMBB

// Linear part of grid -> physical: L = direction * diag(spacing).
void linearMap(const Grid& g, double L[9]) {
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) L[3 * r + c] = g.direction[3 * r + c] * g.spacing[c];
}

void apply(const double L[9], const double v[3], double out[3]) {
  for (int r = 0; r < 3; ++r) out[r] = L[3 * r] * v[0] + L[3 * r + 1] * v[1] + L[3 * r + 2] * v[2];
}

// Mean grid position of the mask voxels and their covariance (grid units), two passes.
void voxelMoments(const Grid& g, const std::vector<uint8_t>& mask, int64_t count, double mean[3], double cov[9]) {
  for (int a = 0; a < 3; ++a) mean[a] = 0;
  for (int k = 0; k < 9; ++k) cov[k] = 0;
  if (count == 0) return;
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y) {
      const uint8_t* row = &mask[static_cast<size_t>(g.index(0, y, z))];
      double cx = 0, cn = 0;
      for (int64_t x = 0; x < g.nx; ++x)
        if (row[x]) cx += static_cast<double>(x), cn += 1;
      mean[0] += cx, mean[1] += cn * static_cast<double>(y), mean[2] += cn * static_cast<double>(z);
    }
  for (int a = 0; a < 3; ++a) mean[a] /= static_cast<double>(count);
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y) {
      const uint8_t* row = &mask[static_cast<size_t>(g.index(0, y, z))];
      const double dy = static_cast<double>(y) - mean[1], dz = static_cast<double>(z) - mean[2];
      double sx = 0, sxx = 0, cn = 0;
      for (int64_t x = 0; x < g.nx; ++x)
        if (row[x]) {
          const double dx = static_cast<double>(x) - mean[0];
          sx += dx, sxx += dx * dx, cn += 1;
        }
      cov[0] += sxx, cov[1] += sx * dy, cov[2] += sx * dz;
      cov[4] += cn * dy * dy, cov[5] += cn * dy * dz, cov[8] += cn * dz * dz;
    }
  // Sample covariance (divisor N - 1): the IBSI phantom's axis lengths (11.4, 9.31, 8.54) need it;
  // the population divisor gives 11.33 / 9.24 / 8.48. A single voxel has zero covariance.
  const double divisor = count > 1 ? static_cast<double>(count - 1) : 1.0;
  for (int k : {0, 1, 2, 4, 5, 8}) cov[k] /= divisor;
  cov[3] = cov[1], cov[6] = cov[2], cov[7] = cov[5];
}

// NaN when the denominator is zero or not finite (the caller warns).
double ratio(double num, double den) { return den != 0 && std::isfinite(den) ? num / den : NAN; }

// Every morphology tag (catalogue order), for the all-NaN result of a degenerate ROI.
constexpr const char* const* kTags = tags::kMorphology;

// RNU0 .. 25C7 from the mesh volume V and area A (both > 0 for any non-empty mask), and YEKZ.
void shapeFeatures(double V, double volApprox, double A, FeatureSink& out) {
  out.add(tags::morph::kVolume, V);
  // YEKZ  volume by voxel counting: N_v * voxel volume
  out.add(tags::morph::kVolApprox, volApprox);
  out.add(tags::morph::kAreaMesh, A);
  // 2PR5  A / V
  out.add(tags::morph::kAv, A / V);
  // SKGS  V / (sqrt(pi) A^(3/2))
  out.add(tags::morph::kComp1, V / (std::sqrt(kPi) * std::pow(A, 1.5)));
  // BQWJ  36 pi V^2 / A^3
  out.add(tags::morph::kComp2, 36 * kPi * V * V / (A * A * A));
  // KRCK  A / (36 pi V^2)^(1/3)
  out.add(tags::morph::kSphDispr, A / std::cbrt(36 * kPi * V * V));
  // QCFX  (36 pi V^2)^(1/3) / A
  out.add(tags::morph::kSphericity, std::cbrt(36 * kPi * V * V) / A);
  // 25C7  (A^3 / (36 pi V^2))^(1/3) - 1
  out.add(tags::morph::kAsphericity, std::cbrt(A * A * A / (36 * kPi * V * V)) - 1);
}

// KLMA and the intensity sum (for 99N0). CoM_geom: mean of the morphological-mask voxel centres;
// CoM_gl: intensity-weighted mean of the intensity-mask voxel centres. Grid units, mapped by L.
double centreOfMassShift(const RoiImage& roi, const double morphMean[3], const double L[9], double& sumInt,
                         FeatureSink& out) {
  const Grid& g = roi.grid;
  double sw = 0, swx[3] = {0, 0, 0};
  for (int64_t z = 0; z < g.nz; ++z)
    for (int64_t y = 0; y < g.ny; ++y)
      for (int64_t x = 0; x < g.nx; ++x) {
        const size_t i = static_cast<size_t>(g.index(x, y, z));
        if (!roi.intMask[i]) continue;
        const double w = roi.intensity[i];
        sw += w;
        swx[0] += w * (static_cast<double>(x) - morphMean[0]);
        swx[1] += w * (static_cast<double>(y) - morphMean[1]);
        swx[2] += w * (static_cast<double>(z) - morphMean[2]);
      }
  sumInt = sw;
  if (roi.intCount == 0) {
    out.warn("morph_com: the intensity mask is empty; centre of mass shift is NaN");
    return NAN;
  }
  if (sw == 0) {
    out.warn("morph_com: the ROI intensities sum to 0, so the intensity-weighted centre is undefined; NaN");
    return NAN;
  }
  const double shift[3] = {swx[0] / sw, swx[1] / sw, swx[2] / sw};  // CoM_gl - CoM_geom, grid units
  double s[3];
  apply(L, shift, s);
  return std::sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
}

// Eigenvalues (descending, mm^2) and eigenvectors of the physical covariance L C L^T.
void physicalPca(const double cov[9], const double L[9], double lambda[3], double vec[9]) {
  double LC[9], C[9];
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      LC[3 * r + c] = L[3 * r] * cov[c] + L[3 * r + 1] * cov[3 + c] + L[3 * r + 2] * cov[6 + c];
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      C[3 * r + c] = LC[3 * r] * L[3 * c] + LC[3 * r + 1] * L[3 * c + 1] + LC[3 * r + 2] * L[3 * c + 2];
  symmetricEigen3(C, lambda, vec);
  const double trace = C[0] + C[4] + C[8];
  for (int k = 0; k < 3; ++k)
    if (lambda[k] < 1e-12 * trace || lambda[k] < 0) lambda[k] = 0;  // rounding noise of flat / linear ROIs
}

}  // namespace

void computeMorphology(const RoiImage& roi, const MorphologySettings& settings, FeatureSink& out) {
  const Grid& g = roi.grid;
  if (roi.morphCount == 0) {
    for (size_t k = 0; k < tags::kMorphologyCount; ++k) out.add(kTags[k], std::string(kTags[k]) == tags::morph::kVolApprox ? 0.0 : NAN);
    out.warn("morphology: the morphological mask is empty; morphological features are NaN");
    return;
  }
  double L[9];
  linearMap(g, L);

  // ---- Mesh (WRJH) of the morphological mask -----------------------------------------------------
  const Mesh mesh = marchingCubes(g, roi.morphMask);
  double ref[3];  // a point near the mesh, for rounding
  g.toPhysical(0.5 * static_cast<double>(g.nx - 1), 0.5 * static_cast<double>(g.ny - 1),
               0.5 * static_cast<double>(g.nz - 1), ref);
  // RNU0  V = |sum_k a.(b x c) / 6| over the mesh faces
  const double V = std::fabs(signedMeshVolume(mesh.points.data(), mesh.faces.data(), mesh.faceCount(), ref));
  // C0JK  A = sum_k |ab x ac| / 2
  const double A = meshArea(mesh.points.data(), mesh.faces.data(), mesh.faceCount());

  // ---- Convex hull of the mesh vertices ------------------------------------------------------------
  const ConvexHull hull = convexHull(mesh.lattice, hullCandidates(mesh.lattice));
  double hullVolume = NAN, hullArea = NAN, diameter = NAN;
  if (hull.degenerate) {
    out.warn("morphology: the mesh vertices span no volume; convex hull features are NaN");
  } else {
    const int64_t nf = static_cast<int64_t>(hull.faces.size() / 3);
    hullVolume = std::fabs(signedMeshVolume(mesh.points.data(), hull.faces.data(), nf, ref));
    hullArea = meshArea(mesh.points.data(), hull.faces.data(), nf);
    diameter = maxPairDistance(mesh.points, hull.vertices);
  }

  // ---- Voxel point set X_c: centre of mass and PCA --------------------------------------------------
  double morphMean[3], morphCov[9], lambda[3], vec[9], sumInt = 0;
  voxelMoments(g, roi.morphMask, roi.morphCount, morphMean, morphCov);
  physicalPca(morphCov, L, lambda, vec);
  const double com = centreOfMassShift(roi, morphMean, L, sumInt, out);

  // RNU0, YEKZ, C0JK, 2PR5, SKGS, BQWJ, KRCK, QCFX, 25C7
  shapeFeatures(V, static_cast<double>(roi.morphCount) * g.spacing[0] * g.spacing[1] * g.spacing[2], A, out);
  // KLMA  || CoM_geom - CoM_gl ||_2
  out.add(tags::morph::kCom, com);
  // L0JK  max ||X_vx,k1 - X_vx,k2||: the farthest pair of mesh vertices is a pair of hull vertices
  out.add(tags::morph::kDiam, diameter);

  // TDIC, P9VJ, 7J51  2a = 4 sqrt(lambda_major), 2b = 4 sqrt(lambda_minor), 2c = 4 sqrt(lambda_least)
  out.add(tags::morph::kPcaMajAxis, 4 * std::sqrt(lambda[0]));
  out.add(tags::morph::kPcaMinAxis, 4 * std::sqrt(lambda[1]));
  out.add(tags::morph::kPcaLeastAxis, 4 * std::sqrt(lambda[2]));
  // Q3CK  sqrt(lambda_minor / lambda_major);  N17B  sqrt(lambda_least / lambda_major)
  out.add(tags::morph::kPcaElongation, lambda[0] > 0 ? std::sqrt(lambda[1] / lambda[0]) : NAN);
  out.add(tags::morph::kPcaFlatness, lambda[0] > 0 ? std::sqrt(lambda[2] / lambda[0]) : NAN);
  if (!(lambda[0] > 0))
    out.warn("morph_pca_elongation, morph_pca_flatness: the ROI is a single voxel (all PCA eigenvalues are 0); NaN");

  // ---- Axis-aligned bounding box, along the image axes ------------------------------------------
  const auto aabb = axisAlignedExtents(g, mesh.lattice);
  // PBX1  V / V_aabb;  R59B  A / A_aabb
  out.add(tags::morph::kVolDensAabb, ratio(V, aabb[0] * aabb[1] * aabb[2]));
  out.add(tags::morph::kAreaDensAabb, ratio(A, 2 * (aabb[0] * aabb[1] + aabb[1] * aabb[2] + aabb[2] * aabb[0])));

  // ---- Oriented minimum bounding box (no IBSI consensus) ------------------------------------------
  // Candidate orientations: the kOmbbMaxDirections largest facet planes of the hull and the PCA
  // axes; for each, the minimum-area rectangle of the projected hull (rotating calipers). This is
  // the usual approximation of O'Rourke's exact O(n^3) method (the box has a face flush with a
  // hull facet in most cases).
  double volOmbb = NAN, areaOmbb = NAN;
  if (!hull.degenerate) {
    auto normals = hullFacetNormals(mesh.lattice, mesh.points, hull, kOmbbMaxDirections);
    for (int k = 0; k < 3; ++k) normals.push_back({vec[k], vec[3 + k], vec[6 + k]});
    const auto box = orientedMinimumBox(mesh.points, hull, normals);
    volOmbb = ratio(V, box[0] * box[1] * box[2]);
    areaOmbb = ratio(A, 2 * (box[0] * box[1] + box[1] * box[2] + box[2] * box[0]));
  }
  // ZH1A  V / V_ombb;  IQYR  A / A_ombb
  out.add(tags::morph::kVolDensOmbb, volOmbb);
  out.add(tags::morph::kAreaDensOmbb, areaOmbb);

  // ---- Approximate enclosing ellipsoid: semi-axes a, b, c = 2 sqrt(lambda) --------------------------
  const double a = 2 * std::sqrt(lambda[0]), b = 2 * std::sqrt(lambda[1]), c = 2 * std::sqrt(lambda[2]);
  const double volAee = 4 * kPi * a * b * c / 3, areaAee = ellipsoidArea(a, b, c);
  // 6BDE  3 V / (4 pi a b c)
  out.add(tags::morph::kVolDensAee, ratio(V, volAee));
  // RDD2  A / A_aee, A_aee by the Legendre series (nu <= 20)
  out.add(tags::morph::kAreaDensAee, ratio(A, areaAee));
  if (!(volAee > 0)) {
    const char* shape = lambda[0] > 0 ? (lambda[1] > 0 ? "coplanar" : "collinear") : "a single point";
    out.warn(std::string(areaAee > 0 ? "morph_vol_dens_aee" : "morph_vol_dens_aee, morph_area_dens_aee") +
             ": the ROI voxel centres are " + shape + ", so the approximate enclosing ellipsoid is flat; NaN");
  }

  // ---- Minimum-volume enclosing ellipsoid of the hull vertices (no IBSI consensus) ---------------
  double volMvee = NAN, areaMvee = NAN;
  if (!hull.degenerate) {
    std::vector<double> hv;
    hv.reserve(3 * hull.vertices.size());
    for (int32_t v : hull.vertices) {
      const double* p = &mesh.points[3 * static_cast<size_t>(v)];
      hv.insert(hv.end(), p, p + 3);
    }
    const EnclosingEllipsoid e =
        khachiyanMvee(hv.data(), static_cast<int64_t>(hull.vertices.size()), settings.mveeTolerance, kMveeMaxIterations);
    if (!e.converged) {
      std::ostringstream m;
      m << "morph_vol_dens_mvee, morph_area_dens_mvee: Khachiyan's method stopped after " << e.iterations
        << " iterations before reaching tolerance " << settings.mveeTolerance << "; the values are approximate";
      out.warn(m.str());
    }
    volMvee = ratio(V, 4 * kPi * e.semiAxes[0] * e.semiAxes[1] * e.semiAxes[2] / 3);
    areaMvee = ratio(A, ellipsoidArea(e.semiAxes[0], e.semiAxes[1], e.semiAxes[2]));
  }
  // SWZ1  V / (4 pi a b c / 3) of the MVEE;  BRI8  A / A_mvee
  out.add(tags::morph::kVolDensMvee, volMvee);
  out.add(tags::morph::kAreaDensMvee, areaMvee);

  // R3ER  V / V_convex;  7T7F  A / A_convex
  out.add(tags::morph::kVolDensConvHull, ratio(V, hullVolume));
  out.add(tags::morph::kAreaDensConvHull, ratio(A, hullArea));

  // 99N0  V * (1 / N_v,gl) sum X_gl over the intensity mask
  out.add(tags::morph::kIntegInt, roi.intCount > 0 ? V * sumInt / static_cast<double>(roi.intCount) : NAN);
  if (roi.intCount == 0) out.warn("morph_integ_int: the intensity mask is empty; NaN");

  // ---- Moran's I (N365) and Geary's C (NPT7) ------------------------------------------------------
  Autocorrelation ac;
  const char* method = "exact-pairs";
  ExactAutocorrelation viaFft;
  if (roi.intCount > settings.moranExactMaxVoxels && autocorrelationByFft(roi, settings.moranFftMaxPoints, &viaFft, settings.threads)) {
    ac.moranI = viaFft.moranI;
    ac.gearyC = viaFft.gearyC;
    ac.voxels = ac.sampled = viaFft.voxels;
    ac.constant = viaFft.constant;
    method = "exact-fft";
  } else {
    ac = spatialAutocorrelation(roi, settings.moranExactMaxVoxels, settings.moranSeed);
    if (ac.estimated) method = "estimate";
  }
  out.diagText("morph_moran_method", method);
  if (ac.voxels < 2 || ac.constant || ac.subsetConstant) {
    out.add(tags::morph::kMoranI, NAN);
    out.add(tags::morph::kGearyC, NAN);
    if (ac.voxels < 2)
      out.warn("morph_moran_i, morph_geary_c: fewer than 2 voxels in the intensity mask; NaN");
    else if (ac.constant)
      out.warn("morph_moran_i, morph_geary_c: all ROI intensities are equal (zero variance); NaN");
    else
      out.warn("morph_moran_i, morph_geary_c: the voxels sampled for the estimate all have the same intensity; NaN "
               "(raise moranExactMaxVoxels)");
    return;
  }
  out.add(tags::morph::kMoranI, ac.moranI);
  out.add(tags::morph::kGearyC, ac.gearyC);
  if (ac.estimated) {
    std::ostringstream m;
    m << "morph_moran_i, morph_geary_c: estimated on a deterministic random subset of " << ac.sampled << " of the "
      << ac.voxels << " ROI voxels (moranExactMaxVoxels = " << settings.moranExactMaxVoxels
      << ", moranSeed = " << settings.moranSeed << "; standard error about 1% of I, 0.2% of C); raise "
      << "moranExactMaxVoxels to at least " << ac.voxels << " (exact O(N^2) pair sums) or moranFftMaxPoints (exact by FFT, "
      << "7 bytes per point of the ROI box padded to twice its size)";
    out.warn(m.str());
  }
}

}  // namespace radiomics
