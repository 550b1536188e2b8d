//! Headings that the scraper ran into the next paragraph:
//! `<h2>على خطى حلف الناتو</h2><p>تكمن أهمية…</p>` → "على خطى حلف الناتوتكمن أهمية…".
//!
//! The join leaves one word that is really two. It is found without a
//! dictionary, from evidence any page carries:
//! - ة only ends words, so a ة followed by more letters marks a join;
//! - otherwise the left part must be a word the page uses elsewhere on its
//!   own, and the right part one it uses too, or a verb-like word (imperfect
//!   prefix ي/ت/ن/أ) of four letters or more, while the merged form itself
//!   occurs nowhere else on the page.

use rustc_hash::FxHashMap;

use super::cues::fold;
use super::settings::{MERGED_HEADING_MAX_WORDS, MERGED_HEADING_MIN_REST_WORDS};

/// Folded word counts of a page, to tell real words from joins.
pub struct Vocabulary<'a> {
    counts: FxHashMap<&'a str, u32>,
}

impl<'a> Vocabulary<'a> {
    /// Count the words of already folded texts.
    pub fn new(folded_texts: impl Iterator<Item = &'a str>) -> Self {
        let mut counts = FxHashMap::default();
        for t in folded_texts {
            for w in t.split_whitespace() {
                let w = core_word(w);
                if !w.is_empty() {
                    *counts.entry(w).or_insert(0) += 1;
                }
            }
        }
        Vocabulary { counts }
    }

    fn count(&self, folded_word: &str) -> u32 {
        self.counts.get(folded_word).copied().unwrap_or(0)
    }
}

fn core_word(w: &str) -> &str {
    w.trim_matches(|c: char| !super::cues::is_word_char(c))
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Letters that open an Arabic imperfect verb, the usual first word of a paragraph.
const IMPERFECT_PREFIXES: [char; 4] = ['ي', 'ت', 'ن', 'أ'];

/// Split `text` into (heading, paragraph) when a heading was run into it.
pub fn split_merged_heading<'a>(text: &'a str, vocab: &Vocabulary) -> Option<(&'a str, &'a str)> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    if words.len() < MERGED_HEADING_MIN_REST_WORDS + 1 {
        return None;
    }
    // A scraper also drops the space after ة in mid-sentence ("ويقول سكان
    // المدينةالمنورة القديمة…"): a line that opens like a sentence, with a
    // conjunction and a verb, is a paragraph, not a heading run into one.
    if opens_with_conjoined_verb(words[0].1) {
        return None;
    }
    let last_candidate = MERGED_HEADING_MAX_WORDS.min(words.len() - MERGED_HEADING_MIN_REST_WORDS);
    for (i, &(offset, word)) in words.iter().enumerate().take(last_candidate) {
        // A heading holds no sentence or clause break; a colon may follow
        // only its first word ("أولًا: …").
        if i > 0 {
            let prev = words[i - 1].1;
            if prev.ends_with(['.', '!', '؟', '?', '،', ',', '؛']) || (i > 1 && prev.ends_with(':'))
            {
                return None;
            }
        }
        if let Some(split) = join_point(word, vocab) {
            let heading = text[..offset + split].trim_end();
            let rest = text[offset + split..].trim_start();
            return Some((heading, rest));
        }
    }
    None
}

/// "ويقول", "فتشمل", "وأكد": و/ف then an imperfect-verb letter, four
/// letters at least (a noun such as "وزير" or "واشنطن" does not qualify).
fn opens_with_conjoined_verb(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('و' | 'ف'))
        && chars
            .next()
            .is_some_and(|c| IMPERFECT_PREFIXES.contains(&c))
        && word.chars().filter(|&c| is_arabic_letter(c)).count() >= 4
}

/// Byte offset inside `word` where two words were joined.
fn join_point(word: &str, vocab: &Vocabulary) -> Option<usize> {
    if !word.chars().all(is_arabic_letter) || word.chars().count() < 5 {
        return None;
    }
    let folded_word = fold(word);
    if vocab.count(&folded_word) > 1 {
        return None;
    }
    // ة inside a word.
    let mut it = word.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == 'ة' {
            if let Some(&(next, _)) = it.peek() {
                if word[next..].chars().count() >= 2 && i > 0 {
                    return Some(next);
                }
            }
        }
    }
    // Longest left part the page uses on its own. Parts of three letters
    // or fewer are too often fragments ("الا", "إلا") to count as words.
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(4).collect();
    bounds.into_iter().rev().find(|&b| {
        let (left, right) = word.split_at(b);
        let right_len = right.chars().count();
        if right_len < 3 {
            return false;
        }
        let verb_like = right.starts_with(IMPERFECT_PREFIXES);
        let left_known = vocab.count(&fold(left)) > 0;
        let right_known = vocab.count(&fold(right)) > 0;
        (left_known && (right_known || (verb_like && right_len >= 4)))
            // A definite noun closing the heading, a three-letter verb opening the text.
            || (left_known && verb_like && left.starts_with("ال"))
            // A verb the page uses elsewhere opening the text.
            || (right_known && verb_like && right_len >= 4)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(page: &str) -> Vec<String> {
        page.lines().map(fold).collect()
    }

    fn vocab(folded: &[String]) -> Vocabulary<'_> {
        Vocabulary::new(folded.iter().map(String::as_str))
    }

    #[test]
    fn splits_at_inner_ta_marbuta() {
        let text = "الرسائل الروسيةعقب زيارته بيونغ يانغ، توجه بوتين إلى العاصمة الفيتنامية هانوي.";
        let f = folded(text);
        let v = vocab(&f);
        assert_eq!(
            split_merged_heading(text, &v),
            Some((
                "الرسائل الروسية",
                "عقب زيارته بيونغ يانغ، توجه بوتين إلى العاصمة الفيتنامية هانوي."
            ))
        );
    }

    #[test]
    fn a_sentence_with_a_dropped_space_after_ta_marbuta_is_not_split() {
        let text = "ويقول سكان المدينةالمنورة القديمة إن المشروع جاء متأخرا، لكنهم يأملون خيرا.";
        let f = folded(text);
        assert_eq!(split_merged_heading(text, &vocab(&f)), None);
    }

    #[test]
    fn splits_where_the_page_knows_both_words() {
        let page = "وفكر في الانضمام إلى حلف الناتو، ولم يجد غضاضة.\n\
                    على خطى حلف الناتوتكمن أهمية زيارة بوتين إلى بيونغ يانغ في المضامين الموضوعية.";
        let f = folded(page);
        let v = vocab(&f);
        let line = page.lines().nth(1).unwrap();
        assert_eq!(
            split_merged_heading(line, &v),
            Some((
                "على خطى حلف الناتو",
                "تكمن أهمية زيارة بوتين إلى بيونغ يانغ في المضامين الموضوعية."
            ))
        );
    }

    #[test]
    fn leaves_ordinary_paragraphs_alone() {
        let page = "وقال المتحدث باسم الأمن القومي الأمريكي جون كيربي للصحفيين إن الإدارة ليست قلقة.\n\
                    واتهمت الولايات المتحدة وكوريا الجنوبية ودول أخرى كوريا الشمالية بتقديم مساعدات.";
        let f = folded(page);
        let v = vocab(&f);
        for line in page.lines() {
            assert_eq!(split_merged_heading(line, &v), None, "{line}");
        }
    }
}
