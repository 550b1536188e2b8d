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
}

/// The weights used by [`crate::Index::search`]: title ×2.5 so that a title match outranks a
/// body-only match; recall fields below the exact ones.
pub const BOOSTS: Boosts = Boosts {
    title: 2.5,
    subtitle: 1.5,
    text: 1.0,
    stem: 0.5,
    variant: 0.7,
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
