//! The query language and its translation into tantivy queries.
//!
//! Syntax (deliberately small):
//! * `word` — required. Every required word must match (AND). A word matches its clitic-free
//!   form in title, subtitle or text; with a lower weight, its light stem (`stem` field) and
//!   the spelling variants of it found in the index ([`crate::variants`]: ترمب → ترامب),
//!   including the word read as two ("بيونغيانغ" → "بيونغ يانغ") and, with the word before
//!   or after it, two words read as one ("بيونغ يانغ" → "بيونغيانغ").
//! * A word W (and each of its variants, and its stem) also matches the whole forms the index
//!   holds with a bare proclitic, بW لW كW فW فبW فلW فكW (the analyzer keeps them whole,
//!   and has already removed a و before them), when the collection attests W on its own:
//!   W has at least 3 letters and is found as such in at least a quarter as many documents
//!   as the form, and the form is not a word of its own, written with the article (settings
//!   `MIN_CHARS_EXPANDED`, `MIN_ATTESTED_DOCS`, `MIN_ATTESTED_RATIO`, `MAX_ARTICLE_SHARE`).
//!   So صنعاء finds بصنعاء and حماس finds لحماس, while بكين is not ب + كين (كين is far
//!   rarer), كرة does not find فكرة (الفكرة is written) and زير never finds
//!   وزير (و alone is not expanded, and the analyzer
//!   keeps the و of وزير). The decision is per collection and per query, from the index's
//!   own term dictionary: nothing is reindexed when the vocabulary grows. Its known cost:
//!   a form that is both p + W and a word of its own matches too — بحماس is ب + حماس ("to
//!   Hamas") and also "with enthusiasm"; حماس is far more frequent than بحماس, so حماس finds
//!   both. `-بحماس` excludes the whole form.
//! * `"a phrase"` (also `“…”`, `«…»`) — required, words adjacent and in order, in title,
//!   subtitle or text (clitic-free forms), each word as written or as one of its spelling
//!   variants. Not stemmed. The first word may carry a bare proclitic as above ("لحلف شمال
//!   الأطلسي" is found by "حلف شمال الأطلسي"); the others may not. A quoted single word is
//!   matched unstemmed. A missing closing
//!   quote ends the phrase at the end of the query.
//! * `-word`, `-"a phrase"` — excluded, on the exact (clitic-free) forms only: a loose
//!   exclusion would drop documents the user did not mean to drop.
//!
//! A word that the analyzer splits (`covid-19`, `بـCNN`) is searched as a phrase of its parts,
//! the way the text was indexed. Diacritics, tatweel, letter variants and case never matter:
//! the query goes through the same analysis as the documents.

use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RegexPhraseQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

use crate::analysis::ArabicTokenizer;
use crate::forward_only::ForwardOnly;
use crate::schema::Fields;
use crate::settings::{Boosts, MAX_TOKEN_BYTES, MIN_SPLIT_PART_CHARS};
use crate::variants::Lexicon;

/// One piece of a query, as the user wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Word(String),
    Phrase(String),
}

/// A query split into its pieces ([`parse_query`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Required pieces, in query order.
    pub required: Vec<Part>,
    pub excluded: Vec<Part>,
}

const QUOTES: &[char] = &['"', '“', '”', '«', '»', '„'];

/// Splits a query into words, quoted phrases and `-`excluded pieces. Never fails: stray
/// quotes and dashes are read as well as they can be.
pub fn parse_query(query: &str) -> ParsedQuery {
    let mut parsed = ParsedQuery::default();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let mut excluded = false;
        if let Some(after) = rest.strip_prefix('-') {
            if after.starts_with(|c: char| !c.is_whitespace()) {
                excluded = true;
                rest = after;
            }
        }
        let part = if let Some(open) = rest.chars().next().filter(|c| QUOTES.contains(c)) {
            let inner = &rest[open.len_utf8()..];
            let (phrase, after) = match inner.find(QUOTES) {
                Some(end) => {
                    let close = inner[end..].chars().next().map_or(1, char::len_utf8);
                    (&inner[..end], &inner[end + close..])
                }
                None => (inner, ""),
            };
            rest = after;
            Part::Phrase(phrase.trim().to_owned())
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || QUOTES.contains(&c))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            Part::Word(word.to_owned())
        };
        let empty = matches!(&part, Part::Word(w) | Part::Phrase(w) if w.is_empty() || w == "-");
        if !empty {
            if excluded {
                parsed.excluded.push(part);
            } else {
                parsed.required.push(part);
            }
        }
        rest = rest.trim_start();
    }
    parsed
}

/// The index terms of one query word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WordTerms {
    /// Clitic-free matching form (`title`, `subtitle`, `text`).
    pub base: String,
    /// Light stem (`stem`).
    pub stem: String,
}

