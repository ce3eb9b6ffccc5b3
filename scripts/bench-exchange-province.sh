#!/usr/bin/env bash
# BENCHMARKS.md, exchange: a province's year — ≈150 communes each send their year up as one signed bundle to one
# province office. Every commune is its own demo office (demo seeds 1, 2, …; a seed whose commune code is already
# taken is dropped, so the communes are distinct), added and enrolled at the province. Timed with the release CLI,
# once per bundle: the export at each commune, the preview (`--dry-run`) of every bundle against the fresh
# province, then the import of every bundle in turn into the one province database (does it slow down as the
# database grows?), and the completeness board at the end; against inserting the same rows into SQLite directly
# (Python's sqlite3, one database, one transaction per bundle; the limit to approach). Not part of `make test`.
# COMMUNES=n sets the number of communes (default 150).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p thuocdo-cli
cli="${CARGO_TARGET_DIR:-target}/release/thuocdo"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export THUOCDO_PASSWORD=thuocdo-demo
communes=${COMMUNES:-150}
mkdir -p "$out/c" "$out/keys" "$out/usb" "$out/receipts"
times="$out/times.tsv"
: > "$times"
began=$(date +%s)
# A database's bytes, its write-ahead log included when there is one.
size() { local total=0 f; for f in "$1" "$1-wal"; do if [[ -e "$f" ]]; then total=$(( total + $(stat -c %s "$f") )); fi; done; echo "$total"; }

