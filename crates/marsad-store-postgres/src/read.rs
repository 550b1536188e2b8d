//! Reading back: the same queries as the SQLite store's, in PostgreSQL's dialect.

use std::ops::ControlFlow;
use std::str::FromStr;

use marsad_model::{
    Caption, Furniture, FurnitureKind, Page, PageFormat, Paragraph, ParagraphKind, Published, Role,
};
use marsad_store::{
    ArticleChange, ArticleFilter, ArticleSummary, ContentHash, Counts, KnownHashes, PageInfo,
    RawPage, StageProgress, StageQuery, StageRow, StoreError, StoredArticle,
};
use postgres::types::ToSql;
use postgres::{Client, Row};

type R<T> = Result<T, postgres::Error>;

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

fn article_from_row(r: &Row) -> StoredArticle {
    StoredArticle {
        id: r.get(0),
        page_id: r.get(1),
        role: parse_role(r.get(2)),
        title: r.get(3),
        subtitle: r.get(4),
        text: r.get(5),
        outlet: r.get(6),
        published: parse_published(r.get(7)),
        url: r.get(8),
        source: r.get(9),
        dateline: r.get(10),
        byline: r.get(11),
        original_source: r.get(12),
        fetched: r.get(13),
        seq: r.get::<_, i64>(14) as u64,
        gone: r.get(15),
    }
}

pub(crate) fn seq(c: &mut Client) -> R<u64> {
    let seq: i64 = c
        .query_one("SELECT value FROM store_meta WHERE key = 'seq'", &[])?
        .get(0);
    Ok(seq as u64)
}

pub(crate) fn changes_since(
    c: &mut Client,
    since: u64,
    after_id: i64,
    limit: usize,
) -> R<Vec<ArticleChange>> {
    let rows = c.query(
        &format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
             WHERE a.seq > $1 AND a.id > $2 ORDER BY a.id LIMIT $3"
        ),
        &[&(since as i64), &after_id, &(limit as i64)],
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            let a = article_from_row(r);
            if a.gone {
                ArticleChange::Gone {
                    id: a.id,
                    seq: a.seq,
                }
            } else {
                ArticleChange::Live(a)
            }
        })
        .collect())
}

pub(crate) fn article(c: &mut Client, id: i64) -> R<Option<StoredArticle>> {
    let row = c.query_opt(
        &format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
             WHERE a.id = $1"
        ),
        &[&id],
    )?;
    Ok(row.as_ref().map(article_from_row))
}

/// Many articles in one query: the ids go as one array parameter.
pub(crate) fn articles(c: &mut Client, ids: &[i64]) -> R<Vec<StoredArticle>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = c.query(
        &format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
             WHERE a.id = ANY($1) ORDER BY a.id"
        ),
        &[&ids],
    )?;
    Ok(rows.iter().map(article_from_row).collect())
}

pub(crate) fn page_articles(c: &mut Client, page_id: i64) -> R<Vec<StoredArticle>> {
    let rows = c.query(
        &format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
             WHERE a.page_id = $1 AND NOT a.gone ORDER BY a.position"
        ),
        &[&page_id],
    )?;
    Ok(rows.iter().map(article_from_row).collect())
}

fn line(r: &Row, i: usize) -> Option<u32> {
    r.get::<_, Option<i64>>(i)
        .and_then(|n| u32::try_from(n).ok())
}

pub(crate) fn paragraphs(c: &mut Client, article_id: i64) -> R<Vec<Paragraph>> {
    let rows = c.query(
        "SELECT text, line, kind FROM paragraphs WHERE article_id = $1 ORDER BY position",
        &[&article_id],
    )?;
    Ok(rows
        .iter()
        .map(|r| Paragraph {
            text: r.get(0),
            line: line(r, 1),
            kind: if r.get::<_, &str>(2) == "subheading" {
                ParagraphKind::Subheading
            } else {
                ParagraphKind::Body
            },
        })
        .collect())
}

pub(crate) fn captions(c: &mut Client, article_id: i64) -> R<Vec<Caption>> {
    let rows = c.query(
        "SELECT text, line FROM captions WHERE article_id = $1 ORDER BY position",
        &[&article_id],
    )?;
    Ok(rows
        .iter()
        .map(|r| Caption {
            text: r.get(0),
            line: line(r, 1),
        })
        .collect())
}

pub(crate) fn furniture(c: &mut Client, page_id: i64) -> R<Vec<Furniture>> {
    let rows = c.query(
        "SELECT line, kind, text FROM furniture WHERE page_id = $1 ORDER BY position",
        &[&page_id],
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            let kind: String = r.get(1);
            Furniture {
                line: line(r, 0),
                kind: FurnitureKind::from_name(&kind),
                text: r.get(2),
            }
        })
        .collect())
}

