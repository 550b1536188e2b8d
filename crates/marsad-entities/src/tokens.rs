//! The token sequence every analysis step works on: the words of `marsad-text` (matching
//! form, clitic-free base, byte span) plus the punctuation between them, which the tagger
//! and the quote rules need as context.

use crate::cues::{is_in, table_bit, tables_of, LOC_HEADS, ORG_HEADS, ROLE_HEADS};
use std::ops::Range;

use marsad_text::TokenStream;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters (possibly with digits).
    Word,
    /// Only digits.
    Number,
    /// One punctuation character (quotes, commas, full stops…).
    Punct,
}

/// One token. `surface` and `base` are ranges into [`Tokens::arena`]; `start..end` is the
/// byte span in the original text.
#[derive(Clone, Debug)]
pub struct Tok {
    surface: Range<u32>,
    base: Range<u32>,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// A line break lies between this token and the previous one.
    pub after_newline: bool,
    /// The cue tables holding the surface and the base ([`crate::cues::tables_of`]): the
    /// context rules ask about the same token many times.
    surface_tables: u32,
    base_tables: u32,
    /// The head word ([`Tokens::head`]), a range into the arena like `base`.
    head: Range<u32>,
    head_tables: u32,
}

/// The tokens of one text, their strings kept in one arena.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    arena: String,
    pub toks: Vec<Tok>,
}

fn punct_form(c: char) -> char {
    match c {
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' => '"',
        '٫' => ',',
        '؛' => ';',
        '؟' => '?',
        _ => c,
    }
}

impl Tokens {
    /// Tokenizes `text`.
    pub fn new(text: &str) -> Tokens {
        let mut out = Tokens {
            arena: String::with_capacity(text.len()),
            toks: Vec::with_capacity(text.len() / 5),
        };
        let mut stream = TokenStream::new(text);
        let mut prev_end = 0usize;
        let mut newline = false;
        while let Some(t) = stream.next_token() {
            if t.start > prev_end {
                if let Some(gap) = text.get(prev_end..t.start) {
                    newline |= out.push_gap(gap, prev_end, newline);
                }
            }
            let s0 = out.arena.len() as u32;
            out.arena.push_str(t.surface);
            let s1 = out.arena.len() as u32;
            // `base` is a sub-slice of `surface`.
            let off = (t.base.as_ptr() as usize).saturating_sub(t.surface.as_ptr() as usize);
            let b0 = s0 + off as u32;
            let b1 = (b0 + t.base.len() as u32).min(s1);
            let kind = if t.surface.bytes().all(|b| b.is_ascii_digit()) {
                Kind::Number
            } else {
                Kind::Word
            };
            let surface_tables = tables_of(t.surface);
            let base_tables = if t.base.len() == t.surface.len() {
                surface_tables
            } else {
                tables_of(t.base)
            };
            let (head, head_tables) = match head_cut(t.surface, base_tables) {
                Some((cut, tables)) => (s0 + cut as u32..s1, tables),
                None => (b0..b1, base_tables),
            };
            out.toks.push(Tok {
                surface: s0..s1,
                base: b0..b1,
                start: t.start,
                end: t.end,
                kind,
                after_newline: newline,
                surface_tables,
                base_tables,
                head,
                head_tables,
            });
            newline = false;
            prev_end = t.end;
        }
        if let Some(gap) = text.get(prev_end..) {
            out.push_gap(gap, prev_end, newline);
        }
        out
    }

    /// Adds the punctuation of a gap between words; returns whether the gap held a line
    /// break after its last punctuation mark.
    fn push_gap(&mut self, gap: &str, offset: usize, mut newline: bool) -> bool {
        for (i, c) in gap.char_indices() {
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                newline = true;
                continue;
            }
            if c.is_whitespace() || c.is_control() || is_invisible(c) || c == 'ـ' {
                continue;
            }
            let s0 = self.arena.len() as u32;
            self.arena.push(punct_form(c));
            let s1 = self.arena.len() as u32;
            let tables = self.arena.get(s0 as usize..).map_or(0, tables_of);
            self.toks.push(Tok {
                surface: s0..s1,
                base: s0..s1,
                start: offset + i,
                end: offset + i + c.len_utf8(),
                kind: Kind::Punct,
                after_newline: newline,
                surface_tables: tables,
                base_tables: tables,
                head: s0..s1,
                head_tables: tables,
            });
            newline = false;
        }
        newline
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The matching form of token `i`.
    pub fn surface(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| {
                self.arena
                    .get(t.surface.start as usize..t.surface.end as usize)
            })
            .unwrap_or("")
    }

    /// Token `i`'s surface is a word of `table` (as [`crate::cues::is_in`]).
    pub fn surface_in(&self, table: &'static [&'static str], i: usize) -> bool {
        match (table_bit(table), self.toks.get(i)) {
            (Some(bit), Some(t)) => t.surface_tables & bit != 0,
            (Some(_), None) => false,
            (None, _) => is_in(table, self.surface(i)),
        }
    }

    /// Token `i`'s base is a word of `table` (as [`crate::cues::is_in`]).
    pub fn base_in(&self, table: &'static [&'static str], i: usize) -> bool {
        match (table_bit(table), self.toks.get(i)) {
            (Some(bit), Some(t)) => t.base_tables & bit != 0,
            (Some(_), None) => false,
            (None, _) => is_in(table, self.base(i)),
        }
    }

    /// The clitic-free base of token `i`.
    pub fn base(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.arena.get(t.base.start as usize..t.base.end as usize))
            .unwrap_or("")
    }

    /// The base of a head word (organisation, place or role head), also behind a bare
    /// proclitic the text layer keeps ("لحلف" → "حلف"); otherwise the base.
    pub fn head(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.arena.get(t.head.start as usize..t.head.end as usize))
            .unwrap_or("")
    }

    /// Token `i`'s head ([`Tokens::head`]) is a word of `table` (as [`crate::cues::is_in`]).
    pub fn head_in(&self, table: &'static [&'static str], i: usize) -> bool {
        match (table_bit(table), self.toks.get(i)) {
            (Some(bit), Some(t)) => t.head_tables & bit != 0,
            (Some(_), None) => false,
            (None, _) => is_in(table, self.head(i)),
        }
    }

    /// The letters `strip_clitics` removed in front of the base of token `i`.
    pub fn proclitic(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| {
                self.arena
                    .get(t.surface.start as usize..t.base.start as usize)
            })
            .unwrap_or("")
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is_punct(&self, i: usize, chars: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct)
            && self
                .surface(i)
                .chars()
                .next()
                .is_some_and(|c| chars.contains(c))
    }

    /// Token ranges of sentences: split after . ! ? and at line breaks, and every
    /// `max` tokens at most.
    pub fn sentences(&self, max: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 0..self.toks.len() {
            if i > start && self.toks[i].after_newline {
                out.push(start..i);
                start = i;
            }
            if self.is_punct(i, ".!?") || i + 1 - start >= max {
                out.push(start..i + 1);
                start = i + 1;
            }
        }
        if start < self.toks.len() {
            out.push(start..self.toks.len());
        }
        out
    }
}

