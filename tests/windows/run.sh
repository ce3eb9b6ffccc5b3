#!/usr/bin/env bash
# The Windows build under Wine (issue 19), run by `make test` after the Linux tests, in a fresh Wine prefix:
#   1. the installer installs silently (/S): the programs under Program Files, the Start-menu folder, the entry in
#      Add/Remove Programs;
#   2. the installed thuocdo.exe runs an office's flow with Windows paths holding spaces and Vietnamese letters:
#      init, demo, roster find, minutes printed, a bundle exported by the commune and imported by the province;
#   3. the window, with no WebView2 runtime here, exits with code 3 and the Vietnamese message in its log, no panic;
#   4. the uninstaller removes the programs and keeps the office's data;
#   5. the CLI's contract tests (cli_contract, bundle_cli) run under the Wine runner (those calling Unix tools are
#      marked for Unix); the scenario tests pass there too but are left to Linux to keep CI's time and disk.
# CI builds the installer from the debug profile (scripts/build-windows.sh debug) to stay within its time; `make
# windows` builds the release one from the same script and .nsi.
#
# Wine 8.0 lacks bcryptprimitives.dll, which Rust programs load; tests/windows/bcryptprimitives.c is a stand-in built
# into the test prefix only (see its header). It is never shipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
# No debug information in the Windows builds made here: with it each test executable is ≈ 500 MB and a CI disk
# filled up (seen); the build, the installer and the tests below share this setting so nothing is built twice.
export CARGO_PROFILE_DEV_DEBUG=0

bash scripts/apt-install.sh windows-tests wine wine64 mingw-w64 nsis poppler-utils python3

step() { echo "windows-tests: $*"; }
fail() { echo "windows-tests: FAILED: $*" >&2; exit 1; }

bash scripts/build-windows.sh debug
SETUP=$(ls target/windows/debug/ThuocDo-*-setup.exe)

WORK=$(mktemp -d /tmp/thuocdo-wine.XXXXXX)
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
export WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko installers at the prefix's first start: nothing here needs them, and they would be downloaded.
export WINEDLLOVERRIDES="mscoree=;mshtml="
unset DISPLAY
step "a fresh Wine prefix"
wineboot --init >/dev/null 2>&1 || true
wineserver -w
C="$WINEPREFIX/drive_c"
x86_64-w64-mingw32-gcc -shared -O2 -o "$C/windows/system32/bcryptprimitives.dll" tests/windows/bcryptprimitives.c -ladvapi32

step "1. silent install"
wine "$SETUP" /S
wineserver -w
INSTALLED="$C/Program Files/ThuocDo"
for file in thuocdo-desktop.exe thuocdo.exe WebView2Loader.dll Uninstall.exe; do
    [ -f "$INSTALLED/$file" ] || fail "$file is not under Program Files\\ThuocDo"
