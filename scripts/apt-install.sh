#!/usr/bin/env bash
# Installs the Debian packages named that are not installed yet, and nothing else; no network when all are there.
#   scripts/apt-install.sh WHO PACKAGE...     (WHO names the caller in the message)
set -euo pipefail
who="$1"
shift
missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
echo "$who: installing ${missing[*]}"
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
