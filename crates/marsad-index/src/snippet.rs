//! Snippets: the best window of a document's text, matches wrapped in `[[` `]]`.
//!
//! The words of the text are read with marsad-text's tokenizer (the analysis of the `text`
//! field) and compared with the query's terms: clitic-free forms, including the spelling
//! variants the query found, and light stems. So a word found as typed, as a variant or by
//! its stem is highlighted. Offsets point into the original text: the highlight covers the
//! word as written, diacritics and clitics included ("[[وَالاتِّفاقية]]").
//!
//! tantivy's `SnippetGenerator` does the same job but allocates two strings per word of the
//! text (tagged token and lowercased copy); on 20 long articles that was most of a query's
//! time, so the window is chosen here, without allocating per word.

use std::ops::Range;

use rustc_hash::FxHashMap;

use tantivy::{Score, Searcher, Term};

use crate::query::{HighlightTerm, TermKind};
use crate::schema::Fields;
use crate::settings::{MAX_SNIPPET_MATCHES, SNIPPET_LEAD_BYTES, SNIPPET_MAX_BYTES};

/// Opening mark of a highlighted match in [`crate::Hit::snippet`].
pub const HIGHLIGHT_START: &str = "[[";
/// Closing mark of a highlighted match in [`crate::Hit::snippet`].
pub const HIGHLIGHT_END: &str = "]]";
/// Marks text cut at the start or end of a snippet.
const ELLIPSIS: &str = "…";

/// Words of a hit's text that the query matched, by their clitic-free form or their stem.
pub(crate) struct Highlighter {
    /// Weight of each matching form; `keys` index into it.
    weights: Vec<Score>,
    /// The query items each form stands for (bit `i`: required item `i`; items past the
    /// 64th share the last bit).
    items: Vec<u64>,
    /// Every item some form stands for: a window holding them all is complete.
    all_items: u64,
    bases: FxHashMap<String, usize>,
    stems: FxHashMap<String, usize>,
}

/// A matched word: its span in the original text and which query term it matched.
#[derive(Clone, Copy, Debug)]
struct Match {
    start: usize,
    end: usize,
    key: usize,
}

/// A text's matches, and the first match of the first complete window, if one was found
/// (the text was then read only as far as that window reaches).
struct Matches {
    found: Vec<Match>,
    complete: Option<usize>,
}

fn item_bit(item: usize) -> u64 {
    1 << item.min(63)
}

/// Bytes a window spans from the start of its first match to the end of its last.
const WINDOW_SPAN: usize = SNIPPET_MAX_BYTES.saturating_sub(SNIPPET_LEAD_BYTES);

impl Highlighter {
    /// Weights each query term by its weight over its document frequency (as tantivy's
    /// `SnippetGenerator` does), so that the window with the rarest matches wins.
    pub(crate) fn new(
        searcher: &Searcher,
        fields: &Fields,
        highlights: &[HighlightTerm],
    ) -> tantivy::Result<Highlighter> {
        let mut h = Highlighter {
            weights: Vec::new(),
            items: Vec::new(),
            all_items: 0,
            bases: FxHashMap::default(),
            stems: FxHashMap::default(),
        };
        for term in highlights {
            let (field, map) = match term.kind {
                TermKind::Base => (fields.text, &mut h.bases),
                TermKind::Stem => (fields.stem, &mut h.stems),
            };
            let df = searcher.doc_freq(&Term::from_field_text(field, &term.text))?;
            if df == 0 {
                continue;
            }
            let weight = term.weight / (1.0 + df as Score);
            let key = match map.get(term.text.as_str()) {
                Some(&key) => {
                    h.weights[key] = h.weights[key].max(weight);
                    key
                }
                None => {
                    map.insert(term.text.clone(), h.weights.len());
                    h.weights.push(weight);
                    h.items.push(0);
                    h.weights.len() - 1
                }
            };
            h.items[key] |= item_bit(term.item);
            h.all_items |= item_bit(term.item);
        }
        Ok(h)
    }

