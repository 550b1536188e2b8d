//! Writing: one transaction per batch, the sequence number taken first.
//!
//! A batch of new pages is written with a handful of statements whatever
//! its size (arrays unnested into rows), so that a worker on the far side of
//! a network is not held up by a round trip per paragraph.

use std::collections::{HashMap, HashSet};

use marsad_model::{Article, ExtractedPage, Furniture, ParagraphKind, Role};
use marsad_store::identity::{match_articles, OldArticle};
use marsad_store::{
    ContentHash, InsertOutcome, NewArticle, NewPage, PageFailure, PageRef, ReplaceOutcome,
    StageWrite, StoreError, StoredArticle,
};
use postgres::{Client, Transaction};

use crate::Pg;

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

/// Take the next sequence number: the row lock it takes is held until the
/// transaction ends, so writers commit one after the other in this order.
fn next_seq(tx: &mut Transaction<'_>) -> Result<u64, postgres::Error> {
    let seq: i64 = tx
        .query_one(
            "UPDATE store_meta SET value = value + 1 WHERE key = 'seq' RETURNING value",
            &[],
        )?
        .get(0);
    Ok(seq as u64)
}

/// `n` new ids of `table`, ascending (contiguous: the caller holds the sequence row).
fn new_ids(tx: &mut Transaction<'_>, table: &str, n: usize) -> Result<Vec<i64>, postgres::Error> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let rows = tx.query(
        "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2::bigint)",
        &[&table, &(n as i64)],
    )?;
    let mut ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
    ids.sort_unstable();
    Ok(ids)
}

/// Articles with their ids and page ids, ready to write in one go.
#[derive(Default)]
struct ArticleRows<'a> {
    ids: Vec<i64>,
    page_ids: Vec<i64>,
    positions: Vec<i64>,
    articles: Vec<&'a NewArticle>,
}

fn opt_i64(v: Option<u32>) -> Option<i64> {
    v.map(i64::from)
}

/// Insert articles and everything under them: a few statements per call.
fn write_articles(tx: &mut Transaction<'_>, rows: &ArticleRows<'_>, seq: u64) -> Pg<()> {
    if rows.ids.is_empty() {
        return Ok(());
    }
    let seq = seq as i64;
    let arts: Vec<&Article> = rows.articles.iter().map(|a| &a.article).collect();
    let roles: Vec<&str> = arts.iter().map(|a| role_str(a.role)).collect();
    let titles: Vec<Option<&str>> = arts.iter().map(|a| a.title.as_deref()).collect();
    let title_lines: Vec<Option<i64>> = arts.iter().map(|a| opt_i64(a.title_line)).collect();
    let subtitles: Vec<Option<&str>> = arts.iter().map(|a| a.subtitle.as_deref()).collect();
    let published: Vec<Option<String>> = arts
        .iter()
        .map(|a| a.published.map(|p| p.to_string()))
        .collect();
    let datelines: Vec<Option<&str>> = arts.iter().map(|a| a.dateline.as_deref()).collect();
    let bylines: Vec<Option<&str>> = arts.iter().map(|a| a.byline.as_deref()).collect();
    let outlets: Vec<Option<&str>> = arts.iter().map(|a| a.outlet.as_deref()).collect();
    let originals: Vec<Option<&str>> = arts.iter().map(|a| a.original_source.as_deref()).collect();
    let texts: Vec<&str> = rows.articles.iter().map(|a| a.text.as_str()).collect();
    let hashes: Vec<&[u8]> = rows.articles.iter().map(|a| &a.text_hash[..]).collect();
    tx.execute(
        "INSERT INTO articles
           (id, page_id, position, role, title, title_line, subtitle, published, dateline,
            byline, outlet, original_source, text, text_hash, seq, gone)
         SELECT *, $15::bigint, false FROM unnest($1::bigint[], $2::bigint[], $3::bigint[],
            $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
            $10::text[], $11::text[], $12::text[], $13::text[], $14::bytea[])",
        &[
            &rows.ids,
            &rows.page_ids,
            &rows.positions,
            &roles,
            &titles,
            &title_lines,
            &subtitles,
            &published,
            &datelines,
            &bylines,
            &outlets,
            &originals,
            &texts,
            &hashes,
            &seq,
        ],
    )?;
    write_children(tx, &rows.ids, &arts)
}

