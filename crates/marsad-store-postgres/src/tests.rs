use marsad_store::conformance::Fresh;
use marsad_store::{NewPage, Store};

use super::*;
use crate::testing::{fresh_schema, TestSchema};

fn fresh_store() -> Option<Fresh<TestSchema>> {
    let schema = fresh_schema("marsad-store-postgres conformance")?;
    let store = PgStore::open(&schema.url).expect("a new store");
    Some(Fresh {
        store: Box::new(store),
        keep: schema,
    })
}

marsad_store::store_conformance_tests!(match fresh_store() {
    Some(fresh) => fresh,
    None => return,
});

fn clean(n: u32) -> marsad_model::CleanArticle {
    marsad_model::CleanArticle {
        source: format!("c.jsonl#{n}"),
        corpus: "jsonl".into(),
        url: Some(format!("https://example.com/{n}")),
        title: Some(format!("عنوان {n}")),
        subtitle: None,
        text: format!("نص الخبر رقم {n}"),
        published: None,
        fetched: None,
        outlet: None,
        byline: None,
    }
}

/// Two connections writing overlapping batches at the same moment: each
/// record is stored once, and ids follow the sequence numbers.
#[test]
fn concurrent_writers_store_each_page_once_in_sequence_order() {
    let Some(schema) = fresh_schema("concurrent_writers_store_each_page_once") else {
        return;
    };
    PgStore::open(&schema.url).expect("a new store");
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let url = schema.url.clone();
            std::thread::spawn(move || {
                let mut store = PgStore::open(&url).expect("a connection");
                let mut stored = 0;
                for round in 0..10 {
                    // Every writer writes records round*10 .. round*10+20: each overlaps the next.
                    let pages = (round * 10 + w..round * 10 + 20)
                        .map(|n| NewPage::from_clean(clean(n), "jsonl test"))
                        .collect();
                    stored += store.insert_pages(pages).expect("a batch").stats.new_pages;
                }
                stored
            })
        })
        .collect();
    let stored: u64 = writers.into_iter().map(|w| w.join().unwrap()).sum();
    let store = PgStore::open(&schema.url).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(counts.corpus_records, 110, "records 0..110, each once");
    assert_eq!(stored, counts.corpus_records);
    assert_eq!(counts.articles, 110);
    // Ids rise with the sequence number of the write that stored them.
    let all = store.changes_since(0, 0, 1_000).unwrap();
    assert!(all.windows(2).all(|w| w[0].seq() <= w[1].seq()));
}

/// The stage lock is held by one connection at a time and freed when it closes.
#[test]
fn the_stage_lock_is_one_connections_until_it_closes() {
    let Some(schema) = fresh_schema("the_stage_lock_is_one_connections") else {
        return;
    };
    let mut first = PgStore::open(&schema.url).unwrap();
    let mut second = PgStore::open(&schema.url).unwrap();
    assert!(first.lock_stages(false).unwrap());
    assert!(!second.lock_stages(false).unwrap());
    drop(first);
    assert!(second.lock_stages(true).unwrap());
    // Another schema's lock is its own.
    let other = fresh_schema("the_stage_lock_is_one_connections").unwrap();
    assert!(PgStore::open(&other.url)
        .unwrap()
        .lock_stages(false)
        .unwrap());
}

#[test]
fn a_missing_server_is_an_error_naming_it_without_its_password() {
    let err = PgStore::open("postgres://someone:secret@127.0.0.1:1/nowhere").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("postgres://someone@127.0.0.1:1/nowhere"),
        "{msg}"
    );
    assert!(!msg.contains("secret"), "{msg}");
}

/// Workers opening a new database at the same moment create its tables once.
#[test]
fn workers_opening_a_new_database_at_once_migrate_it_once() {
    let Some(schema) = fresh_schema("workers_opening_a_new_database_at_once") else {
        return;
    };
    let openers: Vec<_> = (0..6)
        .map(|_| {
            let url = schema.url.clone();
            std::thread::spawn(move || PgStore::open(&url).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for o in openers {
        assert_eq!(
            o.join().unwrap().expect("every opener succeeds"),
            SCHEMA_VERSION
        );
    }
}