    /// The matches of `text`, read until the first window that holds a form of every query
    /// item has been read whole (what follows would not change the snippet), or to the end
    /// when no window does.
    fn matches(&self, text: &str) -> Matches {
        let mut out = Matches {
            found: Vec::new(),
            complete: None,
        };
        if self.weights.is_empty() {
            return out;
        }
        let mut stream = marsad_text::TokenStream::new(text);
        while let Some(t) = stream.next_token() {
            if let Some(first) = out.complete {
                if t.end > out.found[first].start + WINDOW_SPAN {
                    break;
                }
            }
            let key = self.bases.get(t.base).or_else(|| {
                // "للبنان" is indexed as بنان and as لبنان: either may be the query's.
                marsad_text::lam_reading(t.surface).and_then(|second| self.bases.get(second))
            });
            let key = key.or_else(|| {
                if self.stems.is_empty() {
                    None
                } else {
                    self.stems.get(marsad_text::light_stem_ref(t.surface))
                }
            });
            let Some(&key) = key else { continue };
            if out.found.len() >= MAX_SNIPPET_MATCHES {
                break;
            }
            out.found.push(Match {
                start: t.start,
                end: t.end,
                key,
            });
            if out.complete.is_none() {
                // The earliest window holding this match starts at the earliest match it
                // fits with; the windows before were checked at their own last matches.
                let found = &out.found;
                let first = found
                    .iter()
                    .rposition(|m| t.end > m.start + WINDOW_SPAN)
                    .map_or(0, |i| i + 1);
                let covered = found[first..]
                    .iter()
                    .fold(0, |acc, m| acc | self.items[m.key]);
                if covered == self.all_items {
                    out.complete = Some(first);
                }
            }
        }
        out
    }

    /// The window of at most [`SNIPPET_MAX_BYTES`] to show, with [`SNIPPET_LEAD_BYTES`] of
    /// context before its first match: the first that holds a form of every query item
    /// (`complete`: the index of its first match); when none does, the one that holds the
    /// most (and rarest) distinct query terms, earliest on ties.
    fn best_window(&self, text: &str, matches: &[Match], complete: Option<usize>) -> Range<usize> {
        let best = complete.or_else(|| self.best_scored_anchor(matches));
        let anchor = best.map_or(0, |i| matches[i].start);
        let last_end = best.map_or(0, |i| {
            matches[i..]
                .iter()
                .take_while(|m| m.end <= matches[i].start + WINDOW_SPAN)
                .last()
                .map_or(matches[i].end, |m| m.end)
        });
        // Start: a word start at most SNIPPET_LEAD_BYTES before the anchor.
        let mut start = floor_char_boundary(text, anchor.saturating_sub(SNIPPET_LEAD_BYTES));
        if start > 0 {
            start = match text[start..anchor].find(char::is_whitespace) {
                Some(ws) => anchor - text[start + ws..anchor].trim_start().len(),
                None => anchor,
            };
        }
        // End: a word end, at most SNIPPET_MAX_BYTES after the start, after the last match.
        let mut end = floor_char_boundary(text, (start + SNIPPET_MAX_BYTES).min(text.len()));
        if end < text.len() && end > last_end {
            if let Some(ws) = text[last_end..end].rfind(char::is_whitespace) {
                end = last_end + ws;
            }
        }
        start..end.max(last_end)
    }

    /// The first match of the window with the most (and rarest) distinct query terms, then
    /// the most matches, earliest on ties.
    fn best_scored_anchor(&self, matches: &[Match]) -> Option<usize> {
        let mut best: Option<(Score, usize, usize)> = None; // score, count, anchor
        let mut seen = vec![false; self.weights.len()];
        for (i, anchor) in matches.iter().enumerate() {
            seen.iter_mut().for_each(|s| *s = false);
            let (mut score, mut count) = (0.0, 0);
            for m in matches[i..]
                .iter()
                .take_while(|m| m.end <= anchor.start + WINDOW_SPAN)
            {
                count += 1;
                if !seen[m.key] {
                    seen[m.key] = true;
                    score += self.weights[m.key];
                }
            }
            let better = match best {
                None => true,
                Some((s, c, _)) => score > s || (score == s && count > c),
            };
            if better {
                best = Some((score, count, i));
            }
        }
        best.map(|(_, _, i)| i)
    }

