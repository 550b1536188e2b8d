//! `marsad search` end to end, through the binary, on an index built in a temporary folder.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Output, Stdio};

use tempfile::TempDir;

mod common;
use common::{json_lines, marsad, stderr};

/// A data folder holding `n` articles naming Pyongyang in one of two spellings, from two
/// outlets, one day apart: ingested from JSON Lines through the binary.
fn data_with_index(n: i64) -> TempDir {
    let dir = TempDir::new().unwrap();
    let mut jsonl = String::new();
    for id in 1..=n {
        let (city, outlet, day) = if id % 2 == 0 {
            ("بيونج يانج", "الجزيرة", "2018-03-01")
        } else {
            ("بیونغ یانغ", "BBC عربي", "2018-03-02")
        };
        let record = serde_json::json!({
            "title": format!("خبر رقم {id} من {city}"),
            "text": format!("وصل الوفد رقم {id} إلى {city} صباح اليوم، في زيارة تستمر يومين."),
            "outlet": outlet,
            "date": day,
            "url": format!("https://example.com/a/{id}"),
        });
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
    }
    let input = dir.path().join("records.jsonl");
    std::fs::write(&input, jsonl).unwrap();
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

fn search(data: &Path, args: &[&str]) -> Output {
    marsad()
        .arg("search")
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn json_lines_one_hit_per_line() {
    let data = data_with_index(10);
    let out = search(data.path(), &["بيونغ", "يانغ", "--json", "--limit", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 3);
    for (i, hit) in hits.iter().enumerate() {
        assert_eq!(hit["rank"], i + 1);
        for key in ["article_id", "score", "title", "outlet", "published", "url"] {
            assert!(!hit[key].is_null(), "{key} in {hit}");
        }
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(
            snippet.contains("[[") && snippet.contains("]]"),
            "{snippet}"
        );
    }
    assert!(
        stderr(&out).contains("10 matches, showing 1–3"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn readable_output_and_filters() {
    let data = data_with_index(10);
    let out = search(
        data.path(),
        &["بيونغ يانغ", "--outlet", "bbc عربي", "--from", "2018-03-02"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("   1. خبر رقم"), "{text}");
    assert!(text.contains("BBC عربي · 2018-03-02"), "{text}");
    assert!(text.contains("[[بیونغ یانغ]]"), "{text}");
    assert!(stderr(&out).contains("5 matches"), "{}", stderr(&out));

    let out = search(data.path(), &["بيونغ", "--to", "2018-02-28"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("0 matches"), "{}", stderr(&out));
}

#[test]
fn offset_pages_through_the_ranking() {
    let data = data_with_index(10);
    let all = json_lines(&search(data.path(), &["بيونغ", "--json"]));
    let page = json_lines(&search(
        data.path(),
        &["بيونغ", "--json", "--offset", "4", "--limit", "2"],
    ));
    assert_eq!(page.len(), 2);
    assert_eq!(page[0]["rank"], 5);
    assert_eq!(page[0]["article_id"], all[4]["article_id"]);
    assert_eq!(page[1]["article_id"], all[5]["article_id"]);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let data = data_with_index(3000);
    let mut child = marsad()
        .args(["search", "بيونغ", "--json", "--limit", "100000", "--data"])
        .arg(data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"rank\":1,"), "{first}");
    drop(stdout); // like `| head -1`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "status {status}: {err}");
    assert_eq!(err, "");
}

#[test]
fn searching_without_an_index_says_so() {
    let dir = TempDir::new().unwrap();
    let out = search(&dir.path().join("nothing"), &["x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no store in"), "{}", stderr(&out));
    assert!(!dir.path().join("nothing").exists());
}
