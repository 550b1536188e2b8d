//! Writing: one transaction per batch, so a page and its articles are
//! stored together or not at all, and each write takes the next sequence
//! number.

use marsad_model::{Article, ExtractedPage, Furniture, ParagraphKind, Role};
use marsad_store::identity::{match_articles, OldArticle};
use marsad_store::{
    InsertOutcome, NewArticle, NewPage, PageFailure, PageRef, ReplaceOutcome, StageWrite,
    StoreError, StoredArticle,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::Sql;

const INSERT_PAGE: &str = "INSERT INTO pages
    (origin, source, format, url, fetched, lang, dir, content_hash, content, content_bytes,
     extracted_at, extractor_version, url_key, revision, previous_id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?11,
            ?12, ?13, ?14)
    ON CONFLICT (content_hash) DO NOTHING";

const INSERT_ARTICLE: &str = "INSERT INTO articles
    (page_id, position, role, title, title_line, subtitle, published, dateline, byline,
     outlet, original_source, text, text_hash, seq, gone)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0)";

const UPDATE_ARTICLE: &str = "UPDATE articles SET
    role = ?2, title = ?3, title_line = ?4, subtitle = ?5, published = ?6, dateline = ?7,
    byline = ?8, outlet = ?9, original_source = ?10, text = ?11, text_hash = ?12,
    position = ?13, seq = ?14, gone = 0
    WHERE id = ?1";

pub(crate) fn role_str(role: Role) -> &'static str {
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

/// Take the next sequence number inside `tx`.
fn next_seq(tx: &Transaction<'_>) -> rusqlite::Result<u64> {
    let seq: i64 = tx.query_row(
        "UPDATE store_meta SET value = value + 1 WHERE key = 'seq' RETURNING value",
        [],
        |r| r.get(0),
    )?;
    Ok(seq as u64)
}

pub(crate) fn insert_pages(conn: &mut Connection, pages: Vec<NewPage>) -> Sql<InsertOutcome> {
    let tx = conn.transaction()?;
    let seq = next_seq(&tx)?;
    let mut out = InsertOutcome {
        seq,
        ..InsertOutcome::default()
    };
    for page in pages {
        let Some((page_id, revision)) = insert_page(&tx, &page)? else {
            out.stats.duplicates += 1;
            continue;
        };
        out.stats.new_pages += 1;
        if revision > 1 {
            out.stats.revisions += 1;
        }
        for (position, a) in page.articles.iter().enumerate() {
            let id = insert_article(&tx, page_id, position as i64, a, seq)?;
            write_children(&tx, id, &a.article)?;
            out.stats.articles += 1;
            out.articles
                .push(StoredArticle::from_new(id, page_id, seq, a, &page));
        }
        insert_furniture(&tx, page_id, &page.furniture)?;
    }
    if out.stats.new_pages == 0 {
        // Nothing written: the sequence number is not used up.
        tx.rollback()?;
        out.seq = crate::read::seq(conn)?;
        return Ok(out);
    }
    tx.commit()?;
    Ok(out)
}

/// Insert a page row; `None` when its content hash is already stored.
/// Returns the new id and its revision number at its URL.
fn insert_page(tx: &Transaction<'_>, p: &NewPage) -> Sql<Option<(i64, i64)>> {
    let previous: Option<(i64, i64)> = match &p.url_key {
        Some(key) => tx
            .prepare_cached(
                "SELECT id, revision FROM pages WHERE url_key = ?1
                 ORDER BY revision DESC LIMIT 1",
            )?
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        None => None,
    };
    let revision = previous.map_or(1, |(_, r)| r + 1);
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
        p.url_key,
        revision,
        previous.map(|(id, _)| id),
    ])?;
    Ok((n == 1).then(|| (tx.last_insert_rowid(), revision)))
}

fn insert_article(
    tx: &Transaction<'_>,
    page_id: i64,
    position: i64,
    a: &NewArticle,
    seq: u64,
) -> Sql<i64> {
    let art = &a.article;
    let mut stmt = tx.prepare_cached(INSERT_ARTICLE)?;
    stmt.execute(params![
        page_id,
        position,
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
        seq as i64,
    ])?;
    Ok(tx.last_insert_rowid())
}

fn update_article(
    tx: &Transaction<'_>,
    id: i64,
    position: i64,
    a: &NewArticle,
    seq: u64,
) -> Sql<()> {
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
        position,
        seq as i64,
    ])?;
    Ok(())
}

