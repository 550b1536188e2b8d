#!/usr/bin/env python3
"""Select the ANT articles of one week for the hand-labelled story-clustering set.

    python3 bench/stories/select_week.py [path/to/ant-multisource-v2.1.tar.gz] [--tsv]

Prints the selected DOCNOs, one a line (with --tsv: docno, outlet, category,
published, title). Repeatable: the corpus is read in sorted member order and
every random choice uses one seeded generator.

Week: Monday 2018-05-07 to Sunday 2018-05-13 (UTC days). All five outlets
publish that week and it holds several big cross-outlet events: the US
withdrawal from the Iran nuclear deal (8 May), the Israel-Iran exchange of
fire in Syria and the Golan (10 May), the Lebanese (6 May) and Iraqi (12 May)
elections, the Malaysian election (9 May), Pompeo in Pyongyang and the
Trump-Kim summit date, the Paris knife attack (12 May), the Surabaya church
bombings (13 May) and the run-up to the US embassy opening in Jerusalem.

Selection, in order:
1. every article of the week, deduplicated: by canonical URL (scheme, case,
   percent-encoding and SkyNews's optional title slug after the numeric id are
   ignored; the corpus files some URLs twice, once per category, and SkyNews
   files the same article under `/1045472` and `/1045472-slug`), then by
   identical outlet + title + text;
2. only articles the shared loader `bench/ant_docs.py` keeps (a title and at
   least two text lines);
3. topic quota: for each main topic of the week (TOPICS, matched on the
   title and abstract of a news-category article), up to CAP[topic] articles
   per outlet, drawn at random;
4. fill: up to FILL_PER_OUTLET further news-category articles per outlet,
   drawn at random from the rest (these bring the small stories and
   singletons);
5. soft news: up to SOFT_PER_OUTLET sport / culture / technology articles per
   outlet, drawn at random.
"""
import datetime
import email.utils
import hashlib
import os
import random
import re
import sys
import tarfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ant_docs  # noqa: E402  (bench/ant_docs.py, the shared ANT reader)

DEFAULT_TAR = os.path.join(HERE, "..", "..", "..", "shared", "data", "ant-multisource-v2.1.tar.gz")
SEED = 20180507
WEEK_START = datetime.date(2018, 5, 7)  # a Monday
WEEK_END = datetime.date(2018, 5, 13)  # the Sunday, inclusive
NEWS_CATS = {"internationalNews", "middleEast", "economy"}
SOFT_CATS = {"sport", "culture", "technology"}
FILL_PER_OUTLET = 12
SOFT_PER_OUTLET = 6

OUTLETS = {"alarabia": "AlArabiya", "bbc": "BBC Arabic", "cnn": "CNN Arabic", "france24": "France24", "skynews": "SkyNews Arabia"}

# (topic, pattern that must match, optional second pattern that must also match, cap per outlet)
TOPICS = [
    ("iran-deal", r"الاتفاق النووي|نووي إيران|النووي الإيراني|اتفاق إيران|الانسحاب النووي|قرار ترامب|قرار ترمب", None, 5),
    ("israel-iran-syria", r"الجولان|الضرب(ة|ات) الإسرائيلية|صواريخ إسرائيل|ليلة الصواريخ|فيلق القدس|(قواعد|مواقع|بنى|البنية التحتية) (العسكرية )?(الإيرانية|إيران)|الإيرانيين من سوريا|الغارة الإسرائيلية|قصف إسرائيلي|تصعيد بين إسرائيل وإيران|بين إسرائيل وإيران", None, 4),
    ("lebanon-election", r"لبنان|اللبناني|الحريري|نصر ?الله|حزب الله|تيار المستقبل|القوات اللبنانية", r"انتخاب|مقاعد|البرلمان|النيابي|النواب", 3),
    ("iraq-election", r"العراق|العراقي|العبادي|المالكي|علاوي|كركوك", r"انتخاب|اقتراع|التصويت|الصمت الانتخابي|الأصوات|يصوت", 4),
    ("jerusalem-embassy", r"السفار(ة|تها)", r"القدس|إيفانكا|فريدمان", 3),
    ("north-korea", r"كوريا الشمالية|كيم|بيونغ ?يانغ|سنغافورة", None, 4),
    ("malaysia", r"ماليزي|مهاتير|نجيب|أنور إبراهيم", None, 3),
    ("paris-knife", r"باريس|الأوبرا|الشيشان", r"طعن|سكين|هجوم|مهاجم", 3),
    ("indonesia-churches", r"إندونيسيا", r"كنائس|الكنائس|تفجير", 3),
    ("putin-inauguration", r"بوت[يا]?ن", r"الرابعة|اليمين", 2),
    ("socotra", r"سقطرى", None, 2),
    ("azaria", r"عزريا|جندي إسرائيلي|قاتل الفلسطيني", None, 2),
    ("kuwait-philippines", r"الكويت", r"الفلبين", 2),
    ("tunisia-municipal", r"تونس", r"بلدي|النهضة|شيخ مدينة", 2),
    ("armenia", r"أرمين|باشينيان", None, 2),
    ("gaza", r"غزة|كرم أبو سالم|مسيرة العودة|النكبة", None, 2),
    ("yemen-front", r"الحديدة|الساحل الغربي|الحوثي", None, 2),
    ("houthi-missile", r"صاروخ|صواريخ", r"حوثي|الرياض", 2),
    ("somalia", r"رجم|صومالي", None, 2),
    ("india-rape", r"الهند|هندي", r"اغتصاب", 2),
    ("cairo-metro", r"مترو", None, 2),
    ("cia-haspel", r"CIA|الاستخبارات المركزية|هاسبل", None, 2),
    ("libya-derna-belhaj", r"درنة|بلحاج|لإرهابي ليبي", None, 2),
    ("sudan-noura", r"السودان|سودانية", r"إعدام|الإعدام", 2),
    ("khartoum-consul", r"نيجيري", r"قنصل|دبلوماسي", 2),
    ("south-africa-mosque", r"جنوب (إ|أ)فريقيا", r"مسجد|مصلين|الإمام", 2),
    ("cairo-israel-party", r"ذكرى تأسيس إسرائيل|حفل السفارة الإسرائيلية|السفارة الإسرائيلية|ميدان التحرير", None, 2),
    ("iran-sanctions-uae", r"عقوبات", r"الحرس الثوري|كيانات إيرانية", 2),
    ("afghanistan", r"أفغانستان|جلال ?آباد|كابول", None, 2),
    ("oil-markets", r"النفط|الذهب|الدولار", r"أسعار|يرتفع|يتراجع|يصعد|أعلى مستوى", 2),
    ("turkey-lira", r"الليرة التركية", None, 2),
]


