"""MIRP side of bench/filters.js (bench-only Python environment: bench/setup-python.sh).

usage: filters_mirp.py CASE IMAGE.nii THREADS
Runs MIRP 2.x's own filter classes (mirp._imagefilters, the ones its extraction workflow calls for each
filter kernel: Filter(image, settings, name).generate_object() -> transform(image)) on the image, configured
through MIRP's SettingsClass as a user would. MIRP has no thread option for its filters (scipy.ndimage and
scipy.fft run on one thread), so THREADS only bounds the BLAS / OpenMP pools. Prints one JSON line
{"seconds", "baseMb", "peakMb"} like filters_reference.py; a case MIRP cannot run exits with "n/a: why".
"""
import json
import os
import sys
import time
import warnings

threads = sys.argv[3] if len(sys.argv) > 3 else "1"
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = threads

import numpy as np  # noqa: E402
import SimpleITK as sitk  # noqa: E402
from mirp._images.generic_image import GenericImage  # noqa: E402
from mirp.settings.generic import SettingsClass  # noqa: E402

from filters_reference import reset_peak, status_mb  # noqa: E402

SUBBANDS = ["lll", "llh", "lhl", "lhh", "hll", "hlh", "hhl", "hhh"]

# The bench cases of bench/filters.js in MIRP's settings (scipy.ndimage boundary names: IBSI "mirror" is
# scipy "reflect", IBSI "periodic" is "wrap"). MIRP's voxel grid is (z, y, x) and its kernel strings read
# x, y, z like ours ("E5L5S5": E5 along x), as do its wavelet filter sets ("llh": z high).
CASES = {
    "mean5": ("mean", dict(mean_filter_kernel_size=5, mean_filter_boundary_condition="reflect")),
    "log1-5": ("laplacian_of_gaussian", dict(
        laplacian_of_gaussian_sigma=[1.0, 2.0, 3.0, 4.0, 5.0], laplacian_of_gaussian_kernel_truncate=4.0,
        laplacian_of_gaussian_boundary_condition="reflect")),
    "lawsE5L5S5": ("laws", dict(
        laws_kernel="E5L5S5", laws_compute_energy=False, laws_rotation_invariance=False,
        laws_boundary_condition="reflect")),
    "laws-pooled": ("laws", dict(
        laws_kernel="E5L5S5", laws_compute_energy=False, laws_rotation_invariance=True, laws_pooling_method="max",
        laws_boundary_condition="reflect")),
    "coif1-8": ("separable_wavelet", dict(
        separable_wavelet_families="coif1", separable_wavelet_set=SUBBANDS, separable_wavelet_decomposition_level=1,
        separable_wavelet_rotation_invariance=False, separable_wavelet_boundary_condition="wrap")),
    "simoncelli1": ("nonseparable_wavelet", dict(
        nonseparable_wavelet_families="simoncelli", nonseparable_wavelet_decomposition_level=1,
        nonseparable_wavelet_response="real", nonseparable_wavelet_boundary_condition="wrap")),
    "gabor-axial": ("gabor", dict(
        gabor_sigma=5.0, gabor_lambda=2.0, gabor_gamma=1.5, gabor_theta=30.0, gabor_rotation_invariance=False,
        gabor_response="modulus", gabor_boundary_condition="reflect")),
    # Riesz order along (z, y, x) in MIRP: our [1, 0, 0] (x) is its [0, 0, 1]. Not IBSI-compliant on either side.
    # MIRP's settings require a tensor sigma for any Riesz filter; only its steered variant uses it.
    "riesz-log": ("riesz_laplacian_of_gaussian", dict(
        laplacian_of_gaussian_sigma=3.0, laplacian_of_gaussian_kernel_truncate=4.0,
        laplacian_of_gaussian_boundary_condition="reflect", riesz_filter_order=[0, 0, 1],
        riesz_filter_tensor_sigma=1.0, ibsi_compliant=False)),
}


def filter_class(name):
    if name == "mean":
        from mirp._imagefilters.mean import MeanFilter as cls
    elif name in ("laplacian_of_gaussian", "riesz_laplacian_of_gaussian"):
        from mirp._imagefilters.laplacian_of_gaussian import LaplacianOfGaussianFilter as cls
    elif name == "laws":
        from mirp._imagefilters.laws import LawsFilter as cls
    elif name == "separable_wavelet":
        from mirp._imagefilters.separable_wavelet import SeparableWaveletFilter as cls
    elif name == "nonseparable_wavelet":
        from mirp._imagefilters.nonseparable_wavelet import NonseparableWaveletFilter as cls
    else:
        from mirp._imagefilters.gabor import GaborFilter as cls
    return cls


def main():
    case, path = sys.argv[1], sys.argv[2]
    if case not in CASES:
        raise SystemExit(f"n/a: no MIRP equivalent of {case}")
    name, options = CASES[case]
    img = sitk.ReadImage(path, sitk.sitkFloat32)
    image = GenericImage(
        image_data=sitk.GetArrayFromImage(img),  # z, y, x
        image_spacing=tuple(reversed(img.GetSpacing())),
        image_origin=tuple(reversed(img.GetOrigin())),
        image_orientation=np.identity(3),
        image_dimensions=tuple(reversed(img.GetSize())),
        separate_slices=False,
        image_modality="generic",
    )
    settings = SettingsClass(by_slice=False, filter_kernels=[name], **options)
    cls = filter_class(name)
    del img
    reset_peak()
    base = status_mb("VmRSS")
    keep = []
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for filter_object in cls(image=image, settings=settings, name=name).generate_object():
            keep.append(filter_object.transform(image=image))
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "baseMb": base, "peakMb": status_mb("VmHWM"), "maps": len(keep),
                      "dtype": str(keep[0].get_voxel_grid().dtype)}))


if __name__ == "__main__":
    main()
