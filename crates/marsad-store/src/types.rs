//! What goes in and out of a [`crate::Store`].

use std::collections::HashSet;
use std::ops::AddAssign;

use marsad_model::{Page, Published, Role};
use serde::Serialize;

use crate::prepare::{ContentHash, NewArticle, NewPage};

/// An article as stored, with its page's url and source: what the indexer,
/// the stages and the listing need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    pub id: i64,
    pub page_id: i64,
    pub role: Role,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// Body paragraphs joined by blank lines.
    pub text: String,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub url: Option<String>,
    pub source: String,
    pub dateline: Option<String>,
    pub byline: Option<String>,
    pub original_source: Option<String>,
    /// When the page was fetched, as its input gives it (the WARC date, or
    /// a corpus's crawl date: SaudiNewsNet has no publication date).
    pub fetched: Option<String>,
    /// The sequence number of the write that last changed this article.
    pub seq: u64,
    /// No longer found on its page by the current extractor (kept, so that
    /// what later stages say about this id never points at other text).
    pub gone: bool,
}

/// The page fields an article carries along.
#[derive(Debug, Clone)]
pub struct PageRef {
    pub url: Option<String>,
    pub source: String,
    pub fetched: Option<String>,
}

impl StoredArticle {
    /// The stored form of a new article of `page`, once it has its id.
    pub fn from_new(id: i64, page_id: i64, seq: u64, a: &NewArticle, page: &NewPage) -> Self {
        let p = PageRef {
            url: page.url.clone(),
            source: page.source.clone(),
            fetched: page.fetched.clone(),
        };
        Self::from_parts(id, page_id, seq, a, p)
    }

    pub fn from_parts(id: i64, page_id: i64, seq: u64, a: &NewArticle, page: PageRef) -> Self {
        let art = &a.article;
        StoredArticle {
            id,
            page_id,
            role: art.role,
            title: art.title.clone(),
            subtitle: art.subtitle.clone(),
            text: a.text.clone(),
            outlet: art.outlet.clone(),
            published: art.published,
            url: page.url,
            source: page.source,
            dateline: art.dateline.clone(),
            byline: art.byline.clone(),
            original_source: art.original_source.clone(),
            fetched: page.fetched,
            seq,
            gone: false,
        }
    }
}

/// A change to one article, for consumers catching up with the store.
// Nearly every change is `Live`: boxing it would allocate once per article for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ArticleChange {
    /// New or rewritten: replace what is held under its id.
    Live(StoredArticle),
    /// Marked gone: drop what is held under its id.
    Gone { id: i64, seq: u64 },
}

impl ArticleChange {
    pub fn id(&self) -> i64 {
        match self {
            ArticleChange::Live(a) => a.id,
            ArticleChange::Gone { id, .. } => *id,
        }
    }

    pub fn seq(&self) -> u64 {
        match self {
            ArticleChange::Live(a) => a.seq,
            ArticleChange::Gone { seq, .. } => *seq,
        }
    }
}

/// One line of `marsad articles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub page_id: i64,
    pub role: Role,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub url: Option<String>,
    pub source: String,
    /// When the page was fetched, as its input gives it.
    pub fetched: Option<String>,
    /// The outlet the article credits as its source ("المصدر: الجزيرة").
    pub original_source: Option<String>,
}

/// Which articles to list. Date bounds are inclusive and compare the
/// local publication date; articles without a date are left out when
/// either bound is given.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub outlet: Option<String>,
    pub from: Option<Published>,
    pub to: Option<Published>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// How much the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Raw pages (text, HTML, WARC records), every revision.
    pub pages: u64,
    /// Records of already-clean corpora.
    pub corpus_records: u64,
    /// Live articles.
    pub articles: u64,
    /// Articles marked gone by a re-extraction.
    pub gone_articles: u64,
    pub paragraphs: u64,
    pub captions: u64,
    pub furniture: u64,
    /// Pages that are a later revision of a page at the same URL.
    pub revisions: u64,
    /// Pages remembered as failing extraction.
    pub failed_pages: u64,
}

