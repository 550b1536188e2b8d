#!/usr/bin/env bash
# Workers on one PostgreSQL store: all of SaudiNewsNet (18 zips) and ANT v2.1
# (31,525 DOC files) ingested by 1, 2 and 4 `marsad ingest` processes into one
# database, each worker with its own data folder (its search index); then
# the same inputs by one worker into SQLite (first). Prints wall time, articles/s and
# the final counts (pages, articles, duplicate groups, stories) of each.
#
#   source .ci/postgres.sh && bash bench/postgres/run.sh
#   WORKERS="1 2" INGEST_ARGS="--stages none" bash bench/postgres/run.sh
#
# The inputs are dealt out to the workers: the zips round robin, the ANT
# DOC files (unpacked once into a temporary folder) in equal shares.
set -euo pipefail
cd "$(dirname "$0")/../.."
data_root=${SHARED_DATA:-../shared/data}
snn="$data_root/saudinewsnet/dataset"
ant="$data_root/ant-multisource-v2.1.tar.gz"
for f in "$snn" "$ant"; do
    [ -e "$f" ] || { echo "missing $f (set SHARED_DATA)" >&2; exit 2; }
done
base=${MARSAD_BENCH_PG:-${MARSAD_TEST_PG:?set MARSAD_BENCH_PG or source .ci/postgres.sh}}
if [ -z "${MARSAD_BIN:-}" ]; then
    cargo build --release -q -p marsad-cli
fi
bin=$(realpath "${MARSAD_BIN:-${CARGO_TARGET_DIR:-target}/release/marsad}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ant"
tar -xzf "$ant" -C "$work/ant"
mapfile -t zips < <(find "$snn" -name '*.zip' | sort)
mapfile -t docs < <(find "$work/ant" -type f | sort)
echo "inputs: ${#zips[@]} SaudiNewsNet zips, ${#docs[@]} ANT files; $(nproc) cores"

schema_url() { # a fresh schema per run
    local name=$1
    psql "$base" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $name CASCADE; CREATE SCHEMA $name" >/dev/null
    local sep='?'; [[ $base == *\?* ]] && sep='&'
    echo "$base${sep}options=-csearch_path%3D$name"
}

counts() { # the figures of the store behind a data folder (MARSAD_DB set or not)
    local data=$1 a d s
    a=$("$bin" articles --json --data "$data" | wc -l)
    d=$("$bin" duplicates --json --data "$data" | wc -l)
    s=$("$bin" stories --json --data "$data" | wc -l)
    echo "articles $a, duplicate groups $d, stories $s"
}

# Worker w of n: zips w, w+n, … and a folder of hard links to ANT files w, w+n, …
share() {
    local n=$1 w=${2/sqlite/0} dir="$work/share-$1-$2"
    mkdir -p "$dir"
    for ((i = w; i < ${#docs[@]}; i += n)); do ln "${docs[i]}" "$dir/$i.txt"; done
    for ((i = w; i < ${#zips[@]}; i += n)); do printf '%s\n' "${zips[i]}"; done
    echo "$dir"
}

elapsed() { echo "$(date +%s.%N) - $1" | bc; }

# One worker into SQLite first: the figures the workers must match.
if [ -z "${SKIP_SQLITE:-}" ]; then
    # The inputs in the order one PostgreSQL worker gets them: the same batches.
    mapfile -t sqlite_inputs < <(share 1 sqlite)
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    env -u MARSAD_DB "$bin" ingest ${INGEST_ARGS:-} --data "$work/sqlite" "${sqlite_inputs[@]}" \
        2> "$work/log-sqlite"
    secs=$(elapsed "$start")
    grep '^marsad: ingest: ' "$work/log-sqlite" | tail -1 | sed "s/^/  sqlite: /"
    records=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM pages").fetchone()[0])' "$work/sqlite/marsad.sqlite")
    articles=$(env -u MARSAD_DB "$bin" articles --json --data "$work/sqlite" | wc -l)
    printf 'sqlite, 1 worker: %.1f s, %.0f articles/s; pages/records %s; %s\n' \
        "$secs" "$(echo "$articles / $secs" | bc -l)" "$records" \
        "$(unset MARSAD_DB; counts "$work/sqlite")"
    rm -rf "$work/share-1-sqlite"
fi

for n in ${WORKERS:-1 2 4}; do
    url=$(schema_url "marsad_bench_$n")
    pids=()
    for ((w = 0; w < n; w++)); do mapfile -t "inputs_$w" < <(share "$n" "$w"); done
    start=$(date +%s.%N)
    for ((w = 0; w < n; w++)); do
        declare -n inputs="inputs_$w"
        # shellcheck disable=SC2086 # INGEST_ARGS is a list of options
        MARSAD_DB=$url "$bin" ingest ${INGEST_ARGS:-} --data "$work/pg-$n-$w" "${inputs[@]}" \
            2> "$work/log-$n-$w" &
        pids+=($!)
        unset -n inputs
    done
    for p in "${pids[@]}"; do wait "$p"; done
    secs=$(elapsed "$start")
    for ((w = 0; w < n; w++)); do
        grep '^marsad: ingest: ' "$work/log-$n-$w" | tail -1 | sed "s/^/  worker $w: /"
    done
    records=$(psql "$base" -tAc "SELECT count(*) FROM marsad_bench_$n.pages")
    articles=$(psql "$base" -tAc "SELECT count(*) FROM marsad_bench_$n.articles WHERE NOT gone")
    printf 'postgres, %s workers: %.1f s, %.0f articles/s; pages/records %s; %s\n' \
        "$n" "$secs" "$(echo "$articles / $secs" | bc -l)" "$records" \
        "$(MARSAD_DB=$url counts "$work/pg-$n-0")"
    rm -rf "$work"/share-"$n"-*
done
