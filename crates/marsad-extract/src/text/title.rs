//! The headline of an article in a text dump, chosen among the lines of its
//! header.
//!
//! Above a body a page prints its header: a kicker or section name, the
//! headline, a deck (a longer summary), a by-line and a dateline, share
//! buttons, a photo and its caption, in some order. The nearest headline-sized
//! line above the body is often not the headline: it is the by-line ("NAME -
//! CITY", "Von X, Redakteur"), a caption, a button, a section name or a
//! teaser of another story placed below the header. So every headline-sized
//! line of the header is weighed on what the line is and what stands around
//! it (weights in `settings.rs`): headlines stand above the by-line and
//! dateline and are often followed by a deck or a by-line; credits, captions,
//! menu items and full stops speak against a line; a page that prints the
//! line again (its `<title>`, a breadcrumb) speaks for it. The best line wins;
//! on a tie, the one nearest the body.

use rustc_hash::FxHashMap;

use super::line::{is_punct, Cues, Line, LineKind};
use super::settings::*;

/// How often each headline-sized text is printed on the page: lines as they
/// are, and the part before a site name ("Headline | Site", "Headline -
/// Site"), bullets dropped.
pub(super) fn page_repeats<'a>(lines: &'a [Line]) -> FxHashMap<&'a str, u32> {
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for l in lines {
        if l.kind == LineKind::Blank || l.chars > TITLE_MAX_CHARS + TITLE_MAX_CHARS / 2 {
            continue;
        }
        let text = strip_bullet(&l.folded).0;
        *counts.entry(text).or_insert(0) += 1;
        if let Some(head) = before_site_name(text) {
            *counts.entry(head).or_insert(0) += 1;
        }
    }
    counts
}

/// "headline | site" → "headline": the text before the last separator, when
/// what follows it is a few words.
fn before_site_name(folded: &str) -> Option<&str> {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];
    let (pos, sep) = SEPARATORS
        .iter()
        .filter_map(|s| folded.rfind(s).map(|p| (p, *s)))
        .max_by_key(|(p, _)| *p)?;
    let tail = &folded[pos + sep.len()..];
    let head = folded[..pos].trim();
    (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= TITLE_MIN_WORDS)
        .then_some(head)
}

/// A list bullet a scraper keeps at the start of a menu item ("* Politik",
/// "+ Inland", "• …", "2. World"), and the text after it.
fn strip_bullet(text: &str) -> (&str, bool) {
    for b in ["* ", "+ ", "• ", "o ", "▪ ", "◦ "] {
        if let Some(rest) = text.strip_prefix(b) {
            return (rest.trim_start(), true);
        }
    }
    // "1. News", not "3. Mai 2024" (a date) nor "2:07" (a time).
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && text[digits..].starts_with(". ") {
        let rest = text[digits + 2..].trim_start();
        if !rest.starts_with(|c: char| c.is_ascii_digit())
            && marsad_dates::find_date(text).is_none()
        {
            return (rest, true);
        }
    }
    (text, false)
}

/// The page-wide facts the title choice reads.
pub(super) struct TitleContext<'a, 'l> {
    pub lines: &'a [Line<'l>],
    pub cues: &'a Cues,
    pub repeats: &'a FxHashMap<&'a str, u32>,
    pub arabic_page: bool,
}

/// One headline-sized line of the header and its weight.
struct Candidate {
    index: usize,
    score: i32,
}