/// Paragraphs and captions of one article.
fn write_children(tx: &Transaction<'_>, article_id: i64, art: &Article) -> Sql<()> {
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

fn delete_children(tx: &Transaction<'_>, article_id: i64) -> Sql<()> {
    tx.prepare_cached("DELETE FROM paragraphs WHERE article_id = ?1")?
        .execute([article_id])?;
    tx.prepare_cached("DELETE FROM captions WHERE article_id = ?1")?
        .execute([article_id])?;
    Ok(())
}

/// A page's furniture lines, in order.
fn insert_furniture(tx: &Transaction<'_>, page_id: i64, furniture: &[Furniture]) -> Sql<()> {
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

/// The page's articles as stored, live and gone, for matching.
fn old_articles(tx: &Transaction<'_>, page_id: i64) -> Sql<Vec<OldArticle>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, role, text_hash, title, text, gone FROM articles WHERE page_id = ?1
         ORDER BY gone, position",
    )?;
    let rows = stmt
        .query_map([page_id], |r| {
            let hash: Vec<u8> = r.get(2)?;
            Ok(OldArticle {
                id: r.get(0)?,
                role: crate::read::parse_role(&r.get::<_, String>(1)?),
                text_hash: hash.try_into().unwrap_or([0; 32]),
                title: r.get(3)?,
                text: r.get(4)?,
                gone: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn replace_extracted(
    conn: &mut Connection,
    pages: Vec<(i64, ExtractedPage)>,
    extractor_version: &str,
) -> Sql<ReplaceOutcome> {
    let tx = conn.transaction()?;
    let seq = next_seq(&tx)?;
    let mut out = ReplaceOutcome {
        seq,
        ..ReplaceOutcome::default()
    };
    for (page_id, extracted) in pages {
        let page: Option<(Option<String>, String, Option<String>)> = tx
            .query_row(
                "SELECT url, source, fetched FROM pages WHERE id = ?1",
                [page_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((url, source, fetched)) = page else {
            return Err(StoreError::NoSuchPage(page_id).into());
        };
        tx.execute(
            "UPDATE pages SET lang = ?2, dir = ?3, extractor_version = ?4,
             extracted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            params![page_id, extracted.lang, extracted.dir, extractor_version],
        )?;
        let old = old_articles(&tx, page_id)?;
        let new: Vec<NewArticle> = extracted
            .articles
            .into_iter()
            .map(NewArticle::new)
            .collect();
        let matching = match_articles(&old, &new);
        // Off the page first, so that new positions never collide with old ones.
        tx.execute(
            "UPDATE articles SET position = -id WHERE page_id = ?1",
            [page_id],
        )?;
        for &id in &matching.gone {
            delete_children(&tx, id)?;
            tx.execute(
                "UPDATE articles SET gone = 1, seq = ?2 WHERE id = ?1",
                params![id, seq as i64],
            )?;
            out.gone.push(id);
        }
        for (position, (a, kept)) in new.iter().zip(&matching.ids).enumerate() {
            let id = match *kept {
                Some(id) => {
                    delete_children(&tx, id)?;
                    update_article(&tx, id, position as i64, a, seq)?;
                    out.kept += 1;
                    id
                }
                None => {
                    out.added += 1;
                    insert_article(&tx, page_id, position as i64, a, seq)?
                }
            };
            write_children(&tx, id, &a.article)?;
            let page = PageRef {
                url: url.clone(),
                source: source.clone(),
                fetched: fetched.clone(),
            };
            out.articles
                .push(StoredArticle::from_parts(id, page_id, seq, a, page));
        }
        tx.execute("DELETE FROM furniture WHERE page_id = ?1", [page_id])?;
        insert_furniture(&tx, page_id, &extracted.furniture)?;
        out.pages += 1;
    }
    tx.commit()?;
    Ok(out)
}

pub(crate) fn record_failures(conn: &mut Connection, failures: &[PageFailure]) -> Sql<()> {
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO failed_pages (content_hash, extractor_version, source, error, failed_at)
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
             ON CONFLICT (content_hash, extractor_version)
             DO UPDATE SET source = excluded.source, error = excluded.error,
                           failed_at = excluded.failed_at",
        )?;
        for f in failures {
            stmt.execute(params![
                &f.content_hash[..],
                f.extractor_version,
                f.source,
                f.error
            ])?;
        }
    }
    tx.commit()?;
    Ok(())
}

pub(crate) fn write_stage(conn: &mut Connection, w: &StageWrite) -> Sql<()> {
    let tx = conn.transaction()?;
    if w.clear_all {
        tx.execute("DELETE FROM stage_rows WHERE stage = ?1", [&w.stage])?;
    } else {
        let mut stmt =
            tx.prepare_cached("DELETE FROM stage_rows WHERE stage = ?1 AND article_id = ?2")?;
        for id in &w.articles {
            stmt.execute(params![w.stage, id])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO stage_rows (stage, kind, key, article_id, value)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for r in &w.rows {
            stmt.execute(params![w.stage, r.kind, r.key, r.article_id, r.value])?;
        }
    }
    tx.execute(
        "INSERT INTO stage_progress (stage, version, seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (stage) DO UPDATE SET version = excluded.version, seq = excluded.seq",
        params![w.stage, w.version, w.seq as i64],
    )?;
    tx.commit()?;
    Ok(())
}
