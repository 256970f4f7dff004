#!/usr/bin/env bash
# npm run parity: runs PyRadiomics 3.1 (bench-only venv) on every parity case now, then compares compatibility
# mode with these fresh outputs (test/pyradiomics-parity.test.ts with PARITY_FIXTURES). Needs PyPI once for the
# venv; the stored outputs in test/fixtures/pyradiomics are left untouched (regenerate them with
# `npx ts-node --transpile-only bench/python/make-fixtures.ts`).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash bench/python/setup.sh
npm run build:ts >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
npx ts-node --transpile-only bench/python/make-fixtures.ts --out "$out"
PARITY_FIXTURES="$out" npx tap --disable-coverage test/pyradiomics-parity.test.ts
