use marsad_model::{
    Article, CleanArticle, ExtractedPage, Furniture, FurnitureKind, Page, PageFormat, Paragraph,
    ParagraphKind, Published, Role,
};
use tempfile::TempDir;

use super::*;

fn clean(n: u32, outlet: &str, published: Option<&str>) -> CleanArticle {
    CleanArticle {
        source: format!("c.jsonl#{n}"),
        corpus: "jsonl".into(),
        url: Some(format!("https://example.com/{n}")),
        title: Some(format!("عنوان {n}")),
        subtitle: None,
        text: format!("الفقرة الأولى {n}\n\nالفقرة الثانية"),
        published: published.map(|p| p.parse().unwrap()),
        fetched: None,
        outlet: Some(outlet.into()),
        byline: None,
    }
}

fn page(content: &str) -> Page {
    Page {
        source: "p.txt".into(),
        format: PageFormat::Text,
        url: None,
        fetched: None,
        content: content.into(),
    }
}

fn extracted(titles: &[&str]) -> ExtractedPage {
    ExtractedPage {
        source: "p.txt".into(),
        format: PageFormat::Text,
        url: None,
        fetched: None,
        lang: Some("ar".into()),
        dir: None,
        articles: titles
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut a = Article::new(if i == 0 { Role::Main } else { Role::Appended });
                a.title = Some(t.to_string());
                a.paragraphs.push(Paragraph {
                    text: format!("نص {t}"),
                    line: Some(i as u32 + 2),
                    kind: ParagraphKind::Body,
                });
                a
            })
            .collect(),
        furniture: vec![Furniture {
            line: Some(1),
            kind: FurnitureKind::Share,
            text: "شارك".into(),
        }],
    }
}

fn table_exists(store: &Store, name: &str) -> bool {
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
        let old = Store::open_at_version(dir.path(), 1).unwrap();
        assert_eq!(old.schema_version().unwrap(), 1);
        assert!(table_exists(&old, "articles"));
        assert!(!table_exists(&old, "captions"));
        old.connection()
            .execute_batch(
                "INSERT INTO pages (origin, source, format, content_hash, extracted_at,
                     extractor_version)
                 VALUES ('corpus', 'old.jsonl#1', 'jsonl', x'01', '2024-01-01T00:00:00Z', 'v1');
                 INSERT INTO articles (page_id, position, role, title, published, outlet, text,
                     text_hash)
                 VALUES (1, 0, 'main', 'قديم', '2024-06-28', 'الجزيرة', 'نص قديم', x'02');",
            )
            .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 2);
    assert!(table_exists(&store, "captions"));
    let a = store.article(1).unwrap().unwrap();
    assert_eq!(a.title.as_deref(), Some("قديم"));
    assert_eq!(
        a.published,
        Some(Published::new(2024, 6, 28, None).unwrap())
    );
    assert_eq!(a.source, "old.jsonl#1");
    assert_eq!(store.captions(1).unwrap(), vec![]);
    // Opening again is a no-op.
    drop(store);
    assert_eq!(
        Store::open(dir.path()).unwrap().schema_version().unwrap(),
        2
    );
}

#[test]
fn a_store_from_a_newer_marsad_is_refused() {
    let dir = TempDir::new().unwrap();
    Store::open(dir.path())
        .unwrap()
        .connection()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 99,
                supported: 2
            }
        ),
        "{err}"
    );
}

#[test]
fn open_existing_does_not_create_a_store() {
    let dir = TempDir::new().unwrap();
    let err = Store::open_existing(dir.path().join("none")).unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)));
    assert!(!dir.path().join("none").exists());
}

#[test]
fn clean_records_are_stored_once() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let records = vec![
        clean(1, "الجزيرة", Some("2024-06-28T10:05")),
        clean(2, "العربية", None),
        clean(1, "الجزيرة", Some("2024-06-28T10:05")),
    ];
    let stats = store.insert_clean(&records, "jsonl 0.1.0").unwrap();
    assert_eq!(
        stats,
        InsertStats {
            new_pages: 2,
            duplicates: 1,
            articles: 2
        }
    );
    let again = store.insert_clean(&records[..2], "jsonl 0.1.0").unwrap();
    assert_eq!(
        again,
        InsertStats {
            new_pages: 0,
            duplicates: 2,
            articles: 0
        }
    );
    assert_eq!(
        store.counts().unwrap(),
        Counts {
            pages: 0,
            corpus_records: 2,
            articles: 2,
            paragraphs: 4,
            captions: 0,
            furniture: 0
        }
    );
    let a = store.article(1).unwrap().unwrap();
    assert_eq!(a.text, "الفقرة الأولى 1\n\nالفقرة الثانية");
    assert_eq!(a.url.as_deref(), Some("https://example.com/1"));
    assert_eq!(a.role, Role::Main);
    let paras: Vec<String> = store
        .paragraphs(1)
        .unwrap()
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(paras, ["الفقرة الأولى 1", "الفقرة الثانية"]);
    // Nothing of a corpus record is offered for re-extraction.
    assert!(store.pages_for_reextract(0, 10).unwrap().is_empty());
}

