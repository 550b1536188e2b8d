//! marsad's embedded store: the [`marsad_store::Store`] interface over one
//! SQLite file, `marsad.sqlite` in the data folder.
//!
//! Already-clean corpus records are stored as `pages` rows with
//! `origin = 'corpus'`, `format` naming the corpus (`jsonl`,
//! `saudinewsnet`, `ant`) and no content; their one article is in
//! `articles` like any other, so every later stage sees one kind of article.
//!
//! # Crash safety
//!
//! The database is in WAL mode with `synchronous = FULL`: a committed
//! transaction is on disk before the commit returns, an interrupted one
//! (Ctrl-C, `kill -9`, power cut) is rolled back when the store is next
//! opened. Each write is one transaction that also takes the next sequence
//! number (`store_meta.seq`), so everything reported as stored is there,
//! nothing is half there, and derived views can tell how far behind they are.
//!
//! # Schema
//!
//! See `schema.rs`: `pages`, `articles`, `paragraphs`, `captions`,
//! `furniture`, `failed_pages`, `stage_progress`, `stage_rows`,
//! `store_meta`; versioned by `PRAGMA user_version`, migrated on open.

mod read;
mod schema;
mod write;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use marsad_model::{Caption, ExtractedPage, Furniture, Paragraph};
use marsad_store::{
    ArticleChange, ArticleFilter, ArticleSummary, ContentHash, Counts, InsertOutcome, KnownHashes,
    NewPage, PageFailure, PageInfo, RawPage, ReplaceOutcome, Result, StageProgress, StageQuery,
    StageRow, StageWrite, Store, StoreError, StoredArticle,
};
use rusqlite::Connection;

pub use schema::SCHEMA_VERSION;

/// The SQLite file inside a data folder.
pub const DB_FILE: &str = "marsad.sqlite";

/// How long a connection waits for another one's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// SQLite page cache per connection, in KiB (negative `cache_size`).
const CACHE_KIB: i64 = 64 * 1024;

/// An SQLite error as the store interface's backend error.
pub(crate) fn db(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}

/// Internal results: rusqlite errors and store errors both convert with `?`.
pub(crate) struct SqlError(pub StoreError);

impl From<rusqlite::Error> for SqlError {
    fn from(e: rusqlite::Error) -> Self {
        SqlError(db(e))
    }
}

impl From<StoreError> for SqlError {
    fn from(e: StoreError) -> Self {
        SqlError(e)
    }
}

pub(crate) type Sql<T> = std::result::Result<T, SqlError>;

fn out<T>(r: Sql<T>) -> Result<T> {
    r.map_err(|e| e.0)
}

