//! The online state: everything needed to place the next article, rebuilt at start-up from
//! the stored [`ArticleRecord`]s.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::error::StoryError;
use crate::features::Features;
use crate::hash::{combine, hash64};
use crate::settings::*;
use crate::similarity::{estimate_jaccard, jaccard, signals, Doc, Signals, TermStats, Weights};

/// A story's id: assigned when the story starts, never changed afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub u64);

impl std::fmt::Display for StoryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How a copy was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CopyKind {
    /// The same words (after normalization).
    Exact,
    /// Word-5-shingle Jaccard ≥ [`NEAR_JACCARD`].
    Near,
    /// It credits the other article's outlet and tells the same story.
    Credit,
    /// Little shared wording, but the same quotes, figures and dates.
    Rewrite,
}

impl CopyKind {
    /// The name used in the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Exact => "exact",
            CopyKind::Near => "near",
            CopyKind::Credit => "credit",
            CopyKind::Rewrite => "rewrite",
        }
    }
}

/// What a copy was matched to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CopyOf {
    /// The duplicate group it belongs to.
    pub group: i64,
    /// The article it was recognised as a copy of (not necessarily the group's original).
    pub of: i64,
    /// How it was recognised.
    pub kind: CopyKind,
    /// Shingle Jaccard for exact and near copies, the same-story score otherwise.
    pub similarity: f32,
}

/// An earlier article a new one is a near-duplicate of.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NearLink {
    /// The earlier article.
    pub article: i64,
    /// Their word-5-shingle Jaccard.
    pub similarity: f32,
}

/// One member of a [`DuplicateGroup`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMember {
    /// The article's id.
    pub article: i64,
    /// How it was recognised; `None` for the article the group started from.
    pub kind: Option<CopyKind>,
}

/// Articles that are copies of one another, with one original.
///
/// The original is the member whose outlet the other members credit; when none is credited
/// (or several are, equally), the earliest (dated before undated, then placement order). A
/// credit beats a date because dates here are often crawl dates, and a page cannot credit an
/// outlet that had not published the piece.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    /// The id of the article the group started from; never changes.
    pub id: i64,
    /// The original's article id.
    pub original: i64,
    /// The outlet most members credit, when any (it may not be in the corpus).
    pub credited: Option<String>,
    /// In placement order.
    pub members: Vec<GroupMember>,
}

/// What placing one article decided: what the store keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The article placed.
    pub article: i64,
    /// Placement order (0, 1, 2, … over the life of the index).
    pub seq: u64,
    /// The story it is in.
    pub story: StoryId,
    /// Whether this article started its story.
    pub new_story: bool,
    /// Earlier stories this new story follows up (empty unless `new_story`).
    pub follows: Vec<StoryId>,
    /// The score with which it joined its story (1 for a story's first article).
    pub same_story: f32,
    /// What it is a copy of, when it is one.
    pub copy: Option<CopyOf>,
    /// Every earlier article this one is a near-duplicate of (word-5-shingle Jaccard ≥
    /// [`NEAR_JACCARD`], nearest first, at most [`MAX_NEAR_LINKS`]): the near-duplicate relation
    /// itself, which groups can only approximate (it is not transitive).
    pub near: Vec<NearLink>,
    /// The article's duplicate group after this placement, when it is in one (the store
    /// replaces the group's rows with it: its original may have changed).
    pub group: Option<DuplicateGroup>,
}

/// The per-article record the store keeps to rebuild the index: [`Features`] and
/// [`Placement`]. Serde serialisable; with a binary format (postcard, bincode) about 3 kB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// The article's features.
    pub features: Features,
    /// Its placement.
    pub placement: Placement,
}

/// What is kept of a placed article.
#[derive(Debug, Clone)]
struct Entry {
    id: i64,
    seq: u64,
    doc: Doc,
    shingles: Vec<u32>,
    outlet: Option<String>,
    credits: Vec<String>,
    page: Option<u64>,
    story: u32,
    group: Option<i64>,
}

#[derive(Debug, Clone)]
struct StoryState {
    id: StoryId,
    first: Option<i64>,
    last: Option<i64>,
    articles: Vec<u32>,
    pages: Vec<u64>,
}

