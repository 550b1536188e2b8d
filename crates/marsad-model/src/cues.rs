//! Cue phrases of news-page furniture and the sources pages credit: the one
//! vocabulary of marsad's extractors (text dumps in marsad-extract, HTML in
//! marsad-html) and of the stories stage's credit detection.
//!
//! Every phrase is written as a reader would type it, once; matching is done
//! on folded text (see [`fold`], marsad-text's matching form), so hamza,
//! alef, ya/alef-maqsura, ta marbuta, diacritics, tatweel and Latin case
//! variants all match without being spelled out. Lists are grouped by
//! purpose, like trafilatura's `xpaths.py`; none is specific to one site.

use aho_corasick::{AhoCorasick, MatchKind};

/// "Read/watch also" prefixes. Followed by a link title on the same line, the
/// line is an interstitial link planted in the body; alone on its line, it
/// introduces what follows (a link title, or a whole appended article).
pub const READ_ALSO_PREFIXES: &[&str] = &[
    "شاهد أيضا",
    "شاهد كذلك",
    "شاهد المزيد",
    "اقرأ أيضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "طالع أيضا",
    "قد يهمك أيضا",
    "قد يعجبك أيضا",
    "يمكنك أيضا قراءة",
    "read also",
    "read more",
    "see also",
];

/// Read-also prefixes that are ordinary words too ("المزيد من القذائف…",
/// "Read the statement"): they count only with a colon or in capitals.
pub const WEAK_READ_ALSO_PREFIXES: &[&str] =
    &["المزيد", "ذات صلة", "read", "watch", "related", "قد يهمك"];

/// Short lines that open a list of other stories.
pub const RELATED_HEADERS: &[&str] = &[
    "أخبار ذات صلة",
    "مقالات ذات صلة",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "مواد ذات صلة",
    "أخبار متعلقة",
    "مقالات متعلقة",
    "ذات صلة",
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "الأكثر تداولا",
    "الأكثر شعبية",
    "المزيد من الأخبار",
    "المزيد من",
    "آخر الأخبار",
    "أحدث الأخبار",
    "اخترنا لك",
    "قد يعجبك أيضا",
    "قد يهمك أيضا",
    "related",
    "related articles",
    "related stories",
    "related news",
    "more stories",
    "most read",
    "most popular",
    "more from",
    "you may also like",
];

/// Comment boxes and threads.
pub const COMMENT_CUES: &[&str] = &[
    "لا توجد تعليقات",
    "أضف تعليق",
    "اضف تعليقك",
    "أضف تعليقك",
    "اترك تعليقا",
    "اترك تعليقاً",
    "اكتب تعليقك",
    "التعليقات",
    "تعليقات القراء",
    "عدد التعليقات",
    "إرسال التعليق",
    "comments",
    "leave a comment",
    "add a comment",
    "post a comment",
];

/// Editorial disclaimers that close opinion pieces.
pub const DISCLAIMER_CUES: &[&str] = &[
    "الآراء الواردة",
    "لا تعبر بالضرورة",
    "لا تعكس بالضرورة",
    "تعبر عن رأي كاتبها",
    "تعبر عن رأي الكاتب",
    "المقالات المنشورة تعبر",
    "the views expressed",
    "do not necessarily reflect",
];

/// Prefixes of tag lists.
pub const TAG_PREFIXES: &[&str] = &[
    "كلمات دلالية",
    "الكلمات الدلالية",
    "كلمات مفتاحية",
    "الكلمات المفتاحية",
    "الوسوم",
    "وسوم",
    "tags",
    "topics",
];

/// Phrases of site footers (legal links, contact, copyright).
pub const FOOTER_CUES: &[&str] = &[
    "جميع الحقوق محفوظة",
    "حقوق النشر",
    "سياسة الخصوصية",
    "شروط الاستخدام",
    "الأحكام والشروط",
    "اتصل بنا",
    "تواصل معنا",
    "أعلن معنا",
    "خريطة الموقع",
    "من نحن",
    "all rights reserved",
    "copyright",
    "privacy policy",
    "terms of use",
    "contact us",
    "©",
];