impl TitleContext<'_, '_> {
    /// The headline above a body starting at `body_first`, looking no
    /// higher than `floor`, moved to its first printing when the header
    /// repeats it. `in_story_list`: the body stands in a block of related
    /// stories, each a headline and its summary.
    pub fn find_title(
        &self,
        body_first: usize,
        floor: usize,
        in_story_list: bool,
    ) -> Option<usize> {
        let lines = self.lines;
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut seen = 0;
        // Whether a by-line or dateline stands between the current line and the body.
        let mut meta_below = false;
        let mut crossed_deck = false;
        let mut clean_seen = false;
        let mut byline_seen = false;
        // The next non-blank line below the current one, and the one below that.
        let mut below: Option<usize> = None;
        let mut below2: Option<usize> = None;
        for j in (floor..body_first).rev() {
            let l = &lines[j];
            if l.kind == LineKind::Blank {
                continue;
            }
            if l.kind.is_boundary() {
                break;
            }
            seen += 1;
            if seen > TITLE_LOOKBACK_LINES {
                break;
            }
            // A deck above the rest of the header (by-line, date) or with no
            // clean headline-sized line below it is crossed once; any other
            // paragraph is the end of something else (a teaser's summary,
            // the previous story), as is every paragraph above a story in a
            // list of related stories. A headline-sized sentence ending with
            // a full stop is a deck (or a caption) as much as a headline.
            let deck_like = l.kind == LineKind::Paragraph
                && (!l.is_title_like(self.arabic_page) || ends_with_full_stop(l.text));
            if deck_like {
                if crossed_deck || in_story_list || (clean_seen && !meta_below) {
                    break;
                }
                crossed_deck = true;
            }
            if l.is_title_like(self.arabic_page) {
                let (score, clean) = self.weigh(j, below, below2, body_first);
                clean_seen |= clean;
                candidates.push(Candidate { index: j, score });
            }
            if self.is_meta(l) {
                meta_below = true;
            }
            if !byline_seen && self.is_byline_like(l) {
                // Candidates already seen stand below the by-line (the one
                // nearest the body: a name-like line higher up is more
                // often a menu or a kicker).
                byline_seen = true;
                for c in candidates.iter_mut() {
                    c.score -= TITLE_BELOW_BYLINE_PENALTY;
                }
            }
            below2 = below;
            below = Some(j);
        }
        // Highest score; on a tie the nearest the body (pushed first).
        let best = candidates
            .iter()
            .rev()
            .max_by_key(|c| c.score)
            .map(|c| c.index)?;
        Some(self.first_printing(best, floor))
    }

    /// A candidate's score, and whether nothing speaks against it.
    fn weigh(
        &self,
        j: usize,
        below: Option<usize>,
        below2: Option<usize>,
        body_first: usize,
    ) -> (i32, bool) {
        let lines = self.lines;
        let l = &lines[j];
        let mut score = 0;
        let mut against = 0;
        if self.is_credit_like(l) || l.text.trim_end().ends_with([':', '：']) {
            against += TITLE_CREDIT_PENALTY;
        }
        let menu = self.is_menu_like(j);
        if menu {
            against += TITLE_MENU_PENALTY;
        }
        if ends_with_full_stop(l.text) {
            against += TITLE_FULL_STOP_PENALTY;
        }
        if l.words > TITLE_USUAL_MAX_WORDS {
            // As long as a deck or a teaser's summary.
            against += TITLE_LONG_PENALTY;
        }
        if let Some(b) = below {
            let next = &lines[b];
            // A deck: a longer summary with more of the header below it (a
            // headline right above the body has none; a teaser above the
            // headline is not followed by a deck but by that headline).
            // A kicker above its headline is not one: a deck is longer.
            let deck = (next.kind == LineKind::Paragraph
                || (next.kind == LineKind::Short
                    && next.words >= DECK_MIN_WORDS.max(l.words + DECK_MIN_EXTRA_WORDS)))
                && below2.is_some_and(|b2| b2 < body_first);
            if deck && !self.is_meta(next) {
                score += TITLE_DECK_BELOW_BONUS;
            } else if self.is_meta(next) {
                score += TITLE_META_BELOW_BONUS;
            }
        }
        if !menu
            && self
                .repeats
                .get(strip_bullet(&l.folded).0)
                .is_some_and(|&n| n > 1)
        {
            score += TITLE_REPEATED_BONUS;
        }
        (score - against, against == 0)
    }