/// The stage's state: exact-text hashes, LSH buckets of MinHash signatures, term and name
/// postings of recent articles, stories, duplicate groups and term statistics.
///
/// Placement is sequential and deterministic: the same articles placed in the same order give
/// the same result; [`StoryIndex::place_batch`] sorts a batch first so that how it was split
/// among threads does not matter.
#[derive(Debug, Default)]
pub struct StoryIndex {
    entries: Vec<Entry>,
    by_id: FxHashMap<i64, u32>,
    exact: FxHashMap<u64, u32>,
    buckets: FxHashMap<u64, Vec<u32>>,
    postings: FxHashMap<u64, Vec<u32>>,
    story_postings: FxHashMap<u64, Vec<u32>>,
    stories: Vec<StoryState>,
    story_index: FxHashMap<StoryId, u32>,
    groups: FxHashMap<i64, DuplicateGroup>,
    stats: TermStats,
    next_story: u64,
    next_seq: u64,
    weights: Weights,
}

/// A placed article a new one copies: its entry, how, and the similarity.
type Match = (u32, CopyKind, f32);

/// A candidate article scored against the new one.
struct Scored {
    entry: u32,
    signals: Signals,
    score: f32,
}

impl StoryIndex {
    /// An empty index.
    pub fn new() -> StoryIndex {
        StoryIndex {
            next_story: 1,
            ..StoryIndex::default()
        }
    }

    /// An empty index that scores pairs with other weights than the stage's (for evaluation:
    /// held-out fits). Records it produces restore into an index with the stage's weights.
    pub fn with_weights(weights: Weights) -> StoryIndex {
        StoryIndex {
            weights,
            ..StoryIndex::new()
        }
    }

    /// Articles placed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no article was placed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The term statistics (for [`Doc::new`] outside the index).
    pub fn stats(&self) -> &TermStats {
        &self.stats
    }

    /// The document of `f` as the index would compare it now.
    pub fn doc(&self, f: &Features) -> Doc {
        Doc::new(f, &self.stats)
    }

    /// A duplicate group by id.
    pub fn group(&self, id: i64) -> Option<&DuplicateGroup> {
        self.groups.get(&id)
    }

    /// The story of a placed article.
    pub fn story_of(&self, article: i64) -> Option<StoryId> {
        let e = self.by_id.get(&article)?;
        Some(self.stories[self.entries[*e as usize].story as usize].id)
    }

    /// Places a batch in the deterministic order ([`Features::order_key`]), whatever order it
    /// comes in. Placements are returned in that order.
    pub fn place_batch(&mut self, mut batch: Vec<Features>) -> Result<Vec<Placement>, StoryError> {
        batch.sort_by_key(Features::order_key);
        batch.into_iter().map(|f| self.place(f)).collect()
    }

    /// Places one article.
    pub fn place(&mut self, f: Features) -> Result<Placement, StoryError> {
        if self.by_id.contains_key(&f.id) {
            return Err(StoryError::AlreadyPlaced(f.id));
        }
        let doc = Doc::new(&f, &self.stats);
        let page = f.page.as_deref().map(|p| hash64(p.as_bytes()));

        let (duplicate, near) = self.find_duplicate(&f, page);
        let scored = self.score_candidates(&f, &doc, page, duplicate.map(|d| d.0));

        let mut copy: Option<Match> = duplicate;
        if copy.is_none() {
            copy = self.find_credit_or_rewrite(&f, &scored);
        }

        let mut story: Option<(u32, f32)> = None;
        if let Some((e, _, _)) = copy {
            let s = self.entries[e as usize].story;
            if !self.page_conflict(s, page) {
                let score = scored
                    .iter()
                    .find(|c| c.entry == e)
                    .map_or(1.0, |c| c.score.max(SAME_STORY));
                story = Some((s, score));
            }
        }
        if story.is_none() {
            story = self.best_story(f.minutes, &doc, &scored, page);
        }
        let (story, same_story, new_story, follows) = match story {
            Some((s, score)) => (s, score, false, Vec::new()),
            None => {
                let follows = self.find_follow_up(&doc);
                let id = StoryId(self.next_story);
                self.next_story += 1;
                let s = self.add_story(id);
                (s, 1.0, true, follows)
            }
        };
        let copy = copy.map(|(e, kind, similarity)| {
            let of = &self.entries[e as usize];
            CopyOf {
                group: of.group.unwrap_or(of.id),
                of: of.id,
                kind,
                similarity,
            }
        });
        let placement = Placement {
            article: f.id,
            seq: self.next_seq,
            story: self.stories[story as usize].id,
            new_story,
            follows,
            same_story,
            copy,
            near: near
                .into_iter()
                .map(|(e, similarity)| NearLink {
                    article: self.entries[e as usize].id,
                    similarity,
                })
                .collect(),
            group: None,
        };
        self.insert(f, doc, placement)
    }

