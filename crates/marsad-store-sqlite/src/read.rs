//! Reading back: articles for the indexer, the stages and the listing, raw
//! pages for re-extraction, page identities, counts.

use std::ops::ControlFlow;
use std::str::FromStr;

use marsad_model::{
    Caption, Furniture, FurnitureKind, Page, PageFormat, Paragraph, ParagraphKind, Published, Role,
};
use marsad_store::{
    ArticleChange, ArticleFilter, ArticleSummary, ContentHash, Counts, KnownHashes, PageInfo,
    RawPage, StageProgress, StageQuery, StageRow, StoreError, StoredArticle,
};
use rusqlite::{params, params_from_iter, types::Value, Connection, OptionalExtension, Row};

use crate::Sql;

const ARTICLE_COLUMNS: &str = "a.id, a.page_id, a.role, a.title, a.subtitle, a.text, a.outlet,
    a.published, p.url, p.source, a.dateline, a.byline, a.original_source, p.fetched, a.seq,
    a.gone";

pub(crate) fn parse_role(s: &str) -> Role {
    if s == "appended" {
        Role::Appended
    } else {
        Role::Main
    }
}

/// A stored date that no longer parses is dropped rather than failing the read.
fn parse_published(s: Option<String>) -> Option<Published> {
    s.and_then(|s| Published::from_str(&s).ok())
}

fn article_from_row(r: &Row<'_>) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        id: r.get(0)?,
        page_id: r.get(1)?,
        role: parse_role(&r.get::<_, String>(2)?),
        title: r.get(3)?,
        subtitle: r.get(4)?,
        text: r.get(5)?,
        outlet: r.get(6)?,
        published: parse_published(r.get(7)?),
        url: r.get(8)?,
        source: r.get(9)?,
        dateline: r.get(10)?,
        byline: r.get(11)?,
        original_source: r.get(12)?,
        fetched: r.get(13)?,
        seq: r.get::<_, i64>(14)? as u64,
        gone: r.get(15)?,
    })
}

pub(crate) fn seq(conn: &Connection) -> Sql<u64> {
    let seq: i64 = conn.query_row("SELECT value FROM store_meta WHERE key = 'seq'", [], |r| {
        r.get(0)
    })?;
    Ok(seq as u64)
}

pub(crate) fn changes_since(
    conn: &Connection,
    since: u64,
    after_id: i64,
    limit: usize,
) -> Sql<Vec<ArticleChange>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
         WHERE (?1 = 0 OR a.seq > ?1) AND a.id > ?2 ORDER BY a.id LIMIT ?3"
    ))?;
    let rows = stmt
        .query_map(
            params![since as i64, after_id, limit as i64],
            article_from_row,
        )?
        .map(|r| {
            r.map(|a| {
                if a.gone {
                    ArticleChange::Gone {
                        id: a.id,
                        seq: a.seq,
                    }
                } else {
                    ArticleChange::Live(a)
                }
            })
        })
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn article(conn: &Connection, id: i64) -> Sql<Option<StoredArticle>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
         WHERE a.id = ?1"
    ))?;
    Ok(stmt.query_row([id], article_from_row).optional()?)
}

/// Ids or keys asked for at once go this many to a query: far below
/// SQLite's limit on parameters, and few distinct statements to cache.
const IDS_PER_QUERY: usize = 500;

/// `?first, ?first+1, …`: `n` numbered parameters.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn articles(conn: &Connection, ids: &[i64]) -> Sql<Vec<StoredArticle>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
             WHERE a.id IN ({}) ORDER BY a.id",
            placeholders(1, chunk.len())
        ))?;
        let rows = stmt.query_map(params_from_iter(chunk), article_from_row)?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

