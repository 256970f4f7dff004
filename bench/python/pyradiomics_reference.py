"""Runs PyRadiomics on the parity cases of a manifest and prints one JSON object per case.

Usage: bench/.venv/bin/python bench/python/pyradiomics_reference.py MANIFEST.json > OUT.json
MANIFEST: [{"name": ..., "image": NIfTI path, "mask": NIfTI path, "params": YAML parameter file path}, ...]
OUT: {"pyradiomics": version, "cases": {name: {"features": {key: number}, "diagnostics": {key: value}}}}
Every number is written with full double precision (repr).
"""
import json
import logging
import sys

import numpy
import radiomics
from radiomics import featureextractor

radiomics.setVerbosity(logging.ERROR)


def plain(value):
    """JSON-able form of a PyRadiomics output value (numpy scalars, tuples, dicts)."""
    if isinstance(value, numpy.ndarray):
        return plain(value.tolist()) if value.ndim else plain(value.item())
    if isinstance(value, (numpy.floating, float)):
        return float(value)
    if isinstance(value, (numpy.integer, int)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def run(case):
    extractor = featureextractor.RadiomicsFeatureExtractor(case["params"])
    result = extractor.execute(case["image"], case["mask"])
    features, diagnostics = {}, {}
    for key, value in result.items():
        (diagnostics if key.startswith("diagnostics_") else features)[key] = plain(value)
    return {"features": features, "diagnostics": diagnostics}


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    out = {"pyradiomics": radiomics.__version__, "cases": {c["name"]: run(c) for c in manifest}}
    json.dump(out, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
