//! The store interface of marsad: what every storage backend offers the
//! engine, with no backend's types in it.
//!
//! * [`Store`]: one connection to a store. Writing happens in batches, each
//!   one transaction ([`Store::insert_pages`], [`Store::replace_extracted`]);
//!   reading streams articles, changes since a sequence number, raw pages.
//! * Every write transaction takes the next **sequence number**
//!   ([`Store::seq`]) and stamps the articles it touched with it. Consumers
//!   derived from the store (the search index, analysis stages) record the
//!   sequence number they have seen, and catch up with
//!   [`Store::changes_since`].
//! * **Stable identity**: article ids are never reused. A re-extraction
//!   matches new articles to old ones by page, role and content
//!   ([`identity::match_articles`]); an old article no longer found is
//!   marked gone, not deleted. Pages have a URL identity beside their
//!   content hash: new content at a known URL is a new revision.
//! * [`ArticleSink`]: where committed articles go next (the index).
//! * [`conformance`]: the tests every backend must pass, written once.
//!
//! Backends: `marsad-store-sqlite` (embedded, the default) and
//! `marsad-store-postgres` (a server shared by many workers).

pub mod conformance;
pub mod identity;
mod prepare;
mod sink;
mod types;

pub use prepare::{content_hash, ContentHash, NewArticle, NewPage, Origin};
pub use sink::{ArticleSink, NoSink, SinkError};
pub use types::*;

use std::ops::ControlFlow;
use std::path::PathBuf;

use marsad_model::{Caption, ExtractedPage, Furniture, Paragraph};

/// A backend's own error (SQL, driver, connection), kept as its message and source.
pub type BackendError = Box<dyn std::error::Error + Send + Sync>;