impl WordTerms {
    fn new(surface: &str) -> WordTerms {
        WordTerms {
            base: marsad_text::strip_clitics(surface).to_owned(),
            stem: marsad_text::light_stem_ref(surface).to_owned(),
        }
    }
}

/// A query piece after analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    /// One word; `exact` when it was quoted (no stemming).
    Word { terms: WordTerms, exact: bool },
    /// Two or more words that must be adjacent.
    Phrase(Vec<WordTerms>),
}

/// Analyzed query: required items, the pairs of adjacent plain words, and excluded items.
#[derive(Clone, Debug, Default)]
pub(crate) struct Analyzed {
    pub required: Vec<Item>,
    /// `pairs[i]`: required items i and i+1 as one name ("بيونغ يانغ"), when both are plain
    /// words.
    pub pairs: Vec<Option<String>>,
    pub excluded: Vec<Item>,
}

fn analyze_text(text: &str) -> Vec<WordTerms> {
    let mut tokenizer = TextAnalyzer::from(ArabicTokenizer);
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        if t.text.len() <= MAX_TOKEN_BYTES {
            out.push(WordTerms::new(&t.text));
        }
    }
    out
}

fn analyze_part(part: &Part) -> Option<Item> {
    let (text, quoted) = match part {
        Part::Word(w) => (w, false),
        Part::Phrase(p) => (p, true),
    };
    let mut words = analyze_text(text);
    match words.len() {
        0 => None,
        1 => words.pop().map(|terms| Item::Word {
            terms,
            exact: quoted,
        }),
        _ => Some(Item::Phrase(words)),
    }
}

impl Analyzed {
    pub(crate) fn new(parsed: &ParsedQuery) -> Analyzed {
        let required: Vec<Item> = parsed.required.iter().filter_map(analyze_part).collect();
        let pairs = required
            .windows(2)
            .map(|w| match w {
                [Item::Word {
                    terms: a,
                    exact: false,
                }, Item::Word {
                    terms: b,
                    exact: false,
                }] => Some(format!("{} {}", a.base, b.base)),
                _ => None,
            })
            .collect();
        let excluded = parsed.excluded.iter().filter_map(analyze_part).collect();
        Analyzed {
            required,
            pairs,
            excluded,
        }
    }
}

/// Which form of a word a query term is, for snippets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TermKind {
    Base,
    Stem,
}

