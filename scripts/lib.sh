# Shared helpers for scripts/*: idempotent installation of what the project
# needs. Each step checks first and installs only what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=""
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" </dev/null
}

setup_rust() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
  command -v wasm-pack >/dev/null || cargo install --locked wasm-pack
}

# Chromium for the wasm and end-to-end tests, and a CJK font so the page's
# Chinese screenshots show text rather than empty boxes.
setup_browser() { apt_install chromium chromium-driver fonts-wqy-microhei; }

setup_npm() {
  # Reinstall only when package-lock.json changed since the last install.
  local stamp=node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --ignore-scripts
    cp package-lock.json "$stamp"
  fi
}

# Builds pkg/ (the npm package, web target), optimises it with wasm-opt and
# copies it into www/pkg/ so www/ is a self-contained static site.
# wasm-opt comes from the npm package binaryen (pinned in package-lock.json):
# Debian's binaryen (version 108) corrupts the externref table current
# wasm-bindgen emits, so wasm-pack's own wasm-opt step is off in Cargo.toml.
WASM_OPT_FLAGS=(-Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue)
# The package also carries a Node build (pkg/node/, CommonJS, loads the wasm
# synchronously: no init needed; with the signal matchers prebuilt, the
# `prebuilt` feature: a larger file, which Node reads from disk, for a
# faster first check) and the form helper js/attach.js;
# scripts/package.mjs writes package.json's exports for all of them.
build_wasm() {
  wasm-pack build --target web --release --out-dir pkg -- --features wasm
  wasm-pack build --target nodejs --release --out-dir pkg-node -- --features wasm,prebuilt
  for dir in pkg pkg-node; do
    node_modules/.bin/wasm-opt "${WASM_OPT_FLAGS[@]}" $dir/listing_precheck_bg.wasm -o $dir/listing_precheck_bg.wasm
  done
  rm -rf pkg/node && mkdir -p pkg/node
  cp pkg-node/listing_precheck.js pkg-node/listing_precheck.d.ts pkg-node/listing_precheck_bg.wasm pkg/node/
  cp js/attach.js js/attach.d.ts pkg/
  node scripts/package.mjs
  mkdir -p www/pkg
  cp pkg/listing_precheck.js pkg/listing_precheck_bg.wasm pkg/listing_precheck.d.ts pkg/attach.js www/pkg/
}

# cargo-fuzz. With a nightly toolchain (installed on the development
# machines) targets build with AddressSanitizer; where there is none (a new
# machine has one toolchain and none can be fetched) libFuzzer runs on the
# default toolchain without a sanitizer (`-s none`: coverage-guided fuzzing
# still works, and the core forbids unsafe code). Sets FUZZ_CARGO and
# FUZZ_SANITIZER for scripts/fuzz.
setup_fuzz() {
  command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
  if rustup toolchain list | grep -q '^nightly'; then
    FUZZ_CARGO=(cargo +nightly); FUZZ_SANITIZER=address
  else
    FUZZ_CARGO=(cargo); FUZZ_SANITIZER=none
    echo "fuzz: no nightly toolchain on this machine; fuzzing on the default toolchain without AddressSanitizer"
  fi
}
