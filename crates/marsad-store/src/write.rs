//! Writing batches: one transaction per batch, so a page and its articles
//! are stored together or not at all.

use std::ops::AddAssign;

use marsad_model::{Article, CleanArticle, ExtractedPage, Page, ParagraphKind, Role};
use rusqlite::{params, Transaction};

use crate::prepare::{NewArticle, NewPage};
use crate::read::{PageRef, StoredArticle};
use crate::{Result, Store};

/// What a batch added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct InsertStats {
    /// Pages (or corpus records) stored.
    pub new_pages: u64,
    /// Pages already in the store (same content hash), not stored again.
    pub duplicates: u64,
    /// Articles stored.
    pub articles: u64,
}

impl AddAssign for InsertStats {
    fn add_assign(&mut self, o: Self) {
        self.new_pages += o.new_pages;
        self.duplicates += o.duplicates;
        self.articles += o.articles;
    }
}

/// The result of [`Store::insert_prepared`].
#[derive(Debug, Default)]
pub struct InsertOutcome {
    pub stats: InsertStats,
    /// The stored articles, when asked for (to hand to an [`crate::ArticleSink`]).
    pub articles: Vec<StoredArticle>,
}

/// What re-extracting a batch of stored pages changed.
#[derive(Debug, Default)]
pub struct ReplaceOutcome {
    pub pages: u64,
    /// Articles rewritten in place (same id).
    pub updated: u64,
    /// Articles the new extraction found beyond the old count (new ids).
    pub added: u64,
    /// Ids of articles the new extraction no longer finds, now deleted.
    pub removed: Vec<i64>,
    /// Every article of the batch as now stored, when asked for.
    pub articles: Vec<StoredArticle>,
}

const INSERT_PAGE: &str = "INSERT INTO pages
    (origin, source, format, url, fetched, lang, dir, content_hash, content, content_bytes,
     extracted_at, extractor_version)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?11)
    ON CONFLICT (content_hash) DO NOTHING";

const INSERT_ARTICLE: &str = "INSERT INTO articles
    (page_id, position, role, title, title_line, subtitle, published, dateline, byline,
     outlet, original_source, text, text_hash)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

const UPDATE_ARTICLE: &str = "UPDATE articles SET
    role = ?2, title = ?3, title_line = ?4, subtitle = ?5, published = ?6, dateline = ?7,
    byline = ?8, outlet = ?9, original_source = ?10, text = ?11, text_hash = ?12
    WHERE id = ?1";

fn role_str(role: Role) -> &'static str {
    match role {
        Role::Main => "main",
        Role::Appended => "appended",
    }
}

fn kind_str(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Body => "body",
        ParagraphKind::Subheading => "subheading",
    }
}

impl Store {
    /// Write a batch of prepared pages in one transaction. Pages whose
    /// content hash is already stored are counted as duplicates and skipped.
    /// With `want_articles`, the stored articles come back (for a sink).
    pub fn insert_prepared(
        &mut self,
        pages: Vec<NewPage>,
        want_articles: bool,
    ) -> Result<InsertOutcome> {
        let tx = self.conn.transaction()?;
        let mut out = InsertOutcome::default();
        for page in pages {
            let Some(page_id) = insert_page(&tx, &page)? else {
                out.stats.duplicates += 1;
                continue;
            };
            out.stats.new_pages += 1;
            for (position, a) in page.articles.iter().enumerate() {
                let id = insert_article(&tx, page_id, position, a)?;
                write_children(&tx, id, &a.article)?;
                out.stats.articles += 1;
                if want_articles {
                    out.articles
                        .push(StoredArticle::from_new(id, page_id, a, &page));
                }
            }
            insert_furniture(&tx, page_id, &page.furniture)?;
        }
        tx.commit()?;
        Ok(out)
    }

    /// Store raw pages with what the extractor made of them.
    pub fn insert_batch(
        &mut self,
        pages: &[(Page, ExtractedPage)],
        extractor_version: &str,
    ) -> Result<InsertStats> {
        let prepared = pages
            .iter()
            .map(|(p, e)| NewPage::from_extracted(p, e.clone(), extractor_version))
            .collect();
        Ok(self.insert_prepared(prepared, false)?.stats)
    }

    /// Store records of an already-clean corpus.
    pub fn insert_clean(
        &mut self,
        records: &[CleanArticle],
        importer_version: &str,
    ) -> Result<InsertStats> {
        let prepared = records
            .iter()
            .map(|r| NewPage::from_clean(r.clone(), importer_version))
            .collect();
        Ok(self.insert_prepared(prepared, false)?.stats)
    }