/// Section labels and menu entries.
pub const NAVIGATION_PREFIXES: &[&str] = &[
    "التصنيف",
    "القسم",
    "الرئيسية",
    "أقسام",
    "القائمة",
    "home",
    "menu",
    "section",
];

/// Share bars: social networks and share verbs.
pub const SHARE_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "linkedin",
    "email",
    "whatsapp",
    "telegram",
    "youtube",
    "instagram",
    "tiktok",
    "pinterest",
    "reddit",
    "messenger",
    "tweet",
    "فيسبوك",
    "تويتر",
    "واتساب",
    "تيليجرام",
    "لينكد إن",
];

/// Share-bar labels (the line starts with one and stays short).
pub const SHARE_PREFIXES: &[&str] = &[
    "شارك",
    "شارك الخبر",
    "شاركها",
    "share this",
    "share this article",
    "مشاركة",
    "انشر",
    "share",
    "طباعة",
    "print",
    "تابعونا",
    "تابعنا",
    "تابع",
    "follow us",
];

/// Lines that are scraping debris rather than text.
pub const DEBRIS_LINES: &[&str] = &[
    "loading...",
    "loading",
    "advertisement",
    "advertisements",
    "sponsored",
    "إعلان",
    "إعلانات",
    "تحميل",
    "جار التحميل",
    "play",
];

/// Labels that name where a republished text comes from, followed by a
/// colon and the credit: "المصدر: الجزيرة", "Source: Reuters".
pub const SOURCE_LABELS: &[&str] = &["المصدر", "مصدر الخبر", "نقلا عن", "source", "sources"];

/// What a credited name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A news or photo agency: credited in datelines ("القاهرة (رويترز)"),
    /// photo captions and closing credits.
    Agency,
    /// A news outlet (channel, paper, site) whose stories others republish.
    Outlet,
    /// "Agencies" in general: a credit that names no one source.
    Generic,
}

/// A source pages credit: a stable key and the spellings that name it.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    /// Stable ASCII key, the same for every spelling ("afp").
    pub key: &'static str,
    pub kind: SourceKind,
    /// As printed, in any order; matched in the folded form.
    pub spellings: &'static [&'static str],
}

