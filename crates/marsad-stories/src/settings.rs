//! Every threshold and weight of the stage, in one place, with the reason for its value.
//!
//! Figures quoted here were measured with the commands in the crate's README.

// ---------------------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------------------

/// Words per shingle for near-duplicate detection. Five words is the definition of the
/// SaudiNewsNet truth ("word-5-shingle Jaccard ≥ 0.5") and the usual choice for news.
pub const SHINGLE_WORDS: usize = 5;

/// Hash functions in a MinHash signature. 128 gives a standard error of 0.044 at J = 0.5; the
/// signature only finds candidates, the decision uses the exact shingle Jaccard.
pub const MINHASH_SIZE: usize = 128;

/// Title words count this many times in the term vector: the headline names the event.
pub const TITLE_WEIGHT: u16 = 3;

/// Words of the lead paragraph count this many times more (the lead names the event) ...
pub const LEAD_EXTRA_WEIGHT: u16 = 2;
/// ... up to this many of its words.
pub const MAX_LEAD_WORDS: usize = 60;

/// At most this many distinct terms are kept per article (the most frequent), which bounds
/// memory and comparison cost; the tail of a long article changes cosines very little.
pub const MAX_TERMS: usize = 160;

/// Words shorter than this (in letters) are not terms (they are mostly particles).
pub const MIN_TERM_LETTERS: usize = 2;

/// A number is a "figure" when it has at least this many digits (so "3 ملايين" is a figure
/// only through its unit word, see [`FIGURE_UNIT_WORDS`]).
pub const MIN_FIGURE_DIGITS: usize = 2;

/// A number in this range with no unit is taken for a year (a date, not a figure).
pub const YEAR_RANGE: std::ops::RangeInclusive<u64> = 1900..=2100;

/// Number words that make even a one-digit number a figure ("3 ملايين قذيفة").
pub const FIGURE_UNIT_WORDS: &[&str] = &["الف", "آلاف", "مليون", "ملايين", "مليار", "مليارات"];

/// A quotation counts when it has at least this many words.
pub const MIN_QUOTE_WORDS: usize = 4;

/// A quotation is keyed by its first words (without stopwords): translations and trims of
/// the same quote agree on the opening more often than on the end.
pub const QUOTE_KEY_WORDS: usize = 3;

/// Name keys are taken after a title word ([`crate::lexicon::TITLE_CUES`]): at most this many
/// words that follow it and do not carry the article ال.
pub const NAME_WORDS_AFTER_CUE: usize = 2;

/// Texts with fewer words than this are only compared exactly (no near-duplicate search):
/// two short captions share 5-word shingles by accident.
pub const MIN_WORDS_FOR_NEAR: usize = 20;

// ---------------------------------------------------------------------------------------------
// Duplicates
// ---------------------------------------------------------------------------------------------

/// LSH bands × rows over the signature: 42 bands of 3 rows find a pair at J = 0.5 with
/// probability 0.996 and at J = 0.45 with 0.98.
pub const LSH_BANDS: usize = 42;
/// Rows per LSH band.
pub const LSH_ROWS: usize = 3;

/// Two texts are near-duplicates at this word-5-shingle Jaccard or more (exact, computed on
/// the shingle sets once the signature has made them candidates).
pub const NEAR_JACCARD: f32 = 0.5;

/// At most this many near-duplicate links are reported per article (a wire piece copied by
/// every outlet), nearest first.
pub const MAX_NEAR_LINKS: usize = 64;

/// Candidates whose signature estimate is below this are not checked exactly (the estimate's
/// standard error is 0.044, so a real 0.5 pair is not lost).
pub const NEAR_ESTIMATE_FLOOR: f32 = 0.3;

/// Only the most recent entries of one LSH bucket are looked at (buckets of boilerplate can
/// grow large; copies of a piece cluster in time).
pub const MAX_BUCKET_SCAN: usize = 200;

/// A copy that credits an outlet ("المصدر: الجزيرة", "(رويترز)") is a `credit` copy of a
/// recent article of that outlet when the two are at least this likely to be the same story.
pub const CREDIT_MIN_SAME_STORY: f32 = 0.7;

