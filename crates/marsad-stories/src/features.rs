//! Per-article features: a pure function of the article, computed in parallel by the engine
//! and kept by the store, so that the [`StoryIndex`](crate::StoryIndex) can be rebuilt without
//! reading texts again.
//!
//! * exact key: a hash of the matching-form words in order (punctuation, diacritics, letter
//!   variants and spacing do not matter);
//! * near-duplicate shingles: every run of [`SHINGLE_WORDS`] words, hashed, and a MinHash
//!   signature over them. Plain word shingles rather than SpotSigs' stopword-anchored ones:
//!   the articles reach this stage already stripped of page furniture (which is what SpotSigs'
//!   anchors were designed to ignore), and plain shingles are what the truth is defined on;
//! * terms: light stems of the title (× [`TITLE_WEIGHT`]), the lead paragraph (× 1 +
//!   [`LEAD_EXTRA_WEIGHT`]) and the body, without stopwords;
//! * name keys: the entity stage's keys when it ran (people, places, organisations), else the name skeleton
//!   ([`marsad_text::skeleton`]) of (a) words of [`crate::lexicon::NAMES`], (b) up to
//!   [`NAME_WORDS_AFTER_CUE`] words without the article after a title word ("الرئيس فلاديمير
//!   بوتين", "وزير الخارجية سيرغي لافروف"), (c) Latin words of three letters or more;
//! * figures: a number and the word after it ("1500 جندي", "3 ملايين قذيفة"); years are dates;
//! * mentioned dates: full dates found by `marsad_dates::find_dates`;
//! * quotations: the opening words of every quoted passage of [`MIN_QUOTE_WORDS`] or more;
//! * credits: the extractor's `original_source` and agency credits in the text ("(رويترز)",
//!   "الرياض - واس", "المصدر: الجزيرة", a closing line "سي إن إن").

use marsad_text::{light_stem_ref, normalize_for_matching, skeleton, TokenRef, Words};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::hash::{combine, hash32, hash64};
use crate::input::{ArticleInput, ArticleRole};
use crate::lexicon::{lexicon, source_key, spaced};
use crate::settings::*;

/// What the stage needs to know about one article; see the module documentation. Serde
/// serialisable: the store keeps it (with the article's [`Placement`](crate::Placement)) to
/// rebuild the index at start-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Features {
    /// The article's id.
    pub id: i64,
    /// Minutes since 1970-01-01, local time: published, else fetched.
    pub minutes: Option<i64>,
    /// The outlet's canonical key ([`source_key`]).
    pub outlet: Option<String>,
    /// The page it came from.
    pub page: Option<String>,
    /// Main or appended.
    pub role: ArticleRole,
    /// Hash of the matching-form words; 0 for an empty text.
    pub text_hash: u64,
    /// Words in the body.
    pub words: u32,
    /// MinHash signature ([`MINHASH_SIZE`] values); empty below [`MIN_WORDS_FOR_NEAR`] words.
    pub signature: Vec<u32>,
    /// The body's shingle hashes, sorted, distinct; empty when `signature` is.
    pub shingles: Vec<u32>,
    /// (term key, title-weighted count), sorted by key.
    pub terms: Vec<(u32, u16)>,
    /// The title's term keys, sorted, distinct.
    pub title_terms: Vec<u32>,
    /// Name keys, sorted, distinct.
    pub names: Vec<u64>,
    /// Figure keys, sorted, distinct.
    pub figures: Vec<u64>,
    /// Mentioned dates (days since 1970-01-01), sorted, distinct.
    pub dates: Vec<i32>,
    /// Quotation keys, sorted, distinct.
    pub quotes: Vec<u64>,
    /// Canonical keys of the outlets or agencies the article credits (never its own outlet).
    pub credits: Vec<String>,
}

