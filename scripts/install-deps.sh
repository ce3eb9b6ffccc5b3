#!/usr/bin/env bash
# Installs what building and testing Thước Đo needs on Debian 12 / Ubuntu, and nothing already there.
# Idempotent: a second run installs nothing and does not touch the network.
set -euo pipefail

# Debian packages the tests use: minisign (signature interop), poppler-utils and qpdf (PDF checks),
# pkg-config and a C compiler for the bundled SQLite.
APT_PACKAGES=(build-essential pkg-config minisign poppler-utils qpdf)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "install-deps: cargo (Rust 1.80 or newer) is required; install it with rustup (https://rustup.rs) and run again." >&2
    exit 1
fi