pub(crate) fn page_articles(conn: &Connection, page_id: i64) -> Sql<Vec<StoredArticle>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
         WHERE a.page_id = ?1 AND a.gone = 0 ORDER BY a.position"
    ))?;
    let rows = stmt
        .query_map([page_id], article_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn paragraphs(conn: &Connection, article_id: i64) -> Sql<Vec<Paragraph>> {
    let mut stmt = conn.prepare_cached(
        "SELECT text, line, kind FROM paragraphs WHERE article_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([article_id], |r| {
            Ok(Paragraph {
                text: r.get(0)?,
                line: r.get(1)?,
                kind: if r.get::<_, String>(2)? == "subheading" {
                    ParagraphKind::Subheading
                } else {
                    ParagraphKind::Body
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn captions(conn: &Connection, article_id: i64) -> Sql<Vec<Caption>> {
    let mut stmt = conn.prepare_cached(
        "SELECT text, line FROM captions WHERE article_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([article_id], |r| {
            Ok(Caption {
                text: r.get(0)?,
                line: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn furniture(conn: &Connection, page_id: i64) -> Sql<Vec<Furniture>> {
    let mut stmt = conn.prepare_cached(
        "SELECT line, kind, text FROM furniture WHERE page_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([page_id], |r| {
            Ok(Furniture {
                line: r.get(0)?,
                kind: FurnitureKind::from_name(&r.get::<_, String>(1)?),
                text: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn list_articles(
    conn: &Connection,
    filter: &ArticleFilter,
    f: &mut dyn FnMut(ArticleSummary) -> ControlFlow<()>,
) -> Sql<()> {
    let mut sql = String::from(
        "SELECT a.id, a.page_id, a.role, a.title, a.outlet, a.published, p.url, p.source,
                p.fetched, a.original_source
         FROM articles a JOIN pages p ON p.id = a.page_id WHERE a.gone = 0",
    );
    let mut args: Vec<Value> = Vec::new();
    if let Some(outlet) = &filter.outlet {
        sql.push_str(" AND a.outlet = ?");
        args.push(Value::Text(outlet.clone()));
    }
    if let Some(from) = filter.from {
        sql.push_str(" AND a.published >= ?");
        args.push(Value::Text(from.to_string()));
    }
    if let Some(to) = filter.to {
        // Inclusive: a date-only bound takes in the whole day.
        let (op, bound) = match to.time {
            Some(_) => ("<=", to.to_string()),
            None => (
                "<",
                Published::from_days_from_epoch(to.days_from_epoch() + 1).to_string(),
            ),
        };
        sql.push_str(&format!(" AND a.published {op} ?"));
        args.push(Value::Text(bound));
    }
    sql.push_str(" ORDER BY a.id LIMIT ? OFFSET ?");
    args.push(Value::Integer(
        filter.limit.map_or(-1, |n| n.min(i64::MAX as u64) as i64),
    ));
    args.push(Value::Integer(
        filter.offset.map_or(0, |n| n.min(i64::MAX as u64) as i64),
    ));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        let summary = ArticleSummary {
            id: r.get(0)?,
            page_id: r.get(1)?,
            role: parse_role(&r.get::<_, String>(2)?),
            title: r.get(3)?,
            outlet: r.get(4)?,
            published: parse_published(r.get(5)?),
            url: r.get(6)?,
            source: r.get(7)?,
            fetched: r.get(8)?,
            original_source: r.get(9)?,
        };
        if f(summary).is_break() {
            break;
        }
    }
    Ok(())
}

pub(crate) fn counts(conn: &Connection) -> Sql<Counts> {
    let count =
        |sql: &str| -> Sql<u64> { Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
    Ok(Counts {
        pages: count("SELECT count(*) FROM pages WHERE origin = 'page'")?,
        corpus_records: count("SELECT count(*) FROM pages WHERE origin = 'corpus'")?,
        articles: count("SELECT count(*) FROM articles WHERE gone = 0")?,
        gone_articles: count("SELECT count(*) FROM articles WHERE gone = 1")?,
        paragraphs: count("SELECT count(*) FROM paragraphs")?,
        captions: count("SELECT count(*) FROM captions")?,
        furniture: count("SELECT count(*) FROM furniture")?,
        revisions: count("SELECT count(*) FROM pages WHERE revision > 1")?,
        failed_pages: count("SELECT count(DISTINCT content_hash) FROM failed_pages")?,
    })
}

fn decode_page(r: &Row<'_>) -> Sql<std::result::Result<RawPage, StoreError>> {
    let id: i64 = r.get(0)?;
    let corrupt = |reason: String| StoreError::Corrupt {
        page_id: id,
        reason,
    };
    let format = match r.get::<_, String>(2)?.as_str() {
        "text" => PageFormat::Text,
        "html" => PageFormat::Html,
        "warc" => PageFormat::Warc,
        other => return Ok(Err(corrupt(format!("unknown page format {other:?}")))),
    };
    let compressed: Vec<u8> = match r.get(5) {
        Ok(c) => c,
        Err(e) => return Ok(Err(corrupt(format!("content is not a blob: {e}")))),
    };
    let size: Option<i64> = r.get(6).unwrap_or(None);
    let raw = match zstd::bulk::decompress(&compressed, size.unwrap_or(0).max(0) as usize) {
        Ok(raw) => raw,
        Err(e) => return Ok(Err(corrupt(format!("content does not decompress: {e}")))),
    };
    let Ok(content) = String::from_utf8(raw) else {
        return Ok(Err(corrupt("content is not UTF-8".into())));
    };
    Ok(Ok(RawPage {
        id,
        page: Page {
            source: r.get(1)?,
            format,
            url: r.get(3)?,
            fetched: r.get(4)?,
            content,
        },
    }))
}

pub(crate) fn raw_pages_after(
    conn: &Connection,
    after_id: i64,
    limit: usize,
) -> Sql<Vec<std::result::Result<RawPage, StoreError>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, source, format, url, fetched, content, content_bytes FROM pages
         WHERE origin = 'page' AND content IS NOT NULL AND id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![after_id, limit as i64])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(decode_page(r)?);
    }
    Ok(out)
}

pub(crate) fn known_hashes(
    conn: &Connection,
    hashes: &[ContentHash],
    extractor_version: &str,
) -> Sql<KnownHashes> {
    let mut stored = conn.prepare_cached("SELECT 1 FROM pages WHERE content_hash = ?1")?;
    let mut failed = conn.prepare_cached(
        "SELECT 1 FROM failed_pages WHERE content_hash = ?1 AND extractor_version = ?2",
    )?;
    let mut known = KnownHashes::default();
    for h in hashes {
        if stored.exists([&h[..]])? {
            known.stored.insert(*h);
        } else if failed.exists(params![&h[..], extractor_version])? {
            known.failed.insert(*h);
        }
    }
    Ok(known)
}

const PAGE_COLUMNS: &str = "id, source, url, url_key, revision, previous_id, content_hash";

fn page_from_row(r: &Row<'_>) -> rusqlite::Result<PageInfo> {
    let hash: Vec<u8> = r.get(6)?;
    Ok(PageInfo {
        id: r.get(0)?,
        source: r.get(1)?,
        url: r.get(2)?,
        url_key: r.get(3)?,
        revision: r.get(4)?,
        previous: r.get(5)?,
        content_hash: hash.try_into().unwrap_or([0; 32]),
    })
}

pub(crate) fn page(conn: &Connection, page_id: i64) -> Sql<Option<PageInfo>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {PAGE_COLUMNS} FROM pages WHERE id = ?1"))?;
    Ok(stmt.query_row([page_id], page_from_row).optional()?)
}

pub(crate) fn revisions(conn: &Connection, url: &str) -> Sql<Vec<PageInfo>> {
    let Some(key) = marsad_model::normalize_url(url) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAGE_COLUMNS} FROM pages WHERE url_key = ?1 ORDER BY revision"
    ))?;
    let rows = stmt
        .query_map([key], page_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn stage_progress(conn: &Connection, stage: &str) -> Sql<Option<StageProgress>> {
    let mut stmt =
        conn.prepare_cached("SELECT version, seq FROM stage_progress WHERE stage = ?1")?;
    Ok(stmt
        .query_row([stage], |r| {
            Ok(StageProgress {
                version: r.get(0)?,
                seq: r.get::<_, i64>(1)? as u64,
            })
        })
        .optional()?)
}

pub(crate) fn stage_rows(conn: &Connection, stage: &str, query: &StageQuery) -> Sql<Vec<StageRow>> {
    // Each query: its condition on parameters from ?2 on, and their values.
    let mut queries: Vec<(String, Vec<Value>)> = Vec::new();
    match query {
        StageQuery::Kind(kind) => {
            queries.push(("kind = ?2".into(), vec![Value::Text(kind.clone())]))
        }
        StageQuery::Key { kind, key } => queries.push((
            "kind = ?2 AND key = ?3".into(),
            vec![Value::Text(kind.clone()), Value::Text(key.clone())],
        )),
        StageQuery::Keys { kind, keys } => {
            for chunk in keys.chunks(IDS_PER_QUERY) {
                let mut args = vec![Value::Text(kind.clone())];
                args.extend(chunk.iter().map(|k| Value::Text(k.clone())));
                queries.push((
                    format!("kind = ?2 AND key IN ({})", placeholders(3, chunk.len())),
                    args,
                ));
            }
        }
        StageQuery::Article(id) => {
            queries.push(("article_id = ?2".into(), vec![Value::Integer(*id)]))
        }
        StageQuery::Articles(ids) => {
            for chunk in ids.chunks(IDS_PER_QUERY) {
                queries.push((
                    format!("article_id IN ({})", placeholders(2, chunk.len())),
                    chunk.iter().map(|&id| Value::Integer(id)).collect(),
                ));
            }
        }
    }
    let mut rows: Vec<(i64, StageRow)> = Vec::new();
    for (condition, args) in &queries {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT rowid, kind, key, article_id, value FROM stage_rows
             WHERE stage = ?1 AND {condition} ORDER BY rowid"
        ))?;
        let mut all = vec![Value::Text(stage.to_string())];
        all.extend(args.iter().cloned());
        let found = stmt.query_map(params_from_iter(all), |r| {
            Ok((
                r.get(0)?,
                StageRow {
                    kind: r.get(1)?,
                    key: r.get(2)?,
                    article_id: r.get(3)?,
                    value: r.get(4)?,
                },
            ))
        })?;
        for row in found {
            rows.push(row?);
        }
    }
    // Several queries: back in the order the rows were written (a key or
    // an article asked for twice is read once, by `IN`).
    if queries.len() > 1 {
        rows.sort_by_key(|(rowid, _)| *rowid);
        rows.dedup_by_key(|(rowid, _)| *rowid);
    }
    Ok(rows.into_iter().map(|(_, row)| row).collect())
}
