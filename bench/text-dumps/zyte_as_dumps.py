#!/usr/bin/env python3
"""Text-dump extraction on pages nobody here annotated.

Renders the 181 HTML pages of the Zyte article-extraction benchmark to text
dumps (one block per line, as a scraper saves a page's visible text, using
inscriptis), runs `marsad extract --json` on the dumps, and scores the main
article's paragraphs against the benchmark's ground truth with its own
evaluate.py (shingle-based F1).

    pip install inscriptis
    cargo build --release -p marsad-cli
    python3 bench/text-dumps/zyte_as_dumps.py [--marsad target/release/marsad] [--zyte ../shared/data/zyte-article-extraction-benchmark]
"""
import argparse
import gzip
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from inscriptis import get_text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marsad", default="target/release/marsad")
    ap.add_argument("--zyte", default="../shared/data/zyte-article-extraction-benchmark")
    ap.add_argument("--keep", help="also write the dumps to this folder")
    args = ap.parse_args()
    zyte = Path(args.zyte)
    truth = json.loads((zyte / "ground-truth.json").read_text())
    work = Path(tempfile.mkdtemp(prefix="marsad-zyte-dumps-"))
    dumps = work / "dumps"
    dumps.mkdir()
    for key in truth:
        raw = gzip.decompress((zyte / "html" / f"{key}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        (dumps / f"{key}.txt").write_text(get_text(html))
    if args.keep:
        shutil.copytree(dumps, args.keep, dirs_exist_ok=True)
    out = subprocess.run(
        [args.marsad, "extract", "--json", str(dumps)], capture_output=True, text=True
    )
    predictions = {}
    for line in out.stdout.splitlines():
        page = json.loads(line)
        key = Path(page["source"]).stem
        main = [a for a in page.get("articles", []) if a["role"] == "main"]
        body = "\n".join(p["text"] for a in main[:1] for p in a["paragraphs"])
        predictions[key] = {"articleBody": body}
    for key in truth:
        predictions.setdefault(key, {"articleBody": ""})
    (work / "output").mkdir()
    (work / "output" / "marsad-text-dumps.json").write_text(json.dumps(predictions))
    shutil.copy(zyte / "ground-truth.json", work)
    shutil.copy(zyte / "evaluate.py", work)
    subprocess.run(["python3", "evaluate.py", "--n-bootstrap", "100"], cwd=work, check=True)
    found = sum(1 for p in predictions.values() if p["articleBody"])
    print(f"pages with a main article: {found}/{len(truth)}; dumps in {dumps}")


if __name__ == "__main__":
    main()
