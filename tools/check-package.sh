#!/usr/bin/env bash
# Packs the package (prepack runs prebuildify: the tarball carries prebuilds/<platform>-<arch>/), installs the
# tarball into an empty folder with a PATH holding only node and npm (no compiler, cmake, make, python),
# and runs the CLI on the bundled digital phantom. Prints the transcript; fails on any difference.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -1)"
echo "packed: $tarball ($(du -h "$work/$tarball" | cut -f1))"
tar -tzf "$work/$tarball" | grep -E 'prebuilds/.*\.node$' || { echo "no prebuilt binary in the tarball"; exit 1; }
if tar -tzf "$work/$tarball" | grep -q ct_radiomics_phantom; then echo "the CT phantom must never ship"; exit 1; fi

# A PATH with node and npm only (and sh, which npm needs to run scripts).
mkdir -p "$work/bin" "$work/app"
ln -s "$(command -v node)" "$work/bin/node"
ln -s "$(command -v sh)" "$work/bin/sh"   # npm runs scripts through sh
npm_cli="$(node -p "require('path').join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js')")"
[ -f "$npm_cli" ] || npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$work/bin/node" "$npm_cli" > "$work/bin/npm"
npx_cli="$(dirname "$npm_cli")/npx-cli.js"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$work/bin/node" "$npx_cli" > "$work/bin/npx"
chmod +x "$work/bin/npm" "$work/bin/npx"
for tool in cc gcc g++ c++ clang cmake make python3 python; do
  if PATH="$work/bin" command -v "$tool" >/dev/null 2>&1; then echo "unexpected $tool on the restricted PATH"; exit 1; fi
done

cd "$work/app"
echo '{"name":"app","version":"1.0.0","private":true}' > package.json
echo "\$ npm install $tarball   (PATH=$work/bin: node and npm only)"
env -i HOME="$HOME" PATH="$work/bin" npm install --no-audit --no-fund --nodedir=/nonexistent "$work/$tarball" 2>&1 | tail -3
img="$root/ibsi-phantom/image.nii.gz"; msk="$root/ibsi-phantom/mask.nii.gz"
echo "\$ npx radiomics extract --image $img --mask $msk --preset ibsi1-phantom --format json"
env -i HOME="$HOME" PATH="$work/bin" npx --no-install radiomics extract --image "$img" --mask "$msk" --preset ibsi1-phantom --format json > out.json
node -e '
const r = require("./out.json").features;
const want = { morph_vol_approx: 592, stat_mean: 2.15, stat_var: 3.05, stat_skew: 1.08, stat_kurt: -0.355, stat_median: 1, stat_min: 1,
  stat_p10: 1, stat_p90: 4, stat_max: 6, stat_iqr: 3, stat_range: 5, stat_mad: 1.55, stat_rmad: 1.11, stat_medad: 1.15, stat_cov: 0.812,
  stat_qcod: 0.6, stat_energy: 567, stat_rms: 2.77 };
let bad = 0;
for (const [k, ref] of Object.entries(want)) {
  const x = r[k], dec = ref === 0 ? 0 : 2 - Math.floor(Math.log10(Math.abs(ref))), f = 10 ** dec;
  const ok = typeof x === "number" && Math.abs(Math.trunc((ref - x) * f) / f) <= (k === "morph_vol_approx" ? 4 : 0) + 1e-12;
  console.log(`${ok ? "ok " : "BAD"} ${k} = ${x} (IBSI ${ref})`);
  if (!ok) bad++;
}
const loaded = require("radiomics").buildInfo();
console.log(`native addon loaded from prebuilds: isa ${loaded.isa}`);
process.exit(bad ? 1 : 0);
'
test ! -d node_modules/radiomics/build || { echo "a source build happened (node_modules/radiomics/build exists)"; exit 1; }
# Without a matching prebuild (forced) and no compiler, the install script explains what is missing.
set +e
msg="$(env -i HOME="$HOME" PATH="$work/bin" RADIOMICS_BUILD_FROM_SOURCE=1 node node_modules/radiomics/tools/install.js 2>&1)"
code=$?
set -e
echo "$msg" | head -3
[ $code -ne 0 ] && echo "$msg" | grep -q "no C++ compiler was found" || { echo "install without compiler: expected a clear message"; exit 1; }
echo "package-check: 2 passed, 0 failed"
