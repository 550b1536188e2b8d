"""Outlets, bylines and credited sources planted in the ANT benches, with
their truth known by construction, and how they are scored.

Written independently of marsad's lists: the spellings are how the outlets
and agencies print their names; the scorer folds Arabic letter variants on
its own (it does not call marsad).
"""
import re

# How each ANT outlet prints its name (masthead, footer, og:site_name), and
# the one name marsad's outlet table should give back for it.
OUTLETS = {
    "Alarabia": (["العربية نت", "Al Arabiya", "العربية"], "العربية"),
    "BBC": (["BBC News عربي", "بي بي سي عربي", "BBC Arabic"], "بي بي سي عربي"),
    "CNN": (["CNN Arabic", "سي إن إن بالعربية", "CNN بالعربية"], "سي إن إن بالعربية"),
    "France24": (["فرانس 24", "France 24"], "فرانس 24"),
    "SkyNews": (["سكاي نيوز عربية", "Sky News Arabia"], "سكاي نيوز عربية"),
}

AUTHORS = ["أحمد علي", "سارة محمود", "محمد السيد", "ليلى حسن", "خالد عبد الرحمن", "نادية بن يوسف"]

# Agencies a text is credited to, each with the spellings pages print.
AGENCIES = [
    ["رويترز", "Reuters"],
    ["فرانس برس", "أ ف ب", "AFP"],
    ["الأناضول"],
    ["سبوتنيك"],
    ["شينخوا"],
    ["د ب أ"],
    ["أسوشيتد برس"],
    ["وكالات"],
]
CITIES = ["القاهرة", "بيروت", "عمّان", "الرباط", "موسكو", "بكين", "أنقرة", "عواصم"]

_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


def fold(s):
    """Letter variants, diacritics, tatweel and case folded; punctuation to spaces."""
    s = _MARKS.sub("", s or "")
    s = re.sub("[أإآٱ]", "ا", s).replace("ة", "ه").replace("ى", "ي").lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def names_same(got, want):
    """Whether an extracted credit or byline names `want` (any of its spellings)."""
    g = f" {fold(got)} "
    return any(f" {fold(w)} " in g for w in ([want] if isinstance(want, str) else want))


class Tally:
    """Right on pages that have the thing, and wrongly given on pages that have not."""

    def __init__(self):
        self.right = self.expected = self.false = self.absent = 0

    def add(self, got, want, same=names_same):
        if want is None:
            self.absent += 1
            self.false += bool(got)
        else:
            self.expected += 1
            self.right += bool(got) and same(got, want)

    def __str__(self):
        return f"{self.right}/{self.expected} (given wrongly on {self.false}/{self.absent} without)"
