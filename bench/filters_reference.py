"""Reference side of bench/filters.js (bench-only Python environment: bench/setup-python.sh).

usage: filters_reference.py LIB CASE IMAGE.nii THREADS
  LIB: sitk | scipy | pywt | numpy     CASE: mean5 | log1-5 | lawsE5L5S5 | coif1-8 | simoncelli1
Prints one JSON line {"seconds", "baseMb", "peakMb"}: the operation's time (file reading excluded), the RSS
when it starts and the peak RSS during it (the peak is reset after reading), so its extra memory is
peakMb - baseMb.
"""
import json
import resource
import sys
import time

import numpy as np
import SimpleITK as sitk


def status_mb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def reset_peak():
    """Resets the peak RSS (VmHWM) to the current RSS, so reading the file does not count (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def main():
    lib, case, path, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    sitk.ProcessObject.SetGlobalDefaultNumberOfThreads(threads)
    img = sitk.ReadImage(path, sitk.sitkFloat32)
    arr = sitk.GetArrayFromImage(img) if lib != "sitk" else None  # z, y, x
    if lib == "scipy":
        from scipy import ndimage  # noqa: F401  (imported before the clock starts)
    if lib == "pywt":
        import pywt  # noqa: F401
    reset_peak()
    base = status_mb("VmRSS")
    keep = []
    t0 = time.perf_counter()
    if lib == "sitk":
        if case == "mean5":
            keep.append(sitk.Mean(img, [2, 2, 2]))
        elif case == "log1-5":
            for s in (1, 2, 3, 4, 5):
                keep.append(sitk.LaplacianRecursiveGaussian(img, s))
        else:
            raise SystemExit("n/a")
    elif lib == "scipy":
        from scipy import ndimage

        if case == "mean5":
            keep.append(ndimage.uniform_filter(arr, size=5, mode="reflect"))
        elif case == "log1-5":
            for s in (1, 2, 3, 4, 5):
                keep.append(ndimage.gaussian_laplace(arr, sigma=s, mode="reflect", truncate=4.0))
        elif case == "lawsE5L5S5":
            e5 = np.array([-1, -2, 0, 2, 1]) / np.sqrt(10)
            l5 = np.array([1, 4, 6, 4, 1]) / np.sqrt(70)
            s5 = np.array([-1, 0, 2, 0, -1]) / np.sqrt(6)
            out = ndimage.convolve1d(arr, e5, axis=2, mode="reflect")
            out = ndimage.convolve1d(out, l5, axis=1, mode="reflect")
            keep.append(ndimage.convolve1d(out, s5, axis=0, mode="reflect"))
        else:
            raise SystemExit("n/a")
    elif lib == "pywt":
        import pywt

        if case == "coif1-8":
            keep.append(pywt.swtn(arr, "coif1", level=1))
        else:
            raise SystemExit("n/a")
    elif lib == "numpy":
        if case == "simoncelli1":
            grids = np.meshgrid(*[np.fft.ifftshift(np.linspace(-1, 1, n)) for n in arr.shape], indexing="ij")
            r = np.sqrt(sum(g * g for g in grids))
            band = (r > 0.25) & (r <= 1.0)
            psi = np.zeros_like(r)
            psi[band] = np.cos(np.pi / 2 * np.log2(2 * r[band]))
            keep.append(np.real(np.fft.ifftn(np.fft.fftn(arr) * psi)).astype(np.float32))
        else:
            raise SystemExit("n/a")
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "baseMb": base, "peakMb": status_mb("VmHWM")}))


if __name__ == "__main__":
    main()
