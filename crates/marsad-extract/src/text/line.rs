//! Lines of a text dump and what each one looks like on its own.

use marsad_model::FurnitureKind;

use super::cues::{self, fold, CueList};
use super::settings::*;

/// What a line is, judged from the line alone (context comes later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// Body-like prose.
    Paragraph,
    /// Short text: a headline, subheading, category, caption without credit…
    Short,
    Caption,
    DateLine,
    Byline(String),
    /// Place and agency on a line of their own: "الرياض - واس", "(واس)".
    AgencyCredit(String),
    /// A link to another story planted in the body ("شاهد أيضاً: …").
    Interstitial,
    /// "إقرأ أيضاً:" alone: what follows is a link title or a whole article.
    ReadAlsoMarker,
    RelatedHeader,
    CommentsHeader,
    /// Names the outlet a republished text comes from.
    SourceCredit(String),
    /// Names the outlet that published the page.
    Branding(String),
    Furniture(FurnitureKind),
}

impl LineKind {
    /// Lines after which the article cannot go on.
    pub fn is_boundary(&self) -> bool {
        matches!(
            self,
            LineKind::ReadAlsoMarker
                | LineKind::RelatedHeader
                | LineKind::CommentsHeader
                | LineKind::SourceCredit(_)
                | LineKind::Furniture(
                    FurnitureKind::Tags
                        | FurnitureKind::Disclaimer
                        | FurnitureKind::Footer
                        | FurnitureKind::Navigation
                        | FurnitureKind::Comments
                )
        )
    }
}

#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based line number in the input.
    pub number: u32,
    /// The line without surrounding white space or invisible controls.
    pub text: &'a str,
    pub folded: String,
    pub chars: usize,
    pub words: usize,
    pub arabic_letters: usize,
    pub latin_letters: usize,
    /// Ends with closing punctuation (., !, …, :), ignoring closing quotes.
    pub ends_sentence: bool,
    pub kind: LineKind,
}

/// The cue lists, folded once per process.
pub struct Cues {
    read_also: CueList,
    read_also_weak: CueList,
    related: CueList,
    comments: CueList,
    disclaimer: CueList,
    tags: CueList,
    footer: CueList,
    navigation: CueList,
    share_words: CueList,
    share_prefixes: CueList,
    debris: CueList,
    known_sources: CueList,
    photo_credits: CueList,
    caption_prefixes: CueList,
    byline_prefixes: CueList,
    byline_prefixes_without_colon: CueList,
    pub agency_words: CueList,
    source_labels: CueList,
    pub credit_by: CueList,
    pub image_credits: CueList,
    pub image_credit_labels: CueList,
    pub name_joiners: CueList,
}

impl Cues {
    pub fn new() -> Self {
        use cues::SourceKind::{Agency, Generic, Outlet};
        let mut photo_credits = cues::source_spellings(&[Agency]);
        photo_credits.extend_from_slice(cues::PHOTO_CREDIT_WORDS);
        Cues {
            read_also: CueList::new(cues::READ_ALSO_PREFIXES),
            read_also_weak: CueList::new(cues::WEAK_READ_ALSO_PREFIXES),
            related: CueList::new(cues::RELATED_HEADERS),
            comments: CueList::new(cues::COMMENT_CUES),
            disclaimer: CueList::new(cues::DISCLAIMER_CUES),
            tags: CueList::new(cues::TAG_PREFIXES),
            footer: CueList::new(cues::FOOTER_CUES),
            navigation: CueList::new(cues::NAVIGATION_PREFIXES),
            share_words: CueList::new(cues::SHARE_WORDS),
            share_prefixes: CueList::new(cues::SHARE_PREFIXES),
            debris: CueList::new(cues::DEBRIS_LINES),
            known_sources: CueList::new(&cues::source_spellings(&[Agency, Outlet, Generic])),
            photo_credits: CueList::new(&photo_credits),
            caption_prefixes: CueList::new(cues::CAPTION_PREFIXES),
            byline_prefixes: CueList::new(cues::BYLINE_PREFIXES),
            byline_prefixes_without_colon: CueList::new(cues::BYLINE_PREFIXES_WITHOUT_COLON),
            agency_words: CueList::new(&cues::source_spellings(&[Agency, Generic])),
            source_labels: CueList::new(cues::SOURCE_LABELS),
            credit_by: CueList::new(cues::CREDIT_BY_WORDS),
            image_credits: CueList::new(cues::IMAGE_CREDIT_WORDS),
            image_credit_labels: CueList::new(cues::IMAGE_CREDIT_LABELS),
            name_joiners: CueList::new(cues::NAME_JOINERS),
        }
    }
}

