#!/usr/bin/env bash
# BENCHMARKS.md, exchange: a commune's year sent up as one signed bundle — export at the commune, preview (dry run)
# and import at the province — timed with the release CLI, against inserting the same rows into SQLite directly
# (Python's sqlite3: one table per record kind, one transaction; the limit to approach). Each timed run works on a
# fresh copy of the databases, so every export is the full first bundle and every import applies it. Not part of
# `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p thuocdo-cli
cli="${CARGO_TARGET_DIR:-target}/release/thuocdo"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export THUOCDO_PASSWORD=thuocdo-demo
runs=5

"$cli" --db "$out/commune.db" demo --scale commune >/dev/null
"$cli" --db "$out/province.db" init --unit-name "Tỉnh Sông Lam" --unit-code SL --level province --admin admin >/dev/null
"$cli" --db "$out/province.db" units add --code XA-GIA-HANH --name "Xã Gia Hanh" --level commune --parent-code SL >/dev/null
"$cli" --db "$out/commune.db" keys export -o "$out/commune.pub" >/dev/null
fingerprint=$("$cli" --db "$out/commune.db" --json keys show | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])')
"$cli" --db "$out/province.db" keys enrol "$out/commune.pub" --unit-code XA-GIA-HANH --fingerprint "$fingerprint" >/dev/null

ms() { python3 -c 'import sys; print(f"{(int(sys.argv[2]) - int(sys.argv[1])) / 1e6:.0f}")' "$1" "$2"; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

exports=(); previews=(); imports=()
for i in $(seq $runs); do
    cp "$out/commune.db" "$out/c$i.db"; cp "$out/province.db" "$out/p$i.db"
    start=$(date +%s%N); "$cli" --db "$out/c$i.db" bundle export --to SL -o "$out/b$i/" >/dev/null; exports+=("$(ms "$start" "$(date +%s%N)")")
    bundle=$(ls "$out/b$i"/*.tdb)
    start=$(date +%s%N); "$cli" --db "$out/p$i.db" bundle import "$bundle" --dry-run >/dev/null; previews+=("$(ms "$start" "$(date +%s%N)")")
    start=$(date +%s%N); "$cli" --db "$out/p$i.db" --json bundle import "$bundle" > "$out/receipt.json"; imports+=("$(ms "$start" "$(date +%s%N)")")
done
bundle=$(ls "$out/b1"/*.tdb)
records=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(k["new"]+k["changed"]+k["unchanged"]+k["matched"]+k["older"]+k["conflicting"] for k in r["kinds"]))' "$out/receipt.json")

# The same rows straight into SQLite: unzip the payload, one table per kind (id, owner, revision, JSON), one transaction.
direct=$(python3 - "$bundle" "$runs" <<'PY'
import json, sqlite3, sys, time, zipfile, tempfile, os, statistics
bundle, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    start = time.perf_counter()
    archive = zipfile.ZipFile(bundle)
    path = os.path.join(tempfile.mkdtemp(), "direct.db")
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    with db:
        for name in archive.namelist():
            if not name.startswith("payload/"):
                continue
            kind = name[len("payload/"):-len(".jsonl")]
            db.execute(f'CREATE TABLE "{kind}" (id TEXT PRIMARY KEY, owner_unit TEXT, revision INTEGER, body TEXT)')
            rows = []
            for line in archive.read(name).decode().splitlines():
                record = json.loads(line)
                rows.append((str(record.get("id")), record.get("owner_unit"), record.get("revision"), line))
            db.executemany(f'INSERT OR REPLACE INTO "{kind}" VALUES (?, ?, ?, ?)', rows)
    db.close()
    times.append((time.perf_counter() - start) * 1000)
print(f"{statistics.median(times):.0f}")
PY
)
size=$(stat -c %s "$bundle")
echo "| what | ms (median of $runs) |"
echo "|---|---:|"
echo "| export a commune's year (bundle of $size bytes, $records records) | $(median "${exports[@]}") |"
echo "| preview at the province (--dry-run: verify, apply, roll back) | $(median "${previews[@]}") |"
echo "| import at the province (verify, apply in one transaction) | $(median "${imports[@]}") |"
echo "| the same rows inserted straight into SQLite (Python sqlite3) | $direct |"
