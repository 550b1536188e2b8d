//! Cue phrases of news-page furniture, as named data.
//!
//! Every phrase is written as a reader would type it; matching is done on
//! folded text (see [`fold`]), so hamza, alef, ya/alef-maqsura, ta marbuta,
//! diacritics, tatweel and Latin case variants all match. Lists are grouped
//! by purpose, like trafilatura's `xpaths.py`; none is specific to one site.

use aho_corasick::{AhoCorasick, MatchKind};

/// "Read/watch also" prefixes. Followed by a link title on the same line, the
/// line is an interstitial link planted in the body; alone on its line, it
/// introduces what follows (a link title, or a whole appended article).
pub const READ_ALSO_PREFIXES: &[&str] = &[
    "شاهد أيضاً",
    "شاهد أيضا",
    "شاهد كذلك",
    "شاهد المزيد",
    "إقرأ أيضاً",
    "اقرأ أيضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "إقرأ المزيد",
    "طالع أيضا",
    "طالع أيضاً",
    "قد يهمك أيضا",
    "قد يهمك",
    "قد يعجبك أيضا",
    "يمكنك أيضا قراءة",
    "المزيد",
    "ذات صلة",
    "read also",
    "read more",
    "read",
    "see also",
    "watch",
    "related",
];

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
    "فيسبوك",
    "تويتر",
    "واتساب",
    "تيليجرام",
    "لينكد إن",
];

/// Share-bar labels (the line starts with one and stays short).
pub const SHARE_PREFIXES: &[&str] = &[
    "شارك",
    "شاركها",
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
    "إعلان",
    "إعلانات",
    "تحميل",
    "جار التحميل",
    "play",
];

/// Labels that name where a republished text comes from, as printed (the
/// credit follows a colon: "المصدر: الجزيرة"). Matched on the original text
/// so that the credited name keeps its spelling.
pub const SOURCE_LABELS: &[&str] = &[
    "المصدر",
    "مصدر الخبر",
    "نقلا عن",
    "نقلاً عن",
    "Source",
    "source",
    "SOURCE",
];

/// Outlets and agencies that a republished text names on a line of its own
/// ("سي إن إن" closing the text). Used only for such bare closing lines.
pub const KNOWN_SOURCES: &[&str] = &[
    "سي إن إن",
    "سي ان ان",
    "cnn",
    "cnn arabic",
    "بي بي سي",
    "بي بي سي عربي",
    "bbc",
    "الجزيرة",
    "الجزيرة نت",
    "العربية",
    "العربية نت",
    "سكاي نيوز عربية",
    "فرانس 24",
    "france 24",
    "دويتشه فيله",
    "dw",
    "روسيا اليوم",
    "rt",
    "رويترز",
    "reuters",
    "فرانس برس",
    "أ ف ب",
    "afp",
    "أسوشيتد برس",
    "ap",
    "الأناضول",
    "سبوتنيك",
    "الشرق الأوسط",
    "إندبندنت عربية",
    "يورونيوز",
    "الحرة",
    "وكالات",
    "وكالة الأنباء الفرنسية",
    "واس",
    "وام",
    "كونا",
    "قنا",
    "بترا",
    "سانا",
    "تاس",
];

/// Words that, in parentheses at the end of a short line, credit a photo:
/// "(رويترز)", "(أ.ف.ب)", "(رويترز - أرشيفية)".
pub const PHOTO_CREDITS: &[&str] = &[
    "رويترز",
    "أ.ف.ب",
    "أ ف ب",
    "ا.ف.ب",
    "أف ب",
    "فرانس برس",
    "الفرنسية",
    "أ.ب",
    "أ ب",
    "إ.ب.أ",
    "إ ب أ",
    "د.ب.أ",
    "د ب أ",
    "سبوتنيك",
    "الأناضول",
    "غيتي",
    "غيتي إيميجز",
    "تاس",
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
    "afp",
    "reuters",
    "ap",
    "epa",
    "anadolu",
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

/// Words in a dateline lead-in that name a news agency ("عواصم (وكالات):").
pub const AGENCY_WORDS: &[&str] = &[
    "وكالات",
    "رويترز",
    "أ ف ب",
    "أ.ف.ب",
    "فرانس برس",
    "د ب أ",
    "د.ب.أ",
    "الأناضول",
    "سبوتنيك",
    "واس",
    "وام",
    "كونا",
    "قنا",
    "بترا",
    "سانا",
    "شينخوا",
    "تاس",
    "reuters",
    "afp",
    "ap",
];

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
    fn prefixes_match_whole_words_only() {
        let cues = CueList::new(READ_ALSO_PREFIXES);
        assert_eq!(cues.prefix_of(&fold("شاهد ايضاً: عنوان")), Some("شاهد ايضا"));
        assert_eq!(cues.prefix_of(&fold("READ  تحية")), Some("read"));
        assert_eq!(cues.prefix_of(&fold("Ready to go")), None);
        assert_eq!(cues.prefix_of(&fold("المزيدات")), None);
    }
}