/// Rows fetched per round trip while listing (the listing streams).
const LIST_PAGE: i64 = 1_000;

pub(crate) fn list_articles(
    c: &mut Client,
    filter: &ArticleFilter,
    f: &mut dyn FnMut(ArticleSummary) -> ControlFlow<()>,
) -> R<()> {
    let mut sql = String::from(
        "SELECT a.id, a.page_id, a.role, a.title, a.outlet, a.published, p.url, p.source,
                p.fetched, a.original_source
         FROM articles a JOIN pages p ON p.id = a.page_id WHERE NOT a.gone",
    );
    let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut arg = |sql: &mut String, text: &str, v: Box<dyn ToSql + Sync>| {
        args.push(v);
        sql.push_str(&text.replace('?', &format!("${}", args.len())));
    };
    if let Some(outlet) = &filter.outlet {
        arg(&mut sql, " AND a.outlet = ?", Box::new(outlet.clone()));
    }
    if let Some(from) = filter.from {
        // Dates are text compared byte-wise (as SQLite does), whatever the database's collation.
        arg(
            &mut sql,
            " AND a.published COLLATE \"C\" >= ?",
            Box::new(from.to_string()),
        );
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
        arg(
            &mut sql,
            &format!(" AND a.published COLLATE \"C\" {op} ?"),
            Box::new(bound),
        );
    }
    let limit = filter.limit.map(|n| n.min(i64::MAX as u64) as i64);
    let mut offset = filter.offset.map_or(0, |n| n.min(i64::MAX as u64) as i64);
    let mut left = limit.unwrap_or(i64::MAX);
    let n = args.len();
    let paged = format!("{sql} ORDER BY a.id LIMIT ${} OFFSET ${}", n + 1, n + 2);
    let stmt = c.prepare(&paged)?;
    while left > 0 {
        let take = left.min(LIST_PAGE);
        let mut params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
        params.push(&take);
        params.push(&offset);
        let rows = c.query(&stmt, &params)?;
        for r in &rows {
            let summary = ArticleSummary {
                id: r.get(0),
                page_id: r.get(1),
                role: parse_role(r.get(2)),
                title: r.get(3),
                outlet: r.get(4),
                published: parse_published(r.get(5)),
                url: r.get(6),
                source: r.get(7),
                fetched: r.get(8),
                original_source: r.get(9),
            };
            if f(summary).is_break() {
                return Ok(());
            }
        }
        if (rows.len() as i64) < take {
            break;
        }
        offset += take;
        left -= take;
    }
    Ok(())
}

pub(crate) fn counts(c: &mut Client) -> R<Counts> {
    let r = c.query_one(
        "SELECT
            (SELECT count(*) FROM pages WHERE origin = 'page'),
            (SELECT count(*) FROM pages WHERE origin = 'corpus'),
            (SELECT count(*) FROM articles WHERE NOT gone),
            (SELECT count(*) FROM articles WHERE gone),
            (SELECT count(*) FROM paragraphs),
            (SELECT count(*) FROM captions),
            (SELECT count(*) FROM furniture),
            (SELECT count(*) FROM pages WHERE revision > 1),
            (SELECT count(DISTINCT content_hash) FROM failed_pages)",
        &[],
    )?;
    let n = |i: usize| r.get::<_, i64>(i) as u64;
    Ok(Counts {
        pages: n(0),
        corpus_records: n(1),
        articles: n(2),
        gone_articles: n(3),
        paragraphs: n(4),
        captions: n(5),
        furniture: n(6),
        revisions: n(7),
        failed_pages: n(8),
    })
}

fn decode_page(r: &Row) -> Result<RawPage, StoreError> {
    let id: i64 = r.get(0);
    let corrupt = |reason: String| StoreError::Corrupt {
        page_id: id,
        reason,
    };
    let format = match r.get::<_, &str>(2) {
        "text" => PageFormat::Text,
        "html" => PageFormat::Html,
        "warc" => PageFormat::Warc,
        other => return Err(corrupt(format!("unknown page format {other:?}"))),
    };
    let compressed: &[u8] = r.get(5);
    let size: Option<i64> = r.get(6);
    let raw = zstd::bulk::decompress(compressed, size.unwrap_or(0).max(0) as usize)
        .map_err(|e| corrupt(format!("content does not decompress: {e}")))?;
    let content = String::from_utf8(raw).map_err(|_| corrupt("content is not UTF-8".into()))?;
    Ok(RawPage {
        id,
        page: Page {
            source: r.get(1),
            format,
            url: r.get(3),
            fetched: r.get(4),
            content,
        },
    })
}

