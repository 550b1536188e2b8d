//! marsad's shared store: the [`marsad_store::Store`] interface over a
//! PostgreSQL database, for several `marsad ingest` workers (on one machine
//! or several) writing one collection at once.
//!
//! The tables and their meaning are the SQLite store's (`marsad-store-sqlite`);
//! both pass the same conformance suite. What sharing adds:
//!
//! * **Each page once.** `pages.content_hash` is a unique key. Every write
//!   transaction first takes the next sequence number (`store_meta.seq`,
//!   a row lock), so writes from different workers are applied one after
//!   the other, in sequence-number order; a page another worker stored
//!   first is counted as a duplicate and its articles are not written again.
//! * **Nothing half there.** A batch is one transaction: a worker killed
//!   mid-batch leaves nothing of it, and the server releases its locks.
//! * **Ids in commit order.** Ids are drawn while the sequence row is
//!   held, so reading [`Store::changes_since`] in id order is reading the
//!   writes in the order they committed.
//! * **One stage runner.** [`Store::lock_stages`] takes a session-level
//!   advisory lock on the writer's connection: the analysis stages, which
//!   keep state in memory, run in one worker at a time (see the engine).
//!
//! The connection string is libpq's URL form,
//! `postgres://user:password@host:port/database`; `?options=-csearch_path%3Dname`
//! keeps a collection in its own schema. Connections are unencrypted
//! (loopback or a trusted network).

mod read;
mod schema;
#[doc(hidden)]
pub mod testing;
mod write;

use std::cell::RefCell;
use std::ops::ControlFlow;

use marsad_model::{Caption, ExtractedPage, Furniture, Paragraph};
use marsad_store::{
    ArticleChange, ArticleFilter, ArticleSummary, ContentHash, Counts, InsertOutcome, KnownHashes,
    NewPage, PageFailure, PageInfo, RawPage, ReplaceOutcome, Result, StageProgress, StageQuery,
    StageRow, StageWrite, Store, StoreError, StoredArticle,
};
use postgres::{Client, NoTls};

pub use schema::SCHEMA_VERSION;

/// The first key of every advisory lock marsad takes ("ms" in ASCII).
pub(crate) const LOCK_CLASS: i32 = 0x6d73;

/// The second keys: hashed with the schema's name, so that collections in
/// different schemas of one database never wait for each other.
pub(crate) mod lock_key {
    pub const MIGRATE: &str = ".migrate";
    pub const STAGES: &str = ".stages";
}

/// Whether `location` names a PostgreSQL server (`postgres://` or `postgresql://`).
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// A PostgreSQL error as the store interface's backend error.
pub(crate) fn db(e: postgres::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}

/// An open PostgreSQL store: one connection. Reads take `&self`, the
/// driver wants `&mut`: the client sits in a `RefCell` (a store is used by
/// one thread at a time; [`Store::another`] opens another connection).
pub struct PgStore {
    client: RefCell<Client>,
    url: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("url", &redacted(&self.url))
            .finish()
    }
}

/// The URL without its password, for messages.
fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(u, _)| u);
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

impl PgStore {
    /// Connect to the database at `url`, creating the tables if the schema
    /// holds none and migrating an older store.
    pub fn open(url: &str) -> Result<PgStore> {
        let mut client = Client::connect(url, NoTls).map_err(|source| StoreError::Open {
            what: redacted(url),
            source: Box::new(source),
        })?;
        schema::migrate(&mut client)?;
        Ok(PgStore {
            client: RefCell::new(client),
            url: url.to_string(),
        })
    }

    /// Connect to an existing store; [`StoreError::Open`] naming the server
    /// when the schema holds none (for commands that only read).
    pub fn open_existing(url: &str) -> Result<PgStore> {
        let mut client = Client::connect(url, NoTls).map_err(|source| StoreError::Open {
            what: redacted(url),
            source: Box::new(source),
        })?;
        let found = schema::version(&mut client).map_err(db)?;
        if found == 0 {
            return Err(StoreError::Open {
                what: redacted(url),
                source: "no marsad store in this database (run `marsad ingest` first)".into(),
            });
        }
        schema::migrate(&mut client)?;
        Ok(PgStore {
            client: RefCell::new(client),
            url: url.to_string(),
        })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Client) -> Result<T, postgres::Error>) -> Result<T> {
        f(&mut self.client.borrow_mut()).map_err(db)
    }

    fn with_store<T>(&self, f: impl FnOnce(&mut Client) -> Pg<T>) -> Result<T> {
        f(&mut self.client.borrow_mut()).map_err(|e| e.0)
    }
}

