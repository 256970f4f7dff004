"""SimpleITK side of bench/processing.js (bench-only Python environment: bench/setup-python.sh).

usage: sitk_processing.py resample IMAGE.nii THREADS SX SY SZ
       sitk_processing.py dilate MASK.nii THREADS RADIUS_MM
Prints one JSON line: {"seconds": ..., "voxels": ...} for the operation alone (file reading excluded).
"""
import json
import sys
import time

import SimpleITK as sitk


def main():
    op, path, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sitk.ProcessObject.SetGlobalDefaultNumberOfThreads(threads)
    img = sitk.ReadImage(path)
    t0 = time.perf_counter()
    if op == "resample":
        sx, sy, sz = (float(v) for v in sys.argv[4:7])
        spacing_in = img.GetSpacing()
        size_in = img.GetSize()
        size = [int(-(-n * s // t)) for n, s, t in zip(size_in, spacing_in, (sx, sy, sz))]
        f = sitk.ResampleImageFilter()
        f.SetOutputSpacing((sx, sy, sz))
        f.SetSize(size)
        f.SetOutputOrigin(img.GetOrigin())
        f.SetOutputDirection(img.GetDirection())
        f.SetInterpolator(sitk.sitkBSpline)
        f.SetOutputPixelType(sitk.sitkFloat32)
        out = f.Execute(img)
        n = out.GetNumberOfPixels()
    elif op == "dilate":
        radius_mm = float(sys.argv[4])
        r = [int(round(radius_mm / s)) for s in img.GetSpacing()]
        out = sitk.BinaryDilate(img, r, sitk.sitkBall, 0, 1)
        n = int(sitk.GetArrayViewFromImage(out).sum())
    else:
        raise SystemExit(f"unknown op {op}")
    print(json.dumps({"seconds": time.perf_counter() - t0, "voxels": n}))


main()