impl Features {
    /// The features of an article: a pure function (no state, no randomness).
    pub fn of(input: &ArticleInput) -> Features {
        let body_words = Words::of(&input.text);
        let body = body_words.refs();
        let title_words = input.title.as_deref().map(Words::of);
        let title = title_words.as_ref().map(Words::refs).unwrap_or_default();

        let word_hashes: Vec<u64> = body.iter().map(|t| hash64(t.surface.as_bytes())).collect();
        let text_hash = if word_hashes.is_empty() {
            0
        } else {
            word_hashes.iter().fold(0x5151_u64, |h, &w| combine(h, w))
        };
        let (signature, shingles) = if body.len() >= MIN_WORDS_FOR_NEAR {
            let shingles = shingle_keys(&word_hashes);
            (minhash(&shingles), shingles)
        } else {
            (Vec::new(), Vec::new())
        };

        // The lead paragraph names the article's event ("the first paragraph decides").
        let lead_end = input.text.find("\n\n").unwrap_or(input.text.len());
        let lead_words = body.iter().take_while(|t| t.end <= lead_end).count();
        let lead = &body[..lead_words.min(MAX_LEAD_WORDS)];
        let mut counts: FxHashMap<u32, u16> = FxHashMap::default();
        for (tokens, weight) in [
            (&title[..], TITLE_WEIGHT),
            (&body[..], 1),
            (lead, LEAD_EXTRA_WEIGHT),
        ] {
            for t in tokens {
                if let Some(key) = term_key(t) {
                    let c = counts.entry(key).or_insert(0);
                    *c = c.saturating_add(weight);
                }
            }
        }
        let title_terms = dedup_sorted(title.iter().filter_map(term_key).collect());
        let mut terms: Vec<(u32, u16)> = counts.into_iter().collect();
        terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(MAX_TERMS);
        terms.sort_unstable_by_key(|t| t.0);

        let mut names: Vec<u64> = input
            .entities
            .iter()
            .map(|e| hash64(format!("e:{e}").as_bytes()))
            .collect();
        // The entity stage's keys are better names than the word list and title cues
        // (ANT week, pairs: AUC of the names signal 0.95 against 0.86), and the two mixed do
        // worse than either; the text gives names only when the stage found none.
        if names.is_empty() {
            name_keys(&title, &mut names);
            name_keys(&body, &mut names);
        }

        let mut figures = Vec::new();
        figure_keys(&title, &mut figures);
        figure_keys(&body, &mut figures);

        let mut dates = Vec::new();
        let mut quotes = Vec::new();
        for paragraph in input
            .title
            .iter()
            .map(String::as_str)
            .chain(paragraphs(&input.text))
        {
            if paragraph.bytes().any(|b| b.is_ascii_digit()) || has_non_ascii_digit(paragraph) {
                dates.extend(
                    marsad_dates::find_dates(paragraph)
                        .iter()
                        .map(|d| d.published.days_from_epoch() as i32),
                );
            }
            quote_keys(paragraph, &mut quotes);
        }

        let outlet = input.outlet.as_deref().and_then(source_key);
        let mut credits: Vec<String> = input
            .original_source
            .as_deref()
            .and_then(source_key)
            .into_iter()
            .chain(text_credits(&input.text))
            .filter(|c| Some(c) != outlet.as_ref())
            .collect();
        credits.sort();
        credits.dedup();

        Features {
            id: input.id,
            minutes: input.minutes(),
            outlet,
            page: input.page.clone(),
            role: input.role,
            text_hash,
            words: body.len() as u32,
            signature,
            shingles,
            terms,
            title_terms,
            names: dedup_sorted(names),
            figures: dedup_sorted(figures),
            dates: dedup_sorted(dates),
            quotes: dedup_sorted(quotes),
            credits,
        }
    }

    /// The deterministic placement order: undated articles first (so that the dated ones
    /// that come after can measure their time to the stories the undated ones formed), then
    /// by date, then content, then id.
    pub fn order_key(&self) -> (bool, i64, u64, i64) {
        (
            self.minutes.is_some(),
            self.minutes.unwrap_or(0),
            self.text_hash,
            self.id,
        )
    }
}

fn has_non_ascii_digit(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{660}'..='\u{669}' | '\u{6F0}'..='\u{6F9}'))
}

fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").filter(|p| !p.trim().is_empty())
}

fn dedup_sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

