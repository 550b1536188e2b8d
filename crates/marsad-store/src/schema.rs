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

use rusqlite::Connection;

use crate::StoreError;

/// Migration `i` (0-based) brings the store from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
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
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
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
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        if user_version(&tx)? > version {
            continue;
        }
        let to = version + 1;
        tx.execute_batch(MIGRATIONS[version as usize])
            .and_then(|_| tx.pragma_update(None, "user_version", to))
            .map_err(|source| StoreError::Migration {
                version: to,
                source,
            })?;
        tx.commit()?;
    }
    Ok(())
}
