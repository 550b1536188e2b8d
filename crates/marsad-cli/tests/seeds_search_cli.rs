//! The search queries of the ingest-and-search issue, over the ingested seeds,
//! through the binary: ingest → index → search, reindex, and an index that
//! fell behind the store being caught up.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{marsad, seeds_dir};

fn ingest(data: &Path) {
    let out = marsad()
        .arg("ingest")
        .arg("--data")
        .arg(data)
        .arg(seeds_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// (title, source file name) of every hit.
fn search(data: &Path, args: &[&str]) -> Vec<(String, String)> {
    let out = marsad()
        .args(["search", "--json", "--limit", "100", "--data"])
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let articles = articles(data);
    hits.iter()
        .map(|h| {
            let id = h["article_id"].as_i64().unwrap();
            let a = articles.iter().find(|a| a["id"] == id).unwrap();
            let file = Path::new(a["source"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (h["title"].as_str().unwrap_or("").to_string(), file)
        })
        .collect()
}

fn articles(data: &Path) -> Vec<Value> {
    let out = marsad()
        .args(["articles", "--json", "--data"])
        .arg(data)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn files(hits: &[(String, String)]) -> Vec<&str> {
    let mut f: Vec<&str> = hits.iter().map(|(_, f)| &f[..3]).collect();
    f.sort();
    f.dedup();
    f
}

#[test]
fn issue_queries_over_the_ingested_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data);
    assert_eq!(articles(&data).len(), 7);

    // Every seed's main article names Pyongyang, in one spelling or another;
    // 000 also writes بيونج يانج, the others only بيونغ يانغ.
    for spelling in ["بيونغ يانغ", "بيونج يانج", "بیونغ یانغ", "بيونغيانغ"]
    {
        let hits = search(&data, &[spelling]);
        assert_eq!(
            files(&hits),
            ["000", "001", "002", "003", "004"],
            "{spelling}"
        );
    }
    // Trump is written ترامب only, in 003's appended agency round-up.
    let hits = search(&data, &["ترمب"]);
    assert_eq!(hits.len(), 1);
    assert!(hits[0].0.starts_with("الأمم المتحدة تستنكر"));
    // Clitics: 000 writes "الاتفاقية" after و/ب too; a bare query finds them.
    let hits = search(&data, &["والاتفاقية"]);
    assert!(files(&hits).contains(&"000"), "{hits:?}");
    // A diacritized query matches undiacritized text.
    let plain = search(&data, &["الكرملين"]);
    let voweled = search(&data, &["الكِرْمِلِين"]);
    assert!(!plain.is_empty());
    assert_eq!(plain, voweled);
    // Phrases need adjacency.
    // 001 writes "وحلف الناتو": the clitic does not break the phrase.
    let phrase = search(&data, &["\"حلف الناتو\""]);
    assert_eq!(files(&phrase), ["000", "001", "003"]);
    let scattered = search(&data, &["\"الناتو حلف\""]);
    assert!(scattered.is_empty(), "{scattered:?}");
    // Mixed scripts: Latin words in 002's text are searchable.
    assert_eq!(files(&search(&data, &["Planet", "Labs"])), ["002"]);
    // Filters.
    let outlet = search(&data, &["بوتين", "--outlet", "الشرق الأوسط"]);
    assert_eq!(files(&outlet), ["004"]);
    let november = search(&data, &["بوتين", "--from", "2024-11-01"]);
    assert_eq!(files(&november), ["001"]);
    // Nothing for what no seed says.
    assert!(search(&data, &["كرة القدم"]).is_empty());

    // The index is derived: rebuilt from the store, it answers the same.
    let before = search(&data, &["بيونج يانج"]);
    let out = marsad()
        .args(["reindex", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(search(&data, &["بيونج يانج"]), before);
}

#[test]
fn an_index_behind_the_store_is_caught_up_by_the_next_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data);
    // As if a run had died after the store's commit, before the index's.
    std::fs::remove_dir_all(data.join("index")).unwrap();
    ingest(&data); // every page is a duplicate; the index is rebuilt
    assert_eq!(files(&search(&data, &["ترمب"])), ["003"]);
    assert_eq!(search(&data, &["بوتين"]).len(), 6);
}