    /// Rebuilds the index from stored records (any order: they are replayed by `seq`) without
    /// placing anything again.
    pub fn restore(
        records: impl IntoIterator<Item = ArticleRecord>,
    ) -> Result<StoryIndex, StoryError> {
        let mut records: Vec<ArticleRecord> = records.into_iter().collect();
        records.sort_by_key(|r| r.placement.seq);
        let mut index = StoryIndex::new();
        for r in records {
            if index.by_id.contains_key(&r.features.id) {
                return Err(StoryError::AlreadyPlaced(r.features.id));
            }
            let p = r.placement;
            if let Some(c) = &p.copy {
                if !index.by_id.contains_key(&c.of) {
                    return Err(StoryError::UnknownArticle(c.of));
                }
            }
            if !p.new_story && !index.story_index.contains_key(&p.story) {
                return Err(StoryError::UnknownStory(p.story));
            }
            if p.new_story {
                index.add_story(p.story);
                index.next_story = index.next_story.max(p.story.0 + 1);
            }
            let doc = Doc::new(&r.features, &index.stats);
            index.next_seq = p.seq;
            index.insert(r.features, doc, p)?;
        }
        Ok(index)
    }

    /// Days between a time and a placed article: its own date, or when it has none, the span
    /// of its story's dated articles (an undated article is as old as its story).
    fn days_to(&self, minutes: Option<i64>, e: u32) -> Option<f32> {
        let now = minutes?;
        let entry = &self.entries[e as usize];
        let gap = match entry.doc.minutes {
            Some(m) => (now - m).abs(),
            None => {
                let story = &self.stories[entry.story as usize];
                let (first, last) = (story.first?, story.last?);
                if now < first {
                    first - now
                } else {
                    (now - last).max(0)
                }
            }
        };
        Some(gap as f32 / 1440.0)
    }

    fn page_conflict(&self, story: u32, page: Option<u64>) -> bool {
        page.is_some_and(|p| self.stories[story as usize].pages.contains(&p))
    }

    /// Duplicates of a new article: the one it is recorded as a copy of (exact first, else the
    /// near candidate whose group original it resembles most, else the nearest copy), and every
    /// earlier article it is a near-duplicate of (Jaccard ≥ [`NEAR_JACCARD`], nearest first).
    fn find_duplicate(&self, f: &Features, page: Option<u64>) -> (Option<Match>, Vec<(u32, f32)>) {
        let other_page = |e: u32| page.is_none() || self.entries[e as usize].page != page;
        let exact = (f.text_hash != 0)
            .then(|| self.exact.get(&f.text_hash).copied())
            .flatten()
            .filter(|&e| other_page(e));
        let mut near: Vec<(u32, f32)> = Vec::new();
        let mut best_original: Option<(u32, f32)> = None;
        let better = |best: Option<(u32, f32)>, e: u32, j: f32| {
            best.is_none_or(|(b, bj)| j > bj || (j == bj && e < b))
        };
        if !f.signature.is_empty() {
            let mut seen = FxHashSet::default();
            for key in band_keys(&f.signature) {
                let Some(bucket) = self.buckets.get(&key) else {
                    continue;
                };
                for &e in bucket.iter().rev().take(MAX_BUCKET_SCAN) {
                    if !seen.insert(e) || !other_page(e) {
                        continue;
                    }
                    let entry = &self.entries[e as usize];
                    if estimate_jaccard(&f.signature, &entry.doc.signature) < NEAR_ESTIMATE_FLOOR {
                        continue;
                    }
                    let j = jaccard(&f.shingles, &entry.shingles);
                    if j >= NEAR_JACCARD {
                        near.push((e, j));
                    }
                }
            }
            // A copy joins the group whose original it resembles most (groups stay stars
            // around their original rather than chains of copies of copies); only when no
            // candidate's original is near enough does it hang on the nearest copy.
            let near_of: FxHashMap<u32, f32> = near.iter().copied().collect();
            for &(e, j) in &near {
                let original = self.entries[e as usize]
                    .group
                    .and_then(|g| self.groups.get(&g))
                    .and_then(|g| self.by_id.get(&g.original).copied())
                    .unwrap_or(e);
                let jo = if original == e {
                    j
                } else {
                    match near_of.get(&original) {
                        Some(&jo) => jo,
                        None if other_page(original) => {
                            jaccard(&f.shingles, &self.entries[original as usize].shingles)
                        }
                        None => 0.0,
                    }
                };
                if jo >= NEAR_JACCARD && better(best_original, original, jo) {
                    best_original = Some((original, jo));
                }
            }
        }
        near.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        near.truncate(MAX_NEAR_LINKS);
        let nearest = near.first().copied();
        let choice = match exact {
            Some(e) => Some((e, CopyKind::Exact, 1.0)),
            None => best_original
                .or(nearest)
                .map(|(e, j)| (e, CopyKind::Near, j)),
        };
        (choice, near)
    }

