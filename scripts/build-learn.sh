#!/bin/sh
# Builds the guide alone (the `calcinosis-guide-learn` binary, the first download when nothing is
# stored yet) into the folder given, the way Trunk builds the whole widget next to it: release
# profile, wasm-bindgen for the web, then wasm-opt -Oz; and its own, smaller stylesheet. Needs the
# tools `make setup` installs on PATH (the Makefile puts them there).
set -eu
out=${1:?usage: scripts/build-learn.sh <dist folder>}
target=${CARGO_TARGET_DIR:-target}
cargo build --locked --offline --release --target wasm32-unknown-unknown --bin calcinosis-guide-learn
wasm-bindgen --target web --no-typescript --out-dir "$out" "$target/wasm32-unknown-unknown/release/calcinosis-guide-learn.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers \
  "$out/calcinosis-guide-learn_bg.wasm" -o "$out/calcinosis-guide-learn_bg.wasm"
# Its stylesheet: the partials styles/guide.list names, in that order (comments and blank lines
# skipped). A name that is not a file stops the build.
grep -v -e '^#' -e '^[[:space:]]*$' styles/guide.list | while read -r part; do
  cat "styles/$part" || exit 1
done > "$out/calcinosis-guide-learn.css"
