#!/usr/bin/env python3
"""Scores marsad and trafilatura + htmldate on the same real page suites, the same way.

Suites (from ../shared/data): fundus-pages (title, published, authors, body by
Fundus's hand-written per-site parsers) and htmldate-pages (publication day or
none). For every page both tools get the same HTML bytes and the page's URL.

    python3 bench/extraction/score.py [--data ../shared/data] [--marsad FILE.jsonl]
                                      [--per-page FILE.tsv] [--tools marsad,trafilatura]

marsad runs through `cargo run --release -p marsad-extract --example extract_suite`
(or reads its saved output with --marsad-fundus/--marsad-htmldate). trafilatura 2.3.1
and htmldate 1.11.0 (`pip install trafilatura==2.3.1 htmldate==1.11.0 lxml_html_clean`) run
in-process (htmldate with original_date=True: the gold is the first publication day);
their results are cached in bench/extraction/.cache/ keyed by the installed versions.

Scoring, identical for both tools:
  body    tokens = lower-cased \\w+ words; per page, multiset precision and recall of the
          extracted body against the gold body (summary + section headlines + paragraphs);
          P and R are averaged over pages and F1 is taken of the two averages (an empty
          extraction has precision 0);
  title   the lower-cased \\w+ token lists of extracted and gold title are equal;
  day     the extracted publication day equals the gold one (Fundus: the day of
          `published` in its own offset; htmldate-pages: `date`, where null means the
          right answer is no date);
  authors each gold author counts as found when all its tokens occur in the extracted
          byline (marsad: the main article's byline; trafilatura: its `author`).
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORD = re.compile(r"\w+")


def tokens(text):
    return WORD.findall((text or "").lower())


def gold_body(entry):
    parts = list(entry.get("summary") or [])
    for section in entry.get("sections") or []:
        parts += section.get("headline") or []
        parts += section.get("paragraphs") or []
    return "\n".join(parts)


def body_pr(extracted, gold):
    got, want = Counter(tokens(extracted)), Counter(tokens(gold))
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 1.0
    return precision, recall


def day_of(value):
    """YYYY-MM-DD of an ISO-ish date or datetime string (its own local day), or None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    return m.group(0) if m else None


def outlet_same(outlet, publisher):
    """The site's name given is the publisher's: the same words, or the same letters
    with the spaces dropped ("NBCNews" = "NBC News")."""
    got, want = tokens(outlet), tokens(publisher)
    return bool(want) and (got == want or "".join(got) == "".join(want))


def author_found(author, byline):
    have = set(tokens(byline))
    need = tokens(author)
    return bool(need) and all(t in have for t in need)


# ---- marsad -----------------------------------------------------------------

def run_marsad(suite_dir):
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "marsad-extract",
           "--example", "extract_suite", "--", str(suite_dir)]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return parse_marsad(out)


def parse_marsad(text):
    results = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        page = row.get("page")
        if not page:
            results[row["file"]] = {"title": None, "day": None, "byline": None, "body": "", "outlet": None}
            continue
        main = next((a for a in page["articles"] if a["role"] == "main"), None)
        if main is None:
            results[row["file"]] = {"title": None, "day": None, "byline": None, "body": "", "outlet": None}
            continue
        body = "\n".join(p["text"] for p in main["paragraphs"])
        results[row["file"]] = {
            "title": main["title"],
            "day": day_of(main["published"]),
            "byline": main["byline"],
            "body": body,
            "outlet": main.get("outlet"),
        }
    return results


# ---- trafilatura + htmldate --------------------------------------------------

def run_trafilatura(suite_dir, gold, cache_name):
    import htmldate
    import trafilatura

    cache_dir = ROOT / "bench/extraction/.cache"
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache = cache_dir / f"{cache_name}-trafilatura{trafilatura.__version__}-htmldate{htmldate.__version__}-v2.json"
    if cache.exists():
        return json.loads(cache.read_text())
    results = {}
    for file, entry in gold.items():
        raw = gzip.decompress((suite_dir / "pages" / file).read_bytes())
        url = entry.get("url")
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True,
                                          include_comments=False)
        try:
            day = htmldate.find_date(raw, url=url, original_date=True)
        except Exception:  # htmldate gives up on some markup; that is "no date"
            day = None
        results[file] = {
            "title": doc.title if doc else None,
            "day": day_of(day),
            "byline": doc.author if doc else None,
            "body": (doc.text if doc else "") or "",
            "outlet": doc.sitename if doc else None,
        }
    cache.write_text(json.dumps(results, ensure_ascii=False))
    return results