    /// Replace the articles and furniture of stored pages with a new
    /// extraction, in one transaction. Articles keep their ids position by
    /// position; extra new ones get new ids, missing ones are deleted.
    pub fn replace_extracted(
        &mut self,
        pages: &[(i64, ExtractedPage)],
        extractor_version: &str,
        want_articles: bool,
    ) -> Result<ReplaceOutcome> {
        let tx = self.conn.transaction()?;
        let mut out = ReplaceOutcome::default();
        for (page_id, extracted) in pages {
            let page_id = *page_id;
            let (url, source, fetched): (Option<String>, String, Option<String>) = tx.query_row(
                "SELECT url, source, fetched FROM pages WHERE id = ?1",
                [page_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            tx.execute(
                "UPDATE pages SET lang = ?2, dir = ?3, extractor_version = ?4,
                 extracted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                params![page_id, extracted.lang, extracted.dir, extractor_version],
            )?;
            let old_ids: Vec<i64> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT id FROM articles WHERE page_id = ?1 ORDER BY position",
                )?;
                let ids = stmt
                    .query_map([page_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                ids
            };
            for (position, article) in extracted.articles.iter().enumerate() {
                let a = NewArticle::new(article.clone());
                let id = match old_ids.get(position) {
                    Some(&id) => {
                        update_article(&tx, id, &a)?;
                        tx.execute("DELETE FROM paragraphs WHERE article_id = ?1", [id])?;
                        tx.execute("DELETE FROM captions WHERE article_id = ?1", [id])?;
                        out.updated += 1;
                        id
                    }
                    None => {
                        out.added += 1;
                        insert_article(&tx, page_id, position, &a)?
                    }
                };
                write_children(&tx, id, &a.article)?;
                if want_articles {
                    let page = PageRef {
                        url: url.clone(),
                        source: source.clone(),
                        fetched: fetched.clone(),
                    };
                    out.articles
                        .push(StoredArticle::from_parts(id, page_id, &a, page));
                }
            }
            for &id in old_ids.iter().skip(extracted.articles.len()) {
                tx.execute("DELETE FROM paragraphs WHERE article_id = ?1", [id])?;
                tx.execute("DELETE FROM captions WHERE article_id = ?1", [id])?;
                tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
                out.removed.push(id);
            }
            tx.execute("DELETE FROM furniture WHERE page_id = ?1", [page_id])?;
            insert_furniture(&tx, page_id, &extracted.furniture)?;
            out.pages += 1;
        }
        tx.commit()?;
        Ok(out)
    }
}

/// Insert a page row; `None` when its content hash is already stored.
fn insert_page(tx: &Transaction<'_>, p: &NewPage) -> Result<Option<i64>> {
    let mut stmt = tx.prepare_cached(INSERT_PAGE)?;
    let n = stmt.execute(params![
        p.origin.as_str(),
        p.source,
        p.format,
        p.url,
        p.fetched,
        p.lang,
        p.dir,
        &p.content_hash[..],
        p.content,
        p.content_bytes.map(|n| n as i64),
        p.extractor_version,
    ])?;
    Ok((n == 1).then(|| tx.last_insert_rowid()))
}

fn insert_article(
    tx: &Transaction<'_>,
    page_id: i64,
    position: usize,
    a: &NewArticle,
) -> Result<i64> {
    let art = &a.article;
    let mut stmt = tx.prepare_cached(INSERT_ARTICLE)?;
    stmt.execute(params![
        page_id,
        position as i64,
        role_str(art.role),
        art.title,
        art.title_line,
        art.subtitle,
        art.published.map(|p| p.to_string()),
        art.dateline,
        art.byline,
        art.outlet,
        art.original_source,
        a.text,
        &a.text_hash[..],
    ])?;
    Ok(tx.last_insert_rowid())
}

fn update_article(tx: &Transaction<'_>, id: i64, a: &NewArticle) -> Result<()> {
    let art = &a.article;
    let mut stmt = tx.prepare_cached(UPDATE_ARTICLE)?;
    stmt.execute(params![
        id,
        role_str(art.role),
        art.title,
        art.title_line,
        art.subtitle,
        art.published.map(|p| p.to_string()),
        art.dateline,
        art.byline,
        art.outlet,
        art.original_source,
        a.text,
        &a.text_hash[..],
    ])?;
    Ok(())
}

/// Paragraphs and captions of one article.
fn write_children(tx: &Transaction<'_>, article_id: i64, art: &Article) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO paragraphs (article_id, position, kind, text, line)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in art.paragraphs.iter().enumerate() {
        stmt.execute(params![
            article_id,
            i as i64,
            kind_str(p.kind),
            p.text,
            p.line
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO captions (article_id, position, text, line) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, c) in art.captions.iter().enumerate() {
        stmt.execute(params![article_id, i as i64, c.text, c.line])?;
    }
    Ok(())
}

/// A page's furniture lines, in order.
fn insert_furniture(
    tx: &rusqlite::Transaction<'_>,
    page_id: i64,
    furniture: &[marsad_model::Furniture],
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO furniture (page_id, position, line, kind, text)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, f) in furniture.iter().enumerate() {
        stmt.execute(params![
            page_id,
            position as i64,
            f.line,
            f.kind.as_str(),
            f.text
        ])?;
    }
    Ok(())
}
