//! Step 1 of the chain: character normalization.
//!
//! Everything here is driven by one streaming [`Folder`] that walks the input once and yields
//! normalized characters, each tagged with the byte span of the original text it came from.
//! The display form, the matching form, the offset map and the tokenizer all consume that same
//! stream, so they can never disagree about what a character became.
//!
//! NFKC is applied per *chunk*: a starter plus the combining marks that follow it (composition
//! never reaches further). Chunks made of one character that NFKC leaves alone (all of ASCII,
//! the Arabic letters U+0621–U+064A, anything whose NFKC quick-check answer is "yes") take a
//! fast path with no NFKC call at all; only the rest (presentation forms, NBSP, full-width
//! Latin, letters followed by marks in the display form, ...) go through `unicode-normalization`.

use std::iter;
use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Which output the [`Folder`] produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// Light: NFKC, invisible controls and tatweel dropped; letters, diacritics and ة kept.
    Display,
    /// Full fold used for search, clitic stripping, stemming and skeletons.
    Matching,
}

/// Characters removed from both forms: bidi controls, zero-width characters, soft hyphen.
pub(crate) const INVISIBLE: &[Range<char>] = &[
    '\u{00AD}'..'\u{00AE}', // soft hyphen
    '\u{061C}'..'\u{061D}', // Arabic letter mark
    '\u{200B}'..'\u{2010}', // ZWSP, ZWNJ, ZWJ, LRM, RLM
    '\u{202A}'..'\u{202F}', // LRE, RLE, PDF, LRO, RLO
    '\u{2060}'..'\u{2061}', // word joiner
    '\u{2066}'..'\u{206A}', // LRI, RLI, FSI, PDI
    '\u{FEFF}'..'\u{FF00}', // BOM / zero-width no-break space
];

/// Tatweel (kashida), a purely typographic stretch: dropped from both forms.
pub(crate) const TATWEEL: char = '\u{0640}';

/// Marks removed from the matching form: harakat and tanwin (U+064B–U+065F), superscript alef
/// (U+0670), Quranic annotation marks (U+06D6–U+06ED) and the small honorific signs above
/// letters (U+0610–U+061A).
pub(crate) const DIACRITICS: &[Range<char>] = &[
    '\u{0610}'..'\u{061B}',
    '\u{064B}'..'\u{0660}',
    '\u{0670}'..'\u{0671}',
    '\u{06D6}'..'\u{06EE}',
];

/// Quotation marks unified to ASCII `"` in the matching form. Mapped *before* NFKC, which
/// would otherwise turn ″ into two primes.
pub(crate) const QUOTES: &[char] = &['«', '»', '“', '”', '„', '‟', '″'];

fn in_ranges(c: char, ranges: &[Range<char>]) -> bool {
    ranges.iter().any(|r| r.contains(&c))
}

pub(crate) fn is_invisible(c: char) -> bool {
    c > '\u{00AC}' && in_ranges(c, INVISIBLE)
}

pub(crate) fn is_diacritic(c: char) -> bool {
    ('\u{0610}'..'\u{06EE}').contains(&c) && in_ranges(c, DIACRITICS)
}

/// True for the Arabic-script letters (not marks, digits, punctuation or tatweel), including
/// the Persian/Urdu letters, the supplement and extended blocks, and presentation forms.
pub fn is_arabic_letter(c: char) -> bool {
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        return c != TATWEEL;
    }
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C8}'
        | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
        && c.is_alphabetic()
}

/// Result of folding one NFKC-normalized character.
enum Fold {
    Drop,
    One(char),
    /// Replace by `c.to_lowercase()` (may be more than one character).
    Lower,
}