/// Internal results: driver errors and store errors both convert with `?`.
pub(crate) struct PgError(pub StoreError);

impl From<postgres::Error> for PgError {
    fn from(e: postgres::Error) -> Self {
        PgError(db(e))
    }
}

impl From<StoreError> for PgError {
    fn from(e: StoreError) -> Self {
        PgError(e)
    }
}

pub(crate) type Pg<T> = std::result::Result<T, PgError>;

impl Store for PgStore {
    fn describe(&self) -> String {
        redacted(&self.url)
    }

    fn another(&self) -> Result<Box<dyn Store>> {
        Ok(Box::new(Self::open(&self.url)?))
    }

    fn schema_version(&self) -> Result<u32> {
        self.with(schema::version)
    }

    fn is_shared(&self) -> bool {
        true
    }

    fn lock_stages(&mut self, wait: bool) -> Result<bool> {
        let sql = if wait {
            "SELECT pg_advisory_lock($1, hashtext(current_schema() || $2)) IS NOT NULL"
        } else {
            "SELECT pg_try_advisory_lock($1, hashtext(current_schema() || $2))"
        };
        self.with(|c| Ok(c.query_one(sql, &[&LOCK_CLASS, &lock_key::STAGES])?.get(0)))
    }

    fn insert_pages(&mut self, pages: Vec<NewPage>) -> Result<InsertOutcome> {
        self.with_store(|c| write::insert_pages(c, pages))
    }

    fn replace_extracted(
        &mut self,
        pages: Vec<(i64, ExtractedPage)>,
        extractor_version: &str,
    ) -> Result<ReplaceOutcome> {
        self.with_store(|c| write::replace_extracted(c, pages, extractor_version))
    }

    fn record_failures(&mut self, failures: &[PageFailure]) -> Result<()> {
        self.with(|c| write::record_failures(c, failures))
    }

    fn write_stage(&mut self, w: &StageWrite) -> Result<()> {
        self.with(|c| write::write_stage(c, w))
    }

    fn seq(&self) -> Result<u64> {
        self.with(read::seq)
    }

    fn known_hashes(&self, hashes: &[ContentHash], extractor_version: &str) -> Result<KnownHashes> {
        self.with(|c| read::known_hashes(c, hashes, extractor_version))
    }

    fn raw_pages_after(&self, after_id: i64, limit: usize) -> Result<Vec<Result<RawPage>>> {
        self.with(|c| read::raw_pages_after(c, after_id, limit))
    }

    fn changes_since(&self, seq: u64, after_id: i64, limit: usize) -> Result<Vec<ArticleChange>> {
        self.with(|c| read::changes_since(c, seq, after_id, limit))
    }

    fn article(&self, id: i64) -> Result<Option<StoredArticle>> {
        self.with(|c| read::article(c, id))
    }

    fn articles(&self, ids: &[i64]) -> Result<Vec<StoredArticle>> {
        self.with(|c| read::articles(c, ids))
    }

    fn paragraphs(&self, article_id: i64) -> Result<Vec<Paragraph>> {
        self.with(|c| read::paragraphs(c, article_id))
    }

    fn captions(&self, article_id: i64) -> Result<Vec<Caption>> {
        self.with(|c| read::captions(c, article_id))
    }

    fn furniture(&self, page_id: i64) -> Result<Vec<Furniture>> {
        self.with(|c| read::furniture(c, page_id))
    }

    fn list_articles(
        &self,
        filter: &ArticleFilter,
        f: &mut dyn FnMut(ArticleSummary) -> ControlFlow<()>,
    ) -> Result<()> {
        self.with(|c| read::list_articles(c, filter, f))
    }

    fn page_articles(&self, page_id: i64) -> Result<Vec<StoredArticle>> {
        self.with(|c| read::page_articles(c, page_id))
    }

    fn page(&self, page_id: i64) -> Result<Option<PageInfo>> {
        self.with(|c| read::page(c, page_id))
    }

    fn revisions(&self, url: &str) -> Result<Vec<PageInfo>> {
        self.with(|c| read::revisions(c, url))
    }

    fn counts(&self) -> Result<Counts> {
        self.with(read::counts)
    }

    fn stage_progress(&self, stage: &str) -> Result<Option<StageProgress>> {
        self.with(|c| read::stage_progress(c, stage))
    }

    fn stage_rows(&self, stage: &str, query: &StageQuery) -> Result<Vec<StageRow>> {
        self.with(|c| read::stage_rows(c, stage, query))
    }
}

#[cfg(test)]
mod tests;