# ---- scoring ------------------------------------------------------------------

def score_fundus(gold, results, per_page, tool):
    precisions, recalls, titles, days, authors, n_authors, outlets = [], [], 0, 0, 0, 0, 0
    for file, entry in gold.items():
        r = results.get(file) or {"title": None, "day": None, "byline": None, "body": ""}
        p, rec = body_pr(r["body"], gold_body(entry))
        precisions.append(p)
        recalls.append(rec)
        title_ok = bool(tokens(entry["title"])) and tokens(r["title"]) == tokens(entry["title"])
        day_ok = r["day"] == day_of(entry["published"])
        found = sum(author_found(a, r["byline"]) for a in entry["authors"])
        titles += title_ok
        days += day_ok
        outlets += outlet_same(r.get("outlet"), entry.get("publisher"))
        authors += found
        n_authors += len(entry["authors"])
        if per_page is not None:
            per_page.append([tool, "fundus", file, f"{p:.3f}", f"{rec:.3f}", int(title_ok),
                             int(day_ok), f"{found}/{len(entry['authors'])}",
                             r["title"] or "", entry["title"], r["day"] or "",
                             day_of(entry["published"]) or ""])
    n = len(gold)
    mp, mr = sum(precisions) / n, sum(recalls) / n
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return {"f1": f1, "p": mp, "r": mr, "titles": titles, "days": days, "authors": authors,
            "n": n, "n_authors": n_authors, "outlets": outlets}


def score_days(gold, results, per_page, tool):
    ok = 0
    for file, entry in gold.items():
        r = results.get(file) or {"day": None}
        hit = r["day"] == entry["date"]
        ok += hit
        if per_page is not None:
            per_page.append([tool, "htmldate", file, "", "", "", int(hit), "", "", "",
                             r["day"] or "", entry["date"] or ""])
    return ok, len(gold)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT / "../shared/data"))
    ap.add_argument("--marsad-fundus", help="saved extract_suite output for fundus-pages")
    ap.add_argument("--marsad-htmldate", help="saved extract_suite output for htmldate-pages")
    ap.add_argument("--tools", default="marsad,trafilatura")
    ap.add_argument("--per-page", help="write per-page results as TSV")
    args = ap.parse_args()
    data = Path(args.data)
    tools = args.tools.split(",")
    per_page = [] if args.per_page else None

    fundus_dir, htmldate_dir = data / "fundus-pages", data / "htmldate-pages"
    fundus_gold = json.loads((fundus_dir / "gold.json").read_text())
    htmldate_gold = json.loads((htmldate_dir / "gold.json").read_text())

    rows = []
    for tool in tools:
        if tool == "marsad":
            fr = (parse_marsad(Path(args.marsad_fundus).read_text()) if args.marsad_fundus
                  else run_marsad(fundus_dir))
            hr = (parse_marsad(Path(args.marsad_htmldate).read_text()) if args.marsad_htmldate
                  else run_marsad(htmldate_dir))
            name = "marsad"
        elif tool == "trafilatura":
            import htmldate
            import trafilatura
            fr = run_trafilatura(fundus_dir, fundus_gold, "fundus")
            hr = run_trafilatura(htmldate_dir, htmldate_gold, "htmldate")
            name = f"trafilatura {trafilatura.__version__} + htmldate {htmldate.__version__}"
        else:
            sys.exit(f"unknown tool {tool!r} (known: marsad, trafilatura)")
        s = score_fundus(fundus_gold, fr, per_page, tool)
        hd = score_days(htmldate_gold, hr, per_page, tool)
        rows.append((name, s, hd))

    print("| tool | fundus body F1 (P / R) | title | day | authors | outlet | htmldate-pages day |")
    print("|---|---|---|---|---|---|---|")
    for name, s, (hd_ok, hd_n) in rows:
        print(f"| {name} | {s['f1']:.3f} ({s['p']:.3f} / {s['r']:.3f}) | {s['titles']}/{s['n']} "
              f"| {s['days']}/{s['n']} | {s['authors']}/{s['n_authors']} | {s['outlets']}/{s['n']} | {hd_ok}/{hd_n} |")
    if per_page is not None:
        with open(args.per_page, "w") as f:
            f.write("tool\tsuite\tfile\tP\tR\ttitle_ok\tday_ok\tauthors\ttitle\tgold_title\tday\tgold_day\n")
            for row in per_page:
                f.write("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in row) + "\n")


if __name__ == "__main__":
    main()