    /// Recent articles sharing top terms or names with the new one, scored.
    fn score_candidates(
        &self,
        f: &Features,
        doc: &Doc,
        page: Option<u64>,
        duplicate: Option<u32>,
    ) -> Vec<Scored> {
        let mut hits: FxHashMap<u32, u32> = FxHashMap::default();
        for key in query_keys(doc, QUERY_TERMS) {
            let Some(list) = self.postings.get(&key) else {
                continue;
            };
            for &e in list.iter().rev().take(MAX_POSTING_SCAN) {
                *hits.entry(e).or_insert(0) += 1;
            }
        }
        let within_window = |e: u32| {
            self.days_to(f.minutes, e)
                .is_none_or(|d| d <= STORY_WINDOW_DAYS)
        };
        let mut ranked: Vec<(u32, u32)> = hits
            .into_iter()
            .filter(|&(e, _)| within_window(e))
            .collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(MAX_CANDIDATES);
        let mut candidates: Vec<u32> = ranked.into_iter().map(|(e, _)| e).collect();
        if let Some(d) = duplicate {
            if !candidates.contains(&d) {
                candidates.push(d);
            }
        }
        candidates
            .into_iter()
            .filter(|&e| page.is_none() || self.entries[e as usize].page != page)
            .map(|e| {
                let mut signals = signals(doc, &self.entries[e as usize].doc);
                signals.days = self.days_to(f.minutes, e);
                Scored {
                    entry: e,
                    score: signals.same_story_with(&self.weights),
                    signals,
                }
            })
            .collect()
    }

    fn find_credit_or_rewrite(
        &self,
        f: &Features,
        scored: &[Scored],
    ) -> Option<(u32, CopyKind, f32)> {
        let close = |c: &Scored| c.signals.days.is_none_or(|d| d <= COPY_MAX_DAYS);
        let best = |kind: CopyKind, ok: &dyn Fn(&Scored) -> bool| {
            scored
                .iter()
                .filter(|c| close(c) && ok(c))
                .max_by(|a, b| a.score.total_cmp(&b.score).then(b.entry.cmp(&a.entry)))
                .map(|c| (c.entry, kind, c.score))
        };
        let credited = |c: &Scored| {
            let e = &self.entries[c.entry as usize];
            c.score >= CREDIT_MIN_SAME_STORY
                && e.outlet.as_ref().is_some_and(|o| f.credits.contains(o))
        };
        let rewritten = |c: &Scored| {
            let s = &c.signals;
            let e = &self.entries[c.entry as usize];
            s.shared_quotes + s.shared_figures + s.shared_dates >= REWRITE_MIN_FACTS
                && s.shared_quotes + s.shared_figures >= REWRITE_MIN_QUOTES_OR_FIGURES
                && c.score >= REWRITE_MIN_SAME_STORY
                && (e.outlet.is_none() || e.outlet != f.outlet)
        };
        best(CopyKind::Credit, &credited).or_else(|| best(CopyKind::Rewrite, &rewritten))
    }