impl Cues {
    pub fn share_words_in(&self, folded: &str) -> bool {
        self.share_words.occurs_in(folded)
    }
}

impl Default for Cues {
    fn default() -> Self {
        Self::new()
    }
}

/// Characters a scraper leaves around text that carry nothing.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{061C}'
                | '\u{FEFF}'
                | '\u{00AD}'
        )
}

/// Split a dump into lines: `\n`, `\r\n`, or lone `\r` (old Mac files).
pub fn split_lines(content: &str) -> Vec<(u32, &str)> {
    let lone_cr = !content.contains('\n') && content.contains('\r');
    let sep = if lone_cr { '\r' } else { '\n' };
    content
        .split(sep)
        .enumerate()
        .map(|(i, l)| {
            (
                u32::try_from(i + 1).unwrap_or(u32::MAX),
                l.trim_matches(is_invisible),
            )
        })
        .collect()
}

impl<'a> Line<'a> {
    pub fn new(number: u32, text: &'a str, cues: &Cues) -> Self {
        let mut chars = 0;
        let mut arabic_letters = 0;
        let mut latin_letters = 0;
        for c in text.chars() {
            chars += 1;
            if cues::is_arabic_script(c) {
                if cues::is_letter(c) {
                    arabic_letters += 1;
                }
            } else if c.is_ascii_alphabetic() {
                latin_letters += 1;
            }
        }
        let words = text
            .split_whitespace()
            .filter(|w| w.chars().any(cues::is_word_char))
            .count();
        let last = text
            .trim_end_matches(|c: char| {
                matches!(c, '"' | '”' | '»' | '\'' | '’' | ')' | ']' | '“') || is_invisible(c)
            })
            .chars()
            .last();
        let ends_sentence = matches!(last, Some('.' | '!' | '…' | '۔' | ':' | '؛'));
        let mut line = Line {
            number,
            text,
            folded: if text.is_empty() {
                String::new()
            } else {
                fold(text)
            },
            chars,
            words,
            arabic_letters,
            latin_letters,
            ends_sentence,
            kind: LineKind::Blank,
        };
        line.kind = line.classify(cues);
        line
    }

