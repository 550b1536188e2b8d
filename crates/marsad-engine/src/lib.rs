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
mod shared;
mod stage;
pub mod stages;
mod views;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use marsad_index::{Index, SearchRequest};
use marsad_store::{Store, StoreError};
use marsad_store_postgres::{is_postgres_url, PgStore};
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
    QuoteView, SpeakerQuotes, StoryArticle, StoryCatalog, StoryDetail, StoryLinks, StoryView,
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
    /// Where the store is: `None` for the data folder's SQLite file, or a
    /// `postgres://` URL (a store shared by workers; the data folder then
    /// holds the index only).
    pub db: Option<String>,
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
            db: None,
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
    /// Whether this engine runs the stages: always with a store of its own;
    /// with a shared store, while it holds the store's stage lock.
    runner: bool,
    /// A shared store's position up to which the stages and the index have
    /// followed it (see `shared.rs`).
    followed: u64,
    _lock: WriteLock,
}

/// Open the store: the data folder's SQLite file, or the PostgreSQL
/// database `db` names. `existing`: fail if there is none yet.
fn open_store(data: &DataDir, db: Option<&str>, existing: bool) -> Result<Box<dyn Store>> {
    Ok(match db {
        Some(url) if is_postgres_url(url) => Box::new(if existing {
            PgStore::open_existing(url)?
        } else {
            PgStore::open(url)?
        }),
        Some(other) => {
            return Err(EngineError::Other(format!(
                "store {other:?}: not a postgres:// URL (without one, the store is the data \
                 folder's own SQLite file)"
            )))
        }
        None if existing => Box::new(SqliteStore::open_existing(data.path())?),
        None => Box::new(SqliteStore::open(data.path())?),
    })
}

impl Engine {
    /// Open (creating if needed) the data folder for writing: take the lock,
    /// open the store, bring the index and every stage in step with it.
    pub fn open(opts: EngineOptions) -> Result<Engine> {
        let data = DataDir::new(opts.dir);
        let lock = data.lock()?;
        let mut store = open_store(&data, opts.db.as_deref(), false)?;
        let notice = opts.notice;
        let mut stages = Stages::new(opts.stages);
        let shared = store.is_shared();
        let index = if shared {
            // Caught up with what the stages have seen; the rest when this
            // engine becomes the stage runner.
            let seen = stages.seen(store.as_ref())?;
            IndexSink::open_in_step_to(&data.index(), store.as_ref(), seen, &*notice)?
        } else {
            let index = IndexSink::open_in_step(&data.index(), store.as_ref(), &*notice)?;
            stages.open_in_step(store.as_mut(), &*notice)?;
            index
        };
        let mut engine = Engine {
            data,
            store,
            index,
            stages,
            threads: opts.threads,
            page_timeout: opts.page_timeout,
            notice,
            interrupted: opts.interrupted,
            runner: !shared,
            followed: 0,
            _lock: lock,
        };
        if shared {
            engine.take_stages(false)?;
        }
        Ok(engine)
    }

    /// Open an existing data folder for writing; an error if it holds no store.
    pub fn open_existing(opts: EngineOptions) -> Result<Engine> {
        match &opts.db {
            // The server says whether it holds a store.
            Some(url) => drop(open_store(&DataDir::new(&opts.dir), Some(url), true)?),
            None if !DataDir::new(&opts.dir).has_store() => {
                return Err(StoreError::Missing(opts.dir).into())
            }
            None => {}
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
        if self.is_shared() {
            self.take_stages(true)?;
            self.follow_store()?;
        }
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
        Self::open_with(dir, None, notice)
    }

    /// As [`Library::open`], the store being where `db` says (see
    /// [`EngineOptions::db`]).
    pub fn open_with(
        dir: impl Into<PathBuf>,
        db: Option<&str>,
        notice: &dyn Fn(&str),
    ) -> Result<Library> {
        let data = DataDir::new(dir);
        if db.is_none() && !data.has_store() {
            return Err(StoreError::Missing(data.path().to_path_buf()).into());
        }
        let store = open_store(&data, db, true)?;
        if let Ok(_lock) = data.lock() {
            // A shared store's index follows the stages (see `shared.rs`).
            let shared = store.is_shared();
            let target = if shared {
                shared::stages_seen(store.as_ref())?
            } else {
                store.seq()?
            };
            let in_step = match Index::open(data.index()) {
                Ok(index) => index.commit_meta()?.is_some_and(|m| {
                    (m.seq == target || (shared && m.seq > target))
                        && m.analyzer == marsad_index::ANALYZER_VERSION
                }),
                Err(_) => false,
            };
            if !in_step {
                IndexSink::open_in_step_to(&data.index(), store.as_ref(), target, notice)?
                    .finish()?;
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