# Commune offices: demo seeds in batches, two at a time; the first seed to give a commune code keeps it.
declare -A taken=()
kept=(); dropped=0; next=1
while (( ${#kept[@]} < communes )); do
    batch=$(( (communes - ${#kept[@]}) * 2 ))
    seq "$next" $(( next + batch - 1 )) | xargs -P 2 -I{} sh -c '"$1" --db "$2/c/$3.db" --json demo --scale commune --seed "$3" > "$2/c/$3.json"' _ "$cli" "$out" {}
    for seed in $(seq "$next" $(( next + batch - 1 ))); do
        code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["office_unit"])' "$out/c/$seed.json")
        if (( ${#kept[@]} < communes )) && [[ -z "${taken[$code]:-}" ]]; then
            taken[$code]=$seed; kept+=("$seed")
        else
            if (( ${#kept[@]} < communes )); then dropped=$((dropped + 1)); fi
            rm -f "$out/c/$seed.db" "$out/c/$seed.json"
        fi
    done
    next=$(( next + batch ))
    (( next < communes * 20 )) || { echo "only ${#kept[@]} distinct communes in seeds 1–$(( next - 1 ))" >&2; exit 1; }
done
last_seed=${kept[-1]}

# The province: its unit is the communes' superior (SL); each commune added below it and its key enrolled.
"$cli" --db "$out/province.db" init --unit-name "Tỉnh Sông Lam" --unit-code SL --level province --admin admin >/dev/null
people=0
for seed in "${kept[@]}"; do
    db="$out/c/$seed.db"
    IFS=$'\t' read -r code name superior fingerprint < <("$cli" --db "$db" --json status | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("\t".join([s["unit_code"], s["unit_name"], s["superior_code"], s["fingerprint"]]))')
    [[ "$superior" == SL ]] || { echo "seed $seed: superior $superior, not SL" >&2; exit 1; }
    people=$(( people + $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["people"])' "$out/c/$seed.json") ))
    "$cli" --db "$db" keys export -o "$out/keys/$code.pub" >/dev/null
    shown=$("$cli" --db "$db" --json keys show | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])')
    [[ "$shown" == "$fingerprint" ]] || { echo "seed $seed: keys show gives $shown, status $fingerprint" >&2; exit 1; }
    "$cli" --db "$out/province.db" units add --code "$code" --name "$name" --level commune --parent-code SL >/dev/null
    "$cli" --db "$out/province.db" keys enrol "$out/keys/$code.pub" --unit-code "$code" --fingerprint "$fingerprint" >/dev/null
done
setup=$(( $(date +%s) - began ))

# A CLI run that does nothing but open the province and log in (process start, argon2): the fixed cost of each run.
for i in $(seq 11); do
    start=$(date +%s%N); "$cli" --db "$out/province.db" status >/dev/null; echo -e "fixed\t$i\t$(( $(date +%s%N) - start ))" >> "$times"
done

# Exports: each commune sends its year up (the first, full bundle).
i=0
for seed in "${kept[@]}"; do
    i=$((i + 1))
    start=$(date +%s%N)
    "$cli" --db "$out/c/$seed.db" --json bundle export --to SL -o "$out/usb/" > "$out/receipts/export-$i.json"
    echo -e "export\t$i\t$(( $(date +%s%N) - start ))" >> "$times"
done
mapfile -t bundles < <(for i in $(seq "$communes"); do python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["path"])' "$out/receipts/export-$i.json"; done)

# Previews: every bundle verified and applied then rolled back, against the fresh province (nothing imported yet).
cp "$out/province.db" "$out/province-fresh.db"
i=0
for bundle in "${bundles[@]}"; do
    i=$((i + 1))
    start=$(date +%s%N)
    "$cli" --db "$out/province.db" --json bundle import "$bundle" --dry-run > "$out/receipts/preview-$i.json"
    echo -e "preview\t$i\t$(( $(date +%s%N) - start ))" >> "$times"
done
cmp -s "$out/province.db" "$out/province-fresh.db" || echo "note: the previews changed the province database file" >&2
rm -f "$out/province-fresh.db"

# Imports: all of them in turn into the one province database.
i=0
for bundle in "${bundles[@]}"; do
    i=$((i + 1))
    start=$(date +%s%N)
    "$cli" --db "$out/province.db" --json bundle import "$bundle" > "$out/receipts/import-$i.json"
    echo -e "import\t$i\t$(( $(date +%s%N) - start ))" >> "$times"
done

# The completeness board of the year, every commune below the province.
start=$(date +%s%N)
"$cli" --db "$out/province.db" --json bundle status --period 2026 > "$out/receipts/status.json"
echo -e "status\t1\t$(( $(date +%s%N) - start ))" >> "$times"
province_bytes=$(size "$out/province.db")

# The same rows straight into SQLite: every payload into one database, one table per kind (id, owner, revision,
# JSON), one transaction per bundle; unzipping and parsing included.
python3 - "$out/direct.db" "${bundles[@]}" >> "$times" <<'PY'
import json, sqlite3, sys, time, zipfile
path, bundles = sys.argv[1], sys.argv[2:]
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=WAL")
tables = set()
for i, bundle in enumerate(bundles, 1):
    start = time.perf_counter_ns()
    archive = zipfile.ZipFile(bundle)
    with db:
        for name in archive.namelist():
            if not name.startswith("payload/"):
                continue
            kind = name[len("payload/"):-len(".jsonl")]
            if kind not in tables:
                db.execute(f'CREATE TABLE "{kind}" (id TEXT PRIMARY KEY, owner_unit TEXT, revision INTEGER, body TEXT)')
                tables.add(kind)
            rows = []
            for line in archive.read(name).decode().splitlines():
                record = json.loads(line)
                rows.append((str(record.get("id")), record.get("owner_unit"), record.get("revision"), line))
            db.executemany(f'INSERT OR REPLACE INTO "{kind}" VALUES (?, ?, ?, ?)', rows)
    print(f"direct\t{i}\t{time.perf_counter_ns() - start}")
db.close()
PY
direct_bytes=$(size "$out/direct.db")

python3 - "$out" "$communes" "$people" "$province_bytes" "$direct_bytes" "$dropped" "$last_seed" "$setup" "$(( $(date +%s) - began ))" <<'PY'
import json, statistics, sys, collections
out, n, people, province_bytes, direct_bytes, dropped, last_seed, setup, elapsed = sys.argv[1], *map(int, sys.argv[2:])
t = collections.defaultdict(list)
for line in open(f"{out}/times.tsv"):
    phase, i, ns = line.split("\t")
    t[phase].append(int(ns) / 1e6)

def num(x, decimals=0):
    s = f"{x:,.{decimals}f}"
    return s.replace(",", " ").replace(".", ",").replace(" ", ".")

def records(receipt):
    return sum(k["new"] + k["changed"] + k["unchanged"] + k["matched"] + k["older"] + k["conflicting"] for k in receipt["kinds"])

exports = [json.load(open(f"{out}/receipts/export-{i}.json")) for i in range(1, n + 1)]
previews = [json.load(open(f"{out}/receipts/preview-{i}.json")) for i in range(1, n + 1)]
imports = [json.load(open(f"{out}/receipts/import-{i}.json")) for i in range(1, n + 1)]
assert all(r["verdict"] == "next" and not r["applied"] for r in previews), "a preview was refused"
assert all(r["applied"] for r in imports), "an import was not applied"
board = json.load(open(f"{out}/receipts/status.json"))
sent = sum(1 for line in board if line["state"] == "sent")
total_bytes = sum(r["bytes"] for r in exports)
exported = sum(sum(r["counts"].values()) for r in exports)
imported = sum(records(r) for r in imports)
assert exported == imported, (exported, imported)
new = sum(k["new"] for r in imports for k in r["kinds"])
mb = total_bytes / 1e6
k = 10
fixed = statistics.median(t["fixed"])
print(f"{n} communes (demo seeds 1–{last_seed}, {dropped} seeds dropped for a commune code already taken), {num(people)} people; "
      f"setup (demos, units, keys) {setup} s, whole run {elapsed} s.")
print()
print("| what | total | per bundle | rate |")
print("|---|---:|---:|---:|")
print(f"| the {n} bundles: {num(total_bytes)} bytes, {num(exported)} records ({num(new)} new at the province, the rest the shared position catalogue and the commune's own unit, matched) | | {num(total_bytes / n)} bytes, {num(exported / n)} records (mean) | |")
print(f"| a CLI run that only opens the province and logs in (`status`: process start, argon2) | | {num(fixed)} ms (median of {len(t['fixed'])}) | |")
print(f"| export at each commune (`bundle export`) | {num(sum(t['export']) / 1000, 1)} s | {num(statistics.median(t['export']))} ms (median) | {num(exported / sum(t['export']) * 1000)} records/s |")
print(f"| preview each at the fresh province (`bundle import --dry-run`: verify, apply, roll back) | {num(sum(t['preview']) / 1000, 1)} s | {num(statistics.median(t['preview']))} ms (median) | {num(mb / sum(t['preview']) * 1000, 2)} MB/s, {num(exported / sum(t['preview']) * 1000)} records/s |")
print(f"| import all {n} in turn into one province database | {num(sum(t['import']) / 1000, 1)} s | {num(statistics.median(t['import']))} ms (median) | {num(mb / sum(t['import']) * 1000, 2)} MB/s, {num(imported / sum(t['import']) * 1000)} records/s |")
print(f"| … the first {k} imports / the last {k} | | {num(statistics.median(t['import'][:k]))} ms / {num(statistics.median(t['import'][-k:]))} ms (medians) | |")
fifths = [t["import"][n * j // 5:n * (j + 1) // 5] for j in range(5)]
print(f"| … by fifths of the run (imports 1–{n // 5}, …, {n - n // 5 + 1}–{n}) | | {' / '.join(num(statistics.median(f)) for f in fifths if f)} ms (medians) | |")
print(f"| … the province database at the end | {num(province_bytes / 1e6, 1)} MB | | |")
print(f"| the same rows straight into SQLite (Python sqlite3, one database, one transaction per bundle) | {num(sum(t['direct']) / 1000, 1)} s | {num(statistics.median(t['direct']))} ms (median) | {num(mb / sum(t['direct']) * 1000, 2)} MB/s, {num(exported / sum(t['direct']) * 1000)} records/s |")
print(f"| … its first {k} bundles / its last {k}; its database at the end | {num(direct_bytes / 1e6, 1)} MB | {num(statistics.median(t['direct'][:k]))} ms / {num(statistics.median(t['direct'][-k:]))} ms | |")
print(f"| completeness board at the end (`bundle status --period 2026`: {len(board)} units, {sent} sent) | | {num(t['status'][0])} ms | |")
PY