    fn classify(&self, cues: &Cues) -> LineKind {
        use FurnitureKind as F;
        if self.text.is_empty() {
            return LineKind::Blank;
        }
        let f = self.folded.as_str();
        // A credit line that reads "(CNN)", "BBC", "AFP" or "RT" names a
        // source, short and Latin as it is: it is not debris.
        let bare = f.trim_matches(|c: char| !cues::is_word_char(c));
        let known_source =
            self.words <= KNOWN_SOURCE_MAX_WORDS && cues.known_sources.is_exactly(bare);
        if cues.debris.is_exactly(f) || (self.is_latin_debris() && !known_source) {
            return LineKind::Furniture(F::Other);
        }
        let share_hits = || cues.share_words.count_in(f);
        if let Some(name) = self.source_credit(cues) {
            return LineKind::SourceCredit(name);
        }
        if self.has_run_together_token() {
            return LineKind::Furniture(if share_hits() >= 2 {
                F::Share
            } else if cues.footer.occurs_in(f) {
                F::Footer
            } else {
                F::Navigation
            });
        }
        if cues.tags.prefix_of(f).is_some() && has_label_colon(f, cues.tags.prefix_of(f)) {
            return LineKind::Furniture(F::Tags);
        }
        if self.chars <= CAPTION_MAX_CHARS && cues.disclaimer.occurs_in(f) {
            return LineKind::Furniture(F::Disclaimer);
        }
        if self.words <= BLOCK_HEADER_MAX_WORDS
            && (cues.comments.is_exactly(f) || cues.comments.prefix_of(f).is_some())
        {
            return LineKind::CommentsHeader;
        }
        if let Some(kind) = self.read_also(cues) {
            return kind;
        }
        if self.words <= BLOCK_HEADER_MAX_WORDS && cues.related.is_exactly(f) {
            return LineKind::RelatedHeader;
        }
        let footer_cues = cues.footer.count_in(f);
        let copyright = f.contains('©');
        if copyright && footer_cues == 1 && self.words > COPYRIGHT_FOOTER_MAX_WORDS {
            // "© John Brecher Needle poking skin…": a photo credit.
            return LineKind::Caption;
        }
        if (self.words <= FOOTER_LINE_MAX_WORDS && footer_cues > 0)
            || copyright
            || footer_cues >= FOOTER_MIN_CUES_ANY_LENGTH
        {
            return LineKind::Furniture(F::Footer);
        }
        if (self.words <= SHARE_LINE_MAX_WORDS * 2 && share_hits() >= 2)
            || (self.words <= SHARE_LINE_MAX_WORDS && cues.share_prefixes.prefix_of(f).is_some())
        {
            return LineKind::Furniture(F::Share);
        }
        if self.words <= BLOCK_HEADER_MAX_WORDS
            && cues
                .navigation
                .prefix_of(f)
                .is_some_and(|p| has_label_colon(f, Some(p)))
            || self.is_breadcrumb(cues)
        {
            return LineKind::Furniture(F::Navigation);
        }
        if let Some(name) = self.branding() {
            return LineKind::Branding(name);
        }
        if self.is_caption(cues) {
            return LineKind::Caption;
        }
        if self.chars <= DATE_LINE_MAX_CHARS
            && marsad_dates::date_coverage(self.text) >= DATE_LINE_MIN_COVERAGE
        {
            return LineKind::DateLine;
        }
        if let Some(name) = self.byline(cues) {
            return LineKind::Byline(name);
        }
        if let Some(agency) = self.agency_credit(cues) {
            return LineKind::AgencyCredit(agency);
        }
        if known_source {
            return LineKind::SourceCredit(self.text.trim_matches(is_punct).to_string());
        }
        if self.is_paragraph_like() {
            return LineKind::Paragraph;
        }
        LineKind::Short
    }

    pub fn is_paragraph_like(&self) -> bool {
        (self.ends_sentence
            && self.words >= PARAGRAPH_MIN_WORDS
            && self.chars >= PARAGRAPH_MIN_CHARS)
            || (self.words >= UNPUNCTUATED_PARAGRAPH_MIN_WORDS
                && self.chars >= UNPUNCTUATED_PARAGRAPH_MIN_CHARS)
    }

    /// "TT", "AA", "x": a few Latin letters on a line of their own.
    fn is_latin_debris(&self) -> bool {
        self.words == 1 && self.arabic_letters == 0 && self.chars <= 3
    }

    /// A menu or footer whose items the scraper ran together with no spaces.
    fn has_run_together_token(&self) -> bool {
        self.text.split_whitespace().any(|w| {
            // Hashtags (#البرنامج_السعودي_لكفاءة_الطاقة) are long on purpose.
            if w.len() < RUN_TOGETHER_MIN_LETTERS || w.contains(['#', '_']) {
                return false;
            }
            let letters = w.chars().filter(|&c| cues::is_letter(c)).count();
            // No Arabic word comes near this length; Latin menus run together
            // show as case changes ("FacebookTwitterLinkedIn"), while long
            // compounds ("Modernisierungsgesetz") do not.
            letters >= RUN_TOGETHER_MIN_LETTERS
                && (w.chars().any(cues::is_arabic_script) || case_changes(w) >= 2)
        })
    }