/// Paragraphs and captions of articles, by article id.
fn write_children(tx: &mut Transaction<'_>, ids: &[i64], arts: &[&Article]) -> Pg<()> {
    let (mut p_ids, mut p_pos, mut p_kind, mut p_text, mut p_line) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut c_ids, mut c_pos, mut c_text, mut c_line) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (&id, a) in ids.iter().zip(arts) {
        for (i, p) in a.paragraphs.iter().enumerate() {
            p_ids.push(id);
            p_pos.push(i as i64);
            p_kind.push(kind_str(p.kind));
            p_text.push(p.text.as_str());
            p_line.push(opt_i64(p.line));
        }
        for (i, c) in a.captions.iter().enumerate() {
            c_ids.push(id);
            c_pos.push(i as i64);
            c_text.push(c.text.as_str());
            c_line.push(opt_i64(c.line));
        }
    }
    if !p_ids.is_empty() {
        tx.execute(
            "INSERT INTO paragraphs (article_id, position, kind, text, line)
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[])",
            &[&p_ids, &p_pos, &p_kind, &p_text, &p_line],
        )?;
    }
    if !c_ids.is_empty() {
        tx.execute(
            "INSERT INTO captions (article_id, position, text, line)
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[])",
            &[&c_ids, &c_pos, &c_text, &c_line],
        )?;
    }
    Ok(())
}

/// Furniture lines of pages, by page id.
fn write_furniture(tx: &mut Transaction<'_>, pages: &[(i64, &[Furniture])]) -> Pg<()> {
    let (mut ids, mut pos, mut line, mut kind, mut text) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for &(page_id, furniture) in pages {
        for (i, f) in furniture.iter().enumerate() {
            ids.push(page_id);
            pos.push(i as i64);
            line.push(opt_i64(f.line));
            kind.push(f.kind.as_str());
            text.push(f.text.as_str());
        }
    }
    if !ids.is_empty() {
        tx.execute(
            "INSERT INTO furniture (page_id, position, line, kind, text)
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[])",
            &[&ids, &pos, &line, &kind, &text],
        )?;
    }
    Ok(())
}

pub(crate) fn insert_pages(client: &mut Client, pages: Vec<NewPage>) -> Pg<InsertOutcome> {
    let mut tx = client.transaction()?;
    let seq = next_seq(&mut tx)?;
    let mut out = InsertOutcome {
        seq,
        ..InsertOutcome::default()
    };

    // Which pages are new: not stored (by this worker or any other), not
    // twice in this batch. The sequence row is held: nobody adds pages now.
    let hashes: Vec<&[u8]> = pages.iter().map(|p| &p.content_hash[..]).collect();
    let mut known: HashSet<ContentHash> = tx
        .query(
            "SELECT content_hash FROM pages WHERE content_hash = ANY($1)",
            &[&hashes],
        )?
        .iter()
        .filter_map(|r| r.get::<_, Vec<u8>>(0).try_into().ok())
        .collect();
    let mut new_pages = Vec::with_capacity(pages.len());
    for page in pages {
        if known.insert(page.content_hash) {
            new_pages.push(page);
        } else {
            out.stats.duplicates += 1;
        }
    }
    if new_pages.is_empty() {
        // Nothing written: the sequence number is not used up.
        tx.rollback()?;
        out.seq = crate::read::seq(client)?;
        return Ok(out);
    }

    // Revisions: the latest page at each URL key, then this batch's own in order.
    let keys: Vec<&str> = new_pages
        .iter()
        .filter_map(|p| p.url_key.as_deref())
        .collect();
    let mut latest: HashMap<String, (i64, i64)> = tx
        .query(
            "SELECT DISTINCT ON (url_key) url_key, id, revision FROM pages
             WHERE url_key = ANY($1) ORDER BY url_key, revision DESC",
            &[&keys],
        )?
        .iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2))))
        .collect();
    let page_ids = new_ids(&mut tx, "pages", new_pages.len())?;
    let mut revisions = Vec::with_capacity(new_pages.len());
    let mut previous = Vec::with_capacity(new_pages.len());
    for (page, &id) in new_pages.iter().zip(&page_ids) {
        let prev = page.url_key.as_ref().and_then(|k| latest.get(k).copied());
        let revision = prev.map_or(1, |(_, r)| r + 1);
        if let Some(k) = &page.url_key {
            latest.insert(k.clone(), (id, revision));
        }
        if revision > 1 {
            out.stats.revisions += 1;
        }
        revisions.push(revision);
        previous.push(prev.map(|(id, _)| id));
    }
    let origins: Vec<&str> = new_pages.iter().map(|p| p.origin.as_str()).collect();
    let sources: Vec<&str> = new_pages.iter().map(|p| p.source.as_str()).collect();
    let formats: Vec<&str> = new_pages.iter().map(|p| p.format.as_str()).collect();
    let urls: Vec<Option<&str>> = new_pages.iter().map(|p| p.url.as_deref()).collect();
    let fetched: Vec<Option<&str>> = new_pages.iter().map(|p| p.fetched.as_deref()).collect();
    let langs: Vec<Option<&str>> = new_pages.iter().map(|p| p.lang.as_deref()).collect();
    let dirs: Vec<Option<&str>> = new_pages.iter().map(|p| p.dir.as_deref()).collect();
    let hashes: Vec<&[u8]> = new_pages.iter().map(|p| &p.content_hash[..]).collect();
    let contents: Vec<Option<&[u8]>> = new_pages.iter().map(|p| p.content.as_deref()).collect();
    let sizes: Vec<Option<i64>> = new_pages
        .iter()
        .map(|p| p.content_bytes.map(|n| n as i64))
        .collect();
    let versions: Vec<&str> = new_pages
        .iter()
        .map(|p| p.extractor_version.as_str())
        .collect();
    let url_keys: Vec<Option<&str>> = new_pages.iter().map(|p| p.url_key.as_deref()).collect();
    tx.execute(
        "INSERT INTO pages
           (id, origin, source, format, url, fetched, lang, dir, content_hash, content,
            content_bytes, extractor_version, url_key, revision, previous_id)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
            $6::text[], $7::text[], $8::text[], $9::bytea[], $10::bytea[], $11::bigint[],
            $12::text[], $13::text[], $14::bigint[], $15::bigint[])",
        &[
            &page_ids, &origins, &sources, &formats, &urls, &fetched, &langs, &dirs, &hashes,
            &contents, &sizes, &versions, &url_keys, &revisions, &previous,
        ],
    )?;

    let n_articles: usize = new_pages.iter().map(|p| p.articles.len()).sum();
    let article_ids = new_ids(&mut tx, "articles", n_articles)?;
    let mut rows = ArticleRows::default();
    let mut next = article_ids.iter();
    for (page, &page_id) in new_pages.iter().zip(&page_ids) {
        for (position, a) in page.articles.iter().enumerate() {
            let Some(&id) = next.next() else { break };
            rows.ids.push(id);
            rows.page_ids.push(page_id);
            rows.positions.push(position as i64);
            rows.articles.push(a);
            out.articles
                .push(StoredArticle::from_new(id, page_id, seq, a, page));
        }
    }
    write_articles(&mut tx, &rows, seq)?;
    let furniture: Vec<(i64, &[Furniture])> = new_pages
        .iter()
        .zip(&page_ids)
        .map(|(p, &id)| (id, p.furniture.as_slice()))
        .collect();
    write_furniture(&mut tx, &furniture)?;
    out.stats.new_pages = new_pages.len() as u64;
    out.stats.articles = rows.ids.len() as u64;
    tx.commit()?;
    Ok(out)
}