/// A `rewrite` (little shared wording, same facts) needs at least this many shared quotes,
/// figures and mentioned dates together ...
pub const REWRITE_MIN_FACTS: usize = 3;
/// ... at least one of them a quote or a figure (dates alone are shared by a whole news day) ...
pub const REWRITE_MIN_QUOTES_OR_FIGURES: usize = 2;
/// ... and this same-story score.
pub const REWRITE_MIN_SAME_STORY: f32 = 0.8;

/// Credit and rewrite copies are looked for only this close in time (days).
pub const COPY_MAX_DAYS: f32 = 3.0;

// ---------------------------------------------------------------------------------------------
// Stories
// ---------------------------------------------------------------------------------------------

/// `same_story ≥` this joins a story.
pub const SAME_STORY: f32 = 0.5;

/// The same-story logit: `bias + Σ weight × signal − time penalty`, then the logistic function.
/// Signals are in [0, 1]: TF-IDF cosine, title cosine, shared name keys, shared figures, shared
/// mentioned dates, shared quotations.
///
/// The weights are a logistic regression on the 45,753 pairs of the labelled ANT week
/// (`scripts/fit_weights.py`: bias −5.38, cosine 14.65, title 11.01, names 2.47, figures 2.90,
/// dates 0.08, quotes −0.11 (kept at 0), 0.43 per day after two). The bias is moved from −5.38
/// to −6.0 so that the 0.5 cut sits where B-cubed F1 on that week peaked (a cut of 0.65 on the
/// fitted scale).
pub const LOGIT_BIAS: f32 = -6.0;
/// Weight of the TF-IDF cosine (title weighted).
pub const W_COSINE: f32 = 14.7;
/// Weight of the titles' own cosine.
pub const W_TITLE: f32 = 11.0;
/// Weight of shared name keys (overlap with the smaller set, smoothed). Fitted on the word-list
/// names; with the entity stage's keys, 2.0 did a little better on the ANT week (B-cubed F1
/// 0.849 alone / 0.854 inside all ANT, against 0.839 / 0.851) but merged the seeds' November
/// follow-up into the June story, so it stays.
pub const W_NAMES: f32 = 2.5;
/// Weight of shared figures.
pub const W_FIGURES: f32 = 2.9;
/// Weight of shared mentioned dates.
pub const W_DATES: f32 = 0.1;
/// Weight of shared quotations.
pub const W_QUOTES: f32 = 0.0;

/// Shared figures, dates and quotes saturate at these counts.
pub const FIGURES_SATURATE: f32 = 3.0;
/// See [`FIGURES_SATURATE`].
pub const DATES_SATURATE: f32 = 2.0;
/// See [`FIGURES_SATURATE`].
pub const QUOTES_SATURATE: f32 = 2.0;

/// Publications this close (days) cost nothing ...
pub const TIME_GRACE_DAYS: f32 = 2.0;
/// ... after which every further day lowers the logit by this much.
pub const TIME_PENALTY_PER_DAY: f32 = 0.43;

/// A story's score for a new article: `(1 − MEAN_LINK) × best single article + MEAN_LINK ×
/// mean over its last [`MEAN_LINK_ARTICLES`] articles`. Single link alone chains a topic's
/// events into one story; the mean asks the article to fit the story, not one member.
pub const MEAN_LINK: f32 = 0.0;
/// The story's most recent articles the mean link averages over.
pub const MEAN_LINK_ARTICLES: usize = 8;

/// Articles further apart than this (days) are never in one story; it bounds the candidates.
pub const STORY_WINDOW_DAYS: f32 = 14.0;

/// A new story follows an earlier one when their content score (time left out) reaches this ...
pub const FOLLOW_UP_MIN: f32 = 0.5;
/// ... and the earlier story's last article is at least this many days older.
pub const FOLLOW_UP_MIN_GAP_DAYS: f32 = 7.0;

/// The top terms (by TF-IDF weight) of a new article used to find candidate articles.
pub const QUERY_TERMS: usize = 12;
/// The top terms of an article under which it is indexed for later articles.
pub const INDEX_TERMS: usize = 20;
/// Per term, only the most recent postings are looked at.
pub const MAX_POSTING_SCAN: usize = 300;
/// At most this many candidate articles (most shared query terms first) are scored.
pub const MAX_CANDIDATES: usize = 40;
/// The first articles of a story that represent it when later stories look for one to follow.
pub const STORY_REPRESENTATIVES: usize = 3;
/// Stories scored as possible predecessors of a new story.
pub const MAX_FOLLOW_UP_CANDIDATES: usize = 10;
