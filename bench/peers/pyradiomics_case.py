"""One bench case with PyRadiomics (pyradiomics-bhklab 3.1.4, bench-only venv), as a user runs it:
`extractor.execute(image, mask)` with the default feature classes, B-spline resampling to 1 mm.

usage: python pyradiomics_case.py IMAGE MASK (ct|mr) [--per-family]
Prints one JSON line: {"features": n, "total_s": ..., "families": {class: seconds}} (families with
--per-family: each class's own time on the same preprocessed ROI, the way radiomics' bench times them).
"""
import json
import sys
import time

import SimpleITK as sitk
from radiomics import featureextractor, imageoperations, getFeatureClasses
import logging

logging.getLogger("radiomics").setLevel(logging.ERROR)


def settings(kind):
    s = {
        "resampledPixelSpacing": [1, 1, 1],
        "interpolator": sitk.sitkBSpline,
        "label": 1,
        "correctMask": False,
    }
    if kind == "ct":
        s["binWidth"] = 25
    else:
        s["binCount"] = 32
    return s


def main():
    image_path, mask_path, kind = sys.argv[1:4]
    per_family = "--per-family" in sys.argv
    t0 = time.perf_counter()
    ex = featureextractor.RadiomicsFeatureExtractor(**settings(kind))
    ex.disableAllImageTypes()
    ex.enableImageTypeByName("Original")
    ex.enableAllFeatures()
    result = ex.execute(image_path, mask_path)
    total = time.perf_counter() - t0
    out = {"features": sum(1 for k in result if not k.startswith("diagnostics_")), "total_s": total}
    if per_family:
        image = sitk.ReadImage(image_path)
        mask = sitk.ReadImage(mask_path)
        image, mask = imageoperations.resampleImage(image, mask, **ex.settings)
        bb, _ = imageoperations.checkMask(image, mask, **ex.settings)
        fams = {}
        for name, cls in getFeatureClasses().items():
            if name not in ex.enabledFeatures or name == "shape2D":
                continue
            # CPU time (single-threaded here, OMP_NUM_THREADS=1), fastest of 3 runs, as radiomics' side.
            best = float("inf")
            for _ in range(3):
                t1 = time.process_time()
                f = cls(image, mask, **ex.settings)
                f.enableAllFeatures()
                f.execute()
                best = min(best, time.process_time() - t1)
            fams[name] = best
        out["families"] = fams
    print(json.dumps(out))


if __name__ == "__main__":
    main()