/// The page's articles as stored, live and gone, for matching.
fn old_articles(tx: &mut Transaction<'_>, page_id: i64) -> Pg<Vec<OldArticle>> {
    let rows = tx.query(
        "SELECT id, role, text_hash, title, text, gone FROM articles WHERE page_id = $1
         ORDER BY gone, position",
        &[&page_id],
    )?;
    Ok(rows
        .iter()
        .map(|r| OldArticle {
            id: r.get(0),
            role: crate::read::parse_role(r.get(1)),
            text_hash: r.get::<_, Vec<u8>>(2).try_into().unwrap_or([0; 32]),
            title: r.get(3),
            text: r.get(4),
            gone: r.get(5),
        })
        .collect())
}

fn delete_children(tx: &mut Transaction<'_>, article_id: i64) -> Pg<()> {
    tx.execute(
        "DELETE FROM paragraphs WHERE article_id = $1",
        &[&article_id],
    )?;
    tx.execute("DELETE FROM captions WHERE article_id = $1", &[&article_id])?;
    Ok(())
}

pub(crate) fn replace_extracted(
    client: &mut Client,
    pages: Vec<(i64, ExtractedPage)>,
    extractor_version: &str,
) -> Pg<ReplaceOutcome> {
    let mut tx = client.transaction()?;
    let seq = next_seq(&mut tx)?;
    let mut out = ReplaceOutcome {
        seq,
        ..ReplaceOutcome::default()
    };
    for (page_id, extracted) in pages {
        let Some(row) = tx.query_opt(
            "SELECT url, source, fetched FROM pages WHERE id = $1",
            &[&page_id],
        )?
        else {
            return Err(StoreError::NoSuchPage(page_id).into());
        };
        let page = PageRef {
            url: row.get(0),
            source: row.get(1),
            fetched: row.get(2),
        };
        tx.execute(
            "UPDATE pages SET lang = $2, dir = $3, extractor_version = $4, extracted_at = now()
             WHERE id = $1",
            &[
                &page_id,
                &extracted.lang,
                &extracted.dir,
                &extractor_version,
            ],
        )?;
        let old = old_articles(&mut tx, page_id)?;
        let new: Vec<NewArticle> = extracted
            .articles
            .into_iter()
            .map(NewArticle::new)
            .collect();
        let matching = match_articles(&old, &new);
        // Off the page first, so that new positions never collide with old ones.
        tx.execute(
            "UPDATE articles SET position = -id WHERE page_id = $1",
            &[&page_id],
        )?;
        for &id in &matching.gone {
            delete_children(&mut tx, id)?;
            tx.execute(
                "UPDATE articles SET gone = true, seq = $2 WHERE id = $1",
                &[&id, &(seq as i64)],
            )?;
            out.gone.push(id);
        }
        let added = matching.ids.iter().filter(|id| id.is_none()).count();
        let mut fresh = new_ids(&mut tx, "articles", added)?.into_iter();
        let mut inserts = ArticleRows::default();
        for (position, (a, kept)) in new.iter().zip(&matching.ids).enumerate() {
            let id = match *kept {
                Some(id) => {
                    delete_children(&mut tx, id)?;
                    update_article(&mut tx, id, position as i64, a, seq)?;
                    write_children(&mut tx, &[id], &[&a.article])?;
                    out.kept += 1;
                    id
                }
                None => {
                    let Some(id) = fresh.next() else { break };
                    inserts.ids.push(id);
                    inserts.page_ids.push(page_id);
                    inserts.positions.push(position as i64);
                    inserts.articles.push(a);
                    out.added += 1;
                    id
                }
            };
            out.articles
                .push(StoredArticle::from_parts(id, page_id, seq, a, page.clone()));
        }
        write_articles(&mut tx, &inserts, seq)?;
        tx.execute("DELETE FROM furniture WHERE page_id = $1", &[&page_id])?;
        write_furniture(&mut tx, &[(page_id, extracted.furniture.as_slice())])?;
        out.pages += 1;
    }
    tx.commit()?;
    Ok(out)
}

