//! The tests every store backend passes, written once against [`Store`].
//!
//! A backend runs them all with [`store_conformance_tests!`], given an
//! expression that makes a fresh, empty store (and keeps whatever holds it
//! alive, such as a temporary folder, inside the returned value):
//!
//! ```ignore
//! marsad_store::store_conformance_tests!(fresh_store());
//! ```
//!
//! Each test panics with a message on failure, as a `#[test]` does.

use std::ops::ControlFlow;

use marsad_model::{
    Article, CleanArticle, ExtractedPage, Furniture, FurnitureKind, Page, PageFormat, Paragraph,
    ParagraphKind, Published, Role,
};

use crate::{
    content_hash, ArticleChange, ArticleFilter, NewPage, PageFailure, StageQuery, StageRow,
    StageWrite, Store, StoredArticle,
};

/// A fresh store, and whatever must live as long as it (a temporary folder).
pub struct Fresh<K> {
    pub store: Box<dyn Store>,
    pub keep: K,
}

/// Generates one `#[test]` per conformance test, each on a store made by `$fresh`.
#[macro_export]
macro_rules! store_conformance_tests {
    ($fresh:expr) => {
        $crate::store_conformance_tests!(@tests $fresh;
            clean_records_are_stored_once,
            listing_filters_by_outlet_and_inclusive_dates,
            raw_pages_come_back_exactly,
            reextract_keeps_ids_by_content_and_marks_missing_articles_gone,
            a_gone_article_is_out_of_listings_but_keeps_its_id_and_text,
            every_write_takes_the_next_sequence_number,
            changes_since_gives_what_a_consumer_missed,
            new_content_at_a_known_url_is_a_revision,
            failed_pages_are_remembered_per_extractor_version,
            stage_rows_are_replaced_per_article_with_progress,
            a_second_connection_sees_committed_writes,
            many_articles_read_at_once_are_those_read_one_by_one,
            stage_rows_of_many_articles_or_keys_come_in_write_order,
        );
    };
    (@tests $fresh:expr; $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let fresh = $fresh;
                $crate::conformance::$name(fresh.store);
                drop(fresh.keep);
            }
        )*
    };
}

fn clean(n: u32, outlet: &str, published: Option<&str>) -> CleanArticle {
    CleanArticle {
        source: format!("c.jsonl#{n}"),
        corpus: "jsonl".into(),
        url: Some(format!("https://example.com/{n}")),
        title: Some(format!("عنوان {n}")),
        subtitle: None,
        text: format!("الفقرة الأولى {n}\n\nالفقرة الثانية"),
        published: published.map(|p| p.parse().expect("a test date")),
        fetched: None,
        outlet: Some(outlet.into()),
        byline: None,
    }
}

fn page(content: &str, url: Option<&str>) -> Page {
    Page {
        source: "p.txt".into(),
        format: PageFormat::Text,
        url: url.map(str::to_string),
        fetched: None,
        content: content.into(),
    }
}

