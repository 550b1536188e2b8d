//! Words of a text, in the matching form, with their clitic-free base and their span in the
//! original text.
//!
//! A word is a run of letters and digits (after normalization: removed characters such as
//! diacritics, tatweel and zero-width joiners do not split a word). Punctuation and spaces
//! separate words and are dropped. A change between Arabic and non-Arabic letters also
//! separates words ("بـCNN" → "ب", "cnn"); digits join either side ("كوفيد19").

use unicode_normalization::char::is_combining_mark;

use crate::clitics::strip_clitics;
use crate::normalize::{is_arabic_letter, Folder, Form, Piece};

/// An owned token. Offsets are byte offsets into the original input: `&input[start..end]` is
/// the word as written (with its diacritics).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The matching form of the whole word.
    pub surface: String,
    /// `surface` with clitics removed ([`strip_clitics`]).
    pub base: String,
    pub start: usize,
    pub end: usize,
}

/// A borrowed token, valid until the next call to [`TokenStream::next_token`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenRef<'t> {
    pub surface: &'t str,
    pub base: &'t str,
    pub start: usize,
    pub end: usize,
}

impl TokenRef<'_> {
    pub fn to_token(&self) -> Token {
        Token {
            surface: self.surface.to_owned(),
            base: self.base.to_owned(),
            start: self.start,
            end: self.end,
        }
    }
}

impl From<TokenRef<'_>> for Token {
    fn from(t: TokenRef<'_>) -> Token {
        t.to_token()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Separator,
    ArabicLetter,
    OtherLetter,
    /// Digits: they start a word or join the current one, whatever its script.
    Digit,
    /// Combining marks that survived normalization: they join the current word only.
    Mark,
}

fn classify(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::OtherLetter
        } else if c.is_ascii_digit() {
            Class::Digit
        } else {
            Class::Separator
        };
    }
    if is_arabic_letter(c) {
        Class::ArabicLetter
    } else if is_combining_mark(c) {
        Class::Mark
    } else if c.is_numeric() {
        Class::Digit
    } else if c.is_alphabetic() {
        Class::OtherLetter
    } else {
        Class::Separator
    }
}

/// Pull tokenizer with reused buffers: no allocation per token. The shape a tantivy
/// `TokenStream` wants.
pub struct TokenStream<'a> {
    folder: Folder<'a>,
    surface: String,
    /// A letter that ended the previous word by changing script; it starts the next one.
    carry: Option<Piece>,
}

impl<'a> TokenStream<'a> {
    pub fn new(text: &'a str) -> Self {
        TokenStream {
            folder: Folder::new(text, Form::Matching),
            surface: String::new(),
            carry: None,
        }
    }

    /// The next token, or `None` at the end of the text.
    pub fn next_token(&mut self) -> Option<TokenRef<'_>> {
        self.surface.clear();
        let (mut start, mut end) = (0, 0);
        // Script of the letters in the current word, once it has one.
        let mut script: Option<Class> = None;
        while let Some(p) = self.carry.take().or_else(|| self.folder.next()) {
            let class = classify(p.c);
            match class {
                Class::Separator => {
                    if self.surface.is_empty() {
                        continue;
                    }
                    break;
                }
                Class::ArabicLetter | Class::OtherLetter => match script {
                    Some(s) if s != class => {
                        self.carry = Some(p);
                        break;
                    }
                    _ => script = Some(class),
                },
                Class::Mark if self.surface.is_empty() => continue,
                Class::Mark | Class::Digit => {}
            }
            if self.surface.is_empty() {
                start = p.start;
            }
            self.surface.push(p.c);
            end = p.end;
        }
        if self.surface.is_empty() {
            return None;
        }
        Some(TokenRef {
            surface: &self.surface,
            base: strip_clitics(&self.surface),
            start,
            end,
        })
    }
}

/// Calls `f` for every token of `text`, without allocating per token.
pub fn tokenize_into(text: &str, mut f: impl FnMut(TokenRef<'_>)) {
    let mut stream = TokenStream::new(text);
    while let Some(t) = stream.next_token() {
        f(t);
    }
}

/// The words of a text ([`TokenStream`]), their forms kept in one buffer: one allocation per
/// text, not two per word as [`tokenize`]'s owned tokens take.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    forms: String,
    spans: Vec<WordSpan>,
}

/// Where a word of [`Words`] is: its surface and base in `forms`, its span in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct WordSpan {
    surface: std::ops::Range<usize>,
    base: std::ops::Range<usize>,
    start: usize,
    end: usize,
}