    /// "الرئيسية > أخبار > العالم": a few words between each two separators
    /// (a date such as "07/06/2018" has separators but no words between
    /// them). Credits use slashes too, and are not menus: "Photo by X /
    /// Getty Images/iStockphoto", "Aashish Saxena / TOI / Sep 2, 2024",
    /// "… Mahsa Amini. Uncredited/AP/dpa".
    fn is_breadcrumb(&self, cues: &Cues) -> bool {
        let parts: Vec<&str> = self.text.split(['›', '»', '>', '/']).collect();
        let worded: Vec<&&str> = parts
            .iter()
            .filter(|p| p.chars().any(cues::is_letter))
            .collect();
        let short_parts = worded
            .iter()
            .all(|p| p.split_whitespace().count() <= BREADCRUMB_PART_MAX_WORDS);
        parts.len() >= 3
            && worded.len() >= 3
            && short_parts
            && self.words <= 12
            && !self.ends_sentence
            && !self.text.contains('«')
            && !cues.image_credits.occurs_as_words_in(&self.folded)
            && cues.image_credit_labels.prefix_of(&self.folded).is_none()
            && marsad_dates::find_date(self.text).is_none()
    }

    fn read_also(&self, cues: &Cues) -> Option<LineKind> {
        let f = self.folded.as_str();
        let prefix = match cues.read_also.prefix_of(f) {
            Some(p) => p,
            None => {
                let p = cues.read_also_weak.prefix_of(f)?;
                let after = f[p.len()..].trim_start();
                let shouted = self
                    .text
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.chars().all(|c| c.is_uppercase()) && w.len() > 1);
                if !(after.starts_with(':') || shouted || after.is_empty()) {
                    return None;
                }
                p
            }
        };
        let rest = f[prefix.len()..].trim_matches(is_punct);
        if rest.is_empty() {
            Some(LineKind::ReadAlsoMarker)
        } else if self.chars <= INTERSTITIAL_MAX_CHARS {
            Some(LineKind::Interstitial)
        } else {
            None
        }
    }

    /// "المصدر: الجزيرة", anywhere in a short line (share bars end with it).
    /// The label is found in the folded text, the credit kept as printed.
    fn source_credit(&self, cues: &Cues) -> Option<String> {
        let folded = marsad_text::normalize_with_offsets(self.text);
        // Share bars glue the label to a network's name ("telegramالمصدر"):
        // only a letter of the label's own script before it makes it part of
        // another word.
        let label = cues
            .source_labels
            .find_all(&folded.text)
            .filter(|r| {
                let first = folded.text[r.start..].chars().next();
                let before = folded.text[..r.start].chars().next_back();
                let after = folded.text[r.end..].chars().next();
                let same_script = |c: char| {
                    first.is_some_and(|f| cues::is_arabic_script(f) == cues::is_arabic_script(c))
                        && cues::is_letter(c)
                };
                !before.is_some_and(same_script) && !after.is_some_and(cues::is_word_char)
            })
            .last()?;
        let after = &self.text[folded.original_range(label).end..];
        let rest = after.trim_start_matches([':', ' ', '-', '–']).trim();
        let words = rest.split_whitespace().count();
        ((1..=5).contains(&words) && after.contains(':'))
            .then(|| rest.trim_matches(is_punct).to_string())
    }

    fn branding(&self) -> Option<String> {
        if self.words > 4 {
            return None;
        }
        let mut has_logo = false;
        let name: Vec<&str> = self
            .text
            .split_whitespace()
            .filter(|w| {
                let logo = w.eq_ignore_ascii_case("logo") || w.eq_ignore_ascii_case("شعار");
                has_logo |= logo;
                !logo
            })
            .collect();
        (has_logo && !name.is_empty()).then(|| name.join(" "))
    }

    fn is_caption(&self, cues: &Cues) -> bool {
        if self.chars > CAPTION_MAX_CHARS {
            return false;
        }
        if let Some(p) = cues.caption_prefixes.prefix_of(&self.folded) {
            if has_label_colon(&self.folded, Some(p)) {
                return true;
            }
        }
        trailing_credit(self.text).is_some_and(|credit| {
            let fc = fold(credit);
            cues.photo_credits.is_exactly(&fc)
                || fc
                    .split(['-', '–', '/', '،', ','])
                    .all(|part| cues.photo_credits.is_exactly(part.trim()))
        })
    }

    fn byline(&self, cues: &Cues) -> Option<String> {
        if self.words > BYLINE_MAX_WORDS {
            return None;
        }
        let p = cues.byline_prefixes.prefix_of(&self.folded)?;
        let after = self.folded[p.len()..].trim_start();
        if !(after.starts_with(':') || after.starts_with('-') || after.starts_with('–')) {
            // "بقلم سارة محمود": a prefix that only means "by", then a name.
            if self.ends_sentence
                || after.is_empty()
                || cues.byline_prefixes_without_colon.prefix_of(&self.folded) != Some(p)
            {
                return None;
            }
            let (_, name) = self.text.trim().split_once(char::is_whitespace)?;
            let name = name.trim().trim_matches(is_punct);
            return (!name.is_empty()).then(|| name.to_string());
        }
        let sep = self.text.find([':', '-', '–'])?;
        let name = self.text[sep + 1..]
            .trim()
            .trim_matches(is_punct)
            .to_string();
        (!name.is_empty()).then_some(name)
    }

    /// "الرياض - واس", "(واس)", "القاهرة (رويترز)": a credit with no text.
    fn agency_credit(&self, cues: &Cues) -> Option<String> {
        if self.words > 3 || !cues.agency_words.occurs_as_words_in(&self.folded) {
            return None;
        }
        let parts: Vec<&str> = self
            .text
            .split(['-', '–', '(', ')', '/', '|'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let agency = parts
            .iter()
            .rev()
            .find(|p| cues.agency_words.is_exactly(&fold(p)))?;
        (parts.len() <= 2).then(|| agency.to_string())
    }

    pub fn is_title_like(&self, arabic_page: bool) -> bool {
        // Headlines may end with "!" or "؟" (or even "."), which makes them
        // look like a sentence of prose; a short one above a body is a title.
        let headline_sized_sentence = self.kind == LineKind::Paragraph
            && self.words <= PUNCTUATED_TITLE_MAX_WORDS
            && !self.text.trim_end().ends_with(':');
        (self.kind == LineKind::Short || headline_sized_sentence)
            && (TITLE_MIN_WORDS..=TITLE_MAX_WORDS).contains(&self.words)
            && self.chars <= TITLE_MAX_CHARS
            && (!arabic_page || self.arabic_letters * 2 >= self.arabic_letters + self.latin_letters)
    }
}

fn has_label_colon(folded: &str, prefix: Option<&str>) -> bool {
    prefix.is_some_and(|p| {
        folded[p.len()..]
            .trim_start()
            .starts_with([':', '：', '-', '|'])
    })
}

/// Lower-to-upper case changes inside a word ("FacebookTwitter" has one).
fn case_changes(w: &str) -> usize {
    w.chars()
        .zip(w.chars().skip(1))
        .filter(|(a, b)| a.is_lowercase() && b.is_uppercase())
        .count()
}

pub fn is_punct(c: char) -> bool {
    !cues::is_word_char(c)
}

/// The text inside a closing parenthesis group: "… (رويترز - أرشيفية)".
pub fn trailing_credit(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let t = t.strip_suffix(')')?;
    let open = t.rfind('(')?;
    let inner = t[open + 1..].trim();
    let words = inner.split_whitespace().count();
    ((1..=5).contains(&words) && open > 0).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> LineKind {
        Line::new(1, text, &Cues::new()).kind
    }

    #[test]
    fn furniture_lines() {
        use FurnitureKind as F;
        assert_eq!(
            kind("FacebookTwitterLinkedInEmail"),
            LineKind::Furniture(F::Share)
        );
        assert_eq!(kind("شارك الخبر:"), LineKind::Furniture(F::Share));
        assert_eq!(
            kind("الرئيسيةأخبارسياسةأعمالرياضةالعالمتكنولوجيااقتصادصحةتسلية"),
            LineKind::Furniture(F::Navigation)
        );
        assert_eq!(kind("Loading..."), LineKind::Furniture(F::Other));
        assert_eq!(kind("TT"), LineKind::Furniture(F::Other));
        assert_eq!(kind("التصنيف:أوروبا"), LineKind::Furniture(F::Navigation));
        assert_eq!(
            kind("كلمات دلالية: حراك الجامعات حريات"),
            LineKind::Furniture(F::Tags)
        );
        assert_eq!(
            kind("الآراء الواردة في المقال لا تعكس بالضرورة الموقف التحريري لشبكة الجزيرة."),
            LineKind::Furniture(F::Disclaimer)
        );
        assert_eq!(
            kind("© 2024 جميع الحقوق محفوظة"),
            LineKind::Furniture(F::Footer)
        );
        assert_eq!(kind("لا توجد تعليقات على الخبر"), LineKind::CommentsHeader);
        assert_eq!(kind("أخبار ذات صلة"), LineKind::RelatedHeader);
        assert_eq!(kind("خَبَرْيْن logo"), LineKind::Branding("خَبَرْيْن".into()));
    }

    #[test]
    fn credits_with_slashes_are_not_breadcrumbs() {
        use FurnitureKind as F;
        assert_eq!(
            kind("الرئيسية / أخبار / العالم"),
            LineKind::Furniture(F::Navigation)
        );
        for credit in [
            "Photo by ipopba / Getty Images/iStockphoto",
            "Aashish Saxena / TIMESOFINDIA.COM / Sep 2, 2024, 17:07 IST",
            "Demonstration im September 2022 nach dem Tod von Mahsa Amini. Uncredited/AP/dpa",
            "محمد علي / القاهرة / 12 مارس 2024",
        ] {
            assert_ne!(kind(credit), LineKind::Furniture(F::Navigation), "{credit}");
        }
    }

    #[test]
    fn read_also_links_and_markers() {
        assert_eq!(
            kind("شاهد ايضاً: مهمة جوليان أسانج كانت لتغيير العالم - ولكن بأي تكلفة؟"),
            LineKind::Interstitial
        );
        assert_eq!(kind("READ  تحية للمرشد الكيوي"), LineKind::Interstitial);
        assert_eq!(kind("إقرأ أيضاً:"), LineKind::ReadAlsoMarker);
        // "المزيد" opening a sentence is prose, not a link.
        assert_eq!(
            kind("المزيد من القذائف والصواريخ تشق طريقها إلى الخطوط الأمامية في أوكرانيا كل يوم."),
            LineKind::Paragraph
        );
    }

    #[test]
    fn captions_credits_and_sources() {
        assert_eq!(
            kind("يعرضان اتفاقية «التعاون الاستراتيجي الشامل» (رويترز)"),
            LineKind::Caption
        );
        assert_eq!(
            kind("جنود باكستانيون (رويترز - أرشيفية)"),
            LineKind::Caption
        );
        assert_eq!(
            kind("الموكب الرئاسي في بيونغ يانغ (إ.ب.أ)"),
            LineKind::Caption
        );
        assert_eq!(kind("سي إن إن"), LineKind::SourceCredit("سي إن إن".into()));
        assert_eq!(
            kind("facebooktwitteryoutubewhatsapptelegramالمصدر: الجزيرة"),
            LineKind::SourceCredit("الجزيرة".into())
        );
        assert_eq!(kind("بقلم: أحمد علي"), LineKind::Byline("أحمد علي".into()));
        assert_eq!(
            kind("بقلم سارة محمود"),
            LineKind::Byline("سارة محمود".into())
        );
        // "كتب" is also the verb: without a colon the line is not a by-line.
        assert_ne!(
            kind("كتب الوزير تغريدة"),
            LineKind::Byline("الوزير تغريدة".into())
        );
    }

    #[test]
    fn body_and_short_lines() {
        assert_eq!(
            kind("وهنا، على عكس الصين، لا يمكن لأحد أن يتهمه بأنه الشريك الأصغر."),
            LineKind::Paragraph
        );
        assert_eq!(
            kind("دعم كوريا الشمالية لموسكو في أوكرانيا"),
            LineKind::Short
        );
        assert_eq!(
            kind("الرئيس الروسي فلاديمير بوتين يصل إلى كوريا الشمالية للمرة الأولى منذ 24 عاما"),
            LineKind::Short
        );
    }

    #[test]
    fn splits_crlf_and_lone_cr() {
        let l = split_lines("a\r\nb\r\n");
        assert_eq!(l, vec![(1, "a"), (2, "b"), (3, "")]);
        let l = split_lines("a\rb");
        assert_eq!(l, vec![(1, "a"), (2, "b")]);
        let l = split_lines("\u{200F}x\u{00A0}");
        assert_eq!(l, vec![(1, "x")]);
    }
}
