//! What the engine promises, through the binary: the index in step with the
//! store after `kill -9` at several points of `ingest` and `reextract`; one
//! bad page never stopping a batch nor stalling the next run; a corrupt
//! stored row skipped by `reextract`; new content at a known URL kept as a
//! revision; search results that name their page.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use marsad_index::Index;
use marsad_store::Store;
use marsad_store_sqlite::SqliteStore;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{marsad, number_before, stderr};

/// A text dump of a page: a headline and four paragraphs, unique to `n`.
fn dump(n: usize, marker: &str) -> String {
    format!(
        "الرئيسية | أخبار | اقتصاد\n\
         اجتماع اللجنة رقم {n} يناقش خطة المياه\n\
         قال المتحدث باسم الوزارة في بيان صدر اليوم إن الاجتماع رقم {n} ناقش ملفات عدة تتعلق بالمياه والطاقة.{marker}\n\
         وأضاف أن اللجنة ستعقد جلستها المقبلة الأسبوع القادم لمتابعة ما تم الاتفاق عليه في الجلسة رقم {n}.\n\
         وأشار إلى أن الخطة تشمل إنشاء محطات جديدة لتحلية المياه في المدن الساحلية خلال السنوات الخمس المقبلة.\n\
         ومن المتوقع أن تعرض الحكومة الخطة على البرلمان قبل نهاية العام الجاري بعد استكمال الدراسات الفنية اللازمة.\n\
         شارك على فيسبوك\n"
    )
}

fn write_dumps(dir: &Path, n: usize) -> PathBuf {
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    for i in 0..n {
        std::fs::write(pages.join(format!("page-{i:05}.txt")), dump(i, "")).unwrap();
    }
    pages
}

