//! A one-pass tokenizer: numbers (any of three digit scripts), words
//! (normalised), single punctuation characters. Invisible characters are
//! skipped without breaking tokens; offsets stay into the original text.

use crate::lexicon::{lexicon, Lexeme};
use crate::text::{digit_value, fold_char, is_invisible, is_letter, is_word_mark};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A digit run; `value` saturates, `digits` counts the digits.
    Num {
        value: u32,
        digits: u8,
    },
    Word,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub kind: Kind,
    /// Byte offsets into the original text.
    pub start: usize,
    pub end: usize,
    /// Whitespace precedes this token.
    pub space: bool,
    /// Range of the normalised word in [`Tokens::norm`].
    norm: (usize, usize),
}

pub(crate) struct Tokens<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    norm: String,
}

#[cfg(test)]
thread_local! {
    /// How many times this thread tokenized a text (to test the fast path).
    pub(crate) static TOKENIZE_CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        #[cfg(test)]
        TOKENIZE_CALLS.with(|c| c.set(c.get() + 1));
        let mut t = Tokens {
            text,
            toks: Vec::with_capacity(text.len() / 4),
            norm: String::with_capacity(text.len()),
        };
        let mut cur: Option<Tok> = None;
        let mut space = false;
        for (pos, c) in text.char_indices() {
            if is_invisible(c) {
                continue;
            }
            let end = pos + c.len_utf8();
            if c.is_whitespace() {
                t.flush(&mut cur);
                space = true;
                continue;
            }
            if let Some(d) = digit_value(c) {
                if let Some(Tok {
                    kind: Kind::Num { value, digits },
                    end: e,
                    ..
                }) = cur.as_mut()
                {
                    *value = value.saturating_mul(10).saturating_add(u32::from(d));
                    *digits = digits.saturating_add(1);
                    *e = end;
                } else {
                    t.flush(&mut cur);
                    cur = Some(Tok {
                        kind: Kind::Num {
                            value: u32::from(d),
                            digits: 1,
                        },
                        start: pos,
                        end,
                        space,
                        norm: (0, 0),
                    });
                }
                space = false;
                continue;
            }
            if is_letter(c) || is_word_mark(c) {
                match cur.as_mut() {
                    Some(tok) if tok.kind == Kind::Word => {
                        fold_char(c, &mut t.norm);
                        tok.end = end;
                        tok.norm.1 = t.norm.len();
                    }
                    _ => {
                        t.flush(&mut cur);
                        let ns = t.norm.len();
                        fold_char(c, &mut t.norm);
                        cur = Some(Tok {
                            kind: Kind::Word,
                            start: pos,
                            end,
                            space,
                            norm: (ns, t.norm.len()),
                        });
                    }
                }
                space = false;
                continue;
            }
            t.flush(&mut cur);
            t.toks.push(Tok {
                kind: Kind::Punct(c),
                start: pos,
                end,
                space,
                norm: (0, 0),
            });
            space = false;
        }
        t.flush(&mut cur);
        t
    }

    fn flush(&mut self, cur: &mut Option<Tok>) {
        if let Some(mut tok) = cur.take() {
            if tok.kind == Kind::Word && tok.norm.0 == tok.norm.1 {
                // A run of tatweel or marks only.
                tok.kind = Kind::Punct('\u{0640}');
            }
            self.toks.push(tok);
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The value and digit count of a number token.
    pub(crate) fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.toks.get(i)?.kind {
            Kind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    /// The normalised text of a word token.
    pub(crate) fn word(&self, i: usize) -> Option<&str> {
        let tok = self.toks.get(i)?;
        (tok.kind == Kind::Word).then(|| &self.norm[tok.norm.0..tok.norm.1])
    }

    pub(crate) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// The lexicon entry of a word token.
    pub(crate) fn lexeme(&self, i: usize) -> Option<&'static Lexeme> {
        lexicon().get(self.word(i)?)
    }

    /// Whether word token `i` carries any of `flags`.
    pub(crate) fn has(&self, i: usize, flags: u32) -> bool {
        self.lexeme(i).is_some_and(|l| l.flags & flags != 0)
    }

    /// Token `i` exists and touches the previous one (no whitespace between).
    pub(crate) fn adjacent(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    /// Letters and digits of token `i` in the original text.
    pub(crate) fn alnum_chars(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| {
            self.text[t.start..t.end]
                .chars()
                .filter(|&c| is_letter(c) || digit_value(c).is_some())
                .count()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_digits_from_letters_and_skips_bidi_marks() {
        let t = Tokens::new("\u{200F}2020م 28th\u{200E}/٠٦");
        assert_eq!(t.len(), 6);
        assert_eq!(t.num(0), Some((2020, 4)));
        assert_eq!(t.toks[0].start, 3);
        assert_eq!(t.word(1), Some("م"));
        assert!(t.adjacent(1));
        assert_eq!(t.num(2), Some((28, 2)));
        assert!(!t.adjacent(2));
        assert_eq!(t.word(3), Some("th"));
        assert_eq!(t.punct(4), Some('/'));
        assert_eq!(t.num(5), Some((6, 2)));
        assert!(t.adjacent(5));
    }

    #[test]
    fn tatweel_only_is_punctuation() {
        let t = Tokens::new("1441هـ ـــ");
        assert_eq!(t.word(1), Some("ه"));
        assert_eq!(t.punct(2), Some('\u{0640}'));
    }
}