#[test]
fn listing_filters_by_outlet_and_inclusive_dates() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .insert_clean(
            &[
                clean(1, "الجزيرة", Some("2024-06-27T23:59")),
                clean(2, "الجزيرة", Some("2024-06-28T23:30")),
                clean(3, "العربية", Some("2024-06-28")),
                clean(4, "الجزيرة", Some("2024-06-29T00:00")),
                clean(5, "الجزيرة", None),
            ],
            "t",
        )
        .unwrap();
    let ids = |f: ArticleFilter| -> Vec<i64> {
        store
            .list_articles(&f)
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect()
    };
    let day: Published = "2024-06-28".parse().unwrap();
    assert_eq!(
        ids(ArticleFilter {
            from: Some(day),
            to: Some(day),
            ..Default::default()
        }),
        [2, 3]
    );
    assert_eq!(
        ids(ArticleFilter {
            outlet: Some("الجزيرة".into()),
            from: Some(day),
            ..Default::default()
        }),
        [2, 4]
    );
    assert_eq!(
        ids(ArticleFilter {
            to: Some("2024-06-28T23:30".parse().unwrap()),
            ..Default::default()
        }),
        [1, 2, 3]
    );
    assert_eq!(
        ids(ArticleFilter {
            limit: Some(2),
            offset: Some(1),
            ..Default::default()
        }),
        [2, 3]
    );
    assert_eq!(ids(ArticleFilter::default()), [1, 2, 3, 4, 5]);
}

#[test]
fn reextract_keeps_ids_by_position_and_never_reuses_deleted_ones() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let p = page("عنوان\nنص");
    store
        .insert_batch(&[(p.clone(), extracted(&["أ", "ب"]))], "x 1")
        .unwrap();
    assert_eq!(store.counts().unwrap().articles, 2);
    assert_eq!(store.counts().unwrap().furniture, 1);

    // One article now: id 1 rewritten, id 2 removed.
    let out = store
        .replace_extracted(&[(1, extracted(&["ج"]))], "x 2", true)
        .unwrap();
    assert_eq!((out.pages, out.updated, out.added), (1, 1, 0));
    assert_eq!(out.removed, [2]);
    assert_eq!(out.articles.len(), 1);
    assert_eq!(out.articles[0].id, 1);
    assert_eq!(out.articles[0].title.as_deref(), Some("ج"));
    assert_eq!(store.article(1).unwrap().unwrap().text, "نص ج");
    assert_eq!(store.article(2).unwrap(), None);
    assert_eq!(store.paragraphs(2).unwrap(), vec![]);

    // Two again: the second gets a new id, not 2.
    let out = store
        .replace_extracted(&[(1, extracted(&["ج", "د"]))], "x 3", false)
        .unwrap();
    assert_eq!((out.updated, out.added), (1, 1));
    let ids: Vec<i64> = store
        .list_articles(&ArticleFilter::default())
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, [1, 3]);
    let version: String = store
        .connection()
        .query_row(
            "SELECT extractor_version FROM pages WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(version, "x 3");
    assert_eq!(store.counts().unwrap().furniture, 1);
}

#[test]
fn raw_pages_come_back_exactly() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut p = page(&"سطر عربي طويل\n".repeat(500));
    p.url = Some("https://example.com/a".into());
    p.fetched = Some("2024-06-19T10:05:00Z".into());
    p.format = PageFormat::Warc;
    store
        .insert_batch(&[(p.clone(), extracted(&["أ"]))], "x")
        .unwrap();
    let raw = store.pages_for_reextract(0, 10).unwrap();
    assert_eq!(raw.len(), 1);
    assert_eq!(raw[0].id, 1);
    assert_eq!(raw[0].page, p);
    let stored: i64 = store
        .connection()
        .query_row("SELECT length(content) FROM pages", [], |r| r.get(0))
        .unwrap();
    assert!(
        stored < p.content.len() as i64 / 10,
        "compressed to {stored}"
    );
}

#[test]
fn feed_hands_every_article_to_a_sink_in_batches() {
    struct Collect(Vec<usize>, Vec<i64>, bool);
    impl ArticleSink for Collect {
        fn add(&mut self, a: &[StoredArticle]) -> Result<(), SinkError> {
            self.0.push(a.len());
            self.1.extend(a.iter().map(|a| a.id));
            Ok(())
        }
        fn commit(&mut self) -> Result<(), SinkError> {
            self.2 = true;
            Ok(())
        }
    }
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let records: Vec<_> = (1..=5).map(|n| clean(n, "س", None)).collect();
    store.insert_clean(&records, "t").unwrap();
    let mut sink = Collect(vec![], vec![], false);
    assert_eq!(store.feed(&mut sink, 2).unwrap(), 5);
    assert_eq!(sink.0, [2, 2, 1]);
    assert_eq!(sink.1, [1, 2, 3, 4, 5]);
    assert!(sink.2);

    let mut seen = 0;
    let err = store
        .for_each_article(|_| {
            seen += 1;
            if seen == 3 {
                Err("stop".into())
            } else {
                Ok(())
            }
        })
        .unwrap_err();
    assert_eq!(seen, 3);
    assert_eq!(err.to_string(), "stop");
}

#[test]
fn insert_prepared_returns_the_stored_articles() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut rec = clean(7, "عكاظ", Some("2015-07-22"));
    rec.fetched = Some("2015-07-22 00:05:53".into());
    rec.byline = Some("الرياض - واس".into());
    let out = store
        .insert_prepared(vec![NewPage::from_clean(rec, "t")], true)
        .unwrap();
    assert_eq!(out.articles.len(), 1);
    let stored = store.article(out.articles[0].id).unwrap().unwrap();
    assert_eq!(out.articles[0], stored);
    assert_eq!(stored.byline.as_deref(), Some("الرياض - واس"));
    assert_eq!(stored.fetched.as_deref(), Some("2015-07-22 00:05:53"));
}