/// The word-shingle keys of a text (from its words' hashes in order), sorted and distinct: the
/// high 32 bits of each shingle's hash. A text shorter than one shingle is one shingle.
pub(crate) fn shingle_keys(word_hashes: &[u64]) -> Vec<u32> {
    let n = SHINGLE_WORDS.min(word_hashes.len());
    if n == 0 {
        return Vec::new();
    }
    let keys: Vec<u32> = word_hashes
        .windows(n)
        .map(|w| (w.iter().fold(0x5eed_u64, |h, &x| combine(h, x)) >> 32) as u32)
        .collect();
    dedup_sorted(keys)
}

/// One-permutation MinHash with optimal densification (Li, Owen & Zhang 2012; Shrivastava
/// 2017): one hash per shingle picks a bin and a value, each bin keeps its least value, and an
/// empty bin (a text with fewer shingles than bins) borrows the value of the first filled bin
/// that a hash of (bin, attempt) lands on. Two texts then agree in a bin with probability their
/// Jaccard, as with [`MINHASH_SIZE`] independent hash functions, for one hash per shingle
/// instead of [`MINHASH_SIZE`] (the signature was 19% of ingest's instructions).
///
/// It is computed from the distinct 32-bit shingle keys [`Features::shingles`] keeps, so that a
/// stored record does not need to keep the signature: it is recomputed when the index is
/// rebuilt ([`crate::StoryIndex::restore`]).
pub fn minhash(shingles: &[u32]) -> Vec<u32> {
    if shingles.is_empty() {
        return Vec::new();
    }
    let bins = MINHASH_SIZE as u64;
    let mut sig = vec![u32::MAX; MINHASH_SIZE];
    let mut filled = [false; MINHASH_SIZE];
    for &x in shingles {
        let h = crate::hash::mix64(u64::from(x) ^ 0x6f70_685f_6d69_6e68);
        // The high half picks the bin (multiply-range, unbiased enough for 128 bins), the low
        // half is the value.
        let bin = (((h >> 32) * bins) >> 32) as usize;
        let value = h as u32;
        if value <= sig[bin] {
            sig[bin] = value;
        }
        filled[bin] = true;
    }
    for bin in 0..MINHASH_SIZE {
        if filled[bin] {
            continue;
        }
        // At least one bin is filled, so this ends (with probability 1; the attempt bound only
        // guards against a pathological hash, then the bin keeps u32::MAX in both texts alike).
        for attempt in 1..=(64 * MINHASH_SIZE as u64) {
            let donor = (((crate::hash::mix64(((bin as u64) << 32) | attempt) >> 32) * bins) >> 32)
                as usize;
            if filled[donor] {
                sig[bin] = sig[donor];
                break;
            }
        }
    }
    sig
}

fn is_stopword(t: &TokenRef<'_>) -> bool {
    let lex = lexicon();
    lex.stopwords.contains(t.surface) || lex.stopwords.contains(t.base)
}

/// Letters of a token (tokens are letters and digits; digits are ASCII in the matching form).
fn letters(s: &str) -> usize {
    s.chars().filter(|c| !c.is_ascii_digit()).count()
}

fn term_key(t: &TokenRef<'_>) -> Option<u32> {
    if is_stopword(t) || letters(t.base) < MIN_TERM_LETTERS {
        return None;
    }
    Some(hash32(light_stem_ref(t.surface)))
}

fn has_article(t: &TokenRef<'_>) -> bool {
    t.surface.len() > t.base.len() && t.surface.contains("ال") && !t.base.starts_with("ال")
}

fn name_key(word: &str) -> u64 {
    hash64(format!("n:{}", skeleton(word)).as_bytes())
}

