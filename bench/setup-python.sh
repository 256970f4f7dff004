#!/usr/bin/env bash
# Creates the bench-only Python environment (bench/.venv) with SimpleITK for bench/processing.js, and
# PyWavelets + SciPy + MIRP for bench/filters.js, PyRadiomics for bench/peers and bench/seed-workflow.js.
# Never a runtime dependency of the package.
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check SimpleITK numpy PyWavelets scipy
# Peers of npm run bench:peers and bench/seed-workflow.js (PyRadiomics 3.1 fork that installs on Python 3.11)
# and MIRP 2.x for npm run bench:filters.
.venv/bin/pip install --quiet --disable-pip-version-check -r peers/requirements.txt
.venv/bin/python -c "import SimpleITK; print('SimpleITK', SimpleITK.Version_VersionString())"
.venv/bin/python -c "import pywt, scipy; print('PyWavelets', pywt.__version__, 'SciPy', scipy.__version__)"
.venv/bin/python -c "import importlib.metadata as m; print('MIRP', m.version('mirp'), 'PyRadiomics', m.version('pyradiomics-bhklab'))"