const fn source(key: &'static str, kind: SourceKind, spellings: &'static [&'static str]) -> Source {
    Source {
        key,
        kind,
        spellings,
    }
}

/// Agencies and outlets that pages credit as the origin of a text: in a
/// dateline, a photo credit, after "المصدر:", or on a closing line of its own.
/// The one credit list of marsad (outlets a page is *published by* are in
/// [`crate::outlets`]).
#[rustfmt::skip]
pub const SOURCES: &[Source] = &[
    source("reuters", SourceKind::Agency, &["رويترز", "reuters"]),
    source("afp", SourceKind::Agency, &["فرانس برس", "فرانس بريس", "أ ف ب", "أ.ف.ب", "أف ب", "وكالة الأنباء الفرنسية", "afp"]),
    source("ap", SourceKind::Agency, &["أسوشيتد برس", "أسوشييتد برس", "اسوشيتدبرس", "أ.ب", "أ ب", "associated press", "ap"]),
    source("anadolu", SourceKind::Agency, &["الأناضول", "وكالة الأناضول", "anadolu"]),
    source("dpa", SourceKind::Agency, &["د ب أ", "د.ب.أ", "dpa"]),
    source("epa", SourceKind::Agency, &["إ ب أ", "إ.ب.أ", "epa"]),
    source("xinhua", SourceKind::Agency, &["شينخوا", "xinhua"]),
    source("sputnik", SourceKind::Agency, &["سبوتنيك", "sputnik"]),
    source("tass", SourceKind::Agency, &["تاس", "tass"]),
    source("yonhap", SourceKind::Agency, &["يونهاب", "yonhap"]),
    source("kcna", SourceKind::Agency, &["وكالة الأنباء المركزية الكورية", "kcna"]),
    source("spa", SourceKind::Agency, &["واس", "وكالة الأنباء السعودية", "spa"]),
    source("wam", SourceKind::Agency, &["وام"]),
    source("kuna", SourceKind::Agency, &["كونا"]),
    source("qna", SourceKind::Agency, &["قنا"]),
    source("petra", SourceKind::Agency, &["بترا"]),
    source("sana", SourceKind::Agency, &["سانا"]),
    source("bna", SourceKind::Agency, &["بنا"]),
    source("agencies", SourceKind::Generic, &["وكالات"]),
    source("cnn", SourceKind::Outlet, &["سي إن إن", "cnn", "cnn arabic"]),
    source("bbc", SourceKind::Outlet, &["بي بي سي", "بي بي سي عربي", "bbc"]),
    source("aljazeera", SourceKind::Outlet, &["الجزيرة نت", "الجزيرة", "al jazeera", "aljazeera"]),
    source("alarabiya", SourceKind::Outlet, &["العربية نت", "العربية", "alarabiya", "al arabiya"]),
    source("skynews", SourceKind::Outlet, &["سكاي نيوز", "سكاي نيوز عربية", "sky news", "skynews"]),
    source("france24", SourceKind::Outlet, &["فرانس 24", "france 24", "france24"]),
    source("dw", SourceKind::Outlet, &["دويتشه فيله", "dw"]),
    source("rt", SourceKind::Outlet, &["روسيا اليوم", "آر تي", "rt"]),
    source("asharq", SourceKind::Outlet, &["الشرق الأوسط", "asharq al-awsat", "aawsat"]),
    source("independentarabia", SourceKind::Outlet, &["إندبندنت عربية"]),
    source("euronews", SourceKind::Outlet, &["يورونيوز", "euronews"]),
    source("alhurra", SourceKind::Outlet, &["الحرة"]),
];

/// The spellings of the sources of the given kinds, in table order.
pub fn source_spellings(kinds: &[SourceKind]) -> Vec<&'static str> {
    SOURCES
        .iter()
        .filter(|s| kinds.contains(&s.kind))
        .flat_map(|s| s.spellings.iter().copied())
        .collect()
}

/// Words that, with the agencies of [`SOURCES`], credit a photo when they
/// close a short line in parentheses: "(رويترز - أرشيفية)", "(غيتي)".
pub const PHOTO_CREDIT_WORDS: &[&str] = &[
    "الفرنسية",
    "غيتي",
    "غيتي إيميجز",
    "أرشيفية",
    "أرشيف",
    "الجزيرة",
    "مواقع التواصل",
    "مواقع التواصل الاجتماعي",
    "وسائل التواصل",
    "صورة",
    "إكس",
    "getty",
    "getty images",
    "file",
    "archive",
];

/// Prefixes that mark an image caption.
pub const CAPTION_PREFIXES: &[&str] = &["صورة", "الصورة", "صور", "photo", "image", "فيديو"];

/// Prefixes of by-lines.
pub const BYLINE_PREFIXES: &[&str] = &[
    "كتب",
    "كتبت",
    "بقلم",
    "إعداد",
    "تقرير",
    "تحرير",
    "كتبه",
    "by",
];

/// Words that say "by" before a name, in the languages text dumps come in
/// ("By Associated Press", "Von Robin Amberg, Volontär", "di Teresa
/// Fallavollita", "بقلم سارة محمود", "بواسطة أحمد علي"). A short line opening
/// with one of them and then a name is a credit, never a headline (the
/// text-dump title choice). Words that also mean something else ("إعداد" is
/// "preparation", "كتب" "wrote") make a credit only before a colon (see
/// [`BYLINE_PREFIXES`]).
pub const CREDIT_BY_WORDS: &[&str] = &[
    "by",
    "von",
    "di",
    "par",
    "por",
    "door",
    "av",
    "af",
    "بقلم",
    "بواسطة",
];

