#!/usr/bin/env bash
# BENCHMARKS.md, printed documents: our PDFs against `libreoffice --headless --convert-to pdf` of the same content
# (written as HTML by the same run), timed in the same run on the same machine. Needs LibreOffice Writer
# (Debian: apt-get install libreoffice-writer-nogui); not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --quiet --release --locked -p thuocdo-documents --example bench -- "$out" > "$out/ours.tsv"
command -v libreoffice >/dev/null || { echo "libreoffice is not installed" >&2; exit 1; }
profile="$out/lo-profile"
# One conversion to create LibreOffice's profile, so the timed runs do not include that first-start cost.
libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out/lo" "$out/minutes-2-pages.html" >/dev/null 2>&1
echo "| document | Thước Đo: pages | ms (median of 21) | bytes | LibreOffice: pages | ms (median of 5) | bytes |"
echo "|---|---:|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r name pages bytes ms; do
    times=()
    for _ in 1 2 3 4 5; do
        start=$(date +%s%N)
        libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out/lo" "$out/$name.html" >/dev/null 2>&1
        times+=($(( ($(date +%s%N) - start) / 1000000 )))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    lo_pages=$(pdfinfo "$out/lo/$name.pdf" | awk '/^Pages:/ {print $2}')
    lo_bytes=$(stat -c %s "$out/lo/$name.pdf")
    echo "| $name | $pages | $ms | $bytes | $lo_pages | $median | $lo_bytes |"
done < "$out/ours.tsv"
