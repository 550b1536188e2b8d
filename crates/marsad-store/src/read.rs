//! Reading back: articles for the indexer and for listing, raw pages for
//! re-extraction, counts.

use std::collections::HashSet;
use std::str::FromStr;

use marsad_model::{Caption, Page, PageFormat, Paragraph, ParagraphKind, Published, Role};
use rusqlite::{params_from_iter, types::Value, Row};
use serde::Serialize;

use crate::prepare::{ContentHash, NewArticle, NewPage};
use crate::sink::{ArticleSink, SinkError};
use crate::{Result, Store, StoreError};

/// An article as stored, with its page's url and source: what the indexer
/// and the listing need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    pub id: i64,
    pub page_id: i64,
    pub role: Role,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// Body paragraphs joined by blank lines.
    pub text: String,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub url: Option<String>,
    pub source: String,
    pub dateline: Option<String>,
    pub byline: Option<String>,
    pub original_source: Option<String>,
    /// When the page was fetched, as its input gives it (the WARC date, or
    /// a corpus's crawl date: SaudiNewsNet has no publication date).
    pub fetched: Option<String>,
}

/// The page fields an article carries along.
pub(crate) struct PageRef {
    pub url: Option<String>,
    pub source: String,
    pub fetched: Option<String>,
}

impl StoredArticle {
    pub(crate) fn from_new(id: i64, page_id: i64, a: &NewArticle, page: &NewPage) -> Self {
        let p = PageRef {
            url: page.url.clone(),
            source: page.source.clone(),
            fetched: page.fetched.clone(),
        };
        Self::from_parts(id, page_id, a, p)
    }

    pub(crate) fn from_parts(id: i64, page_id: i64, a: &NewArticle, page: PageRef) -> Self {
        let art = &a.article;
        StoredArticle {
            id,
            page_id,
            role: art.role,
            title: art.title.clone(),
            subtitle: art.subtitle.clone(),
            text: a.text.clone(),
            outlet: art.outlet.clone(),
            published: art.published,
            url: page.url,
            source: page.source,
            dateline: art.dateline.clone(),
            byline: art.byline.clone(),
            original_source: art.original_source.clone(),
            fetched: page.fetched,
        }
    }
}

/// One line of `marsad articles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub page_id: i64,
    pub role: Role,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub url: Option<String>,
    pub source: String,
}

/// Which articles to list. Date bounds are inclusive and compare the
/// local publication date; articles without a date are left out when
/// either bound is given.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub outlet: Option<String>,
    pub from: Option<Published>,
    pub to: Option<Published>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// How much the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Raw pages (text, HTML, WARC records).
    pub pages: u64,
    /// Records of already-clean corpora.
    pub corpus_records: u64,
    pub articles: u64,
    pub paragraphs: u64,
    pub captions: u64,
    pub furniture: u64,
}

/// A stored raw page, decoded again for re-extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    pub id: i64,
    pub page: Page,
}

const ARTICLE_COLUMNS: &str = "a.id, a.page_id, a.role, a.title, a.subtitle, a.text, a.outlet,
    a.published, p.url, p.source, a.dateline, a.byline, a.original_source, p.fetched";

fn parse_role(s: &str) -> Role {
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
    })
}

