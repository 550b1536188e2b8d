#!/usr/bin/env bash
# Load benchmark of `marsad serve`: wrk against /api/search (20 queries in
# turn) and against a story page, on the ~62k-article store of SaudiNewsNet
# and ANT, while an ingest of more SaudiNewsNet writes to the same folder.
#
#   bash bench/serve/run.sh            # from the repository root
#   DURATION=20s CONNECTIONS=8 bash bench/serve/run.sh
#   MARSAD_BIN=/path/to/other/marsad bash bench/serve/run.sh   # another build, for a ratio
#   INGEST_NICE=10 bash bench/serve/run.sh                      # the ingest at a lower priority
#
# Builds the store first (release build; 12 of SaudiNewsNet's 18 zips and
# all of ANT) in $BENCH_DIR/base, kept there for the next runs; each run
# serves a fresh copy of it ($BENCH_DIR/data), so that the ingest of the
# remaining 6 zips, started beside the server, really writes (10,583 new
# articles) while wrk runs. At the end, the story list the server kept in
# step with that ingest is compared with one read afresh by a new server.
set -euo pipefail
cd "$(dirname "$0")/../.."
data_root=${SHARED_DATA:-../shared/data}
snn="$data_root/saudinewsnet/dataset"
ant="$data_root/ant-multisource-v2.1.tar.gz"
duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
threads=${WRK_THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }

if [ -z "${MARSAD_BIN:-}" ]; then
    cargo build --release -q -p marsad-cli
fi
bin=${MARSAD_BIN:-${CARGO_TARGET_DIR:-target}/release/marsad}
work=${BENCH_DIR:-$(mktemp -d)}
server=""
ingest=""
fresh=""
cleanup() {
    for p in $ingest $server $fresh; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    [ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

mapfile -t zips < <(ls "$snn"/*.zip | sort)
first=("${zips[@]:0:12}")
rest=("${zips[@]:12}")
if [ ! -f "$work/base/marsad.sqlite" ]; then
    echo "building the store in $work/base (12 SaudiNewsNet zips and ANT)…"
    "$bin" ingest --data "$work/base" "${first[@]}" "$ant" 2>&1 | grep '^marsad: ingest: ' || true
fi
# A copy, so that the 6 other zips are new to it on every run.
rm -rf "$work/data"
cp -a "$work/base" "$work/data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --data "$work/data" --port "$port" 2>"$work/serve.log" &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 300); do curl -fsS "$url/api/openapi.json" >/dev/null 2>&1 && break; sleep 0.2; done
articles=$(curl -fsS "$url/api/search?q=&limit=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
story=$(curl -fsS "$url/api/stories?limit=1" | python3 -c 'import json,sys; s=json.load(sys.stdin)["stories"][0]; print(s["id"], len(s["articles"]))')
read -r story_id story_size <<<"$story"
echo "serving $articles articles; the story page: /stories/$story_id ($story_size articles, the largest story)"

# INGEST_NICE=10: the ingest as a background job (`nice -n 10`), as the README
# suggests when one machine both ingests and serves.
ingest_cmd=("$bin")
[ -n "${INGEST_NICE:-}" ] && ingest_cmd=(nice -n "$INGEST_NICE" "$bin")
"${ingest_cmd[@]}" ingest --data "$work/data" "${rest[@]}" >"$work/ingest.log" 2>&1 &
ingest=$!
sleep 2
run_wrk() {
    local name=$1; shift
    kill -0 "$ingest" 2>/dev/null && during="while the ingest runs" || during="AFTER the ingest ended"
    echo "== $name ($during)"
    wrk --latency -t "$threads" -c "$connections" -d "$duration" "$@"
    kill -0 "$ingest" 2>/dev/null && echo "(the ingest was still running at the end)" || echo "(the ingest had ended by the end)"
}
run_wrk "/api/search" -s bench/serve/queries.lua "$url" -- 20
run_wrk "/stories/$story_id" "$url/stories/$story_id"
run_wrk "/api/stories/$story_id" "$url/api/stories/$story_id"
wait "$ingest" || true
ingest=""
grep '^marsad: ingest: ' "$work/ingest.log" || tail -3 "$work/ingest.log"
after=$(curl -fsS "$url/api/search?q=&limit=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "articles served before the ingest: $articles; after: $after"
kill -0 "$server" || { echo "the server died" >&2; cat "$work/serve.log"; exit 1; }

# The story list the server followed the ingest with, against one read
# afresh (the catalog is refreshed within a few seconds of the last write).
port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --data "$work/data" --port "$port2" 2>"$work/serve-fresh.log" &
fresh=$!
for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$port2/api/openapi.json" >/dev/null 2>&1 && break; sleep 0.2; done
same=no
for _ in $(seq 1 60); do
    if cmp -s <(curl -fsS "$url/api/stories?limit=1000000") <(curl -fsS "http://127.0.0.1:$port2/api/stories?limit=1000000"); then
        same=yes
        break
    fi
    sleep 1
done
echo "the story list kept in step with the ingest equals one read afresh: $same"
[ "$same" = yes ] || exit 1
