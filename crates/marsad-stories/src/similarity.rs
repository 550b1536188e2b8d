//! The same-story measure: one function used by the clustering and on its own.

use rustc_hash::FxHashMap;

use crate::features::Features;
use crate::settings::*;

/// Document frequencies of terms, for IDF. The [`StoryIndex`](crate::StoryIndex) keeps one,
/// updated as articles are placed; [`TermStats::default`] (no documents) gives every term the
/// same weight, which is what two articles compared on their own get.
#[derive(Debug, Clone, Default)]
pub struct TermStats {
    df: FxHashMap<u32, u32>,
    docs: u32,
}

impl TermStats {
    /// Counts one more document.
    pub fn add(&mut self, f: &Features) {
        self.docs += 1;
        for &(t, _) in &f.terms {
            *self.df.entry(t).or_insert(0) += 1;
        }
    }

    /// Documents counted.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Smoothed inverse document frequency: `ln((1 + N) / (1 + df)) + 1`.
    pub fn idf(&self, term: u32) -> f32 {
        let df = self.df.get(&term).copied().unwrap_or(0);
        ((1.0 + self.docs as f32) / (1.0 + df as f32)).ln() + 1.0
    }
}

/// An article as the measure sees it: its L2-normalised TF-IDF vector (weighted with the
/// statistics at the time it was built) and its structured signals.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// (term, weight), sorted by term; unit length.
    pub terms: Vec<(u32, f32)>,
    /// The title's terms (idf weights), sorted by term; unit length (empty without a title).
    pub title: Vec<(u32, f32)>,
    /// Name keys, sorted.
    pub names: Vec<u64>,
    /// Figure keys, sorted.
    pub figures: Vec<u64>,
    /// Mentioned dates, sorted.
    pub dates: Vec<i32>,
    /// Quotation keys, sorted.
    pub quotes: Vec<u64>,
    /// MinHash signature (may be empty).
    pub signature: Vec<u32>,
    /// Date in minutes, when known.
    pub minutes: Option<i64>,
}

impl Doc {
    /// The document of `f` under `stats`.
    pub fn new(f: &Features, stats: &TermStats) -> Doc {
        let mut terms: Vec<(u32, f32)> = f
            .terms
            .iter()
            .map(|&(t, c)| (t, (1.0 + f32::from(c).ln()) * stats.idf(t)))
            .collect();
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut terms {
                *w /= norm;
            }
        }
        let mut title: Vec<(u32, f32)> = f.title_terms.iter().map(|&t| (t, stats.idf(t))).collect();
        let norm = title.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut title {
                *w /= norm;
            }
        }
        Doc {
            terms,
            title,
            names: f.names.clone(),
            figures: f.figures.clone(),
            dates: f.dates.clone(),
            quotes: f.quotes.clone(),
            signature: f.signature.clone(),
            minutes: f.minutes,
        }
    }

    /// The document of `f` compared on its own (no corpus statistics).
    pub fn standalone(f: &Features) -> Doc {
        Doc::new(f, &TermStats::default())
    }

    /// The `n` heaviest terms, heaviest first (ties by key).
    pub(crate) fn top_terms(&self, n: usize) -> Vec<u32> {
        let mut t: Vec<(u32, f32)> = self.terms.clone();
        t.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        t.into_iter().take(n).map(|(k, _)| k).collect()
    }
}

/// The signals of a pair, each in [0, 1] (`days`: the gap between publications, when both are
/// dated).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Signals {
    /// TF-IDF cosine.
    pub cosine: f32,
    /// TF-IDF cosine of the titles alone.
    pub title: f32,
    /// Shared name keys over the smaller set (+1).
    pub names: f32,
    /// Shared figures, saturating.
    pub figures: f32,
    /// Shared mentioned dates, saturating.
    pub dates: f32,
    /// Shared quotations, saturating.
    pub quotes: f32,
    /// Signature estimate of the word-shingle Jaccard (0 when a text is too short).
    pub jaccard: f32,
    /// Days between the two publications, when both are dated.
    pub days: Option<f32>,
    /// Shared counts, for the rewrite rule.
    pub shared_figures: usize,
    /// Shared mentioned dates.
    pub shared_dates: usize,
    /// Shared quotations.
    pub shared_quotes: usize,
}

