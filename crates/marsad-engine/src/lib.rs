//! marsad's engine: one library beneath every front end (the `marsad`
//! command, the server, the collector, workers).
//!
//! It owns the data folder ([`DataDir`]: layout, opening, the one writer's
//! lock), the ingest pipeline (read → extract → store → analysis stages →
//! index), `reextract`, `reindex`, and keeps the index and the stages in
//! step with the store. Front ends parse their arguments into options,
//! call the engine, and print what it returns.
//!
//! ```no_run
//! use marsad_engine::{Engine, EngineOptions, IngestOptions, Counters};
//! let mut engine = Engine::open(EngineOptions::new("marsad-data"))?;
//! let counters = Counters::default();
//! let report = engine.ingest(&["pages/".to_string()], &IngestOptions::default(), &counters)?;
//! println!("{} articles stored", report.articles);
//! # Ok::<(), marsad_engine::EngineError>(())
//! ```

mod batch;
mod data_dir;
pub mod guard;
mod index_sink;
mod ingest;
mod reextract;
mod stage;
pub mod stages;
mod views;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use marsad_index::{Index, SearchRequest};
use marsad_store::{Store, StoreError};
use marsad_store_sqlite::SqliteStore;

pub use batch::{extract_batch, BatchStats};
pub use data_dir::{DataDir, WriteLock, DEFAULT_DATA_DIR, INDEX_DIR, LOCK_FILE};
pub use guard::JobFailure;
pub use index_sink::IndexSink;
pub use ingest::{Counters, IngestFormat, IngestOptions, IngestReport};
pub use reextract::ReextractReport;
pub use stage::{Stage, StageError, StageInput, Stages, StoryOf};
pub use stages::default_stages;
pub use views::{
    ArticleDetail, CoverageDay, DuplicateView, EntityDetail, EntityStory, EntitySummary, PageLine,
    QuoteView, SpeakerQuotes, StoryArticle, StoryDetail, StoryLinks, StoryView,
};

/// Stored with each page, so that `reextract` and later stages can tell
/// which extractor produced its articles.
pub const EXTRACTOR_VERSION: &str = concat!("marsad-extract ", env!("CARGO_PKG_VERSION"));

