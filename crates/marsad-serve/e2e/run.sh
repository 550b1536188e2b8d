#!/usr/bin/env bash
# The browser end-to-end test (Debian's chromium driven by playwright-core)
# and schemathesis against `marsad serve` on the ingested seed pages.
# Screenshots: $CARGO_TARGET_DIR/screenshots (target/screenshots by default).
# Needs: chromium, fonts-hosny-amiri, node + `npm ci` here, schemathesis.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
seeds=$root/../shared/seeds

cargo build --quiet -p marsad-cli
bin=$target/debug/marsad

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" ingest --data "$work/data" "$seeds" >"$work/ingest.log" 2>&1 || { cat "$work/ingest.log"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --data "$work/data" --port "$port" 2>"$work/serve.log" &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    curl -fsS "$url/api/openapi.json" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
    sleep 0.2
done
curl -fsS "$url/api/openapi.json" >/dev/null

mkdir -p "$target/screenshots"
(cd "$here" && MARSAD_URL=$url SCREENSHOT_DIR=$target/screenshots node --test story.test.mjs)

# The OpenAPI document against what the server answers: every check, valid
# and invalid inputs generated from the document.
# (Run in the scratch folder: schemathesis leaves a .schemathesis/ cache behind.)
(cd "$work" && schemathesis run "$url/api/openapi.json" --checks all \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-60}" \
    --request-timeout 10 --max-response-time 5 --suppress-health-check all)

kill -0 "$server" || { echo "marsad serve died during the tests" >&2; cat "$work/serve.log"; exit 1; }
echo "serve e2e: browser test, schemathesis passed; screenshots in $target/screenshots"