    /// By-lines, datelines and credit-like lines: the header's metadata.
    fn is_meta(&self, l: &Line) -> bool {
        matches!(
            l.kind,
            LineKind::Byline(_) | LineKind::DateLine | LineKind::AgencyCredit(_)
        ) || (matches!(l.kind, LineKind::Short | LineKind::Caption) && self.is_credit_like(l))
    }

    /// A by-line: who wrote the story ("كتب: …", "By X", "NAME - CITY", a
    /// line of names), not when (a date may stand above the headline).
    fn is_byline_like(&self, l: &Line) -> bool {
        matches!(l.kind, LineKind::Byline(_) | LineKind::AgencyCredit(_))
            || (l.kind == LineKind::Short && self.names_someone(l))
    }

    /// A line that credits someone or dates the page rather than telling
    /// the story: "By Associated Press", "Von Robin Amberg, Volontär",
    /// "Birgit Baumann Anna Giulia Fink", "محمد علي - القاهرة",
    /// "Foto: Getty Images", "Publiziert 17. Dezember 2024, 12:17".
    pub fn is_credit_like(&self, l: &Line) -> bool {
        let text = strip_bullet(l.text).0;
        if l.words > CREDIT_LINE_MAX_WORDS * 2 {
            return false;
        }
        if text.contains('©')
            || self.cues.image_credits.occurs_as_words_in(&l.folded)
            || self.has_image_credit_label(&l.folded)
        {
            return true;
        }
        if marsad_dates::date_coverage(text) >= TITLE_MAX_DATE_COVERAGE || has_clock_time(text) {
            return true;
        }
        self.names_someone(l)
    }

    /// "By Associated Press", "Adam Vidler and AP", "محمد علي - القاهرة".
    fn names_someone(&self, l: &Line) -> bool {
        if l.words > CREDIT_LINE_MAX_WORDS {
            return false;
        }
        let text = strip_bullet(l.text).0;
        let asks = |t: &str| t.contains(['?', '؟', '!', ':']);
        if self
            .cues
            .credit_by
            .prefix_of(strip_bullet(&l.folded).0)
            .is_some()
        {
            // "By Associated Press", "بقلم سارة محمود", "Von: JÖRG ZSCHOCHE".
            let rest = text
                .split_once(char::is_whitespace)
                .map_or("", |(_, r)| r.trim_start_matches(is_punct));
            let named = rest
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || marsad_model::cues::is_arabic_script(c));
            // A lone "By" heads the names on the lines below it; a few
            // words after "Von" name someone whatever their case ("Von
            // t-online, jse").
            let few = rest
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
                <= CREDIT_NAME_MAX_WORDS;
            if ((named || few) && !asks(rest)) || rest.is_empty() {
                return true;
            }
        }
        // A bulleted list of names is a menu ("* SYDNEY, NSW").
        !asks(text) && !strip_bullet(l.text).1 && (self.is_names(text) || is_name_and_place(text))
    }

    /// "Foto: …", "(Bild: dpa)", "Photo by …": a credit label followed by a
    /// colon or "by".
    fn has_image_credit_label(&self, folded: &str) -> bool {
        let mut from = 0;
        while let Some(r) = self.cues.image_credit_labels.word_match(folded, from) {
            let after = folded[r.end..].trim_start();
            if after.starts_with([':', '：'])
                || self
                    .cues
                    .credit_by
                    .prefix_of(after)
                    .is_some_and(|p| p == "by" || p == "von" || p == "di" || p == "par")
            {
                return true;
            }
            from = r.end;
        }
        false
    }

    /// A line of Latin-script names: every word capitalized or a joiner
    /// ("Adam Vidler and AP", "Julia Vergin | Clare Roth"), two names at least.
    fn is_names(&self, text: &str) -> bool {
        let mut capitalized = 0;
        for word in text.split_whitespace() {
            let w = word.trim_matches(is_punct);
            if w.is_empty() {
                continue;
            }
            let first = w.chars().next().unwrap_or(' ');
            // Arabic has no capitals: only Latin-script names are read here.
            let latin_letter =
                first.is_alphabetic() && !marsad_model::cues::is_arabic_script(first);
            if first.is_uppercase() {
                capitalized += 1;
            } else if !latin_letter
                || !self
                    .cues
                    .name_joiners
                    .is_exactly(&marsad_model::cues::fold(w))
            {
                return false;
            }
        }
        capitalized >= 2
    }

    /// A menu item or section name: a bulleted line, or a short one the page
    /// prints again or sets among other short lines.
    fn is_menu_like(&self, j: usize) -> bool {
        let lines = self.lines;
        let l = &lines[j];
        if strip_bullet(l.text).1 {
            return true;
        }
        if l.words > SECTION_NAME_MAX_WORDS {
            return false;
        }
        if self.repeats.get(l.folded.as_str()).is_some_and(|&n| n > 1) {
            return true;
        }
        let short = |i: Option<usize>| {
            i.is_some_and(|i| {
                let n = &lines[i];
                n.kind == LineKind::Short && n.words <= SECTION_NAME_MAX_WORDS
            })
        };
        let above = (0..j).rev().find(|&i| lines[i].kind != LineKind::Blank);
        let below = (j + 1..lines.len()).find(|&i| lines[i].kind != LineKind::Blank);
        short(above) && short(below)
    }

    /// The earliest printing of the title in the header above it.
    fn first_printing(&self, title: usize, floor: usize) -> usize {
        let lines = self.lines;
        let key = strip_bullet(&lines[title].folded).0;
        let mut earliest = title;
        let mut seen = 0;
        for j in (floor..title).rev() {
            let l = &lines[j];
            match l.kind {
                LineKind::Blank => continue,
                LineKind::Paragraph => break,
                ref k if k.is_boundary() => break,
                _ => {}
            }
            seen += 1;
            if seen > TITLE_LOOKBACK_LINES {
                break;
            }
            if l.folded == lines[title].folded
                || (!strip_bullet(l.text).1 && strip_bullet(&l.folded).0 == key)
            {
                earliest = j;
            }
        }
        earliest
    }
}