/// Computes the signals of a pair.
pub fn signals(a: &Doc, b: &Doc) -> Signals {
    let shared_names = shared(&a.names, &b.names);
    let smaller = a.names.len().min(b.names.len()) as f32;
    let shared_figures = shared(&a.figures, &b.figures);
    let shared_dates = shared(&a.dates, &b.dates);
    let shared_quotes = shared(&a.quotes, &b.quotes);
    Signals {
        cosine: cosine(&a.terms, &b.terms),
        title: cosine(&a.title, &b.title),
        names: shared_names as f32 / (smaller + 1.0),
        figures: (shared_figures as f32 / FIGURES_SATURATE).min(1.0),
        dates: (shared_dates as f32 / DATES_SATURATE).min(1.0),
        quotes: (shared_quotes as f32 / QUOTES_SATURATE).min(1.0),
        jaccard: estimate_jaccard(&a.signature, &b.signature),
        days: match (a.minutes, b.minutes) {
            (Some(x), Some(y)) => Some((x - y).unsigned_abs() as f32 / 1440.0),
            _ => None,
        },
        shared_figures,
        shared_dates,
        shared_quotes,
    }
}

/// The weights of the same-story logit (see [`settings`](crate::settings) for the fitted
/// values and where they come from). [`Weights::default`] is what the stage uses; others are
/// for evaluation (the held-out fit of the ANT example refits them on part of the labels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// The logit's constant.
    pub bias: f32,
    /// TF-IDF cosine.
    pub cosine: f32,
    /// Titles' cosine.
    pub title: f32,
    /// Shared name keys.
    pub names: f32,
    /// Share of a story's score that is the mean over its recent articles (group-average
    /// link) rather than the best single article (single link); see [`MEAN_LINK`].
    pub mean_link: f32,
    /// Shared figures.
    pub figures: f32,
    /// Shared mentioned dates.
    pub dates: f32,
    /// Shared quotations.
    pub quotes: f32,
    /// Lowered per day after [`TIME_GRACE_DAYS`].
    pub per_day: f32,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            bias: LOGIT_BIAS,
            cosine: W_COSINE,
            title: W_TITLE,
            names: W_NAMES,
            mean_link: MEAN_LINK,
            figures: W_FIGURES,
            dates: W_DATES,
            quotes: W_QUOTES,
            per_day: TIME_PENALTY_PER_DAY,
        }
    }
}

impl Signals {
    /// The content logit under `w`: everything but time.
    pub fn content_logit_with(&self, w: &Weights) -> f32 {
        w.bias
            + w.cosine * self.cosine
            + w.title * self.title
            + w.names * self.names
            + w.figures * self.figures
            + w.dates * self.dates
            + w.quotes * self.quotes
    }

    /// The content logit: everything but time.
    pub fn content_logit(&self) -> f32 {
        self.content_logit_with(&Weights::default())
    }

    /// Days past the grace period (0 when a date is unknown): what the time penalty counts.
    pub fn days_past_grace(&self) -> f32 {
        self.days
            .map(|d| (d - TIME_GRACE_DAYS).max(0.0))
            .unwrap_or(0.0)
    }

    /// The time penalty on the logit (0 when a date is unknown).
    pub fn time_penalty(&self) -> f32 {
        self.days_past_grace() * TIME_PENALTY_PER_DAY
    }

    /// Same story under `w`, in [0, 1]: near-duplicates are always the same story (≥ 0.95);
    /// otherwise the logistic of the content logit minus the time penalty; 0 beyond the story
    /// window.
    pub fn same_story_with(&self, w: &Weights) -> f32 {
        if self.days.is_some_and(|d| d > STORY_WINDOW_DAYS) {
            return 0.0;
        }
        let p = logistic(self.content_logit_with(w) - self.days_past_grace() * w.per_day);
        if self.jaccard >= NEAR_JACCARD {
            p.max(0.95)
        } else {
            p
        }
    }

    /// Same story under the stage's weights ([`Signals::same_story_with`]).
    pub fn same_story(&self) -> f32 {
        self.same_story_with(&Weights::default())
    }

    /// The content score alone under `w` (time left out): how a later story is recognised as
    /// a follow-up of an earlier one.
    pub fn content_with(&self, w: &Weights) -> f32 {
        logistic(self.content_logit_with(w))
    }

    /// The content score under the stage's weights.
    pub fn content(&self) -> f32 {
        self.content_with(&Weights::default())
    }
}

/// How likely `a` and `b` tell the same story, in [0, 1]; ≥ 0.5 means the same story. The
/// measure the clustering uses: see [`Signals::same_story`] and the weights in
/// [`settings`](crate::settings).
pub fn same_story(a: &Doc, b: &Doc) -> f32 {
    signals(a, b).same_story()
}

fn logistic(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

pub(crate) fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

/// Elements shared by two sorted, distinct slices.
pub(crate) fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Jaccard of two sorted, distinct shingle sets.
pub fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    let inter = shared(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

/// The signature estimate of the shingle Jaccard.
pub fn estimate_jaccard(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / a.len() as f32
}