/// The matching fold of one character (after NFKC).
#[inline]
fn fold_matching(c: char) -> Fold {
    if c.is_ascii() {
        return Fold::One(c.to_ascii_lowercase());
    }
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        // The basic Arabic letters: no case, no diacritic; only a few fold.
        return Fold::One(match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ى' => 'ي',
            'ؤ' | 'ئ' => 'ء',
            'ة' => 'ه',
            TATWEEL => return Fold::Drop,
            _ => c,
        });
    }
    match c {
        // alef with hamza above/below, madda, wasla, wavy hamza
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => Fold::One('ا'),
        // alef maqsura, Farsi yeh, Urdu yeh barree and its hamza form, Pashto yeh
        'ى' | 'ی' | 'ے' | 'ۓ' | 'ې' => Fold::One('ي'),
        // hamza on a carrier → bare hamza, so مسؤول = مسئول and شؤون = شئون
        'ؤ' | 'ئ' => Fold::One('ء'),
        // keheh (Persian kaf), swash kaf
        'ک' | 'ڪ' => Fold::One('ك'),
        // teh marbuta (and its Urdu form), Persian/Urdu heh shapes
        'ة' | 'ۃ' | 'ە' | 'ۀ' | 'ہ' | 'ۂ' | 'ھ' => Fold::One('ه'),
        '٠'..='٩' => Fold::One(ascii_digit(c, '٠')),
        '۰'..='۹' => Fold::One(ascii_digit(c, '۰')),
        TATWEEL => Fold::Drop,
        _ if is_diacritic(c) || is_invisible(c) => Fold::Drop,
        _ if QUOTES.contains(&c) => Fold::One('"'),
        _ if c.is_uppercase() => Fold::Lower,
        _ => Fold::One(c),
    }
}

fn ascii_digit(c: char, zero: char) -> char {
    // Both digit blocks are contiguous, so the difference is 0..=9.
    char::from(b'0' + (c as u32 - zero as u32) as u8)
}

/// The display fold: only invisible characters and tatweel go.
fn fold_display(c: char) -> Fold {
    if c == TATWEEL || is_invisible(c) {
        Fold::Drop
    } else {
        Fold::One(c)
    }
}

#[inline]
fn fold(c: char, form: Form) -> Fold {
    match form {
        Form::Display => fold_display(c),
        Form::Matching => fold_matching(c),
    }
}

/// Can a chunk boundary be placed before `c`? True when `c` is a starter that NFKC can never
/// compose with what precedes it.
#[inline]
fn starts_chunk(c: char) -> bool {
    if c.is_ascii() || ('\u{0621}'..='\u{064A}').contains(&c) {
        return true;
    }
    match cached_props(c) {
        Some(props) => props & STARTS_CHUNK != 0,
        None => compute_starts_chunk(c),
    }
}

fn compute_starts_chunk(c: char) -> bool {
    if canonical_combining_class(c) != 0 {
        return false;
    }
    match is_nfkc_quick(iter::once(c)) {
        IsNormalized::Yes => true,
        IsNormalized::Maybe => false,
        IsNormalized::No => {
            // A compatibility character whose decomposition starts with something that could
            // combine backwards (e.g. U+FF9E → U+3099) must stay with the previous chunk.
            let mut first = None;
            decompose_compatible(c, |d| {
                if first.is_none() {
                    first = Some(d);
                }
            });
            match first {
                Some(d) if d != c => {
                    canonical_combining_class(d) == 0
                        && is_nfkc_quick(iter::once(d)) != IsNormalized::Maybe
                }
                _ => true,
            }
        }
    }
}

/// Does NFKC leave this single character (alone in its chunk) unchanged?
#[inline]
fn nfkc_stable(c: char) -> bool {
    if c.is_ascii() || ('\u{0621}'..='\u{064A}').contains(&c) {
        return true;
    }
    match cached_props(c) {
        Some(props) => props & NFKC_STABLE != 0,
        None => compute_nfkc_stable(c),
    }
}

fn compute_nfkc_stable(c: char) -> bool {
    is_nfkc_quick(iter::once(c)) == IsNormalized::Yes
}

const STARTS_CHUNK: u8 = 1;
const NFKC_STABLE: u8 = 2;
/// Characters whose properties are cached: everything encoded in two UTF-8 bytes (Latin
/// supplements, Greek, Cyrillic, Hebrew, Arabic with its marks and punctuation, ...) and the
/// General Punctuation block (quotes, bidi controls, zero-width characters).
const CACHED: [Range<u32>; 2] = [0x80..0x800, 0x2000..0x2070];

/// Property bits of `c` from a table built on first use, or `None` outside [`CACHED`].
#[inline]
fn cached_props(c: char) -> Option<u8> {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    let u = c as u32;
    let index = if CACHED[0].contains(&u) {
        u - CACHED[0].start
    } else if CACHED[1].contains(&u) {
        u - CACHED[1].start + CACHED[0].len() as u32
    } else {
        return None;
    };
    let table = TABLE.get_or_init(|| {
        CACHED
            .iter()
            .flat_map(|r| r.clone())
            .map(|u| match char::from_u32(u) {
                Some(c) => {
                    u8::from(compute_starts_chunk(c)) * STARTS_CHUNK
                        + u8::from(compute_nfkc_stable(c)) * NFKC_STABLE
                }
                None => 0,
            })
            .collect()
    });
    table.get(index as usize).copied()
}