/// "محمد علي - القاهرة", "Anna Sleegers / Frankfurt": two short parts
/// around one dash, bar or slash.
fn is_name_and_place(text: &str) -> bool {
    // A hyphen inside a name ("Wilson-Smith") does not part it; a spaced one does.
    let spaced = text.replace(" - ", " | ");
    let parts: Vec<&str> = spaced
        .split(['|', '/', '·', '–', '—'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() == 2
        && parts.iter().all(|p| {
            let words = p.split_whitespace().count();
            (1..=NAME_CITY_PART_MAX_WORDS).contains(&words)
        })
}

/// A clock time ("12:19", "7.57 Uhr", "4:00 AM"): hours, a colon or dot,
/// two digits, not inside a longer number.
fn has_clock_time(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        matches!(b[i], b':')
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
            && b.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
            && (i < 3 || !b[i - 3].is_ascii_digit() || !b[i - 2].is_ascii_digit())
    })
}

/// Ends with a full stop (or colon), as a caption or a sentence of prose
/// does; a headline may end with "!" or "?" but rarely with ".".
fn ends_with_full_stop(text: &str) -> bool {
    let closing = |c: char| matches!(c, '"' | '”' | '»' | '\'' | '’' | '“' | '«' | '„');
    let t =
        text.trim_end_matches(|c: char| closing(c) || c == ')' || c == ']' || c.is_whitespace());
    // A quotation as the headline keeps its own full stop: „… So überlebt man.“
    let quoted = text.trim_start().starts_with(closing) && text.trim_end().ends_with(closing);
    t.ends_with(['.', '…', '۔', '؛']) && !t.ends_with("...") && !quoted
}

#[cfg(test)]
mod tests {
    use super::super::line::split_lines;
    use super::*;

