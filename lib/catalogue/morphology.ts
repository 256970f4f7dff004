import type { FamilyDef } from './types.js';

/**
 * IBSI 3.1 Morphological features (native/morphology.cc). Mesh: marching cubes on the morphological
 * mask padded with one empty voxel (iso level 0.5), in mm (spacing and direction applied). Point-set
 * features use voxel centres of the morphological mask; integrated intensity, Moran's I and Geary's C
 * use the intensity mask.
 */
export const morphology: FamilyDef = {
  family: 'morphology',
  ibsi: 'HCUG',
  title: 'Morphology',
  aggregations: [],
  features: [
    { name: 'morph_volume', ibsi: 'RNU0', title: 'Volume (mesh)', formula: 'V = |sum_k a.(b x c) / 6| over the mesh faces' },
    { name: 'morph_vol_approx', ibsi: 'YEKZ', title: 'Volume (voxel counting)', formula: 'N_v * voxel volume' },
    { name: 'morph_area_mesh', ibsi: 'C0JK', title: 'Surface area (mesh)', formula: 'A = sum_k |ab x ac| / 2 over the mesh faces' },
    { name: 'morph_av', ibsi: '2PR5', title: 'Surface to volume ratio', formula: 'A / V' },
    { name: 'morph_comp_1', ibsi: 'SKGS', title: 'Compactness 1', formula: 'V / (sqrt(pi) A^(3/2))' },
    { name: 'morph_comp_2', ibsi: 'BQWJ', title: 'Compactness 2', formula: '36 pi V^2 / A^3' },
    { name: 'morph_sph_dispr', ibsi: 'KRCK', title: 'Spherical disproportion', formula: 'A / (36 pi V^2)^(1/3)' },
    { name: 'morph_sphericity', ibsi: 'QCFX', title: 'Sphericity', formula: '(36 pi V^2)^(1/3) / A' },
    { name: 'morph_asphericity', ibsi: '25C7', title: 'Asphericity', formula: '(A^3 / (36 pi V^2))^(1/3) - 1' },
    {
      name: 'morph_com',
      ibsi: 'KLMA',
      title: 'Centre of mass shift',
      formula: '|| mean of morphological-mask voxel centres - intensity-weighted mean of intensity-mask voxel centres ||',
    },
    {
      name: 'morph_diam',
      ibsi: 'L0JK',
      title: 'Maximum 3D diameter',
      formula: 'max distance between two mesh vertices (searched among the convex hull vertices)',
    },
    { name: 'morph_pca_maj_axis', ibsi: 'TDIC', title: 'Major axis length', formula: '4 sqrt(lambda_major), PCA of the voxel centres (sample covariance)' },
    { name: 'morph_pca_min_axis', ibsi: 'P9VJ', title: 'Minor axis length', formula: '4 sqrt(lambda_minor)' },
    { name: 'morph_pca_least_axis', ibsi: '7J51', title: 'Least axis length', formula: '4 sqrt(lambda_least)' },
    { name: 'morph_pca_elongation', ibsi: 'Q3CK', title: 'Elongation', formula: 'sqrt(lambda_minor / lambda_major)' },
    { name: 'morph_pca_flatness', ibsi: 'N17B', title: 'Flatness', formula: 'sqrt(lambda_least / lambda_major)' },
    {
      name: 'morph_vol_dens_aabb',
      ibsi: 'PBX1',
      title: 'Volume density (axis-aligned bounding box)',
      formula: 'V / V_aabb, box along the image axes around the mesh vertices',
    },
    { name: 'morph_area_dens_aabb', ibsi: 'R59B', title: 'Area density (axis-aligned bounding box)', formula: 'A / A_aabb' },
    {
      name: 'morph_vol_dens_ombb',
      ibsi: 'ZH1A',
      title: 'Volume density (oriented minimum bounding box)',
      formula: 'V / V_ombb',
      standardized: false,
      approximation:
        'OMBB searched over the 256 largest convex-hull facet planes and the PCA axes, with a rotating-calipers minimum rectangle per direction (not the exact O(n^3) method)',
    },
    {
      name: 'morph_area_dens_ombb',
      ibsi: 'IQYR',
      title: 'Area density (oriented minimum bounding box)',
      formula: 'A / A_ombb',
      standardized: false,
      approximation: 'same box as morph_vol_dens_ombb',
    },
    {
      name: 'morph_vol_dens_aee',
      ibsi: '6BDE',
      title: 'Volume density (approximate enclosing ellipsoid)',
      formula: '3 V / (4 pi a b c), semi-axes a, b, c = 2 sqrt(lambda)',
    },
    {
      name: 'morph_area_dens_aee',
      ibsi: 'RDD2',
      title: 'Area density (approximate enclosing ellipsoid)',
      formula: 'A / A_aee, A_aee by the manual\'s Legendre series 4 pi a b sum_{nu<=20} (alpha beta)^nu / (1 - 4 nu^2) P_nu(...)',
    },
    {
      name: 'morph_vol_dens_mvee',
      ibsi: 'SWZ1',
      title: 'Volume density (minimum volume enclosing ellipsoid)',
      formula: 'V / (4 pi a b c / 3), MVEE of the convex hull vertices',
      standardized: false,
      approximation: "Khachiyan's barycentric coordinate ascent, tolerance 0.001 (at most 20000 iterations, with a warning)",
    },
    {
      name: 'morph_area_dens_mvee',
      ibsi: 'BRI8',
      title: 'Area density (minimum volume enclosing ellipsoid)',
      formula: 'A / A_mvee (Legendre series as for the AEE)',
      standardized: false,
      approximation: 'same ellipsoid as morph_vol_dens_mvee',
    },
    { name: 'morph_vol_dens_conv_hull', ibsi: 'R3ER', title: 'Volume density (convex hull)', formula: 'V / V_convex' },
    { name: 'morph_area_dens_conv_hull', ibsi: '7T7F', title: 'Area density (convex hull)', formula: 'A / A_convex' },
    { name: 'morph_integ_int', ibsi: '99N0', title: 'Integrated intensity', formula: 'V * mean intensity of the intensity mask' },
    {
      name: 'morph_moran_i',
      ibsi: 'N365',
      title: "Moran's I index",
      formula: '(N / sum w) * sum_{k1!=k2} w (X_k1 - mu)(X_k2 - mu) / sum (X_k - mu)^2, w = 1 / distance',
      approximation:
        'exact (O(N^2)) up to moranExactMaxVoxels intensity-mask voxels; above that, Moran\'s I of a deterministic random subset of moranExactMaxVoxels voxels (seed moranSeed), a consistent estimate (about 1% standard error at 20000 voxels), reported with a warning',
    },
    {
      name: 'morph_geary_c',
      ibsi: 'NPT7',
      title: "Geary's C measure",
      formula: '((N - 1) / (2 sum w)) * sum_{k1!=k2} w (X_k1 - X_k2)^2 / sum (X_k - mu)^2, w = 1 / distance',
      approximation:
        'exact (O(N^2)) up to moranExactMaxVoxels intensity-mask voxels; above that, estimated on the same deterministic random subset as morph_moran_i (about 0.2% standard error at 20000 voxels), reported with a warning',
    },
  ],
};
