#!/usr/bin/env bash
# Installs what building and testing Thước Đo needs on Debian 12 / Ubuntu, and nothing already there.
# Idempotent: a second run installs nothing and does not touch the network.
set -euo pipefail

# Debian packages: a C compiler and pkg-config (bundled SQLite, GTK bindings); WebKitGTK and its WebDriver, Xvfb
# and fonts with Vietnamese glyphs for the desktop window and its end-to-end tests; minisign (signature interop);
# poppler-utils and qpdf (PDF checks); zbar-tools (the recovery sheet's QR code is read back); LibreOffice Writer
# and the Liberation fonts (Times New Roman's metrics), which open the Word documents in the tests as Word would;
# Node.js and npm for the window's UI when the machine has none.
APT_PACKAGES=(build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev
    libxdo-dev webkit2gtk-driver xvfb xauth fonts-dejavu-core minisign poppler-utils qpdf zbar-tools
    libreoffice-writer-nogui fonts-liberation2)
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

bash "$(dirname "$0")/apt-install.sh" install-deps "${APT_PACKAGES[@]}"

if ! command -v cargo >/dev/null 2>&1; then
    echo "install-deps: cargo (Rust 1.87 or newer) is required; install it with rustup (https://rustup.rs) and run again." >&2
    exit 1
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver for the end-to-end tests; built from crates.io.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "install-deps: installing tauri-driver"
    cargo install tauri-driver --locked --quiet
fi

# The window's UI packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