/// Labels of an image credit ("Foto: Getty Images", "(Bild: dpa)", "Image
/// Credits: Strava", "Photo by …", "Illustration by …"): they mark a credit
/// when a colon or "by" follows them ("Jesus-KI-Foto" in a headline does not).
pub const IMAGE_CREDIT_LABELS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "bild",
    "image",
    "images",
    "image credits",
    "credit",
    "credits",
    "illustration",
    "تصوير",
];

/// Picture agencies and copyright words that mark an image credit wherever
/// they stand in a short line ("Copyright … The AP", "Getty Images/iStockphoto").
pub const IMAGE_CREDIT_WORDS: &[&str] = &[
    "copyright",
    "getty",
    "imago",
    "shutterstock",
    "istock",
    "istockphoto",
    "picture alliance",
    "keystone",
];

/// Words that join names in a credit line ("Adam Vidler and AP",
/// "Simone Jülicher und Rainer Grünberg") or sit inside a name ("Ursula von
/// der Leyen", "Abdel Fattah el-Sisi").
pub const NAME_JOINERS: &[&str] = &[
    "and", "und", "et", "y", "e", "og", "och", "en", "i", "ve", "mit", "with", "von", "van", "der",
    "den", "de", "da", "di", "du", "del", "la", "le", "al", "el", "bin", "ibn",
];

/// By-line prefixes that say "by" and nothing else, so a short line needs no
/// colon after them ("بقلم سارة محمود"); "كتب" is also the verb "wrote".
pub const BYLINE_PREFIXES_WITHOUT_COLON: &[&str] = &["بقلم"];

/// Arabic-script code points (letters, digits and marks), cheap to test.
pub fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// A letter, with fast paths for ASCII and Arabic (`char::is_alphabetic`
/// is a table search that dominates a profile of this crate otherwise).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if is_arabic_script(c) {
        matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
    } else {
        c.is_alphabetic()
    }
}

/// A letter or a digit (ASCII, Arabic-Indic or other).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_arabic_script(c) {
        is_letter(c) || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
    } else {
        c.is_alphanumeric()
    }
}

