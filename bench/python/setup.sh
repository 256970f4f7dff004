#!/usr/bin/env bash
# Bench-only Python environment with PyRadiomics (pyradiomics-bhklab 3.1.4, the 3.1 code packaged for Python
# 3.11), SimpleITK and numpy, in bench/.venv (shared with bench/setup-python.sh). From PyPI only.
# Used by `npm run parity` and bench/python/make-fixtures.ts; never by the package or `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r python/requirements.txt
.venv/bin/python -c "import radiomics, SimpleITK; print('pyradiomics', radiomics.__version__, '/ SimpleITK', SimpleITK.Version_VersionString())"
