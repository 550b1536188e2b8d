//! `marsad entities`, `quotes`, `figures` on files and stored articles, and
//! the entities stage's rows after `ingest`.

use std::path::{Path, PathBuf};

use marsad_store::{StageQuery, Store};
use marsad_store_sqlite::SqliteStore;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::marsad;

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds")
        .join(name)
}

fn json(args: &[&str], extra: &[&Path]) -> Value {
    let out = marsad().args(args).args(extra).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn entity_offsets_are_code_points_into_the_file_and_spans_leave_clitics_out() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("t.txt");
    let text = "وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ، وقال لافروف إن الاتفاق «يعزز الأمن» في وبيونغ يانغ.";
    std::fs::write(&file, text).unwrap();
    let v = json(&["entities", "--json"], &[&file]);
    let chars: Vec<char> = text.chars().collect();
    let entities = v["entities"].as_array().unwrap();
    assert!(!entities.is_empty());
    for e in entities {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[s..t].iter().collect();
        assert_eq!(span, e["text"].as_str().unwrap());
        assert!(["PERS", "LOC", "ORG", "MISC"].contains(&e["type"].as_str().unwrap()));
        assert!(e.get("canonical").is_some());
    }
    let texts: Vec<&str> = entities
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"فلاديمير بوتين"), "{texts:?}");
    assert_eq!(
        texts.iter().filter(|t| **t == "بيونغ يانغ").count(),
        2,
        "{texts:?}"
    );
}

#[test]
fn quotes_and_figures_of_a_seed_page_and_of_a_stored_article() {
    let page = seed("002_ad3f04da06eb4f37.txt");
    let quotes = json(&["quotes", "--json"], &[&page]);
    let quotes = quotes["quotes"].as_array().unwrap();
    assert!(
        quotes.iter().any(|q| q["speaker"].is_string()),
        "{quotes:?}"
    );
    for key in [
        "text",
        "speaker",
        "speaker_entity",
        "cue",
        "direct",
        "start",
        "end",
    ] {
        assert!(quotes[0].get(key).is_some(), "{key}");
    }
    let figures = json(&["figures", "--json"], &[&page]);
    for f in figures["figures"].as_array().unwrap() {
        for key in ["text", "value", "unit", "qualifier", "start", "end"] {
            assert!(f.get(key).is_some(), "{key}");
        }
    }

    // Ingest keeps the stage's rows; the commands read stored articles too.
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = SqliteStore::open_existing(&data).unwrap();
    let entity_rows = store
        .stage_rows("entities", &StageQuery::Kind("entity".into()))
        .unwrap();
    let quote_rows = store
        .stage_rows("entities", &StageQuery::Kind("quote".into()))
        .unwrap();
    assert!(!entity_rows.is_empty() && !quote_rows.is_empty());
    assert!(entity_rows.iter().all(|r| r.article_id == Some(1)));
    let stored = json(&["quotes", "--json", "--article", "1", "--data"], &[&data]);
    assert_eq!(stored["quotes"].as_array().unwrap().len(), quote_rows.len());
    let out = marsad()
        .args(["quotes", "--article", "99", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article 99"));
}
