//! The seed pages through marsad-page and marsad-extract into the store and
//! back out again.

use std::path::{Path, PathBuf};

use marsad_model::{ExtractedPage, Page};
use marsad_page::{read_pages, Input, ReadOptions};
use marsad_store::{ArticleFilter, Counts, InsertStats, Store};

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

#[test]
fn seed_pages_round_trip_through_the_store() {
    let pages = seed_pages();
    let expected_articles: usize = pages.iter().map(|(_, e)| e.articles.len()).sum();
    assert_eq!(expected_articles, 7);
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();

    let stats = store.insert_batch(&pages, "marsad-extract test").unwrap();
    assert_eq!(
        stats,
        InsertStats {
            new_pages: 5,
            duplicates: 0,
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
    assert_eq!(
        store.counts().unwrap(),
        Counts {
            pages: 5,
            corpus_records: 0,
            articles: 7,
            paragraphs: paragraphs as u64,
            captions: captions as u64,
            furniture: furniture as u64,
        }
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
    let listed = store.list_articles(&ArticleFilter::default()).unwrap();
    let originals: Vec<_> = pages
        .iter()
        .flat_map(|(p, e)| e.articles.iter().map(move |a| (p, a)))
        .collect();
    assert_eq!(listed.len(), originals.len());
    for (summary, (page, original)) in listed.iter().zip(&originals) {
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
    let raw = store.pages_for_reextract(0, 100).unwrap();
    assert_eq!(raw.len(), 5);
    for (r, (page, _)) in raw.iter().zip(&pages) {
        assert_eq!(&r.page, page);
    }
    let again: Vec<(i64, ExtractedPage)> = raw
        .iter()
        .map(|r| (r.id, marsad_extract::extract(&r.page)))
        .collect();
    let out = store
        .replace_extracted(&again, "marsad-extract test 2", false)
        .unwrap();
    assert_eq!((out.pages, out.updated, out.added), (5, 7, 0));
    assert!(out.removed.is_empty());
    assert_eq!(
        store.list_articles(&ArticleFilter::default()).unwrap(),
        listed
    );
}

#[test]
fn re_ingesting_the_seeds_adds_nothing() {
    let pages = seed_pages();
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.insert_batch(&pages, "v").unwrap();
    let before = store.counts().unwrap();
    drop(store);

    let mut store = Store::open(dir.path()).unwrap();
    let stats = store.insert_batch(&pages, "v").unwrap();
    assert_eq!(
        stats,
        InsertStats {
            new_pages: 0,
            duplicates: 5,
            articles: 0
        }
    );
    assert_eq!(store.counts().unwrap(), before);
}
