//! marsad's embedded store: pages, the articles extracted from them and the
//! records of already-clean corpora, in one SQLite file.
//!
//! A data folder (`./marsad-data` by default) holds `marsad.sqlite`; the
//! full-text index lives beside it and is derived from the store.
//!
//! * Writing: [`NewPage`]s are prepared (hashed, compressed) on any thread,
//!   then [`Store::insert_prepared`] writes a batch in one transaction. A
//!   page and its articles always commit together; a crash loses at most
//!   the batch being written, never half of one. Re-inserting a page (same
//!   content hash) adds nothing.
//! * Reading: [`Store::for_each_article`] streams every article (for the
//!   indexer), [`Store::list_articles`] lists with filters,
//!   [`Store::pages_for_reextract`] gives back the raw pages.
//! * [`ArticleSink`]: where committed articles go next (the index).
//!
//! Already-clean corpus records are stored as `pages` rows with
//! `origin = 'corpus'`, `format` naming the corpus (`jsonl`,
//! `saudinewsnet`, `ant`) and no content; their one article is in
//! `articles` like any other, so every later stage sees one kind of article.
//! Their content hash is SHA-256 over url, title and text.
//!
//! # Crash safety
//!
//! The database is in WAL mode with `synchronous = FULL`: a committed
//! transaction is on disk before the commit returns, an interrupted one
//! (Ctrl-C, `kill -9`, power cut) is rolled back when the store is next
//! opened. Writers commit per batch and report a batch only after its
//! commit, so everything reported as stored is there, nothing is half
//! there, and a re-run skips what is stored (unique content hash) and
//! stores the rest.
//!
//! # Schema
//!
//! See `schema.rs`: `pages`, `articles`, `paragraphs`, `captions`,
//! `furniture`; versioned by `PRAGMA user_version`, migrated on open.

mod prepare;
mod read;
mod schema;
mod sink;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use prepare::{content_hash, ContentHash, NewArticle, NewPage, Origin};
pub use read::{ArticleFilter, ArticleSummary, Counts, RawPage, StoredArticle};
pub use schema::SCHEMA_VERSION;
pub use sink::{ArticleSink, NoSink, SinkError};
pub use write::{InsertOutcome, InsertStats, ReplaceOutcome};

/// The SQLite file inside a data folder.
pub const DB_FILE: &str = "marsad.sqlite";

/// The data folder used when none is given.
pub const DEFAULT_DATA_DIR: &str = "marsad-data";

/// How long a connection waits for another one's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// SQLite page cache per connection, in KiB (negative `cache_size`).
const CACHE_KIB: i64 = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no store in {0} (run `marsad ingest` first)")]
    Missing(PathBuf),
    #[error("{path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "store schema version {found} is newer than this marsad's ({supported}); upgrade marsad"
    )]
    TooNew { found: u32, supported: u32 },
    #[error("migrating the store to schema version {version}: {source}")]
    Migration {
        version: u32,
        source: rusqlite::Error,
    },
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored page {page_id}: {reason}")]
    Corrupt { page_id: i64, reason: String },
    #[error("{0}")]
    Sink(SinkError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open store. One `Store` is one SQLite connection: use one writer, and
/// open more `Store`s for concurrent readers (WAL lets them read while the
/// writer writes).
pub struct Store {
    conn: Connection,
    dir: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish()
    }
}

impl Store {
    /// Open the store in `dir`, creating the folder and the database if
    /// needed and migrating an older schema.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Self::open_at(dir, SCHEMA_VERSION)
    }

    /// Open an existing store; an error if `dir` holds none (for commands
    /// that only read).
    pub fn open_existing(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref();
        if !dir.join(DB_FILE).is_file() {
            return Err(StoreError::Missing(dir.to_path_buf()));
        }
        Self::open_at(dir, SCHEMA_VERSION)
    }

    /// Open, migrating only up to `version` (tests of migrations).
    #[doc(hidden)]
    pub fn open_at_version(dir: impl AsRef<Path>, version: u32) -> Result<Store> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Self::open_at(dir, version)
    }

    fn open_at(dir: &Path, version: u32) -> Result<Store> {
        let path = dir.join(DB_FILE);
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // WAL: readers never block the writer, and a commit is one append.
        // synchronous=FULL: a commit reported as done survives a power cut,
        // not only a killed process (commits are per batch, so the fsync is cheap).
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!("{}: journal mode is {mode}, not WAL", path.display());
        }
        conn.execute_batch(&format!(
            "PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -{CACHE_KIB};"
        ))
        .map_err(open_err)?;
        schema::migrate_to(&mut conn, version)?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
        })
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        schema::user_version(&self.conn)
    }

    /// The raw connection, for tests and one-off queries.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests;