done
[ -f "$C/ProgramData/Microsoft/Windows/Start Menu/Programs/Thước Đo/Thước Đo.lnk" ] || fail "no Start-menu shortcut 'Thước Đo'"
entry=$(wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\ThuocDo' 2>/dev/null | tr -d '\r')
grep -q 'UninstallString' <<<"$entry" || fail "no entry in Add/Remove Programs: $entry"
grep -q 'DisplayVersion' <<<"$entry" || fail "the entry has no version: $entry"

step "2. the installed command line, with Windows paths"
TD='C:\Program Files\ThuocDo\thuocdo.exe'
DATA='C:\Dữ liệu thử'
export THUOCDO_PASSWORD="mat-khau-thu-nghiem"
td() { wine "$TD" "$@"; }
usage=$(td --help | tr -d '\r')
grep -q '^Usage: thuocdo ' <<<"$usage" || fail "the usage text does not say 'thuocdo': $(head -3 <<<"$usage")"
# The demo commune sits below the province "SL": the province office is set up under that code.
td --db "$DATA\\tỉnh.db" init --unit-name "Tỉnh Sông Lam" --unit-code SL --level province --admin admin >/dev/null
demo=$(td --db "$DATA\\xã.db" --json demo --scale commune --seed 3 | tr -d '\r')
COMMUNE=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["office_unit"])' <<<"$demo")
[ -f "$C/Dữ liệu thử/xã.db" ] || fail "the commune's database is not at C:\\Dữ liệu thử\\xã.db"
found=$(td --db "$DATA\\xã.db" roster find "nguyen" | tr -d '\r')
grep -q 'Nguyễn' <<<"$found" || fail "roster find 'nguyen' found no Nguyễn: $found"
meetings=$(td --db "$DATA\\xã.db" --json meetings list | tr -d '\r')
MEETING=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())[0]["id"])' <<<"$meetings")
td --db "$DATA\\xã.db" print minutes --meeting "$MEETING" -o "$DATA\\biên bản họp.pdf" >/dev/null
[ -f "$C/Dữ liệu thử/biên bản họp.pdf" ] || fail "the minutes are not at C:\\Dữ liệu thử\\biên bản họp.pdf"
# Read whole first: `grep -q` in a pipe would stop pdftotext early, which pipefail counts as a failure.
minutes=$(pdftotext -enc UTF-8 "$C/Dữ liệu thử/biên bản họp.pdf" -)
grep -q 'BIÊN BẢN' <<<"$minutes" || fail "the minutes PDF has no title: $(head -5 <<<"$minutes")"
td --db "$DATA\\tỉnh.db" units add --code "$COMMUNE" --name "Xã trong bản demo" --level commune --parent-code SL >/dev/null
td --db "$DATA\\xã.db" keys export -o "$DATA\\khoá xã.pub" >/dev/null
FINGERPRINT=$(td --db "$DATA\\xã.db" --json keys show | tr -d '\r' | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])')
td --db "$DATA\\tỉnh.db" keys enrol "$DATA\\khoá xã.pub" --unit-code "$COMMUNE" --fingerprint "$FINGERPRINT" >/dev/null
exported=$(td --db "$DATA\\xã.db" --json bundle export --to SL -o "$DATA\\gửi tỉnh" | tr -d '\r')
BUNDLE=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["path"])' <<<"$exported")
imported=$(td --db "$DATA\\tỉnh.db" --json bundle import "$BUNDLE" | tr -d '\r')
python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["applied"] is True and d["sequence"] == 1, d' <<<"$imported" \
    || fail "the province did not import the commune's bundle: $imported"

step "3. the window without WebView2"
set +e
THUOCDO_NO_DIALOG=1 THUOCDO_DB="$DATA\\xã.db" wine 'C:\Program Files\ThuocDo\thuocdo-desktop.exe' >"$WORK/window.out" 2>&1
code=$?
set -e
[ "$code" -eq 3 ] || fail "the window exited with $code, not 3: $(cat "$WORK/window.out")"
grep -q 'panicked' "$WORK/window.out" && fail "the window panicked: $(cat "$WORK/window.out")"
LOG="$C/Dữ liệu thử/thuocdo-desktop.log"
[ -f "$LOG" ] || fail "no log beside the database"
grep -q 'chưa có Microsoft Edge WebView2 Runtime' "$LOG" || fail "the log does not say what is missing: $(cat "$LOG")"
grep -q 'Evergreen Standalone Installer' "$LOG" || fail "the log does not say what to install: $(cat "$LOG")"

step "4. uninstall keeps the data"
wine "$INSTALLED/Uninstall.exe" /S
wineserver -w
sleep 2
wineserver -w
[ ! -e "$INSTALLED/thuocdo.exe" ] || fail "the uninstaller left thuocdo.exe"
[ ! -e "$INSTALLED/thuocdo-desktop.exe" ] || fail "the uninstaller left thuocdo-desktop.exe"
[ ! -e "$C/ProgramData/Microsoft/Windows/Start Menu/Programs/Thước Đo" ] || fail "the Start-menu folder is still there"
[ -f "$C/Dữ liệu thử/xã.db" ] && [ -f "$C/Dữ liệu thử/tỉnh.db" ] || fail "the uninstaller removed the office's data"
if wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\ThuocDo' >/dev/null 2>&1; then
    fail "the Add/Remove Programs entry is still there"
fi

step "5. the CLI contract tests under the Wine runner"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
unset THUOCDO_PASSWORD
cargo test --locked --no-fail-fast --target x86_64-pc-windows-gnu -p thuocdo-cli --test cli_contract --test bundle_cli
step "all passed"