fn name_keys(tokens: &[TokenRef<'_>], out: &mut Vec<u64>) {
    let lex = lexicon();
    let mut after_cue: Option<usize> = None;
    for t in tokens {
        let is_latin = t.surface.chars().all(|c| c.is_ascii_alphabetic());
        if is_latin {
            if t.surface.len() >= 3 && !is_stopword(t) {
                out.push(name_key(t.surface));
            }
            after_cue = None;
            continue;
        }
        if lex.names.contains(t.base) {
            out.push(name_key(t.base));
        }
        if lex.title_cues.contains(t.surface) || lex.title_cues.contains(t.base) {
            after_cue = Some(0);
            continue;
        }
        if let Some(taken) = after_cue {
            if has_article(t) && taken == 0 {
                // "وزير الخارجية ...": the office, the name comes next.
                continue;
            }
            if taken < NAME_WORDS_AFTER_CUE
                && !has_article(t)
                && !is_stopword(t)
                && letters(t.base) >= 3
                && !t.surface.chars().any(|c| c.is_ascii_digit())
            {
                out.push(name_key(t.base));
                after_cue = Some(taken + 1);
                continue;
            }
            after_cue = None;
        }
    }
}

fn figure_keys(tokens: &[TokenRef<'_>], out: &mut Vec<u64>) {
    let lex = lexicon();
    for (i, t) in tokens.iter().enumerate() {
        // "و3", "ب500": a proclitic written onto the number.
        let digits = t.surface.trim_start_matches(['و', 'ب', 'ل', 'ف', 'ك']);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(value) = digits.parse::<u64>() else {
            continue;
        };
        let mut next = tokens.get(i + 1);
        let mut scale = 0u64;
        if let Some(n) = next {
            if lex.figure_units.contains(n.base) || lex.figure_units.contains(n.surface) {
                scale = hash64(light_stem_ref(n.surface).as_bytes());
                next = tokens.get(i + 2);
            }
        }
        let unit = next
            .filter(|n| !is_stopword(n) && !n.surface.bytes().any(|b| b.is_ascii_digit()))
            .map(|n| hash64(light_stem_ref(n.surface).as_bytes()))
            .unwrap_or(0);
        let big_enough = digits.len() >= MIN_FIGURE_DIGITS || scale != 0;
        let year_like = YEAR_RANGE.contains(&value) && scale == 0;
        if big_enough && !year_like {
            out.push(combine(combine(value, scale), unit));
        }
    }
}

fn quote_keys(paragraph: &str, out: &mut Vec<u64>) {
    if !paragraph.contains(['"', '«', '“', '”']) {
        return;
    }
    let normalized = normalize_for_matching(paragraph);
    // Quotation marks of every kind are folded to '"'; « » too, unless kept: fold them here.
    let folded: String = normalized
        .chars()
        .map(|c| {
            if matches!(c, '«' | '»' | '“' | '”') {
                '"'
            } else {
                c
            }
        })
        .collect();
    for (i, piece) in folded.split('"').enumerate() {
        if i % 2 == 0 {
            continue;
        }
        let words = Words::of(piece);
        let words = words.refs();
        if words.len() < MIN_QUOTE_WORDS {
            continue;
        }
        let key = words
            .iter()
            .filter(|t| !is_stopword(t))
            .take(QUOTE_KEY_WORDS)
            .fold(0x9071_u64, |h, t| {
                combine(h, hash64(light_stem_ref(t.surface).as_bytes()))
            });
        out.push(key);
    }
}

/// Known sources credited in a text: in parentheses, after "المصدر", after the dateline's dash
/// ("الرياض - واس"), or as a short closing line.
pub(crate) fn text_credits(text: &str) -> Vec<String> {
    let lex = lexicon();
    let known = |words: &str| -> Option<String> {
        let padded = format!(" {words} ");
        lex.sources
            .iter()
            .find(|(_, form)| padded.contains(&format!(" {form} ")))
            .map(|(key, _)| (*key).to_string())
    };
    let starts_known = |words: &str| -> Option<String> {
        lex.sources
            .iter()
            .find(|(_, form)| words == form || words.starts_with(&format!("{form} ")))
            .map(|(key, _)| (*key).to_string())
    };
    let mut out = Vec::new();
    let paras: Vec<&str> = paragraphs(text).collect();
    for (i, p) in paras.iter().enumerate() {
        let last = i + 1 == paras.len();
        let source_line = p.trim_start().starts_with("المصدر");
        if !(p.contains('(') || i == 0 || last || source_line) {
            continue;
        }
        let normalized = normalize_for_matching(p);
        // (رويترز), (أ ف ب): a short parenthesis naming a source.
        let mut rest = normalized.as_str();
        while let Some(open) = rest.find('(') {
            let after = &rest[open + 1..];
            let Some(close) = after.find(')') else {
                break;
            };
            let inside = spaced(&after[..close]);
            if inside.split(' ').count() <= 5 {
                if let Some(k) = known(&inside) {
                    out.push(k);
                }
            }
            rest = &after[close + 1..];
        }
        if source_line || (last && p.len() < 80) {
            let words = spaced(p);
            if let Some(after) = words.strip_prefix("المصدر ") {
                if let Some(k) = starts_known(after) {
                    out.push(k);
                }
            }
            if last && words.split(' ').count() <= 4 {
                if let Some(k) = starts_known(&words) {
                    out.push(k);
                }
            }
        }
        if i == 0 {
            // A dateline: "الرياض - واس", "موسكو – (رويترز)".
            let head: String = normalized.chars().take(60).collect();
            for (pos, c) in head.char_indices() {
                if matches!(c, '-' | '–' | '—') {
                    let after = spaced(&head[pos + c.len_utf8()..]);
                    if let Some(k) = starts_known(&after) {
                        out.push(k);
                    }
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(title: &str, text: &str) -> ArticleInput {
        ArticleInput {
            id: 1,
            title: Some(title.into()),
            text: text.into(),
            ..ArticleInput::default()
        }
    }

    #[test]
    fn exact_key_ignores_diacritics_punctuation_and_letter_variants() {
        let a = Features::of(&input("", "أعلنَ الرئيسُ، اليوم: إنّ المباحثات مستمرة."));
        let b = Features::of(&input("", "اعلن الرئيس اليوم ان المباحثات مستمره"));
        let c = Features::of(&input("", "اعلن الرئيس امس ان المباحثات مستمره"));
        assert_eq!(a.text_hash, b.text_hash);
        assert_ne!(a.text_hash, c.text_hash);
    }

    #[test]
    fn names_after_title_words_and_known_names_meet_across_spellings() {
        let a = Features::of(&input(
            "",
            "قال وزير الخارجية سيرغي لافروف إن بيونغ يانغ حليف",
        ));
        let b = Features::of(&input("", "التقى الوزير سيرجي لافروف نظيره في بيونج يانج"));
        let shared = a.names.iter().filter(|n| b.names.contains(n)).count();
        assert!(shared >= 2, "{:?} {:?}", a.names, b.names);
    }

    #[test]
    fn figures_keep_their_unit_and_years_are_not_figures() {
        let f = Features::of(&input("", "أرسلت 6700 حاوية و3 ملايين قذيفة في عام 2023"));
        assert_eq!(f.figures.len(), 2, "{:?}", f.figures);
        let g = Features::of(&input("", "نقل 6700 حاوية"));
        assert!(g.figures.iter().all(|x| f.figures.contains(x)));
    }

    #[test]
    fn credits_in_parentheses_datelines_and_source_lines() {
        let text = "موسكو (رويترز) - قال الكرملين شيئا\n\nالمصدر: الجزيرة";
        assert_eq!(
            Features::of(&input("", text)).credits,
            vec!["aljazeera".to_string(), "reuters".to_string()]
        );
        let spa = "الرياض - واس\n\nأعلنت الوزارة اليوم عن خطة جديدة";
        assert_eq!(
            Features::of(&input("", spa)).credits,
            vec!["spa".to_string()]
        );
        // "شبه الجزيرة الكورية" in running text is no credit.
        let prose = "تتصاعد التوترات في شبه الجزيرة الكورية منذ أشهر";
        assert!(Features::of(&input("", prose)).credits.is_empty());
    }

    #[test]
    fn quotes_are_keyed_by_their_opening_words() {
        let a = Features::of(&input(
            "",
            "وقال: «هذه المعاهدة القوية ستدفع العلاقات إلى الأمام»",
        ));
        let b = Features::of(&input(
            "",
            "وأضاف \"هذه المعاهدة القوية ستدفع التعاون قدما\" كما قال",
        ));
        assert_eq!(a.quotes.len(), 1);
        assert_eq!(a.quotes, b.quotes);
    }

    #[test]
    fn short_texts_get_no_signature() {
        assert!(Features::of(&input("", "خبر قصير")).signature.is_empty());
        let long = "كلمة ".repeat(10) + &"أخرى ".repeat(15);
        assert_eq!(
            Features::of(&input("", &long)).signature.len(),
            MINHASH_SIZE
        );
    }
}