    /// The best window of `text` with its matches marked, or `None` if nothing matches in it.
    pub(crate) fn snippet(&self, text: &str) -> Option<String> {
        let Matches {
            found: matches,
            complete,
        } = self.matches(text);
        if matches.is_empty() {
            return None;
        }
        let range = self.best_window(text, &matches, complete);
        let highlighted: Vec<Range<usize>> = matches
            .iter()
            .filter(|m| m.start >= range.start && m.end <= range.end)
            .map(|m| m.start - range.start..m.end - range.start)
            .collect();
        let fragment = &text[range.clone()];
        let (before, after) = (&text[..range.start], &text[range.end..]);
        let mut out = String::with_capacity(fragment.len() + 16);
        // Punctuation glued to the window («, », ".") stays with it; text that was cut
        // becomes "…".
        let is_glued = |c: char| !c.is_whitespace() && !c.is_alphanumeric();
        if before.chars().any(char::is_alphanumeric) {
            out.push_str(ELLIPSIS);
            push_collapsed(&mut out, &before[before.trim_end_matches(is_glued).len()..]);
        } else {
            push_collapsed(&mut out, before.trim_start());
        }
        let mut at = 0;
        for hl in merge_across_spaces(fragment, highlighted) {
            push_collapsed(&mut out, &fragment[at..hl.start]);
            out.push_str(HIGHLIGHT_START);
            push_collapsed(&mut out, &fragment[hl.clone()]);
            out.push_str(HIGHLIGHT_END);
            at = hl.end;
        }
        push_collapsed(&mut out, &fragment[at..]);
        if after.chars().any(char::is_alphanumeric) {
            let glued = after.len() - after.trim_start_matches(is_glued).len();
            push_collapsed(&mut out, &after[..glued]);
            out.push_str(ELLIPSIS);
        } else {
            push_collapsed(&mut out, after.trim_end());
        }
        Some(out)
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Joins highlights separated by spaces only: "[[بيونغ يانغ]]", not "[[بيونغ]] [[يانغ]]".
/// `ranges` are sorted and do not overlap (one per word).
fn merge_across_spaces(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if text[last.end..r.start].chars().all(char::is_whitespace) => {
                last.end = r.end;
            }
            _ => out.push(r),
        }
    }
    out
}