    /// The story whose articles the new one matches best, when that reaches [`SAME_STORY`]:
    /// a story's score is its best candidate's, blended with the mean over its recent
    /// articles by the weights' `mean_link` ([`MEAN_LINK`]).
    fn best_story(
        &self,
        minutes: Option<i64>,
        doc: &Doc,
        scored: &[Scored],
        page: Option<u64>,
    ) -> Option<(u32, f32)> {
        let mut single: Vec<(u32, f32)> = Vec::new();
        for c in scored {
            let s = self.entries[c.entry as usize].story;
            match single.iter_mut().find(|(t, _)| *t == s) {
                Some((_, best)) => *best = best.max(c.score),
                None => single.push((s, c.score)),
            }
        }
        let mean_link = self.weights.mean_link;
        let mut best: Option<(u32, f32)> = None;
        for (s, single_score) in single {
            if self.page_conflict(s, page) {
                continue;
            }
            let score = if mean_link > 0.0 {
                let recent = self.stories[s as usize]
                    .articles
                    .iter()
                    .rev()
                    .take(MEAN_LINK_ARTICLES);
                let (mut sum, mut n) = (0.0f32, 0.0f32);
                for &e in recent {
                    let score = match scored.iter().find(|c| c.entry == e) {
                        Some(c) => c.score,
                        None => {
                            let mut signals = signals(doc, &self.entries[e as usize].doc);
                            signals.days = self.days_to(minutes, e);
                            signals.same_story_with(&self.weights)
                        }
                    };
                    sum += score;
                    n += 1.0;
                }
                (1.0 - mean_link) * single_score + mean_link * sum / n.max(1.0)
            } else {
                single_score
            };
            if score < SAME_STORY {
                continue;
            }
            let better = match best {
                None => true,
                Some((bs, bscore)) => {
                    score > bscore
                        || (score == bscore
                            && self.stories[s as usize].id > self.stories[bs as usize].id)
                }
            };
            if better {
                best = Some((s, score));
            }
        }
        best
    }

