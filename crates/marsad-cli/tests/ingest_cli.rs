//! `marsad ingest`, `articles` and `reextract` end to end, through the binary.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Output, Stdio};

use marsad_store::Store;
use marsad_store_sqlite::SqliteStore;
use tempfile::TempDir;

mod common;
use common::{json_lines, marsad, seeds_dir, stderr};

fn ingest(data: &Path, inputs: &[&Path]) -> Output {
    marsad()
        .arg("ingest")
        .arg("--data")
        .arg(data)
        .args(inputs)
        .output()
        .unwrap()
}

fn articles(data: &Path, extra: &[&str]) -> Output {
    marsad()
        .args(["articles", "--json", "--data"])
        .arg(data)
        .args(extra)
        .output()
        .unwrap()
}

/// A JSON Lines corpus of `n` records, each with two paragraphs.
fn write_jsonl(path: &Path, n: usize) {
    let mut s = String::new();
    for i in 0..n {
        let rec = serde_json::json!({
            "title": format!("خبر رقم {i}"),
            "text": format!(
                "قال المتحدث باسم الوزارة في بيان صدر اليوم إن الاجتماع رقم {i} ناقش ملفات عدة.\n\
                 وأضاف أن اللجنة ستعقد جلستها المقبلة الأسبوع القادم لمتابعة ما تم الاتفاق عليه."
            ),
            "url": format!("https://news.example/{i}"),
            "date": "2024-06-19T10:05:00+03:00",
            "outlet": "sabq",
        });
        s.push_str(&rec.to_string());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

/// The figure before " stored" in a progress or closing line.
fn stored_in(line: &str) -> Option<u64> {
    let (head, _) = line.split_once(" stored")?;
    head.rsplit(' ').next()?.parse().ok()
}

#[test]
fn seeds_ingest_then_list_as_many_articles_as_extract_finds() {
    let extracted = marsad()
        .args(["extract", "--json"])
        .arg(seeds_dir())
        .output()
        .unwrap();
    let expected: usize = json_lines(&extracted)
        .iter()
        .map(|p| p["articles"].as_array().unwrap().len())
        .sum();
    assert_eq!(expected, 7);

    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let out = ingest(&data, &[&seeds_dir()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("skipped") && err.contains("gold.json"),
        "gold.json is reported as skipped: {err}"
    );
    assert!(
        err.contains("ingest: 5 stored, 7 articles, 0 duplicates"),
        "{err}"
    );

    let listed = articles(&data, &[]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let rows = json_lines(&listed);
    assert_eq!(rows.len(), expected);
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    for key in ["id", "title", "outlet", "published", "url", "source"] {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    let appended = rows.iter().filter(|r| r["role"] == "appended").count();
    assert_eq!(appended, 2);
    assert_eq!(rows[1]["published"], "2024-11-19T14:31");
    assert!(rows[0]["source"]
        .as_str()
        .unwrap()
        .ends_with("000_6ab2cb87be917e68.txt"));

    // Again: nothing new.
    let again = ingest(&data, &[&seeds_dir()]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("ingest: 0 stored, 0 articles, 5 duplicates"),
        "{}",
        stderr(&again)
    );
    assert_eq!(json_lines(&articles(&data, &[])), rows);

    // Filters.
    let one_day = articles(&data, &["--from", "2024-11-19", "--to", "2024-11-19"]);
    let ids: Vec<i64> = json_lines(&one_day)
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [2]);
    let outlet = articles(&data, &["--outlet", "الشرق الأوسط"]);
    assert_eq!(json_lines(&outlet).len(), 2);
    let page = articles(&data, &["--limit", "2", "--offset", "5"]);
    let ids: Vec<i64> = json_lines(&page)
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [6, 7]);

    // Re-extraction keeps pages and articles under their ids.
    let re = marsad()
        .args(["reextract", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(re.status.success(), "{}", stderr(&re));
    assert!(
        stderr(&re)
            .contains("reextract: 5 pages, 7 articles kept, 0 added, 0 gone, 0 pages skipped"),
        "{}",
        stderr(&re)
    );
    assert_eq!(json_lines(&articles(&data, &[])), rows);
}

#[test]
fn a_failed_input_is_reported_and_the_rest_stored() {
    let dir = TempDir::new().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    write_jsonl(&inputs.join("news.jsonl"), 3);
    std::fs::write(inputs.join("photo.jpg"), b"\xff\xd8\xff\xe0 not a page").unwrap();
    std::fs::copy(
        seeds_dir().join("001_f3efc767bdce0c0f.txt"),
        inputs.join("page.txt"),
    )
    .unwrap();
    let missing = dir.path().join("no-such-file.txt");
    let data = dir.path().join("data");
    let out = ingest(&data, &[&inputs, &missing]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}: no such file or directory", missing.display())),
        "{err}"
    );
    assert!(
        err.contains("skipped") && err.contains("photo.jpg"),
        "{err}"
    );
    assert!(err.contains("ingest: 4 stored, 4 articles"), "{err}");
    let rows = json_lines(&articles(&data, &[]));
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["outlet"], "سبق");
    assert_eq!(rows[0]["published"], "2024-06-19T10:05");
}

#[test]
fn format_forces_how_inputs_are_read() {
    let dir = TempDir::new().unwrap();
    let jsonl = dir.path().join("records.txt");
    write_jsonl(&jsonl, 2);
    // By content: JSON Lines, whatever the name.
    let out = ingest(&dir.path().join("auto"), &[&jsonl]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ingest: 2 stored"),
        "{}",
        stderr(&out)
    );
    // Forced as pages: JSON is not a page.
    let out = marsad()
        .args(["ingest", "--format", "pages", "--data"])
        .arg(dir.path().join("pages"))
        .arg(&jsonl)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{}: JSON data, not a page", jsonl.display())),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("ingest: 0 stored"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn articles_into_a_closed_pipe_is_not_an_error() {
    let dir = TempDir::new().unwrap();
    let jsonl = dir.path().join("many.jsonl");
    write_jsonl(&jsonl, 3000);
    let data = dir.path().join("data");
    let out = ingest(&data, &[&jsonl]);
    assert!(out.status.success(), "{}", stderr(&out));

    let mut child = marsad()
        .args(["articles", "--json", "--data"])
        .arg(&data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"id\":1,"), "{first}");
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
fn listing_without_a_store_says_so() {
    let dir = TempDir::new().unwrap();
    let out = articles(&dir.path().join("nothing"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no store in"), "{}", stderr(&out));
    assert!(!dir.path().join("nothing").exists());
}

/// Kill -9 an ingest once it has reported stored records, then check that
/// the store opens, holds at least what was reported, holds no half-written
/// record, and that running the same command again completes it with no
/// duplicates.
#[test]
fn an_ingest_killed_midway_resumes_cleanly() {
    const N: u64 = 20_000;
    let dir = TempDir::new().unwrap();
    let jsonl = dir.path().join("corpus.jsonl");
    write_jsonl(&jsonl, N as usize);
    let data = dir.path().join("data");

    let mut child = marsad()
        .args(["ingest", "--progress-interval", "20", "--data"])
        .arg(&data)
        .arg(&jsonl)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reported = 0;
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(n) = stored_in(&line) {
            // A few batches in, with more being prepared and written.
            if n >= 2000 {
                reported = n;
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "the ingest was killed, not finished");
    assert!(reported >= 2000, "a progress line reported stored records");

    let stored_before;
    {
        let store = SqliteStore::open(&data).expect("the store opens after kill -9");
        let integrity: String = store
            .connection()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        let c = store.counts().unwrap();
        assert!(
            c.corpus_records >= reported,
            "reported {reported}, stored {}",
            c.corpus_records
        );
        assert!(c.corpus_records < N, "killed before the end");
        // Each record and its article and paragraphs commit together.
        assert_eq!(c.articles, c.corpus_records);
        assert_eq!(c.paragraphs, 2 * c.articles);
        stored_before = c.corpus_records;
    }

    let out = ingest(&data, &[&jsonl]);
    assert!(out.status.success(), "{}", stderr(&out));
    let closing = stderr(&out);
    assert!(
        closing.contains(&format!(
            "ingest: {} stored, {} articles, {} duplicates",
            N - stored_before,
            N - stored_before,
            stored_before
        )),
        "{closing}"
    );
    let store = SqliteStore::open(&data).unwrap();
    let c = store.counts().unwrap();
    assert_eq!((c.corpus_records, c.articles, c.paragraphs), (N, N, 2 * N));
    let distinct: i64 = store
        .connection()
        .query_row("SELECT count(DISTINCT url) FROM pages", [], |r| r.get(0))
        .unwrap();
    assert_eq!(distinct as u64, N);
}
