//! The Arabic analyzers: marsad-text's steps as a tantivy tokenizer and token filters.
//!
//! ```text
//! ArabicTokenizer ─ matching-form words (NFKC, no diacritics/tatweel, folded letters,
//!   │               Latin lowercased), offsets into the original text
//!   ├─ CliticFilter ─ RemoveLong ───────────────────────── "marsad_ar"      title, subtitle, text
//!   │   (clitic-free word; "للX" also as "لX" at the same position)
//!   ├─ LightStemFilter ─ RemoveLong ────────────────────── "marsad_ar_stem" stem
//!   └─ ArticleMarkFilter ─ CliticFilter ─ SkeletonFilter ─ RemoveLong
//!                                                         "marsad_ar_skel" skel (skeleton|word,
//!                                                                          #word after ال)
//! ```
//!
//! Every filter keeps the token's offsets, so highlights computed on any field land on the
//! original word as written (with its diacritics and clitics).

use tantivy::tokenizer::{
    RemoveLongFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

use crate::settings::{MAX_TOKEN_BYTES, MIN_SKELETON_CHARS};

/// The version of what the analyzers make of text. It is recorded in every
/// index commit; an index built under another version is rebuilt when its
/// data folder is opened. Bump it with any change to tokens, clitics,
/// stems or skeletons (in this crate or in marsad-text).
pub const ANALYZER_VERSION: u32 = 3;
// 3: `#word` terms only for words starting with ب ل ك ف (the only ones the query asks about).
// 2: `#word` terms in `skel` for words written with the article; no list of names lets a bare ب ل ك ف go ("بصنعاء" is indexed whole, the query expands
//    صنعاء to it); "للX" is also indexed as "لX" at the same position.

/// Analyzer of the `title`, `subtitle` and `text` fields: clitic-free words.
pub const BASE_ANALYZER: &str = "marsad_ar";
/// Analyzer of the `stem` field: light stems, for recall.
pub const STEM_ANALYZER: &str = "marsad_ar_stem";
/// Analyzer of the `skel` field: `skeleton|word`, the lookup table of spelling variants.
pub const SKELETON_ANALYZER: &str = "marsad_ar_skel";

/// `ArabicTokenizer → CliticFilter`: the form indexed in `title`, `subtitle` and `text`.
pub fn base_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ArabicTokenizer)
        .filter(CliticFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// `ArabicTokenizer → LightStemFilter`: the recall-only `stem` field.
pub fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ArabicTokenizer)
        .filter(LightStemFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// `ArabicTokenizer → CliticFilter → SkeletonFilter`: the `skel` lookup field.
pub fn skeleton_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ArabicTokenizer)
        .filter(ArticleMarkFilter)
        .filter(CliticFilter)
        .filter(SkeletonFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// Replaces the token text with a sub-slice of itself, given as a function of the text.
fn keep_subslice(text: &mut String, pick: impl for<'s> Fn(&'s str) -> &'s str) {
    let (start, len) = {
        let kept = pick(text);
        if kept.len() == text.len() {
            return;
        }
        // `pick` returns a sub-slice of its argument: its address gives its place.
        (kept.as_ptr() as usize - text.as_ptr() as usize, kept.len())
    };
    text.truncate(start + len);
    text.replace_range(..start, "");
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

/// Words of the text in marsad-text's matching form ([`marsad_text::tokenize`]), one position
/// per word, offsets into the original text.
///
/// Every text of an article is analysed three times (its own field, `stem` and `skel`), one
/// after the other on the same indexing thread: the words of the last few texts analysed on a
/// thread are kept ([`RECENT_TEXTS`]), so that each text is split and normalized once.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicTokenizer;

/// Texts whose words each indexing thread keeps: an article's title, subtitle and body,
/// and one more.
const RECENT_TEXTS: usize = 4;

/// The words of one text, as [`marsad_text::Words`] gives them.
#[derive(Debug)]
struct TextWords {
    text: String,
    words: marsad_text::Words,
}

impl TextWords {
    fn of(text: &str) -> TextWords {
        TextWords {
            text: text.to_owned(),
            words: marsad_text::Words::of(text),
        }
    }
}

thread_local! {
    /// The words of the texts last analysed on this thread, the most recent last.
    static RECENT: std::cell::RefCell<Vec<std::rc::Rc<TextWords>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The words of `text`, from the thread's recent texts or split now (and kept).
fn words_of(text: &str) -> std::rc::Rc<TextWords> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if let Some(at) = recent.iter().position(|t| t.text == text) {
            return std::rc::Rc::clone(&recent[at]);
        }
        let words = std::rc::Rc::new(TextWords::of(text));
        if recent.len() >= RECENT_TEXTS {
            recent.remove(0);
        }
        recent.push(std::rc::Rc::clone(&words));
        words
    })
}

