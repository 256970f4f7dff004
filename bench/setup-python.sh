#!/usr/bin/env bash
# Creates the bench-only Python environment (bench/.venv) with SimpleITK for bench/processing.js, and
# PyWavelets + SciPy for bench/filters.js.
# Never a runtime dependency of the package.
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check SimpleITK numpy PyWavelets scipy
# Peers of npm run bench:peers (PyRadiomics 3.1 fork that installs on Python 3.11).
.venv/bin/pip install --quiet --disable-pip-version-check -r peers/requirements.txt
.venv/bin/python -c "import SimpleITK; print('SimpleITK', SimpleITK.Version_VersionString())"
.venv/bin/python -c "import pywt, scipy; print('PyWavelets', pywt.__version__, 'SciPy', scipy.__version__)"