def canonical_url(url):
    u = urllib.parse.unquote(url.strip()).lower()
    u = re.sub(r"^https?://", "", u).rstrip("/")
    sky = re.match(r"(www\.skynewsarabia\.com/[a-z-]+/\d+)", u)
    return sky.group(1) if sky else u


def published(time_field):
    """The TIME field as an aware datetime (RFC 2822, GMT or +0400)."""
    return email.utils.parsedate_to_datetime(time_field)


def published_utc(d):
    return datetime.datetime.fromisoformat(d["published"]).astimezone(datetime.timezone.utc)


def load_week(tar_path=DEFAULT_TAR):
    """All deduplicated articles of the week with their metadata, sorted by DOCNO."""
    kept = {(d["src"], d["title"]) for d in ant_docs.load_docs(tar_path)}
    docs, seen_url, seen_text = [], set(), set()
    with tarfile.open(tar_path) as tar:
        members = sorted((m for m in tar if m.isfile() and m.name.endswith(".txt") and "/" in m.name), key=lambda m: m.name)
        for m in members:
            raw = tar.extractfile(m).read().decode("utf-8", errors="replace")

            def field(tag):
                hit = re.search(rf"<{tag}>(.*?)</{tag}>", raw, re.S)
                return hit.group(1).strip() if hit else ""

            folder = m.name.split("/")[0]
            title = field("TITLE")
            if (folder, title) not in kept:
                continue
            when = published(field("TIME"))
            day = when.astimezone(datetime.timezone.utc).date()
            if not (WEEK_START <= day <= WEEK_END):
                continue
            src = field("SRC").lower()
            text = field("TEXT")
            url = field("URL")
            key_url = canonical_url(url)
            key_text = hashlib.sha1(f"{src}\n{title}\n{text}".encode()).hexdigest()
            if key_url in seen_url or key_text in seen_text:
                continue
            seen_url.add(key_url)
            seen_text.add(key_text)
            docs.append({
                "docno": field("DOCNO"), "url": url, "src": src, "outlet": OUTLETS[src], "cat": field("CAT"),
                "title": title, "published": when.isoformat(), "abstract": field("ABSTRACT"), "text": text,
            })
    docs.sort(key=lambda d: d["docno"])
    return docs


def select(docs):
    rng = random.Random(SEED)
    chosen, taken = [], set()
    news = [d for d in docs if d["cat"] in NEWS_CATS]
    for topic, pat, pat2, cap in TOPICS:
        for src in sorted(OUTLETS):
            pool = [d for d in news if d["src"] == src and d["docno"] not in taken
                    and re.search(pat, d["title"] + " " + d["abstract"])
                    and (pat2 is None or re.search(pat2, d["title"] + " " + d["abstract"]))]
            for d in rng.sample(pool, min(cap, len(pool))):
                taken.add(d["docno"])
                chosen.append(d)
    for cats, n in ((NEWS_CATS, FILL_PER_OUTLET), (SOFT_CATS, SOFT_PER_OUTLET)):
        for src in sorted(OUTLETS):
            pool = [d for d in docs if d["src"] == src and d["cat"] in cats and d["docno"] not in taken]
            for d in rng.sample(pool, min(n, len(pool))):
                taken.add(d["docno"])
                chosen.append(d)
    chosen.sort(key=lambda d: (published_utc(d), d["docno"]))
    return chosen


def main(argv):
    tsv = "--tsv" in argv
    args = [a for a in argv if a != "--tsv"]
    chosen = select(load_week(args[0] if args else DEFAULT_TAR))
    for d in chosen:
        if tsv:
            print("\t".join([d["docno"], d["outlet"], d["cat"], d["published"], d["title"]]))
        else:
            print(d["docno"])


if __name__ == "__main__":
    main(sys.argv[1:])