fn update_article(
    tx: &mut Transaction<'_>,
    id: i64,
    position: i64,
    a: &NewArticle,
    seq: u64,
) -> Pg<()> {
    let art = &a.article;
    tx.execute(
        "UPDATE articles SET
            role = $2, title = $3, title_line = $4, subtitle = $5, published = $6,
            dateline = $7, byline = $8, outlet = $9, original_source = $10, text = $11,
            text_hash = $12, position = $13, seq = $14, gone = false
         WHERE id = $1",
        &[
            &id,
            &role_str(art.role),
            &art.title,
            &opt_i64(art.title_line),
            &art.subtitle,
            &art.published.map(|p| p.to_string()),
            &art.dateline,
            &art.byline,
            &art.outlet,
            &art.original_source,
            &a.text,
            &&a.text_hash[..],
            &position,
            &(seq as i64),
        ],
    )?;
    Ok(())
}

pub(crate) fn record_failures(
    client: &mut Client,
    failures: &[PageFailure],
) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    for f in failures {
        tx.execute(
            "INSERT INTO failed_pages (content_hash, extractor_version, source, error)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (content_hash, extractor_version)
             DO UPDATE SET source = excluded.source, error = excluded.error,
                           failed_at = excluded.failed_at",
            &[
                &&f.content_hash[..],
                &f.extractor_version,
                &f.source,
                &f.error,
            ],
        )?;
    }
    tx.commit()
}

pub(crate) fn write_stage(client: &mut Client, w: &StageWrite) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    if w.clear_all {
        tx.execute("DELETE FROM stage_rows WHERE stage = $1", &[&w.stage])?;
    } else if !w.articles.is_empty() {
        tx.execute(
            "DELETE FROM stage_rows WHERE stage = $1 AND article_id = ANY($2)",
            &[&w.stage, &w.articles],
        )?;
    }
    if !w.rows.is_empty() {
        let kinds: Vec<&str> = w.rows.iter().map(|r| r.kind.as_str()).collect();
        let keys: Vec<&str> = w.rows.iter().map(|r| r.key.as_str()).collect();
        let articles: Vec<Option<i64>> = w.rows.iter().map(|r| r.article_id).collect();
        let values: Vec<&str> = w.rows.iter().map(|r| r.value.as_str()).collect();
        // WITH ORDINALITY: rows keep the order given (readers return them in it).
        tx.execute(
            "INSERT INTO stage_rows (stage, kind, key, article_id, value)
             SELECT $1, k, y, a, v FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[])
                 WITH ORDINALITY AS r (k, y, a, v, n)
             ORDER BY n",
            &[&w.stage, &kinds, &keys, &articles, &values],
        )?;
    }
    tx.execute(
        "INSERT INTO stage_progress (stage, version, seq) VALUES ($1, $2, $3)
         ON CONFLICT (stage) DO UPDATE SET version = excluded.version, seq = excluded.seq",
        &[&w.stage, &i64::from(w.version), &(w.seq as i64)],
    )?;
    tx.commit()
}
