"""One bench case with MIRP 2.7 (bench-only venv), as a user runs it: `mirp.extract_features(image=, mask=, ...)`
with the IBSI families bench:peers compares, B-spline resampling to 1 mm, sequential (no ray / joblib cluster).

usage: python mirp_case.py IMAGE MASK (ct|mr) [--per-family] [--values]
Prints one JSON line: {"features": n, "total_s": ..., "families": {family: seconds}} (families with
--per-family: each family's own CPU time on the same preprocessed image and mask, fastest of 3; --values adds
"values": {feature: value} of the end-to-end run, for comparing with radiomics).

Settings matched with radiomics' bench config (run.js): cubic B-spline image interpolation to 1 x 1 x 1 mm
(spline_order 3, no anti-aliasing), mask nearest neighbour (roi_spline_order 0), 3D, GLCM / GLRLM 3D average and
3D merged, GLSZM / NGTDM / NGLDM 3D (distance 1, alpha 0), CT fixed bin size 25 HU, MR fixed bin number 32.
Not matched (MIRP has no option for it): its grid is the IBSI centre-aligned grid (radiomics here: corner-aligned,
as SimpleITK); its fixed bin size starts at -1000 HU for CT (the default lower bound of the resegmentation range;
radiomics: at the ROI minimum); above 1000 ROI voxels it estimates Moran's I / Geary's C by Monte Carlo sampling
(radiomics: exact; MIRP's exact path is a pairwise loop, impractical at these sizes).
"""
import os
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import logging  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

# MIRP configures the root logger at INFO on stdout unless it is configured already: keep stdout for the JSON line.
logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
warnings.simplefilter("ignore")

from mirp import extract_features, extract_images  # noqa: E402

# The IBSI families of bench:peers (radiomics' names on the left).
FAMILIES = {
    "intensity_statistics": "statistics",
    "intensity_histogram": "intensity_histogram",
    "morphology": "morphology",
    "glcm": "glcm",
    "glrlm": "glrlm",
    "glszm": "glszm",
    "ngldm": "ngldm",
    "ngtdm": "ngtdm",
}
FEATURE_PREFIXES = ("morph_", "stat_", "ih_", "cm_", "rlm_", "szm_", "ngt_", "ngl_")


def settings(kind, families):
    s = dict(
        image_modality="CT" if kind == "ct" else "MR",
        by_slice=False,
        new_spacing=1.0,
        spline_order=3,
        anti_aliasing=False,
        roi_spline_order=0,
        base_feature_families=families,
        glcm_distance=1.0,
        glcm_spatial_method=["3d_average", "3d_volume_merge"],
        glrlm_spatial_method=["3d_average", "3d_volume_merge"],
        glszm_spatial_method="3d",
        ngtdm_spatial_method="3d",
        ngldm_distance=1.0,
        ngldm_difference_level=0.0,
        ngldm_spatial_method="3d",
    )
    if kind == "ct":
        s.update(base_discretisation_method="fixed_bin_size", base_discretisation_bin_width=25.0)
    else:
        s.update(base_discretisation_method="fixed_bin_number", base_discretisation_n_bins=32)
    return s


def family_seconds(image_path, mask_path, kind):
    """CPU seconds of each family alone on one preprocessed image and mask (MIRP's own preprocessing, done
    once), computed the way MIRP's workflow computes a feature set (StandardWorkflow._compute_radiomics_features:
    generate the feature objects, compute each, clear the caches)."""
    from mirp._features.feature_generator import generate_features
    from mirp.settings.feature_parameters import FeatureExtractionSettingsClass

    all_settings = settings(kind, list(FAMILIES.values()))
    exported = extract_images(
        image=image_path, mask=mask_path, export_images=True, write_images=False,
        image_export_format="native", **all_settings)
    images, masks = exported[0]
    image, mask = images[0], masks[0]
    out = {}
    for ours, theirs in FAMILIES.items():
        fs = FeatureExtractionSettingsClass(**{**all_settings, "base_feature_families": theirs})
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            features = [f for f in generate_features(settings=fs) if f.is_ibsi_compliant(image=image)]
            previous = None
            for f in features:
                f.compute(image=image, mask=mask)
                if previous is not None:
                    previous.clear_local_cache(other=f)
                previous = f
            for f in features:
                f.clear_cache()
            best = min(best, time.process_time() - t0)
        out[ours] = best
    return out


def main():
    image_path, mask_path, kind = sys.argv[1:4]
    t0 = time.perf_counter()
    tables = extract_features(
        image=image_path, mask=mask_path, export_features=True, write_features=False,
        num_cpus=None, parallel_backend="none", **settings(kind, list(FAMILIES.values())))
    total = time.perf_counter() - t0
    table = tables[0]
    names = [c for c in table.columns if c.startswith(FEATURE_PREFIXES)]
    out = {"features": len(names), "total_s": total}
    if "--values" in sys.argv:
        out["values"] = {c: float(table[c].values[0]) for c in names}
    if "--per-family" in sys.argv:
        out["families"] = family_seconds(image_path, mask_path, kind)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