    fn title_of(dump: &str, body_first_line: u32) -> Option<String> {
        let cues = Cues::new();
        let mut lines: Vec<Line> = split_lines(dump)
            .into_iter()
            .map(|(n, t)| Line::new(n, t, &cues))
            .collect();
        super::super::demote_repeated_lines(&mut lines);
        let arabic: usize = lines.iter().map(|l| l.arabic_letters).sum();
        let latin: usize = lines.iter().map(|l| l.latin_letters).sum();
        let repeats = page_repeats(&lines);
        let ctx = TitleContext {
            lines: &lines,
            cues: &cues,
            repeats: &repeats,
            arabic_page: arabic >= latin,
        };
        let body = lines.iter().position(|l| l.number == body_first_line)?;
        ctx.find_title(body, 0, false)
            .map(|t| lines[t].text.to_string())
    }

    const BODY_AR: &str =
        "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن الأعمال ستنتهي قبل نهاية العام الجاري.";
    const BODY_EN: &str =
        "The council said on Tuesday that the works on the old bridge would be finished by the end of the year.";

    #[test]
    fn a_name_and_city_below_the_headline_is_a_byline() {
        let dump = format!(
            "افتتاح جسر جديد فوق النيل في القاهرة\n\nمحمد عبد الله - القاهرة\n\n{BODY_AR}\n"
        );
        assert_eq!(
            title_of(&dump, 5).as_deref(),
            Some("افتتاح جسر جديد فوق النيل في القاهرة")
        );
        // A headline that happens to hold a dash is still a headline.
        let dump =
            format!("الأهلي - الزمالك: موعد المباراة النهائية والقنوات الناقلة\n\n{BODY_AR}\n");
        assert_eq!(
            title_of(&dump, 3).as_deref(),
            Some("الأهلي - الزمالك: موعد المباراة النهائية والقنوات الناقلة")
        );
    }

    #[test]
    fn headline_wins_over_credits_and_captions_between_it_and_the_body() {
        let dump = format!(
            "Council to finish the old bridge works this year\n\n\
             The city expects traffic to return to normal after months of closures and detours\n\n\
             By Anna Miller and John Smith\n\
             Published 3. Mai 2024, 17:47 Uhr\n\n\
             Workers on the old bridge in March. Photo: Getty Images\n\n\
             {BODY_EN}\n"
        );
        assert_eq!(
            title_of(&dump, 10).as_deref(),
            Some("Council to finish the old bridge works this year")
        );
    }

    #[test]
    fn a_deck_paragraph_is_crossed_to_the_headline_above() {
        let dump = format!(
            "Nach Kalifat-Rufen in Hamburg: Sind wir zu sanft zu Islamisten?\n\n\
             Die Aufregung nach dem Aufmarsch bleibt groß. Auch in Österreich stellt sich nun die Frage, wie man reagieren soll.\n\n\
             Birgit Baumann Anna Giulia Fink\n\n\
             3. Mai 2024, 17:47\n\n\
             {BODY_EN}\n"
        );
        assert_eq!(
            title_of(&dump, 9).as_deref(),
            Some("Nach Kalifat-Rufen in Hamburg: Sind wir zu sanft zu Islamisten?")
        );
    }

    #[test]
    fn a_teaser_below_the_byline_is_not_the_headline() {
        let dump = format!(
            "وزير النقل يفتتح الجسر الجديد فوق نهر النيل\n\
             كتب: أحمد علي\n\
             الأمطار الغزيرة تغلق طرقا في الإسكندرية\n\n\
             {BODY_AR}\n"
        );
        assert_eq!(
            title_of(&dump, 5).as_deref(),
            Some("وزير النقل يفتتح الجسر الجديد فوق نهر النيل")
        );
    }