pub(crate) fn raw_pages_after(
    c: &mut Client,
    after_id: i64,
    limit: usize,
) -> R<Vec<Result<RawPage, StoreError>>> {
    let rows = c.query(
        "SELECT id, source, format, url, fetched, content, content_bytes FROM pages
         WHERE origin = 'page' AND content IS NOT NULL AND id > $1 ORDER BY id LIMIT $2",
        &[&after_id, &(limit as i64)],
    )?;
    Ok(rows.iter().map(decode_page).collect())
}

fn hashes_of(rows: &[Row]) -> std::collections::HashSet<ContentHash> {
    rows.iter()
        .filter_map(|r| r.get::<_, Vec<u8>>(0).try_into().ok())
        .collect()
}

pub(crate) fn known_hashes(
    c: &mut Client,
    hashes: &[ContentHash],
    extractor_version: &str,
) -> R<KnownHashes> {
    let all: Vec<&[u8]> = hashes.iter().map(|h| &h[..]).collect();
    let stored = hashes_of(&c.query(
        "SELECT content_hash FROM pages WHERE content_hash = ANY($1)",
        &[&all],
    )?);
    let failed = hashes_of(&c.query(
        "SELECT content_hash FROM failed_pages
         WHERE content_hash = ANY($1) AND extractor_version = $2",
        &[&all, &extractor_version],
    )?)
    .into_iter()
    .filter(|h| !stored.contains(h))
    .collect();
    Ok(KnownHashes { stored, failed })
}

const PAGE_COLUMNS: &str = "id, source, url, url_key, revision, previous_id, content_hash";

fn page_from_row(r: &Row) -> PageInfo {
    PageInfo {
        id: r.get(0),
        source: r.get(1),
        url: r.get(2),
        url_key: r.get(3),
        revision: u32::try_from(r.get::<_, i64>(4)).unwrap_or(u32::MAX),
        previous: r.get(5),
        content_hash: r.get::<_, Vec<u8>>(6).try_into().unwrap_or([0; 32]),
    }
}

pub(crate) fn page(c: &mut Client, page_id: i64) -> R<Option<PageInfo>> {
    let row = c.query_opt(
        &format!("SELECT {PAGE_COLUMNS} FROM pages WHERE id = $1"),
        &[&page_id],
    )?;
    Ok(row.as_ref().map(page_from_row))
}

pub(crate) fn revisions(c: &mut Client, url: &str) -> R<Vec<PageInfo>> {
    let Some(key) = marsad_model::normalize_url(url) else {
        return Ok(Vec::new());
    };
    let rows = c.query(
        &format!("SELECT {PAGE_COLUMNS} FROM pages WHERE url_key = $1 ORDER BY revision"),
        &[&key],
    )?;
    Ok(rows.iter().map(page_from_row).collect())
}

pub(crate) fn stage_progress(c: &mut Client, stage: &str) -> R<Option<StageProgress>> {
    let row = c.query_opt(
        "SELECT version, seq FROM stage_progress WHERE stage = $1",
        &[&stage],
    )?;
    Ok(row.map(|r| StageProgress {
        version: u32::try_from(r.get::<_, i64>(0)).unwrap_or(u32::MAX),
        seq: r.get::<_, i64>(1) as u64,
    }))
}

pub(crate) fn stage_rows(c: &mut Client, stage: &str, query: &StageQuery) -> R<Vec<StageRow>> {
    const COLUMNS: &str = "SELECT kind, key, article_id, value FROM stage_rows WHERE stage = $1";
    let rows = match query {
        StageQuery::Kind(kind) => c.query(
            &format!("{COLUMNS} AND kind = $2 ORDER BY id"),
            &[&stage, kind],
        )?,
        StageQuery::Key { kind, key } => c.query(
            &format!("{COLUMNS} AND kind = $2 AND key = $3 ORDER BY id"),
            &[&stage, kind, key],
        )?,
        StageQuery::Keys { kind, keys } => c.query(
            &format!("{COLUMNS} AND kind = $2 AND key = ANY($3) ORDER BY id"),
            &[&stage, kind, keys],
        )?,
        StageQuery::Article(id) => c.query(
            &format!("{COLUMNS} AND article_id = $2 ORDER BY id"),
            &[&stage, id],
        )?,
        StageQuery::Articles(ids) => c.query(
            &format!("{COLUMNS} AND article_id = ANY($2) ORDER BY id"),
            &[&stage, ids],
        )?,
    };
    Ok(rows
        .iter()
        .map(|r| StageRow {
            kind: r.get(0),
            key: r.get(1),
            article_id: r.get(2),
            value: r.get(3),
        })
        .collect())
}
