"""The ANT corpus's articles for the benchmarks that lay them out as pages.

Each article: its outlet folder (`src`), TITLE, ABSTRACT and the TEXT lines
with at least `min_words` words, kept when it has a title and two lines.
"""
import re
import tarfile


def load_docs(tar_path, min_words=1):
    docs = []
    with tarfile.open(tar_path) as tar:
        for m in tar:
            if not m.isfile() or not m.name.endswith(".txt"):
                continue
            raw = tar.extractfile(m).read().decode("utf-8", errors="replace")

            def field(tag):
                hit = re.search(rf"<{tag}>(.*?)</{tag}>", raw, re.S)
                return hit.group(1).strip() if hit else ""

            paras = [p.strip() for p in field("TEXT").split("\n") if len(p.split()) >= min_words]
            title = field("TITLE")
            if title and len(paras) >= 2:
                docs.append({"src": m.name.split("/")[0], "title": title, "abstract": field("ABSTRACT"), "paras": paras})
    return docs
