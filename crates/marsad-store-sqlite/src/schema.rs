//! The schema and its migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Opening a
//! store applies the missing ones in order, each in its own transaction
//! together with the version bump, so a store is always at one exact
//! version. Migrations are append-only: never edit one that has shipped,
//! add a new one.
//!
//! Ids are `AUTOINCREMENT`: a deleted page's or article's id is never given
//! to another row, so later tables (duplicates, stories, entities) may keep
//! referring to article ids safely.

use rusqlite::{Connection, Transaction};

use marsad_store::StoreError;

use crate::db;

/// Migration `i` (0-based) brings the store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // v1: pages, their articles, paragraphs and furniture.
    "
    CREATE TABLE pages (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        -- 'page': a text/HTML/WARC page, `content` holds it (zstd) for reextract.
        -- 'corpus': a record of an already-clean corpus, `content` is NULL.
        origin            TEXT NOT NULL CHECK (origin IN ('page', 'corpus')),
        source            TEXT NOT NULL,
        -- text | html | warc for pages; jsonl | saudinewsnet | ant for corpora.
        format            TEXT NOT NULL,
        url               TEXT,
        fetched           TEXT,
        lang              TEXT,
        -- Writing direction, 'rtl' or 'ltr'.
        dir               TEXT,
        -- SHA-256 of the decoded page content, or of the corpus record's
        -- url, title and text: re-ingesting the same thing adds nothing.
        content_hash      BLOB NOT NULL UNIQUE,
        content           BLOB,
        content_bytes     INTEGER,
        extracted_at      TEXT NOT NULL,
        extractor_version TEXT NOT NULL
    );

    CREATE TABLE articles (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        page_id         INTEGER NOT NULL REFERENCES pages (id),
        position        INTEGER NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('main', 'appended')),
        title           TEXT,
        title_line      INTEGER,
        subtitle        TEXT,
        -- 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM', local time as printed.
        published       TEXT,
        dateline        TEXT,
        byline          TEXT,
        outlet          TEXT,
        original_source TEXT,
        -- Body paragraphs joined by blank lines.
        text            TEXT NOT NULL,
        -- SHA-256 of `text`.
        text_hash       BLOB NOT NULL,
        UNIQUE (page_id, position)
    );

    CREATE TABLE paragraphs (
        article_id INTEGER NOT NULL REFERENCES articles (id),
        position   INTEGER NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('body', 'subheading')),
        text       TEXT NOT NULL,
        line       INTEGER,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE furniture (
        page_id  INTEGER NOT NULL REFERENCES pages (id),
        position INTEGER NOT NULL,
        line     INTEGER,
        kind     TEXT NOT NULL,
        text     TEXT NOT NULL,
        PRIMARY KEY (page_id, position)
    ) WITHOUT ROWID;
    ",
    // v2: image captions, and the indexes that listing and duplicate
    // detection need.
    "
    CREATE TABLE captions (
        article_id INTEGER NOT NULL REFERENCES articles (id),
        position   INTEGER NOT NULL,
        text       TEXT NOT NULL,
        line       INTEGER,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;

    CREATE INDEX articles_by_outlet ON articles (outlet, published);
    CREATE INDEX articles_by_published ON articles (published);
    CREATE INDEX articles_by_text_hash ON articles (text_hash);
    ",
    // v3: stable identity and sequence numbers.
    // * pages.url_key: the normalized URL; new content at a known URL is the
    //   next revision of that page (previous_id), both kept.
    // * articles.gone: no longer found by the current extractor, kept so that
    //   its id is never reused; its position becomes -id (it has no place on
    //   the page any more, and UNIQUE (page_id, position) holds for the rest).
    // * articles.seq: the write that last changed the article; store_meta.seq
    //   the last write. Derived views (index, stages) catch up from it.
    // * failed_pages: pages whose extraction panicked or ran out of time.
    // * stage_progress / stage_rows: what analysis stages keep.
    "
    ALTER TABLE pages ADD COLUMN url_key TEXT;
    ALTER TABLE pages ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE pages ADD COLUMN previous_id INTEGER REFERENCES pages (id);
    CREATE INDEX pages_by_url_key ON pages (url_key, revision);

    ALTER TABLE articles ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_by_seq ON articles (seq);

    CREATE TABLE store_meta (
        key   TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO store_meta (key, value) VALUES ('seq', 0);

    CREATE TABLE failed_pages (
        content_hash      BLOB NOT NULL,
        extractor_version TEXT NOT NULL,
        source            TEXT NOT NULL,
        error             TEXT NOT NULL,
        failed_at         TEXT NOT NULL,
        PRIMARY KEY (content_hash, extractor_version)
    ) WITHOUT ROWID;

    CREATE TABLE stage_progress (
        stage   TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        seq     INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE stage_rows (
        stage      TEXT NOT NULL,
        kind       TEXT NOT NULL,
        key        TEXT NOT NULL,
        article_id INTEGER,
        value      TEXT NOT NULL
    );
    CREATE INDEX stage_rows_by_key ON stage_rows (stage, kind, key);
    CREATE INDEX stage_rows_by_article ON stage_rows (stage, article_id);
    ",
];

/// Work a migration does beyond its SQL, in the same transaction.
fn after_migration(tx: &Transaction<'_>, to: u32) -> rusqlite::Result<()> {
    if to == 3 {
        backfill_url_keys(tx)?;
    }
    Ok(())
}

/// v3: URL keys and revision numbers for the pages stored before them.
fn backfill_url_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let pages: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, url FROM pages WHERE url IS NOT NULL ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let mut latest: std::collections::HashMap<String, (i64, i64)> = Default::default();
    let mut update =
        tx.prepare("UPDATE pages SET url_key = ?2, revision = ?3, previous_id = ?4 WHERE id = ?1")?;
    for (id, url) in pages {
        let Some(key) = marsad_model::normalize_url(&url) else {
            continue;
        };
        let (revision, previous) = match latest.get(&key) {
            Some(&(prev, rev)) => (rev + 1, Some(prev)),
            None => (1, None),
        };
        update.execute(rusqlite::params![id, key, revision, previous])?;
        latest.insert(key, (id, revision));
    }
    Ok(())
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(db)
}

/// Apply the migrations missing from `conn`, up to `target`.
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for version in found..target.min(SCHEMA_VERSION) {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(db)?;
        // Another process may have migrated while we waited for the lock.
        if user_version(&tx)? > version {
            continue;
        }
        let to = version + 1;
        tx.execute_batch(MIGRATIONS[version as usize])
            .and_then(|_| after_migration(&tx, to))
            .and_then(|_| tx.pragma_update(None, "user_version", to))
            .map_err(|source| StoreError::Migration {
                version: to,
                source: Box::new(source),
            })?;
        tx.commit().map_err(db)?;
    }
    Ok(())
}