/// One normalized character and the span of the original text it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub c: char,
    /// Byte span in the original text (a whole chunk: a character plus its combining marks).
    pub start: usize,
    pub end: usize,
    /// The chunk became exactly this one character, with the same UTF-8 length, so byte
    /// offsets inside it map one to one.
    pub exact: bool,
}

/// Streaming normalizer: yields [`Piece`]s in order.
pub(crate) struct Folder<'a> {
    src: &'a str,
    pos: usize,
    form: Form,
    /// Output of the current slow-path chunk, and how much of it was handed out.
    pending: Vec<char>,
    next_pending: usize,
    chunk: (usize, usize),
}

impl<'a> Folder<'a> {
    pub(crate) fn new(src: &'a str, form: Form) -> Self {
        Folder {
            src,
            pos: 0,
            form,
            pending: Vec::new(),
            next_pending: 0,
            chunk: (0, 0),
        }
    }

    /// Fills `pending` with the folded NFKC form of `src[start..end]`.
    fn fill_slow(&mut self, start: usize, end: usize) {
        self.pending.clear();
        self.next_pending = 0;
        self.chunk = (start, end);
        let chunk = &self.src[start..end];
        let form = self.form;
        let mut chars = chunk.chars();
        let mut rest = chunk;
        if form == Form::Matching {
            if let Some(first) = chars.next() {
                if QUOTES.contains(&first) {
                    // Mapped before NFKC, which would split ″ into two primes.
                    self.pending.push('"');
                    rest = chars.as_str();
                } else if ('\u{0621}'..='\u{064A}').contains(&first)
                    && chars
                        .clone()
                        .all(|m| is_diacritic(m) && !('\u{0653}'..='\u{0655}').contains(&m))
                {
                    // An Arabic letter followed only by droppable marks that cannot compose
                    // with it: the result is the folded letter, no NFKC needed.
                    push_folded(&mut self.pending, first, form);
                    return;
                }
            }
        }
        for x in rest.nfkc() {
            push_folded(&mut self.pending, x, form);
        }
    }
}

fn push_folded(out: &mut Vec<char>, x: char, form: Form) {
    match fold(x, form) {
        Fold::Drop => {}
        Fold::One(y) => out.push(y),
        Fold::Lower => out.extend(x.to_lowercase()),
    }
}

/// ASCII and the basic Arabic letters: NFKC-stable starters that nothing composes with.
#[inline]
fn is_plain(c: char) -> bool {
    c.is_ascii() || ('\u{0621}'..='\u{064A}').contains(&c)
}

/// What one step of the general path produced.
enum Step {
    Piece(Piece),
    /// The chunk was dropped or queued its output in `pending`.
    Again,
    End,
}

impl Folder<'_> {
    /// The general path: finds the chunk at `self.pos` and folds it.
    #[inline(never)]
    fn step(&mut self) -> Step {
        let rest = &self.src[self.pos..];
        let mut chars = rest.chars();
        let Some(c) = chars.next() else {
            return Step::End;
        };
        let start = self.pos;
        let mut end = start + c.len_utf8();
        let mut single = true;
        for d in chars {
            if starts_chunk(d) {
                break;
            }
            end += d.len_utf8();
            single = false;
        }
        self.pos = end;

        if self.form == Form::Matching
            && c == 'ى'
            && self.src[end..].starts_with('ء')
            && self.src[start + c.len_utf8()..end]
                .chars()
                .all(is_diacritic)
        {
            // "ىء" is a common misspelling of final "ئ" (مبادىء / مبادئ, شاطىء / شاطئ):
            // both become a bare hamza.
            end += 'ء'.len_utf8();
            self.pos = end;
            return Step::Piece(Piece {
                c: 'ء',
                start,
                end,
                exact: false,
            });
        }

        if single && nfkc_stable(c) {
            return match fold(c, self.form) {
                Fold::Drop => Step::Again,
                Fold::One(y) => Step::Piece(Piece {
                    c: y,
                    start,
                    end,
                    exact: y.len_utf8() == end - start,
                }),
                Fold::Lower => {
                    self.pending.clear();
                    self.pending.extend(c.to_lowercase());
                    self.next_pending = 0;
                    self.chunk = (start, end);
                    Step::Again
                }
            };
        }
        self.fill_slow(start, end);
        Step::Again
    }
}