/// A term the query can match, for snippets.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct HighlightTerm {
    pub kind: TermKind,
    pub text: String,
    /// The weight of its field.
    pub weight: f32,
    /// Which required item of the query (word or phrase, by position) it is a form of.
    pub item: usize,
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// A regex matching exactly one of `words`.
fn alternation(words: &[String]) -> String {
    let mut out = String::from("(");
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        for c in w.chars() {
            if c.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push(')');
    out
}

/// Adjacent words in `field`, each one of its alternatives.
fn phrase_query(field: Field, words: &[Vec<String>]) -> Box<dyn Query> {
    match words {
        [one] if one.len() == 1 => term_query(field, &one[0]),
        _ if words.iter().all(|alts| alts.len() == 1) => Box::new(PhraseQuery::new(
            words
                .iter()
                .map(|alts| Term::from_field_text(field, &alts[0]))
                .collect(),
        )),
        [one] => Box::new(BooleanQuery::new(
            one.iter()
                .map(|w| (Occur::Should, term_query(field, w)))
                .collect(),
        )),
        _ => Box::new(RegexPhraseQuery::new(
            field,
            words.iter().map(|alts| alternation(alts)).collect(),
        )),
    }
}

/// Builds the tantivy query of an analyzed query, looking name variants up in the index.
pub(crate) struct QueryBuilder<'a, 's> {
    pub fields: &'a Fields,
    pub boosts: Boosts,
    pub lexicon: &'a mut Lexicon<'s>,
    /// Every term that can match, for snippets.
    pub highlights: Vec<HighlightTerm>,
    /// The required item whose terms are being built.
    pub item: usize,
}

type Clauses = Vec<(Occur, Box<dyn Query>)>;

impl QueryBuilder<'_, '_> {
    /// Adjacent words (or one word) in title, subtitle and text, with field boosts × `weight`.
    ///
    /// A variant stands in for the `reference` words of the query. Its BM25 score is scaled
    /// down by the ratio of their IDFs, so that a rare variant spelling scores like the word
    /// the user typed, not above it (BM25 alone would rank a doc with a rare variant over one
    /// with the common spelling typed). Never scaled up. An empty `reference`: no scaling.
    fn text_fields(
        &mut self,
        words: &[Vec<String>],
        weight: f32,
        reference: &[&str],
        out: &mut Clauses,
    ) {
        let f = self.fields;
        for (field, boost) in [
            (f.title, self.boosts.title),
            (f.subtitle, self.boosts.subtitle),
            (f.text, self.boosts.text),
        ] {
            let scale = if reference.is_empty() {
                1.0
            } else {
                let reference: f32 = reference.iter().map(|w| self.lexicon.idf(field, w)).sum();
                let variant: f32 = words
                    .iter()
                    .map(|alts| {
                        alts.iter()
                            .map(|w| self.lexicon.idf(field, w))
                            .fold(0.0, f32::max)
                    })
                    .sum();
                if variant > 0.0 {
                    (reference / variant).min(1.0)
                } else {
                    1.0
                }
            };
            out.push((
                Occur::Should,
                boosted(phrase_query(field, words), boost * weight * scale),
            ));
        }
        for alts in words {
            for w in alts {
                self.highlights.push(HighlightTerm {
                    kind: TermKind::Base,
                    text: w.clone(),
                    weight,
                    item: self.item,
                });
            }
        }
    }

    /// Whole forms of `word` with a bare proclitic (بصنعاء for صنعاء), when the collection
    /// attests `word` on its own ([`Lexicon::clitic_forms`]), at `weight` × the clitic weight.
    fn clitic_forms(&mut self, word: &str, weight: f32, reference: &[&str], out: &mut Clauses) {
        for form in self.lexicon.clitic_forms(word) {
            let weight = weight * self.boosts.clitic;
            self.text_fields(&[vec![form]], weight, reference, out);
        }
    }

    /// Variant spellings of `word` (a word, or two adjacent words read as one name), standing
    /// in for `reference`, and their forms with a bare proclitic.
    fn variants(
        &mut self,
        word: &str,
        reference: &[&str],
        out: &mut Clauses,
    ) -> tantivy::Result<()> {
        for v in self.lexicon.variants(word)? {
            let weight = self.boosts.variant;
            self.clitic_forms(&v, weight, reference, out);
            self.text_fields(&[vec![v]], weight, reference, out);
        }
        Ok(())
    }

    /// The query of one required item; `pairs` are the names it forms with the plain words
    /// before and after it.
    fn item(&mut self, item: &Item, pairs: &[&Option<String>]) -> tantivy::Result<Box<dyn Query>> {
        let mut should = Vec::new();
        match item {
            Item::Word { terms, exact } => {
                let base = terms.base.as_str();
                self.text_fields(&[vec![terms.base.clone()]], 1.0, &[], &mut should);
                self.clitic_forms(base, 1.0, &[base], &mut should);
                if !exact {
                    // Scaled like variants: a rare form does not outscore the word typed.
                    let field = self.fields.stem;
                    let reference = self.lexicon.idf(field, &terms.stem);
                    let stems = std::iter::once((terms.stem.clone(), self.boosts.stem)).chain(
                        self.lexicon
                            .clitic_stems(base, &terms.stem)
                            .into_iter()
                            .map(|s| {
                                let idf = self.lexicon.idf(field, &s);
                                let scale = if idf > 0.0 {
                                    (reference / idf).min(1.0)
                                } else {
                                    1.0
                                };
                                (s, self.boosts.stem * self.boosts.clitic * scale)
                            }),
                    );
                    for (stem, weight) in stems.collect::<Vec<_>>() {
                        should.push((
                            Occur::Should,
                            boosted(term_query(self.fields.stem, &stem), weight),
                        ));
                        self.highlights.push(HighlightTerm {
                            kind: TermKind::Stem,
                            text: stem,
                            weight,
                            item: self.item,
                        });
                    }
                }
                self.variants(base, &[base], &mut should)?;
                if base.chars().count() >= 2 * MIN_SPLIT_PART_CHARS {
                    for (left, right) in self.lexicon.splits(base)? {
                        let variant = self.boosts.variant;
                        self.text_fields(&[left, right], variant, &[base], &mut should);
                    }
                }
                for pair in pairs.iter().copied().flatten() {
                    self.variants(pair, &[base], &mut should)?;
                }
            }
            Item::Phrase(words) => {
                let bases: Vec<Vec<String>> = words.iter().map(|w| vec![w.base.clone()]).collect();
                self.text_fields(&bases, 1.0, &[], &mut should);
                let reference: Vec<&str> = words.iter().map(|w| w.base.as_str()).collect();
                let mut alternatives = Vec::with_capacity(words.len());
                for w in words {
                    let mut alts = vec![w.base.clone()];
                    alts.extend(self.lexicon.variants(&w.base)?);
                    alternatives.push(alts);
                }
                if alternatives.iter().any(|alts| alts.len() > 1) {
                    let variant = self.boosts.variant;
                    self.text_fields(&alternatives, variant, &reference, &mut should);
                }
                // A preposition goes in front of the phrase, never inside it: "لحلف شمال
                // الأطلسي" is the phrase حلف شمال الأطلسي, "حلف لشمال" is not.
                let first: Vec<String> = alternatives
                    .first()
                    .into_iter()
                    .flatten()
                    .flat_map(|w| self.lexicon.clitic_forms(w))
                    .collect();
                if !first.is_empty() {
                    let mut with_clitic = alternatives.clone();
                    with_clitic[0] = first;
                    let clitic = self.boosts.clitic;
                    self.text_fields(&with_clitic, clitic, &reference, &mut should);
                }
                if let [a, b] = &words[..] {
                    self.variants(&format!("{} {}", a.base, b.base), &reference, &mut should)?;
                }
            }
        }
        Ok(Box::new(BooleanQuery::new(should)))
    }

    /// Exact forms only, for exclusions.
    fn excluded_item(&mut self, item: &Item) -> Box<dyn Query> {
        let words: Vec<Vec<String>> = match item {
            Item::Word { terms, .. } => vec![vec![terms.base.clone()]],
            Item::Phrase(words) => words.iter().map(|w| vec![w.base.clone()]).collect(),
        };
        let mut should = Vec::new();
        let highlights = self.highlights.len();
        self.text_fields(&words, 1.0, &[], &mut should);
        self.highlights.truncate(highlights);
        Box::new(ForwardOnly(Box::new(BooleanQuery::new(should))))
    }

    /// One `Must` clause per required item (the items are ANDed), then one `MustNot` clause
    /// per excluded item.
    pub(crate) fn build(&mut self, analyzed: &Analyzed) -> tantivy::Result<Clauses> {
        let none = None;
        let mut clauses = Vec::new();
        for (i, item) in analyzed.required.iter().enumerate() {
            let before = i
                .checked_sub(1)
                .and_then(|j| analyzed.pairs.get(j))
                .unwrap_or(&none);
            let after = analyzed.pairs.get(i).unwrap_or(&none);
            self.item = i;
            clauses.push((Occur::Must, self.item(item, &[before, after])?));
        }
        for item in &analyzed.excluded {
            clauses.push((Occur::MustNot, self.excluded_item(item)));
        }
        Ok(clauses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Part {
        Part::Word(s.into())
    }
    fn p(s: &str) -> Part {
        Part::Phrase(s.into())
    }

    #[test]
    fn words_phrases_and_exclusions() {
        let q = parse_query(r#"  وزير "الخارجية الروسي" -لافروف -"كيم جونغ" «بيونغ يانغ» "#);
        assert_eq!(
            q.required,
            [w("وزير"), p("الخارجية الروسي"), p("بيونغ يانغ")]
        );
        assert_eq!(q.excluded, [w("لافروف"), p("كيم جونغ")]);
    }

    #[test]
    fn stray_quotes_and_dashes() {
        let q = parse_query(r#"covid-19 - "غير مغلق"#);
        assert_eq!(q.required, [w("covid-19"), p("غير مغلق")]);
        assert!(q.excluded.is_empty());
        assert_eq!(parse_query(r#""" -"" -"#), ParsedQuery::default());
        assert_eq!(
            parse_query("word\"x y\"z").required,
            [w("word"), p("x y"), w("z")]
        );
    }

    #[test]
    fn analysis_of_words_and_split_words() {
        let a = Analyzed::new(&parse_query("بالاتفاقيةِ بـCNN ترامب"));
        let Item::Word { terms, exact } = &a.required[0] else {
            panic!("{a:?}")
        };
        assert_eq!(terms.base, "اتفاقيه");
        assert_eq!(terms.stem, "اتفاق");
        assert!(!exact);
        let Item::Phrase(parts) = &a.required[1] else {
            panic!("{a:?}")
        };
        let bases: Vec<&str> = parts.iter().map(|t| t.base.as_str()).collect();
        assert_eq!(bases, ["ب", "cnn"]);
        // Pairs only of two plain words.
        assert_eq!(a.pairs, [None, None]);
        let a = Analyzed::new(&parse_query("بيونغ يانغ"));
        assert_eq!(a.pairs, [Some("بيونغ يانغ".to_owned())]);
    }

    #[test]
    fn alternation_escapes_punctuation() {
        assert_eq!(alternation(&["ترمب".into(), "a.b".into()]), r"(ترمب|a\.b)");
    }

    #[test]
    fn punctuation_only_parts_vanish() {
        let a = Analyzed::new(&parse_query("، ؟ ..."));
        assert!(a.required.is_empty());
    }
}
