#!/usr/bin/env python3
"""Text-dump bench that is not circular: real pages rendered to text by inscriptis.

The synthetic text-dump benches (bench/text-dumps/) plant furniture made of the
extractor's own cue phrases and dates in formats it knows. Here the furniture,
the menus, the teasers and the date formats are whatever the real pages of
fundus-pages and htmldate-pages carry: each page is rendered to a plain-text
dump with inscriptis (`pip install inscriptis`), the way a scraper saves the
visible text, then marsad's text-dump extractor reads the dump and is scored
exactly as bench/extraction/score.py scores HTML (body token P/R/F1, title,
day, authors; htmldate-pages: day, or no date).

    python3 bench/extraction/inscriptis_dumps.py [--data ../shared/data] [--per-page FILE.tsv]
                                                 [--keep DIR]

The dumps are written to a temporary folder and removed afterwards (or kept in
DIR, outside the repository, to read them); nothing derived from the pages
enters the repository.
"""

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score  # noqa: E402  (same folder)


def decode(raw):
    for enc in ("utf-8", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def render_suite(suite_dir, gold, out_dir):
    from inscriptis import get_text

    (out_dir / "pages").mkdir(parents=True)
    dump_gold = {}
    for file, entry in gold.items():
        html = decode(gzip.decompress((suite_dir / "pages" / file).read_bytes()))
        name = file.removesuffix(".html.gz") + ".txt"
        (out_dir / "pages" / name).write_text(get_text(html), encoding="utf-8")
        dump_gold[name] = {"url": entry.get("url"), "of": file}
    (out_dir / "gold.json").write_text(json.dumps(dump_gold, ensure_ascii=False))
    return dump_gold


def marsad_on(dump_dir, dump_gold, extract_suite=None):
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "marsad-extract",
           "--example", "extract_suite", "--", str(dump_dir)]
    if extract_suite:
        cmd = [extract_suite, str(dump_dir)]
    out = subprocess.run(cmd, cwd=score.ROOT, check=True, capture_output=True, text=True).stdout
    by_dump = score.parse_marsad(out)
    return {dump_gold[name]["of"]: r for name, r in by_dump.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(score.ROOT / "../shared/data"))
    ap.add_argument("--per-page", help="write per-page results as TSV")
    ap.add_argument("--extract-suite", help="a built extract_suite example (default: cargo run)")
    ap.add_argument("--keep", help="render the dumps into this (new) folder and keep them")
    args = ap.parse_args()
    data = Path(args.data)
    per_page = [] if args.per_page else None
    fundus_dir, htmldate_dir = data / "fundus-pages", data / "htmldate-pages"
    fundus_gold = json.loads((fundus_dir / "gold.json").read_text())
    htmldate_gold = json.loads((htmldate_dir / "gold.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(args.keep) if args.keep else Path(tmp)
        fr = marsad_on(tmp / "fundus", render_suite(fundus_dir, fundus_gold, tmp / "fundus"),
                       args.extract_suite)
        hr = marsad_on(tmp / "htmldate",
                       render_suite(htmldate_dir, htmldate_gold, tmp / "htmldate"), args.extract_suite)
    s = score.score_fundus(fundus_gold, fr, per_page, "marsad-text")
    hd_ok, hd_n = score.score_days(htmldate_gold, hr, per_page, "marsad-text")
    print("| marsad on inscriptis dumps | fundus body F1 (P / R) | title | day | authors | htmldate-pages day |")
    print("|---|---|---|---|---|---|")
    print(f"| text-dump extractor | {s['f1']:.3f} ({s['p']:.3f} / {s['r']:.3f}) | {s['titles']}/{s['n']} "
          f"| {s['days']}/{s['n']} | {s['authors']}/{s['n_authors']} | {hd_ok}/{hd_n} |")
    if per_page is not None:
        with open(args.per_page, "w") as f:
            for row in per_page:
                f.write("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in row) + "\n")


if __name__ == "__main__":
    main()