/// An open SQLite store. One `SqliteStore` is one connection: one writer,
/// and as many readers as needed ([`Store::another`]; WAL lets them read
/// while the writer writes).
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteStore {
    /// Open the store in the data folder `dir`, creating the folder and the
    /// database if needed and migrating an older schema.
    pub fn open(dir: impl AsRef<Path>) -> Result<SqliteStore> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Self::open_file(&dir.join(DB_FILE), SCHEMA_VERSION)
    }

    /// Open an existing store; [`StoreError::Missing`] if `dir` holds none
    /// (for commands that only read).
    pub fn open_existing(dir: impl AsRef<Path>) -> Result<SqliteStore> {
        let dir = dir.as_ref();
        if !dir.join(DB_FILE).is_file() {
            return Err(StoreError::Missing(dir.to_path_buf()));
        }
        Self::open_file(&dir.join(DB_FILE), SCHEMA_VERSION)
    }

    /// Open, migrating only up to `version` (tests of migrations).
    #[doc(hidden)]
    pub fn open_at_version(dir: impl AsRef<Path>, version: u32) -> Result<SqliteStore> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Self::open_file(&dir.join(DB_FILE), version)
    }

    fn open_file(path: &Path, version: u32) -> Result<SqliteStore> {
        let open_err = |source: rusqlite::Error| StoreError::Open {
            what: path.display().to_string(),
            source: Box::new(source),
        };
        let mut conn = Connection::open(path).map_err(open_err)?;
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
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The raw connection, for tests and one-off queries.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl Store for SqliteStore {
    fn describe(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }

    fn another(&self) -> Result<Box<dyn Store>> {
        Ok(Box::new(Self::open_file(&self.path, SCHEMA_VERSION)?))
    }

    fn schema_version(&self) -> Result<u32> {
        schema::user_version(&self.conn)
    }

    fn insert_pages(&mut self, pages: Vec<NewPage>) -> Result<InsertOutcome> {
        out(write::insert_pages(&mut self.conn, pages))
    }

    fn replace_extracted(
        &mut self,
        pages: Vec<(i64, ExtractedPage)>,
        extractor_version: &str,
    ) -> Result<ReplaceOutcome> {
        out(write::replace_extracted(
            &mut self.conn,
            pages,
            extractor_version,
        ))
    }

    fn record_failures(&mut self, failures: &[PageFailure]) -> Result<()> {
        out(write::record_failures(&mut self.conn, failures))
    }

    fn write_stage(&mut self, w: &StageWrite) -> Result<()> {
        out(write::write_stage(&mut self.conn, w))
    }

    fn seq(&self) -> Result<u64> {
        out(read::seq(&self.conn))
    }

    fn known_hashes(&self, hashes: &[ContentHash], extractor_version: &str) -> Result<KnownHashes> {
        out(read::known_hashes(&self.conn, hashes, extractor_version))
    }

    fn raw_pages_after(&self, after_id: i64, limit: usize) -> Result<Vec<Result<RawPage>>> {
        out(read::raw_pages_after(&self.conn, after_id, limit))
    }

    fn changes_since(&self, seq: u64, after_id: i64, limit: usize) -> Result<Vec<ArticleChange>> {
        out(read::changes_since(&self.conn, seq, after_id, limit))
    }

    fn article(&self, id: i64) -> Result<Option<StoredArticle>> {
        out(read::article(&self.conn, id))
    }

    fn articles(&self, ids: &[i64]) -> Result<Vec<StoredArticle>> {
        out(read::articles(&self.conn, ids))
    }

    fn paragraphs(&self, article_id: i64) -> Result<Vec<Paragraph>> {
        out(read::paragraphs(&self.conn, article_id))
    }

    fn captions(&self, article_id: i64) -> Result<Vec<Caption>> {
        out(read::captions(&self.conn, article_id))
    }

    fn furniture(&self, page_id: i64) -> Result<Vec<Furniture>> {
        out(read::furniture(&self.conn, page_id))
    }

    fn list_articles(
        &self,
        filter: &ArticleFilter,
        f: &mut dyn FnMut(ArticleSummary) -> ControlFlow<()>,
    ) -> Result<()> {
        out(read::list_articles(&self.conn, filter, f))
    }

    fn page_articles(&self, page_id: i64) -> Result<Vec<StoredArticle>> {
        out(read::page_articles(&self.conn, page_id))
    }

    fn page(&self, page_id: i64) -> Result<Option<PageInfo>> {
        out(read::page(&self.conn, page_id))
    }

    fn revisions(&self, url: &str) -> Result<Vec<PageInfo>> {
        out(read::revisions(&self.conn, url))
    }

    fn counts(&self) -> Result<Counts> {
        out(read::counts(&self.conn))
    }

    fn stage_progress(&self, stage: &str) -> Result<Option<StageProgress>> {
        out(read::stage_progress(&self.conn, stage))
    }

    fn stage_rows(&self, stage: &str, query: &StageQuery) -> Result<Vec<StageRow>> {
        out(read::stage_rows(&self.conn, stage, query))
    }
}

#[cfg(test)]
mod tests;
