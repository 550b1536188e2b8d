//! The seed pages through marsad-page and marsad-extract into the store and
//! back out again.

use std::path::{Path, PathBuf};

use marsad_model::{ExtractedPage, Page};
use marsad_page::{read_pages, Input, ReadOptions};
use std::ops::ControlFlow;

use marsad_store::{ArticleFilter, ArticleSummary, InsertStats, NewPage, Store};
use marsad_store_sqlite::SqliteStore;

fn seed_pages() -> Vec<(Page, ExtractedPage)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the seeds folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    files
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let page = read_pages(&Input::File { path, name }, &ReadOptions::default())
                .next()
                .unwrap()
                .unwrap();
            let extracted = marsad_extract::extract(&page);
            (page, extracted)
        })
        .collect()
}

fn insert(store: &mut SqliteStore, pages: &[(Page, ExtractedPage)], version: &str) -> InsertStats {
    let prepared = pages
        .iter()
        .map(|(p, e)| NewPage::from_extracted(p, e.clone(), version))
        .collect();
    store.insert_pages(prepared).unwrap().stats
}

fn listed(store: &SqliteStore) -> Vec<ArticleSummary> {
    let mut out = Vec::new();
    store
        .list_articles(&ArticleFilter::default(), &mut |a| {
            out.push(a);
            ControlFlow::Continue(())
        })
        .unwrap();
    out
}

#[test]
fn seed_pages_round_trip_through_the_store() {
    let pages = seed_pages();
    let expected_articles: usize = pages.iter().map(|(_, e)| e.articles.len()).sum();
    assert_eq!(expected_articles, 7);
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();

    let stats = insert(&mut store, &pages, "marsad-extract test");
    assert_eq!(
        stats,
        InsertStats {
            new_pages: 5,
            duplicates: 0,
            revisions: 0,
            articles: 7
        }
    );
    let furniture: usize = pages.iter().map(|(_, e)| e.furniture.len()).sum();
    let paragraphs: usize = pages
        .iter()
        .flat_map(|(_, e)| &e.articles)
        .map(|a| a.paragraphs.len())
        .sum();
    let captions: usize = pages
        .iter()
        .flat_map(|(_, e)| &e.articles)
        .map(|a| a.captions.len())
        .sum();
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.pages, counts.corpus_records, counts.articles),
        (5, 0, 7)
    );
    assert_eq!(
        (counts.paragraphs, counts.captions, counts.furniture),
        (paragraphs as u64, captions as u64, furniture as u64)
    );

    let dirs: Vec<Option<String>> = {
        let mut stmt = store
            .connection()
            .prepare("SELECT dir FROM pages ORDER BY id")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let expected_dirs: Vec<Option<String>> = pages.iter().map(|(_, e)| e.dir.clone()).collect();
    assert_eq!(dirs, expected_dirs);
    assert_eq!(dirs[0].as_deref(), Some("rtl"));

    // Every article comes back field for field, in page order.
    let listing = listed(&store);
    let originals: Vec<_> = pages
        .iter()
        .flat_map(|(p, e)| e.articles.iter().map(move |a| (p, a)))
        .collect();
    assert_eq!(listing.len(), originals.len());
    for (summary, (page, original)) in listing.iter().zip(&originals) {
        let stored = store.article(summary.id).unwrap().unwrap();
        assert_eq!(stored.source, page.source);
        assert_eq!(stored.role, original.role);
        assert_eq!(stored.title, original.title);
        assert_eq!(stored.subtitle, original.subtitle);
        assert_eq!(stored.published, original.published);
        assert_eq!(stored.dateline, original.dateline);
        assert_eq!(stored.byline, original.byline);
        assert_eq!(stored.outlet, original.outlet);
        assert_eq!(stored.original_source, original.original_source);
        assert_eq!(stored.text, original.text());
        assert_eq!(store.paragraphs(stored.id).unwrap(), original.paragraphs);
        assert_eq!(store.captions(stored.id).unwrap(), original.captions);
    }

    // The raw pages come back byte for byte, so re-extraction gives the
    // same articles under the same ids.
    let raw: Vec<_> = store
        .raw_pages_after(0, 100)
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(raw.len(), 5);
    for (r, (page, _)) in raw.iter().zip(&pages) {
        assert_eq!(&r.page, page);
    }
    let again: Vec<(i64, ExtractedPage)> = raw
        .iter()
        .map(|r| (r.id, marsad_extract::extract(&r.page)))
        .collect();
    let out = store
        .replace_extracted(again, "marsad-extract test 2")
        .unwrap();
    assert_eq!((out.pages, out.kept, out.added), (5, 7, 0));
    assert!(out.gone.is_empty());
    assert_eq!(listed(&store), listing);
}

#[test]
fn re_ingesting_the_seeds_adds_nothing() {
    let pages = seed_pages();
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    insert(&mut store, &pages, "v");
    let before = store.counts().unwrap();
    drop(store);

    let mut store = SqliteStore::open(dir.path()).unwrap();
    let stats = insert(&mut store, &pages, "v");
    assert_eq!(
        stats,
        InsertStats {
            new_pages: 0,
            duplicates: 5,
            revisions: 0,
            articles: 0
        }
    );
    assert_eq!(store.counts().unwrap(), before);
}
