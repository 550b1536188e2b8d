#!/usr/bin/env python3
"""Builds the fuzz targets' starting corpora in fuzz/corpus/<target>/ from
the seed pages, the repository's fixtures and ../shared/data (read there,
never copied into the repository: fuzz/corpus is ignored by git).

    python3 fuzz/seed-corpus.py      # from the repository root or fuzz/
"""
import gzip
import io
import json
import pathlib
import random
import tarfile
import zipfile

FUZZ = pathlib.Path(__file__).resolve().parent
REPO = FUZZ.parent
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
CORPUS = FUZZ / "corpus"
MAX_BYTES = 64 * 1024  # libFuzzer's inputs stay small; larger seeds are cut
rng = random.Random(13)


def put(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (d / name).write_bytes(data[:MAX_BYTES])


def seed_texts():
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        yield p.name, p.read_bytes()
    for p in sorted((REPO / "crates/marsad-extract/tests/fixtures").glob("*.txt")):
        yield p.name, p.read_bytes()


def html_pages(per_set=25):
    for p in sorted((REPO / "crates/marsad-html/tests/fixtures").glob("*.html")):
        yield p.name, p.read_bytes()
    for folder in ["zyte-article-extraction-benchmark/html", "fundus-pages/pages", "htmldate-pages/pages"]:
        files = sorted((DATA / folder).glob("*.html.gz"))
        for p in sorted(rng.sample(files, min(per_set, len(files)))):
            yield p.name[:-3], gzip.decompress(p.read_bytes())


def warc_record(n, url, payload):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%08d>\r\n"
        "WARC-Target-URI: %s\r\nWARC-Date: 2024-06-15T10:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
        % (n, url, len(http))
    ).encode()
    return head + http + b"\r\n\r\n"


def anti_records():
    with tarfile.open(DATA / "ant-multisource-v2.1.tar.gz") as tar:
        n = 0
        for m in tar:
            if m.isfile() and n < 40:
                f = tar.extractfile(m)
                if f is not None:
                    yield m.name.rsplit("/", 1)[-1], f.read()
                    n += 1
            if n >= 40:
                break


def saudinewsnet_records(limit=60):
    zips = sorted((DATA / "saudinewsnet/dataset").glob("*.zip"))
    out = []
    for z in zips[:3]:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    out.extend(json.loads(zf.read(name))[: limit // 3])
    return out


def main():
    texts = list(seed_texts())
    htmls = list(html_pages())
    for name, b in texts:
        put("text_dump", name, b)
    for name, b in htmls:
        put("html", name, b)

    # WARC: small crawls of real pages, plain and one gzip member per record,
    # and the plain files as the reader meets them too.
    small = [(n, b[:6000]) for n, b in htmls[:12]]
    for i in range(0, len(small), 3):
        warc = b"".join(warc_record(i + j, "https://example.com/%d" % (i + j), b) for j, (_, b) in enumerate(small[i : i + 3]))
        put("warc", "crawl-%d.warc" % i, warc)
        gz = b"".join(gzip.compress(warc_record(i + j, "https://example.com/%d" % j, b)) for j, (_, b) in enumerate(small[i : i + 3]))
        put("warc", "crawl-%d.warc.gz" % i, gz)
    for name, b in texts[:3]:
        put("warc", name, b)
        put("warc", name + ".gz", gzip.compress(b[:8000]))
    put("warc", "page-1256.txt", "مرحبا بكم في الأخبار\nقال الوزير اليوم".encode("cp1256"))

    # Dates: the lines of the seeds and ANT TIME fields that hold a digit.
    lines = [l for _, b in texts for l in b.decode("utf-8", "replace").splitlines() if any(c.isdigit() for c in l)]
    for i, l in enumerate(rng.sample(lines, min(200, len(lines)))):
        put("dates", "line-%03d" % i, l)
    ant = list(anti_records())
    for name, b in ant:
        s = b.decode("utf-8", "replace")
        if "<TIME>" in s:
            put("dates", "ant-" + name, s.split("<TIME>", 1)[1].split("</TIME>", 1)[0])
    for i, d in enumerate(["2024-06-15T23:30:00+03:00", "Sat, 15 Jun 2024 10:00:00 GMT", "١٥ يونيو ٢٠٢٤", "منذ 3 ساعات", "15 ذو الحجة 1445 هـ"]):
        put("dates", "machine-%d" % i, d)

    # JSON Lines from SaudiNewsNet (its fields) and ANT-like records.
    sn = saudinewsnet_records()
    for i in range(0, len(sn), 3):
        recs = [{"title": r.get("title"), "text": r.get("content", "")[:3000], "url": r.get("url"),
                 "date": r.get("date_extracted"), "outlet": r.get("source"), "author": r.get("author")} for r in sn[i : i + 3]]
        put("jsonl", "sn-%02d.jsonl" % i, "\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n")
    put("jsonl", "broken.jsonl", '{"title": "a", "text": "b"}\n{"title": \n\n{"text": "ج", "date": "2024-13-45"}\n')

    # Queries: 2-4 word pieces of real titles, some quoted or excluded.
    titles = []
    for _, b in ant:
        s = b.decode("utf-8", "replace")
        if "<TITLE>" in s:
            titles.append(s.split("<TITLE>", 1)[1].split("</TITLE>", 1)[0].strip())
    titles += [r.get("title") or "" for r in sn]
    for i, t in enumerate(t for t in titles if t):
        words = t.split()
        k = rng.randint(2, 4)
        start = rng.randint(0, max(0, len(words) - k))
        q = words[start : start + k]
        style = i % 4
        if style == 1 and len(q) > 1:
            q = ['"' + " ".join(q[:2]) + '"'] + q[2:]
        elif style == 2:
            q[-1] = "-" + q[-1]
        put("query", "q-%03d" % i, " ".join(q))
    for d in sorted(CORPUS.iterdir()):
        print(d.name, len(list(d.iterdir())), "inputs")


if __name__ == "__main__":
    main()
