#!/usr/bin/env bash
# Builds the Windows installer of Thước Đo here, on Debian, with mingw-w64 and Debian's NSIS (README: "Windows").
#
#   scripts/build-windows.sh [release|debug]     (make windows: release)
#
# Writes target/windows/<profile>/ThuocDo-<version>-setup.exe. The window needs ui/dist built first (make ui).
# Installs what it needs and nothing already there: the Debian packages mingw-w64 and nsis, and the Rust target
# x86_64-pc-windows-gnu (rustup). Nothing else is downloaded: Tauri's own bundler is not used (it fetches an NSIS
# plugin from the internet); packaging/windows/thuocdo.nsi is the installer, written by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE="${1:-release}"
TARGET=x86_64-pc-windows-gnu
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/apt-install.sh build-windows mingw-w64 nsis
if ! rustup target list --installed | grep -qx "$TARGET"; then
    echo "build-windows: adding the Rust target $TARGET"
    rustup target add "$TARGET"
fi

# The mingw tools for every crate that builds C (SQLite, the Windows resources of the window).
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export RC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-windres
export WINDRES=x86_64-w64-mingw32-windres

case "$PROFILE" in
    release) cargo build --release --locked --target "$TARGET" -p thuocdo-desktop -p thuocdo-cli ;;
    debug) cargo build --locked --target "$TARGET" -p thuocdo-desktop -p thuocdo-cli ;;
    *) echo "build-windows: the profile is release or debug, not $PROFILE" >&2; exit 2 ;;
esac

BUILT="target/$TARGET/$PROFILE"
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
OUT="target/windows/$PROFILE"
STAGE="$OUT/stage"
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp "$BUILT/thuocdo-desktop.exe" "$BUILT/thuocdo.exe" "$STAGE/"
# The window links WebView2Loader.dll dynamically under mingw; its build puts the DLL beside the exe.
loader=$(find "$BUILT" -name WebView2Loader.dll -path '*x64*' | head -1)
[ -n "$loader" ] || loader=$(find "$BUILT" -name WebView2Loader.dll | head -1)
if [ -z "$loader" ]; then
    echo "build-windows: WebView2Loader.dll was not found under $BUILT" >&2
    exit 1
fi
cp "$loader" "$STAGE/WebView2Loader.dll"
cp src-tauri/icons/icon.ico "$STAGE/icon.ico"
x86_64-w64-mingw32-strip "$STAGE/thuocdo-desktop.exe" "$STAGE/thuocdo.exe"

SETUP="$OUT/ThuocDo-$VERSION-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSOURCE="$PWD/$STAGE" -DOUTFILE="$PWD/$SETUP" \
    -DSIZE_KB="$(du -sk "$STAGE" | cut -f1)" packaging/windows/thuocdo.nsi
echo "build-windows: $SETUP ($(du -h "$SETUP" | cut -f1)); thuocdo-desktop.exe $(du -h "$STAGE/thuocdo-desktop.exe" | cut -f1), thuocdo.exe $(du -h "$STAGE/thuocdo.exe" | cut -f1), stripped"