/// A page's extraction: one article per (title, text), the first main.
fn extracted(articles: &[(&str, &str)]) -> ExtractedPage {
    ExtractedPage {
        source: "p.txt".into(),
        format: PageFormat::Text,
        url: None,
        fetched: None,
        lang: Some("ar".into()),
        dir: None,
        articles: articles
            .iter()
            .enumerate()
            .map(|(i, (title, text))| {
                let mut a = Article::new(if i == 0 { Role::Main } else { Role::Appended });
                a.title = Some(title.to_string());
                a.paragraphs.push(Paragraph {
                    text: text.to_string(),
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

fn insert_page(store: &mut dyn Store, p: &Page, e: ExtractedPage) -> crate::InsertOutcome {
    store
        .insert_pages(vec![NewPage::from_extracted(p, e, "x 1")])
        .expect("insert a page")
}

fn insert_clean(store: &mut dyn Store, records: &[CleanArticle]) -> crate::InsertStats {
    let pages = records
        .iter()
        .map(|r| NewPage::from_clean(r.clone(), "jsonl test"))
        .collect();
    store.insert_pages(pages).expect("insert records").stats
}

fn listed_ids(store: &dyn Store, filter: &ArticleFilter) -> Vec<i64> {
    let mut ids = Vec::new();
    store
        .list_articles(filter, &mut |a| {
            ids.push(a.id);
            ControlFlow::Continue(())
        })
        .expect("list articles");
    ids
}

const MAIN: &str = "وقع الرئيسان اتفاقية الشراكة الاستراتيجية الشاملة في بيونغ يانغ يوم الأربعاء";
const OTHER: &str = "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك خفض الإنتاج";
const THIRD: &str = "فاز المنتخب الوطني على ضيفه بهدفين نظيفين في المباراة الودية مساء أمس";

pub fn clean_records_are_stored_once(mut store: Box<dyn Store>) {
    let records = vec![
        clean(1, "الجزيرة", Some("2024-06-28T10:05")),
        clean(2, "العربية", None),
        clean(1, "الجزيرة", Some("2024-06-28T10:05")),
    ];
    let stats = insert_clean(store.as_mut(), &records);
    assert_eq!(
        (stats.new_pages, stats.duplicates, stats.articles),
        (2, 1, 2)
    );
    let again = insert_clean(store.as_mut(), &records[..2]);
    assert_eq!(
        (again.new_pages, again.duplicates, again.articles),
        (0, 2, 0)
    );
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.pages, counts.corpus_records, counts.articles),
        (0, 2, 2)
    );
    assert_eq!(counts.paragraphs, 4);
    let a = store.article(1).unwrap().expect("article 1");
    assert_eq!(a.text, "الفقرة الأولى 1\n\nالفقرة الثانية");
    assert_eq!(a.url.as_deref(), Some("https://example.com/1"));
    assert_eq!(a.role, Role::Main);
    assert!(!a.gone);
    let paras: Vec<String> = store
        .paragraphs(1)
        .unwrap()
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(paras, ["الفقرة الأولى 1", "الفقرة الثانية"]);
    // Nothing of a corpus record is offered for re-extraction.
    assert!(store.raw_pages_after(0, 10).unwrap().is_empty());
}

pub fn listing_filters_by_outlet_and_inclusive_dates(mut store: Box<dyn Store>) {
    insert_clean(
        store.as_mut(),
        &[
            clean(1, "الجزيرة", Some("2024-06-27T23:59")),
            clean(2, "الجزيرة", Some("2024-06-28T23:30")),
            clean(3, "العربية", Some("2024-06-28")),
            clean(4, "الجزيرة", Some("2024-06-29T00:00")),
            clean(5, "الجزيرة", None),
        ],
    );
    let day: Published = "2024-06-28".parse().unwrap();
    let ids = |f: ArticleFilter| listed_ids(store.as_ref(), &f);
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
    // A listing can stop early.
    let mut seen = 0;
    store
        .list_articles(&ArticleFilter::default(), &mut |_| {
            seen += 1;
            if seen == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .unwrap();
    assert_eq!(seen, 2);
}

pub fn raw_pages_come_back_exactly(mut store: Box<dyn Store>) {
    let mut p = page(
        &"سطر عربي طويل\n".repeat(500),
        Some("https://example.com/a"),
    );
    p.fetched = Some("2024-06-19T10:05:00Z".into());
    p.format = PageFormat::Warc;
    insert_page(store.as_mut(), &p, extracted(&[("أ", MAIN)]));
    let raw = store.raw_pages_after(0, 10).unwrap();
    assert_eq!(raw.len(), 1);
    let raw = raw.into_iter().next().unwrap().expect("a decodable page");
    assert_eq!(raw.id, 1);
    assert_eq!(raw.page, p);
    assert!(store.raw_pages_after(1, 10).unwrap().is_empty());
}

pub fn reextract_keeps_ids_by_content_and_marks_missing_articles_gone(mut store: Box<dyn Store>) {
    let p = page("عنوان\nنص", None);
    insert_page(store.as_mut(), &p, extracted(&[("أ", MAIN), ("ب", OTHER)]));
    assert_eq!(store.counts().unwrap().articles, 2);

    // The new extractor finds the main article reworded and drops the other.
    let reworded = format!("{MAIN} الماضي");
    let out = store
        .replace_extracted(vec![(1, extracted(&[("أ", &reworded)]))], "x 2")
        .unwrap();
    assert_eq!((out.pages, out.kept, out.added), (1, 1, 0));
    assert_eq!(out.gone, [2]);
    assert_eq!(out.articles.len(), 1);
    assert_eq!(out.articles[0].id, 1);
    assert_eq!(store.article(1).unwrap().unwrap().text, reworded);

    // A third article appears and the dropped one comes back: the dropped one gets
    // its old id again, the new one a new id, never 2.
    let out = store
        .replace_extracted(
            vec![(
                1,
                extracted(&[("أ", &reworded), ("ج", THIRD), ("ب", OTHER)]),
            )],
            "x 3",
        )
        .unwrap();
    assert_eq!((out.kept, out.added), (2, 1));
    let mut ids: Vec<i64> = out.articles.iter().map(|a| a.id).collect();
    ids.sort();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(store.article(3).unwrap().unwrap().text, THIRD);
    assert_eq!(store.article(2).unwrap().unwrap().text, OTHER);
    assert_eq!(
        listed_ids(store.as_ref(), &ArticleFilter::default()),
        [1, 2, 3]
    );
    let on_page: Vec<i64> = store
        .page_articles(1)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(on_page, [1, 3, 2], "page order is the new extraction's");
    assert_eq!(store.counts().unwrap().furniture, 1);
    assert!(matches!(
        store.replace_extracted(vec![(99, extracted(&[("د", THIRD)]))], "x 4"),
        Err(crate::StoreError::NoSuchPage(99))
    ));
}

pub fn a_gone_article_is_out_of_listings_but_keeps_its_id_and_text(mut store: Box<dyn Store>) {
    let p = page("عنوان\nنص", None);
    insert_page(store.as_mut(), &p, extracted(&[("أ", MAIN), ("ب", OTHER)]));
    store
        .replace_extracted(vec![(1, extracted(&[("أ", MAIN)]))], "x 2")
        .unwrap();
    let gone = store.article(2).unwrap().expect("a gone article is kept");
    assert!(gone.gone);
    assert_eq!(gone.text, OTHER);
    assert_eq!(listed_ids(store.as_ref(), &ArticleFilter::default()), [1]);
    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.gone_articles), (1, 1));
    // A new page's article never takes the gone one's id.
    let out = insert_page(
        store.as_mut(),
        &page("صفحة أخرى", None),
        extracted(&[("ج", THIRD)]),
    );
    assert_eq!(out.articles[0].id, 3);
}

pub fn every_write_takes_the_next_sequence_number(mut store: Box<dyn Store>) {
    assert_eq!(store.seq().unwrap(), 0);
    let out = insert_page(store.as_mut(), &page("أ", None), extracted(&[("أ", MAIN)]));
    assert_eq!(out.seq, 1);
    assert!(out.articles.iter().all(|a| a.seq == 1));
    // Nothing new: no write, no new number.
    let dup = insert_page(store.as_mut(), &page("أ", None), extracted(&[("أ", MAIN)]));
    assert_eq!(dup.stats.duplicates, 1);
    assert_eq!(store.seq().unwrap(), 1);
    let out = store
        .replace_extracted(vec![(1, extracted(&[("أ", OTHER)]))], "x 2")
        .unwrap();
    assert_eq!(out.seq, 2);
    assert_eq!(store.seq().unwrap(), 2);
    assert_eq!(store.article(1).unwrap().unwrap().seq, 2);
}

pub fn changes_since_gives_what_a_consumer_missed(mut store: Box<dyn Store>) {
    insert_page(
        store.as_mut(),
        &page("أ", None),
        extracted(&[("أ", MAIN), ("ب", OTHER)]),
    );
    insert_page(store.as_mut(), &page("ب", None), extracted(&[("ج", THIRD)]));
    let all = store.changes_since(0, 0, 10).unwrap();
    assert_eq!(
        all.iter().map(ArticleChange::id).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    // Batches by id.
    let first = store.changes_since(0, 0, 2).unwrap();
    assert_eq!(first.len(), 2);
    let rest = store.changes_since(0, 2, 2).unwrap();
    assert_eq!(rest.iter().map(ArticleChange::id).collect::<Vec<_>>(), [3]);
    // A consumer at seq 1 missed page 2 only.
    let missed = store.changes_since(1, 0, 10).unwrap();
    assert_eq!(
        missed.iter().map(ArticleChange::id).collect::<Vec<_>>(),
        [3]
    );
    // Re-extraction drops article 2: a consumer at seq 2 sees 1 rewritten and 2 gone.
    store
        .replace_extracted(vec![(1, extracted(&[("أ", MAIN)]))], "x 2")
        .unwrap();
    let missed = store.changes_since(2, 0, 10).unwrap();
    assert_eq!(missed.len(), 2);
    assert!(matches!(&missed[0], ArticleChange::Live(a) if a.id == 1 && a.seq == 3));
    assert_eq!(missed[1], ArticleChange::Gone { id: 2, seq: 3 });
}

pub fn new_content_at_a_known_url_is_a_revision(mut store: Box<dyn Store>) {
    let first = page(
        "النسخة الأولى",
        Some("https://Example.com/news/1?utm_source=x"),
    );
    insert_page(store.as_mut(), &first, extracted(&[("أ", MAIN)]));
    let second = page("النسخة الثانية", Some("https://example.com/news/1#top"));
    let out = insert_page(store.as_mut(), &second, extracted(&[("أ", OTHER)]));
    assert_eq!((out.stats.new_pages, out.stats.revisions), (1, 1));
    let other = page("صفحة أخرى", Some("https://example.com/news/2"));
    insert_page(store.as_mut(), &other, extracted(&[("ب", THIRD)]));
    let revisions = store.revisions("https://example.com/news/1").unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(
        (
            revisions[0].id,
            revisions[0].revision,
            revisions[0].previous
        ),
        (1, 1, None)
    );
    assert_eq!(
        (
            revisions[1].id,
            revisions[1].revision,
            revisions[1].previous
        ),
        (2, 2, Some(1))
    );
    assert_eq!(
        revisions[1].url_key.as_deref(),
        Some("https://example.com/news/1")
    );
    assert_eq!(revisions[1].content_hash, content_hash(&second.content));
    // Both revisions are kept, with their articles.
    assert_eq!(store.counts().unwrap().revisions, 1);
    assert_eq!(store.page_articles(1).unwrap()[0].text, MAIN);
    assert_eq!(store.page_articles(2).unwrap()[0].text, OTHER);
    assert_eq!(store.page(3).unwrap().unwrap().revision, 1);
}

pub fn failed_pages_are_remembered_per_extractor_version(mut store: Box<dyn Store>) {
    let hash = content_hash("صفحة تتعطل");
    let failure = PageFailure {
        content_hash: hash,
        source: "bad.html".into(),
        error: "extraction panicked: boom".into(),
        extractor_version: "x 1".into(),
    };
    store
        .record_failures(std::slice::from_ref(&failure))
        .unwrap();
    store.record_failures(&[failure]).unwrap();
    let known = store.known_hashes(&[hash], "x 1").unwrap();
    assert!(known.failed.contains(&hash) && known.stored.is_empty());
    assert!(!store.known_hashes(&[hash], "x 2").unwrap().contains(&hash));
    assert_eq!(store.counts().unwrap().failed_pages, 1);
    let stored = page("صفحة سليمة", None);
    insert_page(store.as_mut(), &stored, extracted(&[("أ", MAIN)]));
    let h = content_hash(&stored.content);
    assert!(store.known_hashes(&[h], "x 2").unwrap().stored.contains(&h));
}

pub fn stage_rows_are_replaced_per_article_with_progress(mut store: Box<dyn Store>) {
    assert_eq!(store.stage_progress("words").unwrap(), None);
    let row = |article: i64, key: &str| StageRow {
        kind: "word".into(),
        key: key.into(),
        article_id: Some(article),
        value: format!("{{\"article\":{article}}}"),
    };
    store
        .write_stage(&StageWrite {
            stage: "words".into(),
            version: 1,
            seq: 4,
            clear_all: false,
            articles: vec![1, 2],
            rows: vec![row(1, "بيونغ"), row(2, "بيونغ"), row(2, "موسكو")],
        })
        .unwrap();
    let progress = store.stage_progress("words").unwrap().unwrap();
    assert_eq!((progress.version, progress.seq), (1, 4));
    let key = StageQuery::Key {
        kind: "word".into(),
        key: "بيونغ".into(),
    };
    assert_eq!(store.stage_rows("words", &key).unwrap().len(), 2);
    // Article 2 again: its rows are replaced, article 1's stay.
    store
        .write_stage(&StageWrite {
            stage: "words".into(),
            version: 1,
            seq: 5,
            clear_all: false,
            articles: vec![2],
            rows: vec![row(2, "سيول")],
        })
        .unwrap();
    assert_eq!(store.stage_rows("words", &key).unwrap().len(), 1);
    assert_eq!(
        store.stage_rows("words", &StageQuery::Article(2)).unwrap(),
        vec![row(2, "سيول")]
    );
    assert_eq!(
        store
            .stage_rows("words", &StageQuery::Kind("word".into()))
            .unwrap()
            .len(),
        2
    );
    // Another stage's rows are its own.
    assert!(store
        .stage_rows("other", &StageQuery::Article(2))
        .unwrap()
        .is_empty());
    store
        .write_stage(&StageWrite {
            stage: "words".into(),
            version: 2,
            seq: 5,
            clear_all: true,
            ..Default::default()
        })
        .unwrap();
    assert!(store
        .stage_rows("words", &StageQuery::Kind("word".into()))
        .unwrap()
        .is_empty());
    assert_eq!(store.stage_progress("words").unwrap().unwrap().version, 2);
}

pub fn a_second_connection_sees_committed_writes(mut store: Box<dyn Store>) {
    let reader = store.another().unwrap();
    assert_eq!(reader.counts().unwrap().articles, 0);
    insert_page(store.as_mut(), &page("أ", None), extracted(&[("أ", MAIN)]));
    assert_eq!(reader.counts().unwrap().articles, 1);
    assert_eq!(reader.seq().unwrap(), 1);
}

/// More ids than one query of a backend takes (SQLite reads 500 a query).
const MANY: u32 = 1_200;

pub fn many_articles_read_at_once_are_those_read_one_by_one(mut store: Box<dyn Store>) {
    let records: Vec<CleanArticle> = (1..=MANY).map(|n| clean(n, "وكالة", None)).collect();
    insert_clean(store.as_mut(), &records);
    let p = page("عنوان\nنص", None);
    insert_page(store.as_mut(), &p, extracted(&[("أ", MAIN), ("ب", OTHER)]));
    let second = i64::from(MANY) + 2;
    store
        .replace_extracted(
            vec![(i64::from(MANY) + 1, extracted(&[("أ", MAIN)]))],
            "x 2",
        )
        .unwrap();
    assert!(store.article(second).unwrap().unwrap().gone);
    // Out of order, repeated, unknown ids, a gone article, and ids far
    // apart (read by different queries).
    let asked: Vec<i64> = vec![second, 5, 1_100, 5, 0, 99_999, 1, 600, -3, 1_199, 1_100];
    let one_by_one: Vec<StoredArticle> = [1, 5, 600, 1_100, 1_199, second]
        .iter()
        .map(|&id| store.article(id).unwrap().expect("stored"))
        .collect();
    assert_eq!(store.articles(&asked).unwrap(), one_by_one);
    let every: Vec<i64> = (1..=second).collect();
    let all = store.articles(&every).unwrap();
    assert_eq!(all.len(), every.len());
    assert_eq!(all.iter().map(|a| a.id).collect::<Vec<_>>(), every);
    assert_eq!(all[1_000], store.article(1_001).unwrap().unwrap());
    assert!(store.articles(&[]).unwrap().is_empty());
    assert!(store.articles(&[77_777]).unwrap().is_empty());
}

pub fn stage_rows_of_many_articles_or_keys_come_in_write_order(mut store: Box<dyn Store>) {
    let row = |kind: &str, article: i64, key: String| StageRow {
        kind: kind.into(),
        key,
        article_id: Some(article),
        value: format!("{{\"article\":{article}}}"),
    };
    // Written newest article first, two kinds per article, keys shared by
    // neighbours, and a row about no article.
    let mut rows = Vec::new();
    for article in (1..=i64::from(MANY)).rev() {
        rows.push(row("word", article, format!("كلمة {}", article / 2)));
        rows.push(row("place", article, format!("مكان {article}")));
    }
    rows.push(StageRow {
        kind: "word".into(),
        key: "كلمة 7".into(),
        article_id: None,
        value: "{}".into(),
    });
    store
        .write_stage(&StageWrite {
            stage: "words".into(),
            version: 1,
            seq: 1,
            clear_all: true,
            articles: Vec::new(),
            rows: rows.clone(),
        })
        .unwrap();
    store
        .write_stage(&StageWrite {
            stage: "other".into(),
            version: 1,
            seq: 1,
            clear_all: true,
            articles: Vec::new(),
            rows: vec![row("word", 3, "كلمة 1".into())],
        })
        .unwrap();
    let asked: Vec<i64> = vec![3, 1_150, 2, 3, 700, 99_999];
    let expected: Vec<StageRow> = rows
        .iter()
        .filter(|r| r.article_id.is_some_and(|a| asked.contains(&a)))
        .cloned()
        .collect();
    assert_eq!(expected.len(), 8);
    let got = store
        .stage_rows("words", &StageQuery::Articles(asked.clone()))
        .unwrap();
    assert_eq!(got, expected, "rows of several articles, in write order");
    // Each article's rows are its single query's.
    for id in [3, 1_150] {
        let one = store.stage_rows("words", &StageQuery::Article(id)).unwrap();
        let within: Vec<StageRow> = got
            .iter()
            .filter(|r| r.article_id == Some(id))
            .cloned()
            .collect();
        assert_eq!(one, within);
    }
    let every: Vec<i64> = (1..=i64::from(MANY)).collect();
    assert_eq!(
        store
            .stage_rows("words", &StageQuery::Articles(every))
            .unwrap()
            .len(),
        2 * MANY as usize
    );
    let keys: Vec<String> = ["كلمة 7", "كلمة 500", "مكان 9", "لا شيء", "كلمة 7"]
        .iter()
        .map(|k| k.to_string())
        .collect();
    let expected: Vec<StageRow> = rows
        .iter()
        .filter(|r| r.kind == "word" && keys.contains(&r.key))
        .cloned()
        .collect();
    assert_eq!(
        expected.len(),
        5,
        "two articles per word key, and the row about none"
    );
    let query = StageQuery::Keys {
        kind: "word".into(),
        keys: keys.clone(),
    };
    assert_eq!(store.stage_rows("words", &query).unwrap(), expected);
    let many_keys: Vec<String> = (0..=i64::from(MANY) / 2)
        .map(|k| format!("كلمة {k}"))
        .collect();
    let query = StageQuery::Keys {
        kind: "word".into(),
        keys: many_keys,
    };
    assert_eq!(
        store.stage_rows("words", &query).unwrap().len(),
        MANY as usize + 1
    );
    for empty in [
        StageQuery::Articles(Vec::new()),
        StageQuery::Keys {
            kind: "word".into(),
            keys: Vec::new(),
        },
    ] {
        assert!(store.stage_rows("words", &empty).unwrap().is_empty());
    }
}
