"""PyRadiomics side of bench/seed-workflow.js (pyradiomics-bhklab 3.1.4, bench-only venv), in process:
the seed workflow's image types and settings as PyRadiomics spells them, one execute() per ROI.

usage: python pyradiomics_seed.py IMAGE MASK [MASK ...]
Timed from reading the files to the last ROI's features (imports excluded), on one thread (SimpleITK's
global thread count 1; run with OMP_NUM_THREADS=1). Prints one JSON line:
{"seconds", "rois", "featuresPerRoi"}.
"""
import json
import logging
import sys
import time

import SimpleITK as sitk
from radiomics import featureextractor

logging.getLogger("radiomics").setLevel(logging.ERROR)

SETTINGS = {
    "normalize": True,  # z-score over the whole image, before resampling (as normalisation: zscore)
    "normalizeScale": 1,
    "resampledPixelSpacing": [1, 1, 3],
    "interpolator": sitk.sitkBSpline,  # the mask is resampled nearest neighbour (no choice in PyRadiomics)
    "binWidth": 0.25,
    "label": 1,
}


def main():
    sitk.ProcessObject.SetGlobalDefaultNumberOfThreads(1)
    image_path, mask_paths = sys.argv[1], sys.argv[2:]
    t0 = time.perf_counter()
    ex = featureextractor.RadiomicsFeatureExtractor(**SETTINGS)
    ex.disableAllImageTypes()
    ex.enableImageTypeByName("Original")
    ex.enableImageTypeByName("LoG", customArgs={"sigma": [1.0, 2.0, 3.0, 4.0, 5.0]})
    ex.enableImageTypeByName("Wavelet", customArgs={"wavelet": "coif1", "start_level": 0, "level": 1})
    ex.enableAllFeatures()
    image = sitk.ReadImage(image_path)
    counts = []
    for mask_path in mask_paths:
        result = ex.execute(image, sitk.ReadImage(mask_path))
        counts.append(sum(1 for k in result if not k.startswith("diagnostics_")))
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "rois": len(counts), "featuresPerRoi": counts}))


if __name__ == "__main__":
    main()
