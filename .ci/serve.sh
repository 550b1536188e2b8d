#!/usr/bin/env bash
# CI for `marsad serve`: Debian's chromium and Arabic font, the e2e test's
# npm packages, schemathesis; then the browser test and schemathesis
# against a running server (crates/marsad-serve/e2e/run.sh). Any missing
# piece or failed test fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null; then
    apt-get install -y -qq chromium fonts-hosny-amiri wrk >/dev/null
fi
for tool in chromium node npm; do
    command -v "$tool" >/dev/null || { echo "ci: $tool is missing (the serve e2e test needs it)" >&2; exit 1; }
done
[ -f /usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf ] \
    || { echo "ci: fonts-hosny-amiri is not installed" >&2; exit 1; }
(cd crates/marsad-serve/e2e && npm ci --no-audit --no-fund --silent)
python3 -m pip install --quiet schemathesis
bash crates/marsad-serve/e2e/run.sh
