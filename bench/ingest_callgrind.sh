#!/usr/bin/env bash
# Instructions per article of `marsad ingest`, counted by callgrind over every thread (repeatable
# on a shared machine, unlike wall-clock time): one SaudiNewsNet day (1,302 articles) into a
# fresh data folder. Prints the total, per article, and the functions with the largest inclusive
# share (callgrind_annotate --inclusive).
#
#   bash bench/ingest_callgrind.sh                         # both stages (the default)
#   INGEST_ARGS="--stages none" bash bench/ingest_callgrind.sh
#   MARSAD_BIN=/path/to/older/marsad bash bench/ingest_callgrind.sh   # another build
#   DAY=2015-07-21 bash bench/ingest_callgrind.sh           # another day
set -euo pipefail
cd "$(dirname "$0")/.."
data_root=${SHARED_DATA:-../shared/data}
day="$data_root/saudinewsnet/dataset/${DAY:-2015-07-23}.zip"
[ -e "$day" ] || { echo "missing $day (set SHARED_DATA)" >&2; exit 2; }
if [ -z "${MARSAD_BIN:-}" ]; then
    cargo build --release -q -p marsad-cli
fi
bin=${MARSAD_BIN:-${CARGO_TARGET_DIR:-target}/release/marsad}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${CALLGRIND_OUT:-$work/callgrind.out}   # set CALLGRIND_OUT to keep the profile
# shellcheck disable=SC2086 # INGEST_ARGS is a list of options
valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$bin" ingest ${INGEST_ARGS:-} --data "$work/data" "$day" 2>"$work/stderr" >/dev/null
closing=$(grep '^marsad: ingest: ' "$work/stderr" | tail -1)
echo "$closing"
articles=$(echo "$closing" | sed -E 's/.* ([0-9]+) articles,.*/\1/')
callgrind_annotate --inclusive=yes "$out" > "$work/annotated" 2>/dev/null
total=$(grep 'PROGRAM TOTALS' "$work/annotated" | head -1 | sed -E 's/^ *([0-9,]+).*/\1/' | tr -d ,)
echo "command: $bin ingest ${INGEST_ARGS:-} $day"
python3 -c "print(f'{$total:,} instructions, {$articles} articles: {$total/$articles/1e6:.2f} M per article')"
grep -E '^ *[0-9,]+ \(' "$work/annotated" | head -"${TOP:-40}" | cut -c1-220