/// A stored raw page, decoded again for re-extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    pub id: i64,
    pub page: Page,
}

/// A page's identity: its URL key and where it stands among the revisions
/// found at that URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageInfo {
    pub id: i64,
    pub source: String,
    pub url: Option<String>,
    /// The normalized URL ([`marsad_model::normalize_url`]), when the page has a URL.
    pub url_key: Option<String>,
    /// 1 for the first content seen at its URL, 2 for the next, …
    pub revision: u32,
    /// The page this one is a revision of.
    pub previous: Option<i64>,
    #[serde(skip)]
    pub content_hash: ContentHash,
}

/// What a batch added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct InsertStats {
    /// Pages (or corpus records) stored.
    pub new_pages: u64,
    /// Pages already in the store (same content hash), not stored again.
    pub duplicates: u64,
    /// Of the new pages, those that are a new revision of a known URL.
    pub revisions: u64,
    /// Articles stored.
    pub articles: u64,
}

impl AddAssign for InsertStats {
    fn add_assign(&mut self, o: Self) {
        self.new_pages += o.new_pages;
        self.duplicates += o.duplicates;
        self.revisions += o.revisions;
        self.articles += o.articles;
    }
}

/// The result of [`crate::Store::insert_pages`].
#[derive(Debug, Default)]
pub struct InsertOutcome {
    pub stats: InsertStats,
    /// The sequence number of this write (unchanged when nothing was written).
    pub seq: u64,
    /// The stored articles, to hand to a sink.
    pub articles: Vec<StoredArticle>,
}

/// What re-extracting a batch of stored pages changed.
#[derive(Debug, Default)]
pub struct ReplaceOutcome {
    pub pages: u64,
    /// Articles matched to an old one: rewritten in place, same id.
    pub kept: u64,
    /// Articles the new extraction found that match no old one (new ids).
    pub added: u64,
    /// Ids of old articles the new extraction no longer finds, now marked gone.
    pub gone: Vec<i64>,
    /// The sequence number of this write.
    pub seq: u64,
    /// Every live article of the batch as now stored.
    pub articles: Vec<StoredArticle>,
}

/// Which content hashes a store knows: stored pages, and pages that failed
/// extraction before under the extractor version asked about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownHashes {
    pub stored: HashSet<ContentHash>,
    pub failed: HashSet<ContentHash>,
}

impl KnownHashes {
    pub fn contains(&self, hash: &ContentHash) -> bool {
        self.stored.contains(hash) || self.failed.contains(hash)
    }
}

/// A page whose extraction failed, remembered so that the next run skips it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFailure {
    pub content_hash: ContentHash,
    pub source: String,
    pub error: String,
    pub extractor_version: String,
}

/// One row an analysis stage keeps: `kind` names what it is (`story`,
/// `entity`, …), `key` what it is about, `value` the stage's own JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageRow {
    pub kind: String,
    pub key: String,
    pub article_id: Option<i64>,
    pub value: String,
}

/// An analysis stage's write: drop its rows about `articles` (or all of its
/// rows), add `rows`, and record that it has seen the store up to `seq`.
#[derive(Debug, Clone, Default)]
pub struct StageWrite {
    pub stage: String,
    pub version: u32,
    pub seq: u64,
    pub clear_all: bool,
    pub articles: Vec<i64>,
    pub rows: Vec<StageRow>,
}

/// How far an analysis stage has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageProgress {
    pub version: u32,
    pub seq: u64,
}

/// Which of a stage's rows to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageQuery {
    /// Every row of one kind.
    Kind(String),
    /// The rows of one kind under one key.
    Key { kind: String, key: String },
    /// The rows of one kind under any of `keys` (read in one go, however
    /// many there are).
    Keys { kind: String, keys: Vec<String> },
    /// Every row about one article, whatever its kind.
    Article(i64),
    /// Every row about any of these articles, whatever its kind (read in
    /// one go, however many there are).
    Articles(Vec<i64>),
}
