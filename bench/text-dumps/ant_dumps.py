#!/usr/bin/env python3
"""Text-dump extraction on real Arabic articles in page furniture.

The seeds are five pages; this measures the text-dump extractor on hundreds
of real Arabic articles from five outlets (the ANT corpus: AlArabiya, BBC
Arabic, CNN Arabic, France24, SkyNews Arabia), each laid out as a scraper's
text dump of a news page: a masthead, a menu (run together or as a
breadcrumb), the headline, a date in one of the regional styles (Egyptian
with ص/م, Levantine and Maghrebi month names, Hijri beside Gregorian,
Eastern digits, bidi marks), a byline, a photo caption, the article's own
paragraphs with "read also" links planted between them, then share bars,
tags, a related-stories list of other real headlines and teasers, comments
and a footer. Layouts vary at random (seeded, so runs are repeatable).

Ground truth is known by construction: the article's lines, its title line,
its date, its outlet (the masthead and often the footer print the real
outlet's name, in one of the spellings it uses), its byline when one is
planted, and its original source when a credit is planted (a closing
"المصدر:" line or a dateline lead-in naming an agency; photo credits in
captions are not an original source). See known_truth.py. The furniture is
ours; the prose, its paragraphing and the headlines are the outlets'.

    cargo build --release -p marsad-cli
    python3 bench/text-dumps/ant_dumps.py [--pages 600] [--seed 7] [--marsad target/release/marsad]
"""
import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ant_docs import load_docs  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from known_truth import AGENCIES, AUTHORS, CITIES, OUTLETS, Tally  # noqa: E402

MONTHS = {
    "egypt": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "levant": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"],
    "maghreb": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "morocco": ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"],
}
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
HIJRI = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
MENUS = [
    "الرئيسيةأخبارسياسةاقتصادرياضةثقافةمنوعاتتكنولوجيا",
    "الرئيسية > أخبار > العالم",
    "الرئيسية | سياسة | اقتصاد | رياضة | فن",
]
SHARE = ["شارك", "FacebookTwitterWhatsAppTelegram", "شارك الخبر:", "Facebook Twitter WhatsApp Email"]
READ_ALSO = ["اقرأ أيضاً: ", "شاهد ايضاً: ", "إقرأ أيضا: ", "READ  "]
RELATED = ["أخبار ذات صلة", "مقالات ذات صلة", "الأكثر قراءة"]
CREDITS = ["(رويترز)", "(أ.ف.ب)", "(الأناضول)", "(رويترز - أرشيفية)", "(غيتي)"]
FOOTERS = ["© 2018 جميع الحقوق محفوظة", "من نحن", "سياسة الخصوصية", "اتصل بنا"]


def date_line(rng, y, mo, d, h, mi):
    style = rng.choice(["egypt", "levant", "maghreb", "morocco", "hijri", "numeric", "label"])
    ampm = "ص" if h < 12 else "م"
    h12 = h % 12 or 12
    if style == "egypt":
        s = f"{rng.choice(WEEKDAYS)}، {d:02d} {MONTHS['egypt'][mo - 1]} {y} {h12:02d}:{mi:02d} {ampm}"
        return s, (y, mo, d, h, mi)
    if style in ("levant", "maghreb", "morocco"):
        s = f"{rng.choice(WEEKDAYS)} {d} {MONTHS[style][mo - 1]} {y} | {h:02d}:{mi:02d}"
        if rng.random() < 0.5:
            s = "\u200f" + s.replace(" ", " \u200f", 2)
        return s, (y, mo, d, h, mi)
    if style == "hijri":
        hd = rng.randint(1, 28)
        s = f"{hd} {rng.choice(HIJRI)} 1439هـ - {d:02d} {MONTHS['egypt'][mo - 1]} {y}م".translate(EASTERN)
        return s, (y, mo, d, None, None)
    if style == "numeric":
        s = f"{d:02d}/{mo:02d}/{y} - {h:02d}:{mi:02d}"
        return s, (y, mo, d, h, mi)
    s = f"نشر في: {d} {MONTHS['egypt'][mo - 1]} {y}"
    return s, (y, mo, d, None, None)