/// Fold text for cue matching: marsad-text's matching form (letter
/// variants, diacritics, tatweel, invisible controls, digits, quotes, Latin
/// case), with runs of white space made one space and the ends trimmed, so
/// that phrases match across a scraper's spacing.
pub fn fold(s: &str) -> String {
    let matching = marsad_text::normalize_for_matching(s);
    if !needs_space_folding(&matching) {
        return matching;
    }
    let mut out = String::with_capacity(matching.len());
    for word in matching.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn needs_space_folding(s: &str) -> bool {
    let mut prev_space = true;
    for c in s.chars() {
        let space = c.is_whitespace();
        if space && (prev_space || c != ' ') {
            return true;
        }
        prev_space = space;
    }
    prev_space && !s.is_empty()
}

/// A cue list folded once, for repeated matching: prefix and exact tests
/// compare the few phrases directly; searches anywhere in a line use one
/// Aho-Corasick automaton, a single pass whatever the number of phrases.
pub struct CueList {
    folded: Vec<String>,
    automaton: AhoCorasick,
}

impl CueList {
    pub fn new(phrases: &[&str]) -> Self {
        let mut folded: Vec<String> = phrases.iter().map(|p| fold(p)).collect();
        // Longest first, so "اقرا المزيد" wins over "اقرا".
        folded.sort_by_key(|p| std::cmp::Reverse(p.len()));
        folded.dedup();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&folded)
            .expect("cue phrases are small, valid patterns");
        CueList { folded, automaton }
    }

    /// The longest phrase that starts `folded` as whole words.
    pub fn prefix_of<'a>(&'a self, folded: &str) -> Option<&'a str> {
        self.folded
            .iter()
            .find(|p| {
                folded.starts_with(p.as_str())
                    && folded[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !is_word_char(c))
            })
            .map(String::as_str)
    }

    /// Whether `folded` is exactly one phrase, ignoring trailing punctuation.
    pub fn is_exactly(&self, folded: &str) -> bool {
        let t = folded.trim_end_matches(|c: char| !is_word_char(c));
        self.folded.iter().any(|p| p == t)
    }

    /// Whether any phrase occurs in `folded` (as a substring).
    pub fn occurs_in(&self, folded: &str) -> bool {
        self.automaton.is_match(folded)
    }

    /// Whether a phrase occurs in `folded` as whole words: "قنا" (the Qatari
    /// agency) is not found in "قناه" (a channel), nor "ap" in "japan".
    pub fn occurs_as_words_in(&self, folded: &str) -> bool {
        self.word_match(folded, 0).is_some()
    }

    /// The first phrase at or after byte `from` of `folded` that stands as
    /// whole words, as a byte range of `folded`.
    pub fn word_match(&self, folded: &str, from: usize) -> Option<std::ops::Range<usize>> {
        let mut pos = from;
        while pos <= folded.len() {
            let m = self
                .automaton
                .find(aho_corasick::Input::new(folded).range(pos..))?;
            let before_ok = folded[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
            let after_ok = folded[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !is_word_char(c));
            if before_ok && after_ok {
                return Some(m.range());
            }
            pos = m.start() + folded[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// The phrases in `folded` (as substrings, non-overlapping), as byte ranges.
    pub fn find_all<'a>(
        &'a self,
        folded: &'a str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        self.automaton.find_iter(folded).map(|m| m.range())
    }

    /// How many times phrases occur in `folded` (non-overlapping).
    pub fn count_in(&self, folded: &str) -> usize {
        self.automaton.find_iter(folded).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_merges_spelling_variants() {
        assert_eq!(fold("إقرأ أيضاً:"), fold("اقرا ايضا:"));
        assert_eq!(fold("كلمات دلالیة"), "كلمات دلاليه");
        assert_eq!(fold("  READ\u{200F}  more "), "read more");
        assert_eq!(fold("٢٠٢٤"), "2024");
    }

    #[test]
    fn word_matches_need_word_boundaries() {
        let agencies = CueList::new(&source_spellings(&[SourceKind::Agency]));
        assert!(!agencies.occurs_as_words_in(&fold("قناة السويس")));
        assert!(agencies.occurs_as_words_in(&fold("الدوحة (قنا)")));
        assert!(!agencies.occurs_as_words_in(&fold("Japan")));
        assert!(agencies.occurs_as_words_in(&fold("Tokyo (AP)")));
        // A match inside a word does not hide a later whole-word one.
        assert_eq!(agencies.word_match(&fold("لبنان بنا"), 0), Some(11..17));
    }

    #[test]
    fn every_agency_the_extractors_credit_is_listed_once() {
        let agencies = source_spellings(&[SourceKind::Agency]);
        for name in ["سبوتنيك", "تاس", "شينخوا", "بترا", "رويترز", "أ ف ب"]
        {
            assert!(agencies.contains(&name), "{name}");
        }
        let mut keys: Vec<&str> = SOURCES.iter().map(|s| s.key).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is given twice");
        // Spellings are written once, in the reader's form: no two fold alike.
        let mut folded: Vec<String> = SOURCES
            .iter()
            .flat_map(|s| s.spellings.iter().map(|p| fold(p)))
            .collect();
        folded.sort();
        let n = folded.len();
        folded.dedup();
        assert_eq!(folded.len(), n, "a spelling variant is listed by hand");
    }

    #[test]
    fn prefixes_match_whole_words_only() {
        let cues = CueList::new(READ_ALSO_PREFIXES);
        assert_eq!(cues.prefix_of(&fold("شاهد ايضاً: عنوان")), Some("شاهد ايضا"));
        let cues = CueList::new(WEAK_READ_ALSO_PREFIXES);
        assert_eq!(cues.prefix_of(&fold("READ  تحية")), Some("read"));
        assert_eq!(cues.prefix_of(&fold("Ready to go")), None);
        assert_eq!(cues.prefix_of(&fold("المزيدات")), None);
    }
}