/// Proclitics the text layer keeps in front of a head word ("لحلف", "وبوزارة").
const HEAD_PROCLITICS: [&str; 7] = ["ل", "ب", "و", "ف", "ك", "ول", "وب"];

/// The byte length of the proclitic in front of a head word of `surface` (see
/// [`Tokens::head`]) and the cue tables of the head, `None` when the base (of cue tables
/// `base_tables`) is the head.
fn head_cut(surface: &str, base_tables: u32) -> Option<(usize, u32)> {
    let heads = [ORG_HEADS, LOC_HEADS, ROLE_HEADS]
        .iter()
        .filter_map(|t| table_bit(t))
        .fold(0, |m, b| m | b);
    if !surface.starts_with(['ل', 'ب', 'و', 'ف', 'ك']) || base_tables & heads != 0 {
        return None;
    }
    HEAD_PROCLITICS.iter().find_map(|p| {
        let rest = surface.strip_prefix(p)?;
        let tables = tables_of(rest);
        (tables & heads != 0).then_some((p.len(), tables))
    })
}

/// Format characters that carry no text (bidi marks, joiners).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// The byte offset in `original` after skipping `letters` letters of its matching form,
/// starting at byte `from`; marks, tatweel and invisible characters right after are skipped
/// too. Used to move a span start past proclitics without breaking a character.
pub fn skip_letters(original: &str, from: usize, letters: usize) -> usize {
    let Some(rest) = original.get(from..) else {
        return from;
    };
    let mut counted = 0;
    for (i, c) in rest.char_indices() {
        let silent = is_silent(c);
        if counted == letters && !silent {
            return from + i;
        }
        if !silent {
            counted += 1;
        }
    }
    original.len()
}

/// Characters the matching form removes.
fn is_silent(c: char) -> bool {
    c == 'ـ' || is_invisible(c) || unicode_mark(c)
}

fn unicode_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0610}'..='\u{061A}' | '\u{0300}'..='\u{036F}')
}

/// Converts sorted byte offsets of one text into code-point offsets.
pub struct CharIndex<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        CharIndex {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte `b`; fastest when called with growing offsets.
    pub fn at(&mut self, b: usize) -> usize {
        if b < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let seg = self.text.get(self.byte..b).unwrap_or("");
        self.chars += seg.chars().count();
        self.byte = b;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation_with_spans() {
        let text = "قال «وبيونغ يانغ»، 12 جندي.";
        let t = Tokens::new(text);
        let forms: Vec<&str> = (0..t.len()).map(|i| t.surface(i)).collect();
        assert_eq!(
            forms,
            ["قال", "\"", "وبيونغ", "يانغ", "\"", "،", "12", "جندي", "."]
        );
        assert_eq!(t.base(2), "بيونغ");
        assert_eq!(t.proclitic(2), "و");
        assert_eq!(t.kind(6), Some(Kind::Number));
        assert_eq!(&text[t.toks[2].start..t.toks[2].end], "وبيونغ");
        assert_eq!(t.sentences(100).len(), 1);
    }

    #[test]
    fn skipping_letters_passes_marks_and_tatweel() {
        let text = "بـ\"x\" وَبيونغ";
        let s = text.find('و').unwrap_or(0);
        let after = skip_letters(text, s, 1);
        assert_eq!(&text[after..], "بيونغ");
    }

    #[test]
    fn char_index_counts_code_points() {
        let text = "أب cd";
        let mut ix = CharIndex::new(text);
        assert_eq!(ix.at(4), 2);
        assert_eq!(ix.at(text.len()), 5);
        assert_eq!(ix.at(0), 0);
    }
}