impl Iterator for Folder<'_> {
    type Item = Piece;

    #[inline]
    fn next(&mut self) -> Option<Piece> {
        loop {
            if let Some(&c) = self.pending.get(self.next_pending) {
                self.next_pending += 1;
                let (start, end) = self.chunk;
                let exact = self.pending.len() == 1 && end - start == c.len_utf8();
                return Some(Piece {
                    c,
                    start,
                    end,
                    exact,
                });
            }
            // Fast path: a plain character followed by a plain character (or the end).
            let start = self.pos;
            let mut chars = self.src[start..].chars();
            if let Some(c) = chars.next() {
                let next_is_plain = match chars.next() {
                    Some(d) => is_plain(d),
                    None => true,
                };
                if is_plain(c) && c != 'ى' && next_is_plain {
                    let end = start + c.len_utf8();
                    self.pos = end;
                    match fold(c, self.form) {
                        Fold::One(y) => {
                            return Some(Piece {
                                c: y,
                                start,
                                end,
                                exact: y.len_utf8() == end - start,
                            })
                        }
                        // Plain characters never need `to_lowercase` (ASCII folds directly).
                        Fold::Drop | Fold::Lower => continue,
                    }
                }
            }
            match self.step() {
                Step::Piece(p) => return Some(p),
                Step::Again => {}
                Step::End => return None,
            }
        }
    }
}

/// The display form: NFKC, bidi controls / zero-width characters / soft hyphen / tatweel
/// removed. Letters (including ة, hamza forms and Persian letters), diacritics, digits and
/// punctuation are kept as written.
pub fn normalize_display(s: &str) -> String {
    collect(s, Form::Display)
}

/// The matching form: the display form plus the full fold (diacritics removed, alef forms →
/// ا, ى/ی → ي, ؤ/ئ → ء, ک → ك, ة → ه, Arabic and Persian digits → ASCII, quotes → `"`,
/// lowercase).
pub fn normalize_for_matching(s: &str) -> String {
    collect(s, Form::Matching)
}

fn collect(s: &str, form: Form) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(Folder::new(s, form).map(|p| p.c));
    out
}

/// A normalized text and a map from its byte offsets back to the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Sorted by `norm`. A `exact` run maps byte for byte; any other run covers exactly one
    /// normalized character that came from `orig..orig_end`.
    runs: Vec<Run>,
    original_len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    norm: usize,
    orig: usize,
    orig_end: usize,
    exact: bool,
}

impl Normalized {
    fn build(s: &str, form: Form) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut runs: Vec<Run> = Vec::new();
        let mut extendable = false;
        for p in Folder::new(s, form) {
            let norm = text.len();
            text.push(p.c);
            match runs.last_mut() {
                Some(last) if extendable && p.exact && last.orig_end == p.start => {
                    last.orig_end = p.end;
                }
                _ => runs.push(Run {
                    norm,
                    orig: p.start,
                    orig_end: p.end,
                    exact: p.exact,
                }),
            }
            extendable = p.exact;
        }
        Normalized {
            text,
            runs,
            original_len: s.len(),
        }
    }

    fn run_at(&self, normalized_byte: usize) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.norm <= normalized_byte);
        i.checked_sub(1).and_then(|i| self.runs.get(i))
    }

    /// Byte offset in the original text where the character at `normalized_byte` begins.
    /// Offsets at or past the end of the normalized text map to the end of the original.
    /// An offset inside a character that came from a larger original chunk (e.g. one letter
    /// of the expansion of a ligature) maps to the start of that chunk.
    pub fn original_offset(&self, normalized_byte: usize) -> usize {
        if normalized_byte >= self.text.len() {
            return self.original_len;
        }
        match self.run_at(normalized_byte) {
            Some(r) if r.exact => r.orig + (normalized_byte - r.norm),
            Some(r) => r.orig,
            None => 0,
        }
    }

    /// The original span covering a normalized byte range: from the start of the first
    /// character to the end of the last one (including that character's combining marks, but
    /// not the removed characters that follow it). Use this to highlight a hit.
    pub fn original_range(&self, normalized: Range<usize>) -> Range<usize> {
        let start = self.original_offset(normalized.start);
        if normalized.end <= normalized.start {
            return start..start;
        }
        let last = normalized.end.min(self.text.len()).saturating_sub(1);
        let end = match self.run_at(last) {
            Some(r) if r.exact => r.orig + (normalized.end.min(self.text.len()) - r.norm),
            Some(r) => r.orig_end,
            None => start,
        };
        start..end.max(start)
    }
}

/// The matching form of `s` with a map back to byte offsets in `s`.
pub fn normalize_with_offsets(s: &str) -> Normalized {
    Normalized::build(s, Form::Matching)
}