/// Errors of a store. They name the store or the row concerned, never a
/// command-line flag.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no store in {0} (run `marsad ingest` first)")]
    Missing(PathBuf),
    #[error("cannot open the store {what}: {source}")]
    Open { what: String, source: BackendError },
    #[error(
        "store schema version {found} is newer than this marsad's ({supported}); upgrade marsad"
    )]
    TooNew { found: u32, supported: u32 },
    #[error("migrating the store to schema version {version}: {source}")]
    Migration { version: u32, source: BackendError },
    #[error("store: {0}")]
    Backend(BackendError),
    #[error("stored page {page_id}: {reason}")]
    Corrupt { page_id: i64, reason: String },
    #[error("no page {0} in the store")]
    NoSuchPage(i64),
    #[error("{0}")]
    Sink(SinkError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One connection to a store. Use one writer at a time (the engine's data
/// folder lock sees to it) and as many readers as needed
/// ([`Store::another`]).
pub trait Store: Send {
    /// Where the store is, for messages (`sqlite:marsad-data/marsad.sqlite`).
    fn describe(&self) -> String;

    /// A second connection to the same store (readers beside a writer).
    fn another(&self) -> Result<Box<dyn Store>>;

    /// The schema version of the open store.
    fn schema_version(&self) -> Result<u32>;

    /// Whether other processes may write this store at the same time (a
    /// database server shared by workers), so that what a writer did not
    /// write itself can appear between its writes.
    fn is_shared(&self) -> bool {
        false
    }

    /// Take the store-wide lock under which one process at a time runs the
    /// analysis stages, held by this connection until it closes (or its
    /// process dies). `wait`: block until it is free; otherwise `false` when
    /// another connection holds it. A store written by one process at a
    /// time has nothing to take.
    fn lock_stages(&mut self, wait: bool) -> Result<bool> {
        let _ = wait;
        Ok(true)
    }

    // ---- writing ----

    /// Write a batch of prepared pages in one transaction. Pages whose
    /// content hash is already stored are counted as duplicates and skipped;
    /// a page whose normalized URL is known becomes that page's next
    /// revision. Returns the stored articles (to hand to a sink).
    fn insert_pages(&mut self, pages: Vec<NewPage>) -> Result<InsertOutcome>;

    /// Replace what was extracted from stored pages with a new extraction,
    /// in one transaction. New articles are matched to the page's old ones
    /// ([`identity::match_articles`]): a match keeps its id, an unmatched
    /// old article is marked gone, an unmatched new one gets a new id.
    fn replace_extracted(
        &mut self,
        pages: Vec<(i64, ExtractedPage)>,
        extractor_version: &str,
    ) -> Result<ReplaceOutcome>;

    /// Remember pages whose extraction failed (panicked, ran past its time
    /// limit), so that the next run skips them instead of stalling again.
    fn record_failures(&mut self, failures: &[PageFailure]) -> Result<()>;

    /// Replace an analysis stage's rows for some articles and record how far
    /// the stage has got, in one transaction.
    fn write_stage(&mut self, write: &StageWrite) -> Result<()>;

    // ---- reading ----

    /// The sequence number of the last committed write (0 for a new store).
    fn seq(&self) -> Result<u64>;

    /// Which of `hashes` are already stored, or failed before under
    /// `extractor_version` (to skip them before extracting).
    fn known_hashes(&self, hashes: &[ContentHash], extractor_version: &str) -> Result<KnownHashes>;

    /// Up to `limit` stored raw pages with ids above `after_id`, in id
    /// order, decoded. A row that cannot be decoded comes back as an error
    /// naming it, in its place, so that a walk can skip it and go on.
    /// Corpus records have no raw page and are not included.
    fn raw_pages_after(&self, after_id: i64, limit: usize) -> Result<Vec<Result<RawPage>>>;

    /// Up to `limit` articles changed by writes after sequence number
    /// `seq`, with ids above `after_id`, in id order: live ones with their
    /// content, gone ones as their id. `changes_since(0, …)` walks every
    /// article ever stored.
    fn changes_since(&self, seq: u64, after_id: i64, limit: usize) -> Result<Vec<ArticleChange>>;

    /// One article by id; gone articles too (see [`StoredArticle::gone`]).
    fn article(&self, id: i64) -> Result<Option<StoredArticle>>;

    /// Several articles by id, in one read (a story's hundreds at once):
    /// in id order, each once, gone ones too; ids not stored are left out.
    /// Backends answer with a few queries however many ids are asked for;
    /// this default reads them one at a time.
    fn articles(&self, ids: &[i64]) -> Result<Vec<StoredArticle>> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| self.article(id).transpose())
            .collect()
    }

    /// An article's paragraphs, in order.
    fn paragraphs(&self, article_id: i64) -> Result<Vec<Paragraph>>;

    /// An article's image captions, in order.
    fn captions(&self, article_id: i64) -> Result<Vec<Caption>>;

    /// A page's furniture (what extraction set aside), in page order.
    fn furniture(&self, page_id: i64) -> Result<Vec<Furniture>>;

    /// Call `f` with each live article matching `filter`, in id order,
    /// streaming, until it breaks.
    fn list_articles(
        &self,
        filter: &ArticleFilter,
        f: &mut dyn FnMut(ArticleSummary) -> ControlFlow<()>,
    ) -> Result<()>;

    /// The live articles of one page, in page order.
    fn page_articles(&self, page_id: i64) -> Result<Vec<StoredArticle>>;

    /// One page's identity.
    fn page(&self, page_id: i64) -> Result<Option<PageInfo>>;

    /// Every revision of the page at `url` (normalized first), oldest first.
    fn revisions(&self, url: &str) -> Result<Vec<PageInfo>>;

    /// How much the store holds.
    fn counts(&self) -> Result<Counts>;

    /// How far an analysis stage has got, if it ever ran.
    fn stage_progress(&self, stage: &str) -> Result<Option<StageProgress>>;

    /// An analysis stage's rows of one kind: all of them, those under one
    /// key (or any of several), or those about one article (or any of
    /// several). Rows come in the order they were written.
    fn stage_rows(&self, stage: &str, query: &StageQuery) -> Result<Vec<StageRow>>;
}

/// Walk every live article in id order, in batches (to rebuild a derived view).
pub fn for_each_live_article(
    store: &dyn Store,
    batch: usize,
    mut f: impl FnMut(&[StoredArticle]) -> Result<()>,
) -> Result<u64> {
    let mut after = 0;
    let mut n = 0;
    loop {
        let changes = store.changes_since(0, after, batch.max(1))?;
        let Some(last) = changes.last() else { break };
        after = last.id();
        let live: Vec<StoredArticle> = changes
            .into_iter()
            .filter_map(|c| match c {
                ArticleChange::Live(a) => Some(a),
                ArticleChange::Gone { .. } => None,
            })
            .collect();
        n += live.len() as u64;
        f(&live)?;
    }
    Ok(n)
}