impl Words {
    pub fn of(text: &str) -> Words {
        let mut words = Words {
            forms: String::with_capacity(text.len()),
            spans: Vec::new(),
        };
        let mut stream = TokenStream::new(text);
        while let Some(t) = stream.next_token() {
            let from = words.forms.len();
            words.forms.push_str(t.surface);
            let to = words.forms.len();
            // The base is a sub-slice of the surface: its address gives its place.
            let offset = (t.base.as_ptr() as usize).saturating_sub(t.surface.as_ptr() as usize);
            let base_from = (from + offset).min(to);
            words.spans.push(WordSpan {
                surface: from..to,
                base: base_from..(base_from + t.base.len()).min(to),
                start: t.start,
                end: t.end,
            });
        }
        words
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Word `i`, borrowed.
    pub fn get(&self, i: usize) -> Option<TokenRef<'_>> {
        self.spans.get(i).map(|w| TokenRef {
            surface: &self.forms[w.surface.clone()],
            base: &self.forms[w.base.clone()],
            start: w.start,
            end: w.end,
        })
    }

    /// Every word, borrowed.
    pub fn refs(&self) -> Vec<TokenRef<'_>> {
        (0..self.len()).filter_map(|i| self.get(i)).collect()
    }
}

/// All tokens of `text`.
///
/// ```
/// use marsad_text::tokenize;
/// let text = "والاتفاقية مع Reuters";
/// let tokens = tokenize(text);
/// assert_eq!(tokens[0].base, "اتفاقيه");
/// assert_eq!(&text[tokens[0].start..tokens[0].end], "والاتفاقية");
/// assert_eq!(tokens[2].surface, "reuters");
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, |t| out.push(t.to_token()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_tokens_borrowed() {
        let text = "وَالاتفاقية مع Reuters، للبنان";
        let owned = tokenize(text);
        let words = Words::of(text);
        let borrowed: Vec<Token> = words.refs().iter().map(TokenRef::to_token).collect();
        assert_eq!(borrowed, owned);
        assert_eq!(words.len(), owned.len());
        assert!(words.get(owned.len()).is_none());
    }

    fn surfaces(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.surface).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn arabic_and_latin_words_punctuation_dropped() {
        assert_eq!(
            surfaces("قال بوتين، لـ«رويترز» (Reuters): 5G في ٢٠٢٤!"),
            ["قال", "بوتين", "ل", "رويترز", "reuters", "5g", "في", "2024"]
        );
    }

    #[test]
    fn script_change_splits_a_word() {
        assert_eq!(surfaces("بـCNN"), ["ب", "cnn"]);
        assert_eq!(surfaces("كوفيد19"), ["كوفيد19"]);
        assert_eq!(surfaces("iPhoneالجديد"), ["iphone", "الجديد"]);
    }

    #[test]
    fn base_has_clitics_removed() {
        let bases: Vec<String> = tokenize("وزير الخارجية والاتفاقية للولايات وبيونغ بوتين لافروف")
            .into_iter()
            .map(|t| t.base)
            .collect();
        assert_eq!(
            bases,
            [
                "وزير",
                "خارجيه",
                "اتفاقيه",
                "ولايات",
                "بيونغ",
                "بوتين",
                "لافروف"
            ]
        );
    }

    #[test]
    fn spans_cover_the_original_word_with_its_marks() {
        let text = "زار \u{200F}بِيُونغٌ، ثم كو\u{200C}ريا.";
        let tokens = tokenize(text);
        assert_eq!(tokens[1].surface, "بيونغ");
        assert_eq!(&text[tokens[1].start..tokens[1].end], "بِيُونغٌ");
        assert_eq!(spans(text), ["زار", "بِيُونغٌ", "ثم", "كو\u{200C}ريا"]);
        assert_eq!(tokens[3].surface, "كوريا");
    }

    #[test]
    fn tatweel_and_diacritics_do_not_split_words() {
        assert_eq!(surfaces("الـــرئـيـس مُحَمَّدٌ"), ["الرءيس", "محمد"]);
    }

    #[test]
    fn a_stray_mark_does_not_start_a_word() {
        assert_eq!(surfaces("a \u{0301}b"), ["a", "b"]);
        assert_eq!(surfaces("x\u{0323}y"), ["x\u{0323}y"]);
    }

    #[test]
    fn ligatures_and_persian_digits() {
        let text = "\u{FEFB} ۱۴۰۳";
        let tokens = tokenize(text);
        assert_eq!(tokens[0].surface, "لا");
        assert_eq!(&text[tokens[0].start..tokens[0].end], "\u{FEFB}");
        assert_eq!(tokens[1].surface, "1403");
        assert_eq!(&text[tokens[1].start..tokens[1].end], "۱۴۰۳");
    }

    #[test]
    fn empty_and_separator_only_input() {
        assert!(tokenize("").is_empty());
        assert!(tokenize(" ،.\u{200F}؟ ").is_empty());
    }

    #[test]
    fn streaming_matches_collected() {
        let text = "والاتفاقية مع Reuters ٢٠٢٤";
        let mut seen = Vec::new();
        tokenize_into(text, |t| seen.push((t.surface.to_owned(), t.start, t.end)));
        let collected: Vec<_> = tokenize(text)
            .into_iter()
            .map(|t| (t.surface, t.start, t.end))
            .collect();
        assert_eq!(seen, collected);
    }
}