/// The display form of `s` with a map back to byte offsets in `s`.
pub fn normalize_display_with_offsets(s: &str) -> Normalized {
    Normalized::build(s, Form::Display)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> String {
        normalize_for_matching(s)
    }

    #[test]
    fn harakat_superscript_alef_and_quranic_marks_are_removed() {
        assert_eq!(m("مُحَمَّدٌ"), "محمد");
        assert_eq!(m("هٰذا"), "هذا");
        assert_eq!(m("الرَّحِيمِ ۝"), "الرحيم ");
        assert_eq!(m("قالۖ"), "قال");
        assert_eq!(m("محمد ﷺ"), "محمد صلي الله عليه وسلم");
    }

    #[test]
    fn tatweel_is_removed_from_both_forms() {
        assert_eq!(m("مـــصـر"), "مصر");
        assert_eq!(normalize_display("مـــصـر"), "مصر");
    }

    #[test]
    fn alef_forms_fold_to_bare_alef() {
        assert_eq!(m("أإآٱا"), "ااااا");
        assert_eq!(m("إسرائيل"), "اسراءيل");
    }

    #[test]
    fn yeh_forms_fold_to_arabic_yeh() {
        assert_eq!(m("مصطفى"), "مصطفي");
        assert_eq!(m("ایران"), "ايران");
        assert_eq!(m("کابل"), "كابل");
    }

    #[test]
    fn hamza_on_carriers_folds_to_bare_hamza() {
        assert_eq!(m("مسؤول"), m("مسئول"));
        assert_eq!(m("مسؤول"), "مسءول");
        assert_eq!(m("شؤون"), m("شئون"));
        assert_eq!(m("مبادىء"), m("مبادئ"));
        assert_eq!(m("مبادىء"), "مبادء");
        assert_eq!(m("شيء"), m("شيئ"));
    }

    #[test]
    fn teh_marbuta_folds_for_matching_and_stays_for_display() {
        assert_eq!(m("الاتفاقية"), "الاتفاقيه");
        assert_eq!(normalize_display("الاتفاقية"), "الاتفاقية");
    }

    #[test]
    fn digits_become_ascii() {
        assert_eq!(m("٢٠٢٤"), "2024");
        assert_eq!(m("۱۴۰۳"), "1403");
        assert_eq!(m("عام 2024"), "عام 2024");
    }

    #[test]
    fn bidi_and_zero_width_characters_are_dropped() {
        let s = "\u{200F}كو\u{200B}ريا\u{200E} \u{061C}x\u{202B}y\u{202C}\u{2067}z\u{2069}\u{FEFF}\u{00AD}\u{200C}\u{200D}";
        assert_eq!(m(s), "كوريا xyz");
        assert_eq!(normalize_display(s), "كوريا xyz");
    }

    #[test]
    fn quotes_are_unified_for_matching_only() {
        assert_eq!(m("«بيان» “a” „b‟ 5″"), "\"بيان\" \"a\" \"b\" 5\"");
        assert_eq!(normalize_display("«بيان»"), "«بيان»");
    }

    #[test]
    fn latin_is_lowercased_for_matching() {
        assert_eq!(m("CNN Reuters ÉLYSÉE"), "cnn reuters élysée");
        assert_eq!(normalize_display("CNN"), "CNN");
    }

    #[test]
    fn nfkc_is_applied() {
        // presentation forms (lam-alef ligature, isolated/final letters), full-width Latin, NBSP
        assert_eq!(normalize_display("\u{FEFB}\u{FE8E}"), "لاا");
        assert_eq!(m("ＡＢＣ\u{00A0}x"), "abc x");
        assert_eq!(m("\u{FEF7}"), "لا");
        // decomposed alef + hamza above composes, then folds
        assert_eq!(normalize_display("\u{0627}\u{0654}"), "أ");
        assert_eq!(m("\u{0627}\u{0654}"), "ا");
        assert_eq!(m("\u{0648}\u{0654}"), "ء");
        // decomposed Latin
        assert_eq!(normalize_display("e\u{0301}"), "é");
    }

    #[test]
    fn display_keeps_diacritics_letters_and_digits() {
        assert_eq!(normalize_display("مُحَمَّد ٣ إلى"), "مُحَمَّد ٣ إلى");
    }

    #[test]
    fn offsets_map_through_diacritics() {
        let s = "زار بِيُونغ";
        let n = normalize_with_offsets(s);
        assert_eq!(n.text, "زار بيونغ");
        let start = n.text.find("بيونغ").unwrap();
        let r = n.original_range(start..n.text.len());
        assert_eq!(&s[r], "بِيُونغ");
        assert_eq!(n.original_offset(0), 0);
        assert_eq!(n.original_offset(n.text.len()), s.len());
    }

    #[test]
    fn offsets_map_through_bidi_marks_and_digits() {
        let s = "\u{200F}في ٢٠٢٤\u{200E}، قال Putin";
        let n = normalize_with_offsets(s);
        assert_eq!(n.text, "في 2024، قال putin");
        let i = n.text.find("2024").unwrap();
        assert_eq!(&s[n.original_range(i..i + 4)], "٢٠٢٤");
        let i = n.text.find("putin").unwrap();
        assert_eq!(&s[n.original_range(i..i + 5)], "Putin");
        assert_eq!(n.original_offset(0), "\u{200F}".len());
        let i = n.text.find("قال").unwrap();
        assert_eq!(&s[n.original_range(i..i + "قال".len())], "قال");
    }

    #[test]
    fn offsets_inside_a_ligature_map_to_the_ligature() {
        let s = "a\u{FEFB}b";
        let n = normalize_with_offsets(s);
        assert_eq!(n.text, "aلاb");
        assert_eq!(n.original_range(1..3), 1..4);
        assert_eq!(n.original_range(3..5), 1..4);
        assert_eq!(n.original_offset(5), 4);
        assert_eq!(n.original_range(5..6), 4..5);
    }

    /// The slow, obviously correct definition: NFKC of the whole text, then the fold.
    fn reference(s: &str, form: Form) -> String {
        let pre: String = match form {
            Form::Matching => s
                .chars()
                .map(|c| if QUOTES.contains(&c) { '"' } else { c })
                .collect(),
            Form::Display => s.to_owned(),
        };
        let mut nfkc: String = pre.nfkc().collect();
        if form == Form::Matching {
            nfkc = nfkc
                .chars()
                .filter(|&c| !is_diacritic(c))
                .collect::<String>()
                .replace("ىء", "ء");
        }
        let mut out = Vec::new();
        for x in nfkc.chars() {
            push_folded(&mut out, x, form);
        }
        out.into_iter().collect()
    }

    /// Pseudo-random strings over characters that exercise every path of the folder.
    fn samples() -> Vec<String> {
        let alphabet: Vec<char> = "ابويىءةأإآؤئکیۀەهـ٣۴7Aaéeİßǅ″«» ،.-Ａかｶﾞ각Kﻻﷲﺍﯾ"
            .chars()
            .chain([
                '\u{0654}', '\u{0653}', '\u{0655}', '\u{064E}', '\u{0651}', '\u{0670}', '\u{06D6}',
                '\u{0301}', '\u{0323}', '\u{200F}', '\u{200C}', '\u{00A0}', '\u{FEFF}', '\u{3099}',
            ])
            .collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        (0..3000)
            .map(|_| {
                let len = next(14);
                (0..len).map(|_| alphabet[next(alphabet.len())]).collect()
            })
            .collect()
    }

    #[test]
    fn fast_paths_agree_with_whole_text_nfkc() {
        for s in samples() {
            assert_eq!(
                normalize_for_matching(&s),
                reference(&s, Form::Matching),
                "{s:?}"
            );
            assert_eq!(normalize_display(&s), reference(&s, Form::Display), "{s:?}");
        }
    }

    #[test]
    fn offset_map_is_monotone_and_on_char_boundaries() {
        for s in samples() {
            let n = normalize_with_offsets(&s);
            let mut prev = 0..0;
            for (i, c) in n.text.char_indices() {
                let r = n.original_range(i..i + c.len_utf8());
                assert!(
                    s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
                    "{s:?}"
                );
                assert!(r.start < r.end, "{s:?} {i}");
                assert!(r.start >= prev.start && r.end >= prev.end, "{s:?} {i}");
                prev = r;
            }
        }
    }

    #[test]
    fn is_arabic_letter_excludes_marks_digits_and_tatweel() {
        assert!(is_arabic_letter('ب'));
        assert!(is_arabic_letter('ی'));
        assert!(is_arabic_letter('ء'));
        assert!(!is_arabic_letter('\u{064E}'));
        assert!(!is_arabic_letter('ـ'));
        assert!(!is_arabic_letter('٣'));
        assert!(!is_arabic_letter('،'));
        assert!(!is_arabic_letter('a'));
    }
}
