#!/usr/bin/env bash
# Two builds of `marsad serve` side by side on one store, no ingest: both
# servers up at once and their wrk runs interleaved, so that both see the
# same machine load (on a shared machine, compare within one run only).
#
#   BEFORE=old/marsad AFTER=target/release/marsad DATA=/tmp/serve-bench/data \
#       STORY=8438 bash bench/serve/ab.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
before=${BEFORE:?the binary to compare against}
after=${AFTER:-${CARGO_TARGET_DIR:-target}/release/marsad}
data=${DATA:?a data folder (bench/serve/run.sh with BENCH_DIR keeps one)}
duration=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done' EXIT
declare -A port
for side in before after; do
    port[$side]=$(free_port)
    bin=$before; [ "$side" = after ] && bin=$after
    "$bin" serve --data "$data" --port "${port[$side]}" 2>/dev/null &
    pids+=($!)
done
for side in before after; do
    for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:${port[$side]}/api/openapi.json" >/dev/null 2>&1 && break; sleep 0.2; done
done
story=${STORY:-$(curl -fsS "http://127.0.0.1:${port[after]}/api/stories?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stories"][0]["id"])')}
for side in before after; do
    curl -s -o /dev/null -w "$side: the first /api/stories/$story (built): %{time_total} s\n" "http://127.0.0.1:${port[$side]}/api/stories/$story"
done
for target in "/stories/$story" "/api/stories/$story" /api/search; do
    for side in before after; do
        echo "== $target ($side)"
        url="http://127.0.0.1:${port[$side]}"
        if [ "$target" = /api/search ]; then
            wrk --latency -t 2 -c 8 -d "$duration" -s bench/serve/queries.lua "$url" -- 20
        else
            wrk --latency -t 2 -c 8 -d "$duration" "$url$target"
        fi | grep -E "50%|99%|Requests/sec|requests in|errors"
    done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
