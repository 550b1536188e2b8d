#!/usr/bin/env bash
# Ingest benchmark: all of SaudiNewsNet (18 zips, 31,030 records) and ANT v2.1
# (31,525 DOC files) into a fresh data folder, end to end through
# `marsad ingest`; prints articles/s and peak memory (max RSS).
#
#   bash bench/ingest.sh            # from the repository root
#   SHARED_DATA=/path/to/shared/data bash bench/ingest.sh
#   MARSAD_BIN=/path/to/other/marsad bash bench/ingest.sh   # another build, for a ratio
#   INGEST_ARGS="--stages none" bash bench/ingest.sh          # extra ingest options
set -euo pipefail
cd "$(dirname "$0")/.."
data_root=${SHARED_DATA:-../shared/data}
snn="$data_root/saudinewsnet/dataset"
ant="$data_root/ant-multisource-v2.1.tar.gz"
for f in "$snn" "$ant"; do
    [ -e "$f" ] || { echo "missing $f (set SHARED_DATA)" >&2; exit 2; }
done

if [ -z "${MARSAD_BIN:-}" ]; then
    cargo build --release -q -p marsad-cli
fi
bin=${MARSAD_BIN:-${CARGO_TARGET_DIR:-target}/release/marsad}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Peak RSS of the child through getrusage (no dependency on GNU time).
# shellcheck disable=SC2086 # INGEST_ARGS is a list of options
python3 - "$work" "$bin" ingest ${INGEST_ARGS:-} --data "$work/data" "$snn" "$ant" <<'PY'
import resource, subprocess, sys, time, re, os
work, cmd = sys.argv[1], sys.argv[2:]
start = time.monotonic()
with open(os.path.join(work, "stderr"), "w") as err:
    status = subprocess.run(cmd, stderr=err).returncode
secs = time.monotonic() - start
peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
log = open(os.path.join(work, "stderr")).read()
closing = [l for l in log.splitlines() if l.startswith("marsad: ingest: ")]
print(closing[-1] if closing else log[-2000:])
m = re.search(r"(\d+) stored, (\d+) articles", closing[-1] if closing else "")
articles = int(m.group(2)) if m else 0
db = os.path.getsize(os.path.join(work, "data", "marsad.sqlite")) / 2**20
idx = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(os.path.join(work, "data", "index")) for f in fs) / 2**20
print(f"command: {' '.join(cmd)}")
print(f"exit status {status}; {articles} articles in {secs:.2f} s = {articles / secs:.0f} articles/s; "
      f"peak RSS {peak_mib:.0f} MiB; store {db:.0f} MiB; index {idx:.0f} MiB; {os.cpu_count()} cores")
sys.exit(status)
PY