impl Store {
    /// Call `f` with every article, in id order, streaming (one row in
    /// memory at a time). An error from `f` stops the walk and is returned.
    pub fn for_each_article(
        &self,
        mut f: impl FnMut(StoredArticle) -> Result<(), SinkError>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
             ORDER BY a.id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(article_from_row(row)?).map_err(StoreError::Sink)?;
        }
        Ok(())
    }

    /// Up to `limit` articles with ids above `after_id`, in id order: for
    /// walking the store in batches.
    pub fn articles_after(&self, after_id: i64, limit: usize) -> Result<Vec<StoredArticle>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
             WHERE a.id > ?1 ORDER BY a.id LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(rusqlite::params![after_id, limit as i64], article_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Hand every stored article to `sink` in batches of `batch`, then
    /// commit it (rebuilding a derived view). Returns the number of articles.
    pub fn feed(&self, sink: &mut dyn ArticleSink, batch: usize) -> Result<u64> {
        let batch = batch.max(1);
        let mut after = 0;
        let mut n = 0;
        loop {
            let articles = self.articles_after(after, batch)?;
            let Some(last) = articles.last() else { break };
            after = last.id;
            n += articles.len() as u64;
            sink.add(&articles).map_err(StoreError::Sink)?;
        }
        sink.commit().map_err(StoreError::Sink)?;
        Ok(n)
    }

    /// One article by id.
    pub fn article(&self, id: i64) -> Result<Option<StoredArticle>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a JOIN pages p ON p.id = a.page_id
             WHERE a.id = ?1"
        ))?;
        let mut rows = stmt.query([id])?;
        Ok(match rows.next()? {
            Some(r) => Some(article_from_row(r)?),
            None => None,
        })
    }

    /// An article's paragraphs, in order.
    pub fn paragraphs(&self, article_id: i64) -> Result<Vec<Paragraph>> {
        let mut stmt = self.conn.prepare_cached(
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

    /// An article's image captions, in order.
    pub fn captions(&self, article_id: i64) -> Result<Vec<Caption>> {
        let mut stmt = self.conn.prepare_cached(
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

    /// Call `f` with each article matching `filter`, in id order,
    /// streaming. An error from `f` stops the listing and is returned.
    pub fn each_listed_article(
        &self,
        filter: &ArticleFilter,
        mut f: impl FnMut(ArticleSummary) -> Result<(), SinkError>,
    ) -> Result<()> {
        let mut sql = String::from(
            "SELECT a.id, a.page_id, a.role, a.title, a.outlet, a.published, p.url, p.source
             FROM articles a JOIN pages p ON p.id = a.page_id WHERE 1 = 1",
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
        let mut stmt = self.conn.prepare(&sql)?;
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
            };
            f(summary).map_err(StoreError::Sink)?;
        }
        Ok(())
    }

    /// The articles matching `filter`, in id order.
    pub fn list_articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleSummary>> {
        let mut out = Vec::new();
        self.each_listed_article(filter, |a| {
            out.push(a);
            Ok(())
        })?;
        Ok(out)
    }

    /// How many rows of each kind the store holds.
    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            pages: count("SELECT count(*) FROM pages WHERE origin = 'page'")?,
            corpus_records: count("SELECT count(*) FROM pages WHERE origin = 'corpus'")?,
            articles: count("SELECT count(*) FROM articles")?,
            paragraphs: count("SELECT count(*) FROM paragraphs")?,
            captions: count("SELECT count(*) FROM captions")?,
            furniture: count("SELECT count(*) FROM furniture")?,
        })
    }

    /// Up to `limit` stored raw pages with ids above `after_id`, in id
    /// order, decompressed: walk them in batches for `reextract`. Corpus
    /// records have no raw page and are not included.
    pub fn pages_for_reextract(&self, after_id: i64, limit: usize) -> Result<Vec<RawPage>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source, format, url, fetched, content, content_bytes FROM pages
             WHERE origin = 'page' AND content IS NOT NULL AND id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let mut rows = stmt.query(rusqlite::params![after_id, limit as i64])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let corrupt = |reason: String| StoreError::Corrupt {
                page_id: id,
                reason,
            };
            let format = match r.get::<_, String>(2)?.as_str() {
                "text" => PageFormat::Text,
                "html" => PageFormat::Html,
                "warc" => PageFormat::Warc,
                other => return Err(corrupt(format!("unknown page format {other:?}"))),
            };
            let compressed: Vec<u8> = r.get(5)?;
            let size: Option<i64> = r.get(6)?;
            let raw = zstd::bulk::decompress(&compressed, size.unwrap_or(0).max(0) as usize)
                .map_err(|e| corrupt(format!("content does not decompress: {e}")))?;
            let content =
                String::from_utf8(raw).map_err(|_| corrupt("content is not UTF-8".into()))?;
            out.push(RawPage {
                id,
                page: Page {
                    source: r.get(1)?,
                    format,
                    url: r.get(3)?,
                    fetched: r.get(4)?,
                    content,
                },
            });
        }
        Ok(out)
    }

    /// Which of `hashes` are already stored (to skip extracting known pages).
    pub fn known_hashes(&self, hashes: &[ContentHash]) -> Result<HashSet<ContentHash>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM pages WHERE content_hash = ?1")?;
        let mut known = HashSet::new();
        for h in hashes {
            if stmt.exists([&h[..]])? {
                known.insert(*h);
            }
        }
        Ok(known)
    }
}