/// A page whose extraction runs longer than this is given up (see [`guard`]).
pub const DEFAULT_PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// Errors of the engine; each names the data folder, store, stage or input concerned.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is being written by another marsad process (ingest, reextract or reindex); wait for it to finish")]
    Locked(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("search index: {0}")]
    Index(#[from] marsad_index::Error),
    #[error("stage {stage}: {source}")]
    Stage { stage: String, source: StageError },
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

/// A callback for the one-line notices the engine gives (index caught up, page skipped…).
pub type Notice = Arc<dyn Fn(&str) + Send + Sync>;

/// How to open a data folder for writing.
pub struct EngineOptions {
    pub dir: PathBuf,
    /// Analysis stages, run in this order on every committed write.
    pub stages: Vec<Box<dyn Stage>>,
    /// Worker threads for extraction (default: all cores).
    pub threads: Option<usize>,
    /// Extraction of one page taking longer than this is given up.
    pub page_timeout: Duration,
    /// Where notices go (default: standard error, prefixed `marsad: `).
    pub notice: Notice,
    /// Set to stop a long run early: what was read is not written, what
    /// was handed to the writer is committed.
    pub interrupted: Arc<AtomicBool>,
}

impl EngineOptions {
    pub fn new(dir: impl Into<PathBuf>) -> EngineOptions {
        EngineOptions {
            dir: dir.into(),
            stages: Vec::new(),
            threads: None,
            page_timeout: DEFAULT_PAGE_TIMEOUT,
            notice: Arc::new(|msg| eprintln!("marsad: {msg}")),
            interrupted: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// Worker threads to use: `threads`, or all cores.
pub(crate) fn workers(threads: Option<usize>) -> usize {
    threads
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A data folder open for writing: the store, the index and the stages, in
/// step, and the writer's lock held.
pub struct Engine {
    data: DataDir,
    store: Box<dyn Store>,
    index: IndexSink,
    stages: Stages,
    threads: Option<usize>,
    page_timeout: Duration,
    notice: Notice,
    interrupted: Arc<AtomicBool>,
    _lock: WriteLock,
}

impl Engine {
    /// Open (creating if needed) the data folder for writing: take the lock,
    /// open the store, bring the index and every stage in step with it.
    pub fn open(opts: EngineOptions) -> Result<Engine> {
        let data = DataDir::new(opts.dir);
        let lock = data.lock()?;
        let mut store: Box<dyn Store> = Box::new(SqliteStore::open(data.path())?);
        let notice = opts.notice;
        let index = IndexSink::open_in_step(&data.index(), store.as_ref(), &*notice)?;
        let mut stages = Stages::new(opts.stages);
        stages.open_in_step(store.as_mut(), &*notice)?;
        Ok(Engine {
            data,
            store,
            index,
            stages,
            threads: opts.threads,
            page_timeout: opts.page_timeout,
            notice,
            interrupted: opts.interrupted,
            _lock: lock,
        })
    }

    /// Open an existing data folder for writing; an error if it holds no store.
    pub fn open_existing(opts: EngineOptions) -> Result<Engine> {
        if !DataDir::new(&opts.dir).has_store() {
            return Err(StoreError::Missing(opts.dir).into());
        }
        Self::open(opts)
    }

    pub fn data(&self) -> &DataDir {
        &self.data
    }

    /// The store, for reading.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// Rebuild the search index from the store. Returns the articles indexed.
    pub fn reindex(&mut self) -> Result<u64> {
        let n = self.index.rebuild(self.store.as_ref())?;
        Ok(n)
    }

    /// Commit the index and wait for its merges; the engine is done.
    pub fn close(self) -> Result<()> {
        self.index.finish()
    }
}

/// A data folder open for reading (search, listing, serving), beside any
/// writer.
pub struct Library {
    data: DataDir,
    store: Box<dyn Store>,
    index: Option<Index>,
}

impl Library {
    /// Open the data folder for reading. When no writer holds it and the
    /// index is behind the store, it is brought in step first (one notice).
    pub fn open(dir: impl Into<PathBuf>, notice: &dyn Fn(&str)) -> Result<Library> {
        let data = DataDir::new(dir);
        if !data.has_store() {
            return Err(StoreError::Missing(data.path().to_path_buf()).into());
        }
        let store: Box<dyn Store> = Box::new(SqliteStore::open_existing(data.path())?);
        if let Ok(_lock) = data.lock() {
            let in_step = match Index::open(data.index()) {
                Ok(index) => index.commit_meta()?.is_some_and(|m| {
                    m.seq == store.seq().unwrap_or(0)
                        && m.analyzer == marsad_index::ANALYZER_VERSION
                }),
                Err(_) => false,
            };
            if !in_step {
                IndexSink::open_in_step(&data.index(), store.as_ref(), notice)?.finish()?;
            }
        }
        let index = Index::open(data.index()).ok();
        Ok(Library { data, store, index })
    }

    pub fn data(&self) -> &DataDir {
        &self.data
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The search index; an error naming the folder when there is none.
    pub fn index(&self) -> Result<&Index> {
        self.index.as_ref().ok_or_else(|| {
            EngineError::Other(format!(
                "no search index in {} (run `marsad ingest` or `marsad reindex`)",
                self.data.path().display()
            ))
        })
    }

    /// Search the index; see [`marsad_index::SearchRequest`].
    pub fn search_each(
        &self,
        request: &SearchRequest,
        f: impl FnMut(marsad_index::Hit) -> std::ops::ControlFlow<()>,
    ) -> Result<usize> {
        let index = self.index()?;
        index.reload()?;
        Ok(index.search_each(request, f)?)
    }
}
