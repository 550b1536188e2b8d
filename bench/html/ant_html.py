#!/usr/bin/env python3
"""HTML extraction on real Arabic articles in typical Arabic news markup.

The Zyte benchmark is mostly English; this lays real Arabic articles (the
ANT corpus: AlArabiya, BBC Arabic, CNN Arabic, France24, SkyNews Arabia)
into three kinds of markup seen on Arabic news sites, at random (seeded):

* semantic: <article>, <h1>, <time datetime>, <p> paragraphs, an aside of
  related stories, a comment form, a footer;
* div soup: no <article>, paragraphs separated by <br><br> inside one div,
  a "اقرأ أيضا" box inside the text, a "الأكثر قراءة" widget with teasers;
* structured: JSON-LD NewsArticle (datePublished with a +0300 offset late
  at night), og:title with a " | site" suffix, a visible date that differs,
  a related block after the article with teaser paragraphs.

Ground truth is known by construction: the paragraphs, the title, the date,
the outlet (the site's name in the logo, <title>, og:site_name and footer is
the real outlet's, in one of its spellings), the byline (a visible "كتب:"
line, a JSON-LD author, or none) and the original source (a "المصدر:" line
closing the text or a dateline lead-in naming an agency, or none; the photo
credit "(رويترز)" is not one). See ../text-dumps/known_truth.py. The prose is
the outlets'; the markup is ours.

    cargo build --release -p marsad-cli
    python3 bench/html/ant_html.py [--pages 300] [--seed 11]
"""
import argparse
import html
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ant_docs import load_docs  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "text-dumps"))
from known_truth import AGENCIES, AUTHORS, CITIES, OUTLETS, Tally  # noqa: E402

MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]


e = html.escape


def nav(site):
    return (f'<header class="site-header"><a class="logo" href="/">{e(site)}</a><nav class="main-menu"><ul>'
            + "".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(["الرئيسية", "سياسة", "اقتصاد", "رياضة", "فن", "تكنولوجيا"]))
            + "</ul></nav></header>")


def related_items(others, teaser=True):
    out = []
    for o in others:
        t = o["abstract"] or o["paras"][0]
        item = f'<li><a href="/n/{abs(hash(o["title"])) % 99999}">{e(o["title"])}</a>'
        if teaser:
            item += f'<p class="teaser">{e(t[:180])}...</p>'
        out.append(item + "</li>")
    return "<ul>" + "".join(out) + "</ul>"


def footer(site):
    return (f'<footer class="site-footer"><p>جميع الحقوق محفوظة © 2018 {e(site)}</p>'
            '<a href="/about">من نحن</a> <a href="/privacy">سياسة الخصوصية</a> <a href="/contact">اتصل بنا</a></footer>')


def semantic(rng, doc, others, site, when):
    y, mo, d, h, mi = when
    paras = "".join(f"<p>{e(p)}</p>" for p in doc["paras"])
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{e(doc['title'])} - {e(site)}</title></head>
<body>{nav(site)}<main><article class="post">
<h1 class="post-title">{e(doc['title'])}</h1>
<div class="meta"><time datetime="{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00+03:00">{d} {MONTHS[mo - 1]} {y}</time> {f'<span class="author">كتب: {e(doc["byline"])}</span>' if doc["byline"] else ""}</div>
<div class="share"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<figure><img src="/img/1.jpg" alt=""><figcaption>{e(' '.join(doc['title'].split()[:5]))} (رويترز)</figcaption></figure>
<div class="entry-content">{paras}</div>
<div class="tags">الوسوم: <a href="/t/1">{e(doc['title'].split()[0])}</a></div>
</article>
<aside class="related-posts"><h3>مواضيع ذات صلة</h3>{related_items(rng.sample(others, 4))}</aside>
<section class="comments"><h3>التعليقات</h3><p>لا توجد تعليقات</p><form><textarea></textarea><button>أضف تعليقك</button></form></section>
</main>{footer(site)}</body></html>""", (y, mo, d)


def div_soup(rng, doc, others, site, when):
    y, mo, d, h, mi = when
    parts = []
    for i, p in enumerate(doc["paras"]):
        parts.append(e(p))
        if i == len(doc["paras"]) // 2 and len(doc["paras"]) > 3:
            o = rng.choice(others)
            parts.append(f'<div class="box"><span>اقرأ أيضا:</span> <a href="/x">{e(o["title"])}</a></div>')
    body = "<br><br>".join(parts)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{e(site)} | {e(doc['title'])}</title></head>
<body><div id="wrapper">{nav(site)}
<div class="row"><div class="col-8"><div class="content">
<div class="news-title">{e(doc['title'])}</div>
<div class="news-date">{d}/{mo}/{y} - {h:02d}:{mi:02d}</div>
<div class="news-text">{body}</div>
</div></div>
<div class="col-4"><div class="widget"><div class="widget-title">الأكثر قراءة</div>{related_items(rng.sample(others, 5))}</div></div></div>
{footer(site)}</div></body></html>""", (y, mo, d)


