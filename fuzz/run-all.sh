#!/usr/bin/env bash
# Runs each fuzz target in turn for SECS seconds (default 600) on one core,
# after building the seed corpora and the targets. Crashes land in
# fuzz/artifacts/<target>/, the log of each run in fuzz/logs/<target>.log.
#
#     bash fuzz/run-all.sh [SECS] [TARGET…]
#
# cargo fuzz needs nightly flags (-Zsanitizer): RUSTC_BOOTSTRAP=1 lets the
# stable toolchain take them. The targets are run as built binaries, so a
# build in the same target folder can go on meanwhile.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(text_dump html warc dates jsonl query)
export RUSTC_BOOTSTRAP=1
python3 seed-corpus.py
if [ -z "${SKIP_BUILD:-}" ]; then
    cargo fuzz build -O --features query || exit 1
fi
bin="${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release"
mkdir -p logs
for t in "${targets[@]}"; do
    mkdir -p "artifacts/$t"
    echo "== $t for $secs s, started $(date -u +%H:%M:%S)" | tee "logs/$t.log"
    "$bin/$t" "corpus/$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 >>"logs/$t.log" 2>&1
    echo "== $t exit $? at $(date -u +%H:%M:%S)" | tee -a "logs/$t.log"
done