/// Appends `s` with every run of whitespace turned into one space: a snippet is one line.
fn push_collapsed(out: &mut String, s: &str) {
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

/// The opening of `text`, for documents whose match is not in the text (a title-only match):
/// at most [`SNIPPET_MAX_BYTES`], cut at a space.
pub(crate) fn lead(text: &str) -> String {
    let text = text.trim();
    let mut out = String::new();
    if text.len() <= SNIPPET_MAX_BYTES {
        push_collapsed(&mut out, text);
        return out;
    }
    let mut cut = SNIPPET_MAX_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let head = head
        .rfind(char::is_whitespace)
        .map_or(head, |space| &head[..space]);
    push_collapsed(&mut out, head.trim_end());
    out.push_str(ELLIPSIS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_whitespace() {
        let mut out = String::new();
        push_collapsed(&mut out, "a \n\n b\tc");
        assert_eq!(out, "a b c");
    }

    /// Each form its own query item.
    fn highlighter(bases: &[(&str, Score)]) -> Highlighter {
        let items: Vec<(&str, Score, usize)> = bases
            .iter()
            .enumerate()
            .map(|(i, b)| (b.0, b.1, i))
            .collect();
        highlighter_of_items(&items)
    }

    /// Forms with the query item each stands for.
    fn highlighter_of_items(bases: &[(&str, Score, usize)]) -> Highlighter {
        Highlighter {
            weights: bases.iter().map(|b| b.1).collect(),
            items: bases.iter().map(|b| item_bit(b.2)).collect(),
            all_items: bases.iter().fold(0, |acc, b| acc | item_bit(b.2)),
            bases: bases
                .iter()
                .enumerate()
                .map(|(i, b)| (b.0.to_owned(), i))
                .collect(),
            stems: FxHashMap::default(),
        }
    }

    #[test]
    fn the_first_window_with_every_query_item_is_shown() {
        let filler = "كلام عادي ".repeat(40);
        // One word: its first mention, not the later window where it comes twice.
        let text = format!("{filler}أعلنت الحكومة. {filler}الحكومة والحكومة معا. {filler}");
        let s = highlighter(&[("حكومه", 1.0)])
            .snippet(&text)
            .expect("snippet");
        assert!(s.contains("أعلنت [[الحكومة]]."), "{s}");
        // Two words, the rarer alone first: the window holding both wins.
        let text = format!("خارجية وحدها. {filler} وزير الخارجية هناك. {filler}");
        let h = highlighter(&[("وزير", 0.1), ("خارجيه", 1.0)]);
        let s = h.snippet(&text).expect("snippet");
        assert!(s.contains("[[وزير الخارجية]]"), "{s}");
        // Two spellings of one item: the first found completes the window.
        let text = format!("{filler}قال ترامب أمس. {filler} قال ترمب اليوم.");
        let h = highlighter_of_items(&[("ترمب", 1.0, 0), ("ترامب", 0.5, 0)]);
        let s = h.snippet(&text).expect("snippet");
        assert!(s.contains("قال [[ترامب]] أمس."), "{s}");
        // The window is read whole: a match just after the completing one is marked too.
        let text = format!("{filler}ترامب وترمب معا. {filler}");
        let s = h.snippet(&text).expect("snippet");
        assert!(s.contains("[[ترامب وترمب]]"), "{s}");
    }

    #[test]
    fn without_a_complete_window_the_rarest_terms_decide() {
        let filler = "كلام عادي ".repeat(40);
        // The second item is not in the text (a title match): no window holds both.
        let text = format!("وزير هنا. {filler} خارجية هناك. {filler}");
        let h = highlighter(&[("وزير", 0.1), ("خارجيه", 1.0), ("روسيا", 1.0)]);
        let s = h.snippet(&text).expect("snippet");
        assert!(
            s.contains("[[الخارجية]]") || s.contains("[[خارجية]]"),
            "{s}"
        );
    }

    #[test]
    fn window_around_a_match_deep_in_the_text() {
        let filler = "كلام عادي ".repeat(60);
        let text = format!("{filler}ثم وقعت الأطراف والاتفاقية اليوم. {filler}");
        let s = highlighter(&[("اتفاقيه", 1.0)])
            .snippet(&text)
            .expect("snippet");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("الأطراف [[والاتفاقية]] اليوم."), "{s}");
        assert!(
            s.len() <= SNIPPET_MAX_BYTES + 2 * ELLIPSIS.len() + 4,
            "{}",
            s.len()
        );
        // Starts at a word.
        assert!(s.starts_with("…كلام") || s.starts_with("…عادي"), "{s}");
    }

    #[test]
    fn window_prefers_more_distinct_and_rarer_terms() {
        let filler = "كلام عادي ".repeat(40);
        let text = format!("وزير هنا. {filler} وزير الخارجية هناك. {filler}");
        let h = highlighter(&[("وزير", 0.1), ("خارجيه", 1.0)]);
        let s = h.snippet(&text).expect("snippet");
        assert!(s.contains("[[وزير الخارجية]]"), "{s}");
        assert!(h.snippet("لا شيء هنا").is_none());
    }

    #[test]
    fn lead_cuts_at_a_space() {
        assert_eq!(lead("  قصير  "), "قصير");
        let long = "كلمة ".repeat(100);
        let l = lead(&long);
        assert!(l.ends_with("كلمة…"), "{l}");
        assert!(l.len() <= SNIPPET_MAX_BYTES + ELLIPSIS.len());
    }
}