def structured(rng, doc, others, site, when):
    y, mo, d, h, mi = when
    h = 23
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc["title"],
          "datePublished": f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00+0300",
          "publisher": {"@type": "Organization", "name": site}}
    if doc["byline"]:
        ld["author"] = {"@type": "Person", "name": doc["byline"]}
    visible_day = d + 1 if d < 28 else d - 1
    paras = "".join(f"<p>{e(p)}</p>" for p in doc["paras"])
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta property="og:title" content="{e(doc['title'])} | {e(site)}"><meta property="og:site_name" content="{e(site)}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>
<body>{nav(site)}<div id="main"><div class="article-header"><h1>{e(doc['title'])}</h1>
<span class="date">آخر تحديث: {visible_day} {MONTHS[mo - 1]} {y}</span></div>
<div class="article-body">{paras}</div>
<div class="related"><h2>اقرأ المزيد</h2>{''.join(f'<div class="card"><h4>{e(o["title"])}</h4><p>{e((o["abstract"] or o["paras"][0])[:160])}...</p></div>' for o in rng.sample(others, 3))}</div>
</div>{footer(site)}</body></html>""", (y, mo, d)


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marsad", default="target/release/marsad")
    ap.add_argument("--ant", default="../shared/data/ant-multisource-v2.1.tar.gz")
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = load_docs(args.ant, min_words=4)
    picked = rng.sample(docs, args.pages)
    bylines, sources, outlets = Tally(), Tally(), Tally()
    work = Path(tempfile.mkdtemp(prefix="marsad-ant-html-"))
    truth = {}
    layouts = {"semantic": semantic, "div_soup": div_soup, "structured": structured}
    for n, doc in enumerate(picked):
        kind = rng.choice(sorted(layouts))
        when = (2018, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59))
        spellings, outlet = OUTLETS[doc["src"]]
        site = rng.choice(spellings)
        # div soup prints no byline; the other layouts do, on most pages.
        byline = rng.choice(AUTHORS) if kind != "div_soup" and rng.random() < 0.7 else None
        credit = rng.random()
        source = rng.choice(AGENCIES) if credit < 0.35 else None
        paras = list(doc["paras"])
        if source and credit < 0.15:
            paras[0] = f"{rng.choice(CITIES)} ({rng.choice(source)}) - {paras[0]}"
        elif source:
            paras.append(f"المصدر: {rng.choice(source)}")
        doc = dict(doc, paras=paras, byline=byline)
        page, date = layouts[kind](rng, doc, docs, site, when)
        if source and credit >= 0.15:
            paras = paras[:-1]  # the credit line is not body text
        name = f"{n:04d}_{kind}.html"
        (work / name).write_text(page, encoding="utf-8")
        truth[name] = {"paras": {norm(p) for p in paras}, "title": norm(doc["title"]), "date": "%04d-%02d-%02d" % date, "kind": kind,
                       "outlet": outlet, "byline": byline, "source": source}
    out = subprocess.run([args.marsad, "extract", "--json", str(work)], capture_output=True, text=True)
    stats = {}
    for line in out.stdout.splitlines():
        page = json.loads(line)
        name = Path(page["source"]).name
        t = truth[name]
        s = stats.setdefault(t["kind"], {"tp": 0, "fp": 0, "fn": 0, "title": 0, "date": 0, "one": 0, "n": 0})
        arts = page.get("articles", [])
        main = arts[0] if arts else {"paragraphs": [], "title": None, "published": None}
        got = {norm(p["text"]) for p in main["paragraphs"]}
        s["tp"] += len(got & t["paras"])
        s["fp"] += len(got - t["paras"])
        s["fn"] += len(t["paras"] - got)
        s["title"] += norm(main["title"] or "") == t["title"]
        s["date"] += (main["published"] or "")[:10] == t["date"]
        s["one"] += len(arts) == 1
        outlets.add(main.get("outlet"), t["outlet"], same=lambda g, w: g == w)
        bylines.add(main.get("byline"), t["byline"])
        sources.add(main.get("original_source"), t["source"])
        s["n"] += 1
    print(f"{len(truth)} ANT articles in Arabic news markup (seed {args.seed}), folder {work}")
    print(f"{'layout':<11} {'pages':>5} {'para P':>7} {'para R':>7} {'F1':>6} {'title':>7} {'date':>7} {'1 article':>9}")
    for kind, s in sorted(stats.items()):
        p = s["tp"] / max(1, s["tp"] + s["fp"])
        r = s["tp"] / max(1, s["tp"] + s["fn"])
        f = 2 * p * r / (p + r) if p + r else 0
        print(f"{kind:<11} {s['n']:>5} {p:>7.3f} {r:>7.3f} {f:>6.3f} {s['title']:>3}/{s['n']:<3} {s['date']:>3}/{s['n']:<3} {s['one']:>4}/{s['n']}")
    print(f"outlet right: {outlets}; byline right: {bylines}; original source right: {sources}")


if __name__ == "__main__":
    main()