pub struct ArabicTokenStream {
    words: std::rc::Rc<TextWords>,
    next: usize,
    token: Token,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream {
        ArabicTokenStream {
            words: words_of(text),
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for ArabicTokenStream {
    fn advance(&mut self) -> bool {
        let Some(word) = self.words.words.get(self.next) else {
            return false;
        };
        self.next += 1;
        self.token.text.clear();
        self.token.text.push_str(word.surface);
        self.token.offset_from = word.start;
        self.token.offset_to = word.end;
        // Starts at usize::MAX: the first word is at position 0.
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

// ---------------------------------------------------------------------------------------------
// A filter that rewrites each token's text in place.

/// A token filter that maps each token's text to a sub-slice of itself.
pub trait SliceFilter: Clone + Copy + Send + Sync + 'static {
    fn pick(text: &str) -> &str;
}

#[derive(Clone)]
pub struct SliceFilterWrapper<F, T> {
    inner: T,
    _filter: F,
}

pub struct SliceFilterStream<F, S> {
    tail: S,
    _filter: F,
}

impl<F: SliceFilter, T: Tokenizer> Tokenizer for SliceFilterWrapper<F, T> {
    type TokenStream<'a> = SliceFilterStream<F, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SliceFilterStream {
            tail: self.inner.token_stream(text),
            _filter: self._filter,
        }
    }
}

impl<F: SliceFilter, S: TokenStream> TokenStream for SliceFilterStream<F, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        keep_subslice(&mut self.tail.token_mut().text, F::pick);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Removes proclitics (و ف ب ك ل, ال) and pronoun suffixes: [`marsad_text::strip_clitics`].
/// "والاتفاقية" and "بالاتفاقية" become "اتفاقيه"; "وزير" stays "وزير"; "بصنعاء" stays
/// "بصنعاء" (the query decides whether ب is a preposition: see [`crate::query`]).
///
/// A word cut after "لل" is also indexed in its second reading, at the same position
/// ([`marsad_text::lam_reading`]): "للبنان" gives "بنان" (ل + ال + بنان) and "لبنان"
/// (ل + لبنان), so that لبنان finds it as words and in phrases.
#[derive(Clone, Copy, Debug, Default)]
pub struct CliticFilter;

impl TokenFilter for CliticFilter {
    type Tokenizer<T: Tokenizer> = CliticFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        CliticFilterWrapper { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct CliticFilterWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CliticFilterWrapper<T> {
    type TokenStream<'a> = CliticTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CliticTokenStream {
            tail: self.inner.token_stream(text),
            second: None,
        }
    }
}

pub struct CliticTokenStream<S> {
    tail: S,
    /// The second reading of the current word, emitted next at the same position.
    second: Option<String>,
}

impl<S: TokenStream> TokenStream for CliticTokenStream<S> {
    fn advance(&mut self) -> bool {
        if let Some(second) = self.second.take() {
            // Same position and offsets as the first reading: only the text changes (in
            // the token's own buffer, which the tokenizer reuses).
            let text = &mut self.tail.token_mut().text;
            text.clear();
            text.push_str(&second);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        // One pass of the clitic rules per token: its result gives both the kept slice
        // and whether the second reading differs from it.
        let (start, len) = {
            let base = marsad_text::strip_clitics(text);
            (base.as_ptr() as usize - text.as_ptr() as usize, base.len())
        };
        self.second = marsad_text::lam_reading(text)
            .filter(|second| second.len() != len)
            .map(str::to_owned);
        if len != text.len() {
            text.truncate(start + len);
            text.replace_range(..start, "");
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Light stem of a matching-form word: clitics then light10 suffixes
/// ([`marsad_text::light_stem_ref`]). Takes the surface form, not the clitic-free base: the
/// stemmer strips clitics itself, and stripping twice could eat a letter of the word.
#[derive(Clone, Copy, Debug, Default)]
pub struct LightStemFilter;

impl SliceFilter for LightStemFilter {
    fn pick(text: &str) -> &str {
        marsad_text::light_stem_ref(text)
    }
}

impl TokenFilter for LightStemFilter {
    type Tokenizer<T: Tokenizer> = SliceFilterWrapper<LightStemFilter, T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        SliceFilterWrapper {
            inner: tokenizer,
            _filter: self,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Words written with the article

/// Starts the `skel` terms that record a word written with the article: "الفكرة" gives
/// `#فكره`. Such a word is a word of its own: the article never precedes a preposition, so
/// فكرة is not ف + كرة ([`crate::variants`] reads these terms).
pub const ARTICLE_MARK: char = '#';

/// Only words that could be read as a proclitic + a word get the mark: the query asks about
/// forms starting with ب ل ك ف alone, and marking every word written with the article cost
/// a tenth of ingest time.
pub const MARKED_INITIALS: [char; 4] = ['ب', 'ل', 'ك', 'ف'];

/// After each word written with an article sequence (ال, وال, بال, لل…), also emits
/// [`ARTICLE_MARK`] + the word without it, at the same position. Goes before
/// [`CliticFilter`] (which then removes a pronoun suffix from it) in the `skel` analyzer.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArticleMarkFilter;

/// `word` without its article sequence, if [`marsad_text::strip_proclitics`] removed one.
pub fn after_article(word: &str) -> Option<&str> {
    let rest = marsad_text::strip_proclitics(word);
    let cut = word.len() - rest.len();
    marsad_text::ARTICLE_PREFIXES
        .iter()
        .any(|p| p.len() == cut && word.starts_with(p))
        .then_some(rest)
}

impl TokenFilter for ArticleMarkFilter {
    type Tokenizer<T: Tokenizer> = ArticleMarkWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        ArticleMarkWrapper { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct ArticleMarkWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ArticleMarkWrapper<T> {
    type TokenStream<'a> = ArticleMarkStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ArticleMarkStream {
            tail: self.inner.token_stream(text),
            mark: None,
        }
    }
}

pub struct ArticleMarkStream<S> {
    tail: S,
    mark: Option<String>,
}

impl<S: TokenStream> TokenStream for ArticleMarkStream<S> {
    fn advance(&mut self) -> bool {
        if let Some(mark) = self.mark.take() {
            self.tail.token_mut().text = mark;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let text = &self.tail.token().text;
        self.mark = after_article(text)
            .filter(|rest| rest.starts_with(MARKED_INITIALS) && is_arabic_word(rest))
            .map(|rest| format!("{ARTICLE_MARK}{rest}"));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

// ---------------------------------------------------------------------------------------------
// Skeletons

/// Separates the skeleton from the word in `skel` terms (`ترمب|ترامب`).
pub const SKELETON_SEPARATOR: char = '|';

/// The word has an Arabic letter: names in Latin letters do not vary the same way.
pub fn is_arabic_word(word: &str) -> bool {
    word.chars().any(marsad_text::is_arabic_letter)
}

/// The skeleton of one clitic-free word, if it is long enough to mean something.
pub fn word_skeleton(base: &str) -> Option<String> {
    let skeleton = marsad_text::skeleton(base);
    let letters = skeleton.chars().take(MIN_SKELETON_CHARS).count();
    (letters >= MIN_SKELETON_CHARS).then_some(skeleton)
}

/// Replaces each clitic-free Arabic word by `skeleton|word` ([`marsad_text::skeleton`]), so
/// that the `skel` field's dictionary lists the spellings of each skeleton together: the
/// lookup table of [`crate::variants`]. Words with a skeleton shorter than
/// [`MIN_SKELETON_CHARS`] (قال → قل) and words without Arabic letters are dropped.
#[derive(Clone, Copy, Debug, Default)]
pub struct SkeletonFilter;

impl TokenFilter for SkeletonFilter {
    type Tokenizer<T: Tokenizer> = SkeletonFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        SkeletonFilterWrapper { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct SkeletonFilterWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SkeletonFilterWrapper<T> {
    type TokenStream<'a> = SkeletonTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SkeletonTokenStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct SkeletonTokenStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for SkeletonTokenStream<S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            if token.text.starts_with(ARTICLE_MARK) {
                return true;
            }
            if !is_arabic_word(&token.text) {
                continue;
            }
            if let Some(skeleton) = word_skeleton(&token.text) {
                // In front of the word, in the token's own buffer: the tokenizer reuses it
                // for the next word, so it grows once instead of once per word.
                token.text.insert(0, SKELETON_SEPARATOR);
                token.text.insert_str(0, &skeleton);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, offsets slice of the original, position) of every token.
    fn run(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, String, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push((
                t.text.clone(),
                text[t.offset_from..t.offset_to].to_owned(),
                t.position,
            ));
        }
        out
    }

    fn texts(analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        run(analyzer, text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn tokenizer_gives_matching_forms_with_original_spans() {
        let text = "قالَ الرئيسُ لـ«رويترز» (Reuters) في ٢٠٢٤";
        let tokens = run(TextAnalyzer::from(ArabicTokenizer), text);
        let expected = [
            ("قال", "قالَ", 0),
            ("الرءيس", "الرئيسُ", 1),
            ("ل", "ل", 2),
            ("رويترز", "رويترز", 3),
            ("reuters", "Reuters", 4),
            ("في", "في", 5),
            ("2024", "٢٠٢٤", 6),
        ];
        assert_eq!(tokens.len(), expected.len(), "{tokens:?}");
        for (got, want) in tokens.iter().zip(expected) {
            assert_eq!((got.0.as_str(), got.1.as_str(), got.2), want);
        }
    }

    #[test]
    fn clitic_filter_strips_prefixes_but_not_word_letters() {
        assert_eq!(
            texts(base_analyzer(), "والاتفاقية بالاتفاقية الاتفاقية وزير بوتين"),
            ["اتفاقيه", "اتفاقيه", "اتفاقيه", "وزير", "بوتين"]
        );
        // Offsets still cover the whole written word, clitics and marks included.
        let tokens = run(base_analyzer(), "وَالاتِّفاقيةُ");
        assert_eq!(tokens[0].1, "وَالاتِّفاقيةُ");
    }

    #[test]
    fn bare_prepositions_stay_and_lam_lam_has_both_readings() {
        assert_eq!(
            texts(base_analyzer(), "بصنعاء وبصنعاء لحماس بحر"),
            ["بصنعاء", "بصنعاء", "لحماس", "بحر"]
        );
        let tokens = run(base_analyzer(), "زار وزير للبنان أمس");
        let got: Vec<(&str, &str, usize)> = tokens
            .iter()
            .map(|t| (t.0.as_str(), t.1.as_str(), t.2))
            .collect();
        assert_eq!(
            got,
            [
                ("زار", "زار", 0),
                ("وزير", "وزير", 1),
                ("بنان", "للبنان", 2),
                ("لبنان", "للبنان", 2),
                ("امس", "أمس", 3),
            ]
        );
        // The skeleton table gets both readings too, so variants of لبنان see it.
        assert_eq!(
            texts(skeleton_analyzer(), "للبنان"),
            ["بنن|بنان", "لبنن|لبنان", "#بنان"]
        );
    }

    #[test]
    fn keep_subslice_handles_prefix_suffix_and_identity() {
        let mut s = String::from("abcdef");
        keep_subslice(&mut s, |t| &t[2..4]);
        assert_eq!(s, "cd");
        let mut s = String::from("abc");
        keep_subslice(&mut s, |t| t);
        assert_eq!(s, "abc");
    }

    #[test]
    fn stem_filter_conflates_inflections() {
        assert_eq!(
            texts(stem_analyzer(), "الاتفاقيات والاتفاقية المعلمون"),
            ["اتفاق", "اتفاق", "معلم"]
        );
    }

    #[test]
    fn skeleton_filter_keys_words_by_skeleton() {
        assert_eq!(
            texts(skeleton_analyzer(), "وترامب في بيونج يانج مع Trump"),
            ["ترمب|ترامب", "بنغ|بيونج", "ينغ|يانج"]
        );
        // Words written with the article are also recorded as such.
        assert_eq!(
            texts(skeleton_analyzer(), "الفكرة بصنعاء وبالفكرة"),
            ["فغر|فكره", "#فكره", "بسنع|بصنعاء", "فغر|فكره", "#فكره"]
        );
        assert_eq!(texts(skeleton_analyzer(), "ترمب"), ["ترمب|ترمب"]);
        assert_eq!(texts(skeleton_analyzer(), "بیونغیانغ"), ["بنغنغ|بيونغيانغ"]);
    }

    #[test]
    fn short_skeletons_are_dropped() {
        // قال → قل: two consonants, too ambiguous to index.
        assert!(texts(skeleton_analyzer(), "قال").is_empty());
    }
}
