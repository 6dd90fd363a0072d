#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently: each piece is skipped when it is
# already there at the pinned version. Everything comes from the package registries only
# (crates.io, npm, PyPI, Debian), never from a tool's own download.
#
#   scripts/setup.sh build   # what `make dist` / `make serve` need
#   scripts/setup.sh test    # the above, plus the browser, PDF tools and test packages
set -euo pipefail

want=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
# Tools live outside the checkout so that fresh clones (CI) reuse them; versions are pinned.
tools=${CALCINOSIS_TOOLS:-$HOME/.cache/calcinosis-guide/tools}
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' "$root/Cargo.toml")
TEXTSTAT_VERSION=0.7.4
# textstat counts syllables with pyphen: pin it too so grades do not drift.
PYPHEN_VERSION=0.18.1
# Export validators (make test): FHIR R4 models and an iCalendar parser.
FHIR_RESOURCES_VERSION=8.3.0
ICALENDAR_VERSION=7.3.0
# Firefox's WebDriver (make test-engines, make test-wasm-firefox): from crates.io, like trunk.
GECKODRIVER_VERSION=0.37.1

say() { printf '[setup] %s\n' "$*"; }

mkdir -p "$tools/bin"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$("$tools/bin/trunk" --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install --locked --root "$tools" "trunk@$TRUNK_VERSION"
fi

if [ "$("$tools/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the CLI's own lock file names a crate version the registry no longer has.
  cargo install --root "$tools" "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

cd "$root"
stamp=node_modules/.calcinosis-guide-lock
if [ ! -x node_modules/.bin/wasm-opt ] || ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  say "installing npm packages (binaryen, terser, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

need_apt() { for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || return 0; done; return 1; }
apt_install() {
  if need_apt "$@"; then
    say "installing Debian packages: $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@"
  fi
}

apt_install brotli

if [ "$want" = test ] || [ "$want" = bench ]; then
  apt_install chromium chromium-driver fonts-dejavu-core poppler-utils
  # The other two engines: Firefox ESR (Gecko) and WebKitGTK (the engine family of Safari), whose
  # WebDriver needs a display, so Xvfb gives it one.
  apt_install firefox-esr webkit2gtk-driver xvfb
  if [ "$("$tools/bin/geckodriver" --version 2>/dev/null | head -n1)" != "geckodriver $GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION (about a minute, once)"
    cargo install --locked --root "$tools" "geckodriver@$GECKODRIVER_VERSION"
  fi
  venv="$tools/venv"
  pins=("textstat==$TEXTSTAT_VERSION" "pyphen==$PYPHEN_VERSION" "fhir.resources==$FHIR_RESOURCES_VERSION" "icalendar==$ICALENDAR_VERSION")
  check="import sys, importlib.metadata as m
pins = [p.split('==') for p in sys.argv[1:]]
sys.exit(any(m.version(n) != v for n, v in pins))"
  if ! "$venv/bin/python" -c "$check" "${pins[@]}" 2>/dev/null; then
    say "installing ${pins[*]} in $venv"
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "${pins[@]}"
  fi
fi
say "ready ($want)"
