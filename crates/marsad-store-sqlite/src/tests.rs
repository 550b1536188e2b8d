use marsad_model::{Published, Role};
use marsad_store::conformance::Fresh;
use marsad_store::{ArticleChange, NewPage, Store, StoreError};
use tempfile::TempDir;

use super::*;

fn fresh_store() -> Fresh<TempDir> {
    let dir = TempDir::new().expect("a temporary folder");
    let store = SqliteStore::open(dir.path()).expect("a new store");
    Fresh {
        store: Box::new(store),
        keep: dir,
    }
}

marsad_store::store_conformance_tests!(fresh_store());

fn table_exists(store: &SqliteStore, name: &str) -> bool {
    store
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        == 1
}

#[test]
fn a_version_1_store_is_migrated_and_keeps_its_rows() {
    let dir = TempDir::new().unwrap();
    {
        let old = SqliteStore::open_at_version(dir.path(), 1).unwrap();
        assert_eq!(old.schema_version().unwrap(), 1);
        assert!(table_exists(&old, "articles"));
        assert!(!table_exists(&old, "captions"));
        old.connection()
            .execute_batch(
                "INSERT INTO pages (origin, source, format, url, content_hash, extracted_at,
                     extractor_version)
                 VALUES ('corpus', 'old.jsonl#1', 'jsonl', 'https://Example.com/a?utm_x=1',
                         x'01', '2024-01-01T00:00:00Z', 'v1'),
                        ('corpus', 'old.jsonl#2', 'jsonl', 'https://example.com/a',
                         x'02', '2024-01-01T00:00:00Z', 'v1');
                 INSERT INTO articles (page_id, position, role, title, published, outlet, text,
                     text_hash)
                 VALUES (1, 0, 'main', 'قديم', '2024-06-28', 'الجزيرة', 'نص قديم', x'02');",
            )
            .unwrap();
    }
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 3);
    assert!(table_exists(&store, "captions"));
    assert!(table_exists(&store, "stage_rows"));
    let a = store.article(1).unwrap().unwrap();
    assert_eq!(a.title.as_deref(), Some("قديم"));
    assert_eq!(
        a.published,
        Some(Published::new(2024, 6, 28, None).unwrap())
    );
    assert_eq!(a.source, "old.jsonl#1");
    assert!(!a.gone);
    assert_eq!(store.captions(1).unwrap(), vec![]);
    // URL identity is filled in for what was stored before it existed.
    let revisions = store.revisions("https://example.com/a").unwrap();
    assert_eq!(
        revisions
            .iter()
            .map(|p| (p.id, p.revision))
            .collect::<Vec<_>>(),
        [(1, 1), (2, 2)]
    );
    assert_eq!(store.seq().unwrap(), 0);
    drop(store);
    // Opening again is a no-op.
    assert_eq!(
        SqliteStore::open(dir.path())
            .unwrap()
            .schema_version()
            .unwrap(),
        SCHEMA_VERSION
    );
}

#[test]
fn a_store_from_a_newer_marsad_is_refused() {
    let dir = TempDir::new().unwrap();
    SqliteStore::open(dir.path())
        .unwrap()
        .connection()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = SqliteStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, supported } if supported == SCHEMA_VERSION),
        "{err}"
    );
}

#[test]
fn open_existing_does_not_create_a_store() {
    let dir = TempDir::new().unwrap();
    let err = SqliteStore::open_existing(dir.path().join("none")).unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)));
    assert!(!dir.path().join("none").exists());
}

fn text_page(content: &str) -> NewPage {
    let page = marsad_model::Page {
        source: format!("{}.txt", content.len()),
        format: marsad_model::PageFormat::Text,
        url: None,
        fetched: None,
        content: content.into(),
    };
    let extracted = marsad_model::ExtractedPage {
        source: page.source.clone(),
        format: page.format,
        url: None,
        fetched: None,
        lang: None,
        dir: None,
        articles: vec![marsad_model::Article::new(Role::Main)],
        furniture: vec![],
    };
    NewPage::from_extracted(&page, extracted, "x")
}

#[test]
fn content_is_stored_compressed() {
    let dir = TempDir::new().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let content = "سطر عربي طويل\n".repeat(500);
    store.insert_pages(vec![text_page(&content)]).unwrap();
    let stored: i64 = store
        .connection()
        .query_row("SELECT length(content) FROM pages", [], |r| r.get(0))
        .unwrap();
    assert!(stored < content.len() as i64 / 10, "compressed to {stored}");
}

#[test]
fn a_corrupt_stored_page_is_an_error_in_its_place_and_the_walk_goes_on() {
    let dir = TempDir::new().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    store
        .insert_pages(vec![text_page("أ"), text_page("ب ب"), text_page("ج ج ج")])
        .unwrap();
    store
        .connection()
        .execute("UPDATE pages SET content = x'00112233' WHERE id = 2", [])
        .unwrap();
    let raw = store.raw_pages_after(0, 10).unwrap();
    assert_eq!(raw.len(), 3);
    assert!(raw[0].is_ok() && raw[2].is_ok());
    let err = raw[1].as_ref().unwrap_err();
    assert!(
        matches!(err, StoreError::Corrupt { page_id: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("stored page 2"), "{err}");
}

#[test]
fn changes_since_zero_includes_articles_stored_before_sequence_numbers() {
    // Rows migrated from v2 have seq 0; a rebuild (`changes_since(0)`) must
    // still see them.
    let dir = TempDir::new().unwrap();
    {
        let old = SqliteStore::open_at_version(dir.path(), 2).unwrap();
        old.connection()
            .execute_batch(
                "INSERT INTO pages (origin, source, format, content_hash, extracted_at,
                     extractor_version)
                 VALUES ('corpus', 'old.jsonl#1', 'jsonl', x'01', '2024-01-01T00:00:00Z', 'v1');
                 INSERT INTO articles (page_id, position, role, text, text_hash)
                 VALUES (1, 0, 'main', 'نص قديم', x'02');",
            )
            .unwrap();
    }
    let store = SqliteStore::open(dir.path()).unwrap();
    let all = store.changes_since(0, 0, 10).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(matches!(&all[0], ArticleChange::Live(a) if a.text == "نص قديم"));
}
