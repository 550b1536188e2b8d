//! Named weights and thresholds of the index, in one place.

/// Tokens longer than this many bytes are not indexed (hashes, glued URLs): no word is this
/// long, even in Arabic's two bytes per letter.
pub const MAX_TOKEN_BYTES: usize = 100;

/// Skeletons with fewer letters are not indexed or searched: two consonants (قال → قل)
/// match far too many unrelated words. ترمب, بنغ (بيونغ) and بتن (بوتين) pass.
pub const MIN_SKELETON_CHARS: usize = 3;

/// Per-field weights, multiplied into each field's BM25 score. A word's score is the sum over
/// the fields and forms it matches in: a word found as typed also scores on `stem`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Boosts {
    pub title: f32,
    pub subtitle: f32,
    pub text: f32,
    /// Light stems: recall for inflected forms (اتفاقيات for اتفاقية), never above an exact hit.
    pub stem: f32,
    /// Spelling variants found through name skeletons (ترامب for ترمب, بيونج يانج for
    /// بيونغ يانغ), multiplied into the title/subtitle/text weights.
    pub variant: f32,
    /// Whole forms with a bare proclitic (بصنعاء, لحماس for صنعاء, حماس; see
    /// [`crate::query`]), multiplied into the weights of the form they extend.
    pub clitic: f32,
}

/// The weights used by [`crate::Index::search`]: title ×2.5 so that a title match outranks a
/// body-only match; recall fields below the exact ones.
pub const BOOSTS: Boosts = Boosts {
    title: 2.5,
    subtitle: 1.5,
    text: 1.0,
    stem: 0.5,
    variant: 0.7,
    clitic: 0.9,
};

/// Snippet length, in bytes of the original text (about 110 Arabic letters with spaces).
pub const SNIPPET_MAX_BYTES: usize = 220;

/// Context kept before the first match of a snippet, in bytes.
pub const SNIPPET_LEAD_BYTES: usize = 50;

/// Matches of one text considered for its snippet (the first ones).
pub const MAX_SNIPPET_MATCHES: usize = 500;

/// Smallest indexing buffer tantivy accepts per indexing thread.
pub const MIN_HEAP_PER_THREAD: usize = 15_000_000;

/// Spelling variants kept per query word (the most frequent in the index).
pub const MAX_VARIANTS: usize = 16;

/// A query word is also tried as two adjacent words ("بيونغيانغ" → "بيونغ يانغ") when both
/// parts have at least this many letters ("عبد الله" yes, "لم اذا" no).
pub const MIN_SPLIT_PART_CHARS: usize = 3;

/// A query word W also matches the indexed whole forms pW for these proclitics (bare
/// prepositions and ف, alone or after ف; و before them is already removed by the analyzer:
/// وبصنعاء is indexed as بصنعاء). و alone is not among them: وزير must never be found by زير.
pub const EXPANDED_PROCLITICS: &[&str] = &["ب", "ل", "ك", "ف", "فب", "فل", "فك"];

/// Letters W must have to be expanded: two-letter words are mostly a piece of longer ones
/// (حر/بحر, عد/بعد, ما/كما).
pub const MIN_CHARS_EXPANDED: usize = 3;

/// Documents W must be found in, as written, to be expanded: a word the collection never
/// writes on its own is no evidence that pW is p + W.
pub const MIN_ATTESTED_DOCS: u64 = 2;

/// pW is taken as p + W only when W is written on its own in at least this share of the
/// documents that write pW. A true prefix may be frequent (لكرة القدم is written more often
/// than كرة alone) but keeps W in use; a word that merely starts with the letter is
/// independent of the rest, which is often rare or absent (بكين beside كين, بيان beside يان).
pub const MIN_ATTESTED_RATIO: f32 = 0.25;

/// pW is a word of its own, never p + W, when at least this share of the documents that
/// write pW write it with the article (الفكرة, البحث, اللجنة): the article never goes before
/// a preposition, so فكرة is not ف + كرة even where كرة is frequent. "البصنعاء" is never
/// written; a stray typo among many بصنعاء stays below the share.
pub const MAX_ARTICLE_SHARE: f32 = 0.05;