    #[test]
    fn a_section_name_among_menu_items_is_not_the_headline() {
        let dump = format!(
            "* أخبار\n* رياضة\n\nالحكومة تقر موازنة العام المقبل بعجز أقل\n\n\
             أخبار عربية ودولية\n\n{BODY_AR}\n"
        );
        // The section name repeats as a menu item further down the page.
        let dump = format!("{dump}\nأخبار عربية ودولية\n");
        assert_eq!(
            title_of(&dump, 8).as_deref(),
            Some("الحكومة تقر موازنة العام المقبل بعجز أقل")
        );
    }

    #[test]
    fn the_nearest_headline_still_wins_over_a_teaser_above_it() {
        // No header around the headline: the teaser list above it is not a deck.
        let dump = format!(
            "Storm closes schools across the north\n\n\
             Council to finish the old bridge works this year after months of delays and detours\n\n\
             {BODY_EN}\n"
        );
        assert_eq!(
            title_of(&dump, 5).as_deref(),
            Some("Council to finish the old bridge works this year after months of delays and detours")
        );
    }

    #[test]
    fn only_the_byline_nearest_the_body_puts_lines_below_it() {
        // "Main Menu Links" reads like names; the headline under it is still
        // above the story's by-line, and the button under that is not.
        let dump = format!(
            "Main Menu Links\n\n\
             Council to finish the old bridge works this year\n\n\
             James Nevison\n\n\
             Sign in to save this article for later reading\n\n\
             {BODY_EN}\n\nSign in to save this article for later reading\n"
        );
        assert_eq!(
            title_of(&dump, 9).as_deref(),
            Some("Council to finish the old bridge works this year")
        );
    }

    #[test]
    fn a_line_longer_than_headlines_are_loses_to_a_headline() {
        // A teaser's summary printed twice, over a longer version of itself,
        // weighs as much as the headline printed twice over its by-line,
        // but is longer than headlines are.
        let summary = "وقالت الوزارة في بيان إن الأعمال في الجسر الجديد ستنتهي قبل نهاية العام الجاري بعد تأخير دام أشهرا بسبب ارتفاع أسعار مواد البناء";
        let headline = "افتتاح جسر جديد فوق النيل في القاهرة";
        let dump = format!(
            "{summary}\n\n{summary} والنقل والعمالة في المدينة خلال الشهور الماضية\n\n\
             {headline}\n\nمحمد عبد الله - القاهرة\n\n{BODY_AR}\n\n{summary}\n\n{headline}\n"
        );
        assert_eq!(title_of(&dump, 9).as_deref(), Some(headline));
    }

    #[test]
    fn ordinary_headlines_are_not_credits() {
        let cues = Cues::new();
        let repeats = FxHashMap::default();
        let ctx = TitleContext {
            lines: &[],
            cues: &cues,
            repeats: &repeats,
            arabic_page: false,
        };
        let credit = |t: &str| ctx.is_credit_like(&Line::new(1, t, &cues));
        for t in [
            "By Associated Press",
            "Von Robin Amberg, Volontär (Sport)",
            "Von t-online , jse",
            "Adam Vidler and AP",
            "Julia Vergin | Clare Roth",
            "محمد عبد الله - القاهرة",
            "بقلم سارة محمود",
            "بواسطة أحمد علي",
            "Foto: Getty Images",
            "Publiziert 17. Dezember 2024, 12:17",
            "13:37 Uhr",
        ] {
            assert!(credit(t), "{t}");
        }
        for t in [
            "Von München bis Aachen: Im Netz der China-Agenten",
            "The Mother of All Antioxidants",
            "Mining blasts shatter homes",
            "الرئيس الروسي فلاديمير بوتين يصل إلى كوريا الشمالية للمرة الأولى منذ 24 عاما",
            "الأهلي - الزمالك: موعد المباراة النهائية والقنوات الناقلة",
            "By the numbers, the city grew faster than any other",
            "إعداد الموازنة العامة للدولة يبدأ الشهر المقبل",
        ] {
            assert!(!credit(t), "{t}");
        }
    }
}