    /// An earlier story (at least [`FOLLOW_UP_MIN_GAP_DAYS`] older) this new story develops.
    fn find_follow_up(&self, doc: &Doc) -> Vec<StoryId> {
        let Some(now) = doc.minutes else {
            return Vec::new();
        };
        let mut hits: FxHashMap<u32, u32> = FxHashMap::default();
        for key in query_keys(doc, QUERY_TERMS) {
            let Some(list) = self.story_postings.get(&key) else {
                continue;
            };
            for &s in list.iter().rev().take(MAX_POSTING_SCAN) {
                *hits.entry(s).or_insert(0) += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = hits.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(MAX_FOLLOW_UP_CANDIDATES);
        let mut best: Option<(u32, f32)> = None;
        for (s, _) in ranked {
            let story = &self.stories[s as usize];
            let old_enough = story
                .last
                .is_some_and(|last| (now - last) as f32 / 1440.0 >= FOLLOW_UP_MIN_GAP_DAYS);
            if !old_enough {
                continue;
            }
            let content = story
                .articles
                .iter()
                .take(STORY_REPRESENTATIVES)
                .map(|&e| signals(doc, &self.entries[e as usize].doc).content_with(&self.weights))
                .fold(0.0f32, f32::max);
            if content >= FOLLOW_UP_MIN && best.is_none_or(|(_, b)| content > b) {
                best = Some((s, content));
            }
        }
        best.map(|(s, _)| vec![self.stories[s as usize].id])
            .unwrap_or_default()
    }

    fn add_story(&mut self, id: StoryId) -> u32 {
        let s = self.stories.len() as u32;
        self.stories.push(StoryState {
            id,
            first: None,
            last: None,
            articles: Vec::new(),
            pages: Vec::new(),
        });
        self.story_index.insert(id, s);
        s
    }

    fn insert(
        &mut self,
        f: Features,
        doc: Doc,
        mut placement: Placement,
    ) -> Result<Placement, StoryError> {
        let e = self.entries.len() as u32;
        let story = *self
            .story_index
            .get(&placement.story)
            .ok_or(StoryError::UnknownStory(placement.story))?;
        let page = f.page.as_deref().map(|p| hash64(p.as_bytes()));

        if f.text_hash != 0 {
            self.exact.entry(f.text_hash).or_insert(e);
        }
        if !f.signature.is_empty() {
            for key in band_keys(&f.signature) {
                self.buckets.entry(key).or_default().push(e);
            }
        }
        let keys = query_keys(&doc, INDEX_TERMS);
        for &key in &keys {
            self.postings.entry(key).or_default().push(e);
        }
        let st = &mut self.stories[story as usize];
        if st.articles.is_empty() {
            for &key in &keys {
                self.story_postings.entry(key).or_default().push(story);
            }
        }
        st.articles.push(e);
        if let Some(p) = page {
            if !st.pages.contains(&p) {
                st.pages.push(p);
            }
        }
        if let Some(m) = f.minutes {
            st.first = Some(st.first.map_or(m, |x| x.min(m)));
            st.last = Some(st.last.map_or(m, |x| x.max(m)));
        }
        self.stats.add(&f);

        let group = match placement.copy {
            Some(c) => {
                let of = *self
                    .by_id
                    .get(&c.of)
                    .ok_or(StoryError::UnknownArticle(c.of))?;
                self.entries[of as usize].group = Some(c.group);
                Some(c.group)
            }
            None => None,
        };
        self.entries.push(Entry {
            id: f.id,
            seq: placement.seq,
            doc,
            shingles: f.shingles,
            outlet: f.outlet,
            credits: f.credits,
            page,
            story,
            group,
        });
        self.by_id.insert(f.id, e);
        self.next_seq = placement.seq + 1;

        if let Some(c) = placement.copy {
            let members = &mut self
                .groups
                .entry(c.group)
                .or_insert_with(|| DuplicateGroup {
                    id: c.group,
                    original: c.group,
                    credited: None,
                    members: vec![GroupMember {
                        article: c.group,
                        kind: None,
                    }],
                })
                .members;
            members.push(GroupMember {
                article: f.id,
                kind: Some(c.kind),
            });
            self.elect_original(c.group);
            placement.group = self.groups.get(&c.group).cloned();
        }
        Ok(placement)
    }

    /// Chooses the group's original; see [`DuplicateGroup`].
    fn elect_original(&mut self, group: i64) {
        let Some(g) = self.groups.get(&group) else {
            return;
        };
        let members: Vec<&Entry> = g
            .members
            .iter()
            .filter_map(|m| self.by_id.get(&m.article))
            .map(|&e| &self.entries[e as usize])
            .collect();
        let mut credit_counts: FxHashMap<&str, usize> = FxHashMap::default();
        for m in &members {
            for c in &m.credits {
                *credit_counts.entry(c.as_str()).or_insert(0) += 1;
            }
        }
        let credited = credit_counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| (*c).to_string());
        let credit_of = |m: &Entry| {
            m.outlet
                .as_deref()
                .and_then(|o| credit_counts.get(o))
                .copied()
                .unwrap_or(0)
        };
        let original = members
            .iter()
            .max_by(|a, b| {
                credit_of(a)
                    .cmp(&credit_of(b))
                    .then_with(|| match (a.doc.minutes, b.doc.minutes) {
                        (Some(x), Some(y)) => y.cmp(&x),
                        (Some(_), None) => std::cmp::Ordering::Greater,
                        (None, Some(_)) => std::cmp::Ordering::Less,
                        (None, None) => std::cmp::Ordering::Equal,
                    })
                    .then(b.seq.cmp(&a.seq))
            })
            .map(|m| m.id);
        if let (Some(original), Some(g)) = (original, self.groups.get_mut(&group)) {
            g.original = original;
            g.credited = credited;
        }
    }

    /// Every story's id with its articles' ids, in placement order (for evaluation and for the
    /// engine's consistency checks).
    pub fn stories(&self) -> impl Iterator<Item = (StoryId, Vec<i64>)> + '_ {
        self.stories.iter().map(|s| {
            (
                s.id,
                s.articles
                    .iter()
                    .map(|&e| self.entries[e as usize].id)
                    .collect(),
            )
        })
    }

    /// Every duplicate group.
    pub fn groups(&self) -> impl Iterator<Item = &DuplicateGroup> {
        self.groups.values()
    }
}

/// LSH band keys of a signature.
fn band_keys(sig: &[u32]) -> impl Iterator<Item = u64> + '_ {
    sig.chunks_exact(LSH_ROWS)
        .take(LSH_BANDS)
        .enumerate()
        .map(|(band, rows)| {
            rows.iter()
                .fold(band as u64 + 1, |h, &r| combine(h, u64::from(r)))
        })
}

/// Posting keys of a document: its heaviest terms and its names, tagged apart.
fn query_keys(doc: &Doc, terms: usize) -> Vec<u64> {
    let mut keys: Vec<u64> = doc
        .top_terms(terms)
        .into_iter()
        .map(|t| u64::from(t) << 1)
        .collect();
    keys.extend(doc.names.iter().map(|n| n | 1));
    keys
}