def build_page(rng, doc, others, when):
    """The page's lines (text, role), its date, byline and original source."""
    lines = []  # (text, role)
    blank = rng.random() < 0.6  # blank lines between blocks, as many dumps have

    def add(text, role="furniture"):
        lines.append((text, role))
        if blank:
            lines.append(("", "blank"))

    spellings, _ = OUTLETS[doc["src"]]
    outlet_name = rng.choice(spellings)
    add(outlet_name)
    add(rng.choice(MENUS))
    if rng.random() < 0.5:
        add(rng.choice(["سياسة", "العالم", "اقتصاد", "منوعات"]))
    add(doc["title"], "title")
    date_text, date = date_line(rng, *when)
    if rng.random() < 0.8:
        add(date_text, "date")
    else:
        date = None
    byline = None
    if rng.random() < 0.4:
        byline = rng.choice(AUTHORS)
        add(rng.choice(["كتب: ", "بقلم: ", "بقلم "]) + byline)
    if rng.random() < 0.4:
        add(rng.choice(SHARE))
    if rng.random() < 0.5:
        add(f"{' '.join(doc['title'].split()[:5])} {rng.choice(CREDITS)}", "caption")
    source = None
    credit = rng.random()
    if credit < 0.35:
        source = rng.choice(AGENCIES)
    paras = list(doc["paras"])
    if source and credit < 0.15:
        paras[0] = f"{rng.choice(CITIES)} ({rng.choice(source)}) - {paras[0]}"
    for i, p in enumerate(paras):
        add(p, "body")
        if 0 < i < len(doc["paras"]) - 1 and rng.random() < 0.12:
            add(rng.choice(READ_ALSO) + rng.choice(others)["title"])
    if source and credit >= 0.15:
        add(rng.choice(["المصدر: ", "المصدر : "]) + rng.choice(source))
    if rng.random() < 0.5:
        add(rng.choice(SHARE))
    if rng.random() < 0.5:
        add("الوسوم: " + " ".join(doc["title"].split()[:3]))
    if rng.random() < 0.7:
        add(rng.choice(RELATED))
        for o in rng.sample(others, 4):
            add(o["title"])
            teaser = o["abstract"] or o["paras"][0]
            add(teaser[:200] + ("..." if len(teaser) > 200 else ""))
    if rng.random() < 0.3:
        add("التعليقات")
        add("لا توجد تعليقات على الخبر")
        add("أضف تعليقك")
    for f in rng.sample(FOOTERS, 2):
        add(f)
    if rng.random() < 0.5:
        add(f"© 2018 {outlet_name}. جميع الحقوق محفوظة")
    return lines, date, byline, source


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marsad", default="target/release/marsad")
    ap.add_argument("--ant", default="../shared/data/ant-multisource-v2.1.tar.gz")
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show-worst", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = load_docs(args.ant)
    by_src = {}
    for d in docs:
        by_src.setdefault(d["src"], []).append(d)
    picked = []
    per_src = args.pages // len(by_src)
    for src in sorted(by_src):
        picked += rng.sample(by_src[src], min(per_src, len(by_src[src])))
    work = Path(tempfile.mkdtemp(prefix="marsad-ant-dumps-"))
    truth = {}
    for n, doc in enumerate(picked):
        when = (2018, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59))
        lines, date, byline, source = build_page(rng, doc, docs, when)
        name = f"{n:04d}_{doc['src']}.txt"
        crlf = rng.random() < 0.2
        (work / name).write_bytes(("\r\n" if crlf else "\n").join(t for t, _ in lines).encode("utf-8"))
        truth[name] = {
            "body": {i + 1 for i, (_, r) in enumerate(lines) if r == "body"},
            "title": next(i + 1 for i, (_, r) in enumerate(lines) if r == "title"),
            "date": None if date is None else "%04d-%02d-%02d" % date[:3],
            "src": doc["src"],
            "outlet": OUTLETS[doc["src"]][1],
            "byline": byline,
            "source": source,
        }
    out = subprocess.run([args.marsad, "extract", "--json", str(work)], capture_output=True, text=True)
    tp = fp = fn = 0
    titles = dates = dates_expected = counts = good_pages = 0
    per_src = {}
    worst = []
    outlets, bylines, sources = Tally(), Tally(), Tally()
    for line in out.stdout.splitlines():
        page = json.loads(line)
        name = Path(page["source"]).name
        t = truth[name]
        arts = page.get("articles", [])
        found = {p["line"] for a in arts for p in a["paragraphs"]}
        a_tp, a_fp, a_fn = len(found & t["body"]), len(found - t["body"]), len(t["body"] - found)
        tp, fp, fn = tp + a_tp, fp + a_fp, fn + a_fn
        f1 = 2 * a_tp / (2 * a_tp + a_fp + a_fn) if a_tp else 0.0
        good_pages += f1 >= 0.93
        per_src.setdefault(t["src"], []).append(f1)
        worst.append((f1, name, sorted(t["body"] - found)[:8], sorted(found - t["body"])[:8]))
        counts += len(arts) == 1
        titles += bool(arts) and arts[0]["title_line"] == t["title"]
        main = arts[0] if arts else {}
        outlets.add(main.get("outlet"), t["outlet"], same=lambda g, w: g == w)
        bylines.add(main.get("byline"), t["byline"])
        sources.add(main.get("original_source"), t["source"])
        if t["date"]:
            dates_expected += 1
            dates += bool(arts) and (arts[0]["published"] or "")[:10] == t["date"]
    n = len(truth)
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"{n} dumps of real ANT articles in random page furniture (seed {args.seed}), folder {work}")
    print(f"body lines: P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r):.3f} pooled; pages with F1 >= 0.93: {good_pages}/{n}")
    print(f"one article found: {counts}/{n}; title line right: {titles}/{n}; date right (by day): {dates}/{dates_expected}")
    print(f"outlet right: {outlets}; byline right: {bylines}; original source right: {sources}")
    for src, f1s in sorted(per_src.items()):
        print(f"  {src:<10} mean page F1 {sum(f1s) / len(f1s):.3f} over {len(f1s)} pages")
    for f1, name, missed, extra in sorted(worst)[: args.show_worst]:
        print(f"  worst: {name} F1 {f1:.2f} missed {missed} extra {extra}")


if __name__ == "__main__":
    main()