/// Kill `cmd` with SIGKILL once a line of its standard error passes `enough`.
fn kill_when(mut cmd: Command, enough: impl Fn(&str) -> bool) -> bool {
    let mut child = cmd.stderr(Stdio::piped()).spawn().unwrap();
    let lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut reached = false;
    for line in lines {
        if enough(&line.unwrap()) {
            reached = true;
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    reached && !status.success()
}

/// Open the data folder as a reader would (it brings the index in step),
/// then check the index against the store.
fn assert_caught_up_index_matches_store(data: &Path) {
    let out = marsad()
        .args(["articles", "--limit", "1", "--data"])
        .arg(data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    common::assert_index_matches_store(data);
}

#[test]
fn kill_9_during_ingest_and_reextract_leaves_an_index_that_is_caught_up() {
    let dir = TempDir::new().unwrap();
    let pages = write_dumps(dir.path(), 3000);
    let data = dir.path().join("data");

    // Ingest killed twice at different points, each time checked, then finished.
    for at in [600, 1800] {
        let mut cmd = marsad();
        cmd.args(["ingest", "--progress-interval", "20", "--data"])
            .arg(&data)
            .arg(&pages);
        let killed = kill_when(cmd, |l| {
            number_before(l, "stored,").is_some_and(|n| n >= at)
        });
        assert!(killed, "ingest was killed after {at} pages were stored");
        assert_caught_up_index_matches_store(&data);
    }
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&pages)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_caught_up_index_matches_store(&data);
    let store = SqliteStore::open_existing(&data).unwrap();
    assert_eq!(store.counts().unwrap().pages, 3000);
    let ids_before: Vec<i64> = Index::open(data.join("index"))
        .unwrap()
        .article_ids()
        .unwrap();
    drop(store);

    // Reextract killed at two points: the index follows what was committed.
    for at in [256, 1280] {
        let mut cmd = marsad();
        cmd.env("MARSAD_LOG", "info,html5ever=error")
            .args(["reextract", "-j", "1", "--data"])
            .arg(&data);
        let killed = kill_when(cmd, |l| {
            number_before(l, "pages so far").is_some_and(|n| n >= at)
        });
        assert!(killed, "reextract was killed after {at} pages");
        assert_caught_up_index_matches_store(&data);
    }
    let out = marsad()
        .args(["reextract", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_caught_up_index_matches_store(&data);
    // Same extractor: every article kept its id.
    assert_eq!(
        Index::open(data.join("index"))
            .unwrap()
            .article_ids()
            .unwrap(),
        ids_before
    );
}

#[test]
fn a_panicking_or_hanging_page_is_an_error_record_and_the_next_run_skips_it() {
    let dir = TempDir::new().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    for i in 0..6 {
        let marker = match i {
            2 => " PANIC-HERE",
            4 => " HANG-HERE",
            _ => "",
        };
        std::fs::write(pages.join(format!("p{i}.txt")), dump(i, marker)).unwrap();
    }
    let data = dir.path().join("data");
    let run = |args: &[&str]| {
        marsad()
            .env("MARSAD_FAULT", "panic=PANIC-HERE,hang=HANG-HERE")
            // A backtrace printed on a loaded machine could outlast the time limit.
            .env("RUST_BACKTRACE", "0")
            .args(args)
            .args(["--page-timeout", "1", "--data"])
            .arg(&data)
            .arg(&pages)
            .output()
            .unwrap()
    };
    let out = run(&["ingest"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("p2.txt: extraction panicked"), "{err}");
    assert!(
        err.contains("p4.txt: extraction ran past the time limit of 1 s"),
        "{err}"
    );
    assert!(err.contains("ingest: 4 stored, 4 articles"), "{err}");

    // The next run does not try them again.
    let out = run(&["ingest"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        !err.contains("time limit") && !err.contains("panicked"),
        "{err}"
    );
    assert!(
        err.contains("0 stored, 0 articles, 4 duplicates, 2 failed before and skipped"),
        "{err}"
    );
    assert_eq!(
        SqliteStore::open_existing(&data)
            .unwrap()
            .counts()
            .unwrap()
            .failed_pages,
        2
    );

    // `extract` gives each of them an error record in its place.
    let out = marsad()
        .env("MARSAD_FAULT", "panic=PANIC-HERE,hang=HANG-HERE")
        .env("RUST_BACKTRACE", "0")
        .args(["extract", "--json", "--page-timeout", "1"])
        .arg(&pages)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 6);
    let errors: Vec<(&str, &str)> = records
        .iter()
        .filter_map(|r| Some((r["source"].as_str()?, r["error"].as_str()?)))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].0.ends_with("p2.txt") && errors[0].1.contains("panicked"));
    assert!(errors[1].0.ends_with("p4.txt") && errors[1].1.contains("time limit"));
}

#[test]
fn reextract_skips_a_corrupt_stored_page_and_goes_on() {
    let dir = TempDir::new().unwrap();
    let pages = write_dumps(dir.path(), 3);
    let data = dir.path().join("data");
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&pages)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    SqliteStore::open_existing(&data)
        .unwrap()
        .connection()
        .execute("UPDATE pages SET content = x'00112233' WHERE id = 2", [])
        .unwrap();
    let out = marsad()
        .args(["reextract", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("stored page 2: content does not decompress"),
        "{err}"
    );
    assert!(
        err.contains("reextract: 2 pages, 2 articles kept, 0 added, 0 gone, 1 pages skipped"),
        "{err}"
    );
}

fn warc_response(uri: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-19T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        html.len(),
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(http.as_bytes());
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn article_html(title: &str, body: &str) -> String {
    format!(
        "<html lang=\"ar\" dir=\"rtl\"><head><title>{title}</title></head><body><article>\
         <h1>{title}</h1><p>{body}</p><p>{body} وأضاف المتحدث أن العمل سيستمر.</p>\
         <p>وأشار إلى أن الخطة تشمل إنشاء محطات جديدة لتحلية المياه في المدن الساحلية.</p>\
         </article></body></html>"
    )
}

#[test]
fn new_content_at_a_known_url_is_kept_as_a_revision_and_search_names_the_page() {
    let dir = TempDir::new().unwrap();
    let first = article_html(
        "الحكومة تقر خطة المياه",
        "أقرت الحكومة اليوم خطة جديدة للمياه تشمل محطات تحلية في صنعاء وعدن خلال السنوات المقبلة.",
    );
    let second = article_html(
        "الحكومة تقر خطة المياه بعد تعديلها",
        "أقرت الحكومة اليوم بعد تعديلات خطة جديدة للمياه تشمل محطات تحلية في صنعاء وعدن والحديدة.",
    );
    let mut warc = warc_response("https://news.example/water?id=7&utm_source=x", &first);
    warc.extend(warc_response(
        "https://NEWS.example/water?id=7#top",
        &second,
    ));
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, warc).unwrap();
    let data = dir.path().join("data");
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ingest: 2 stored"),
        "{}",
        stderr(&out)
    );

    let store = SqliteStore::open_existing(&data).unwrap();
    let revisions = store.revisions("https://news.example/water?id=7").unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(
        (revisions[1].revision, revisions[1].previous),
        (2, Some(revisions[0].id))
    );

    let out = marsad()
        .args(["search", "--json", "الحديدة", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hit = &hits[0];
    let article = store
        .article(hit["article_id"].as_i64().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(article.page_id, revisions[1].id);
    assert_eq!(hit["source"], format!("{}#2", path.display()));
    assert_eq!(hit["url"], "https://NEWS.example/water?id=7#top");
    assert!(
        hit.get("story").is_some(),
        "the key is there before stories exist"
    );
}
