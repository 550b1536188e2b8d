//! The README's table of bad inputs, one test per row: each bad input is
//! given to `marsad ingest` beside good pages, and gets a clear message
//! naming it, a documented exit status, and nothing else lost. Large inputs
//! are made here, never kept in the repository.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use marsad_store::Store;
use marsad_store_sqlite::SqliteStore;
use tempfile::TempDir;

mod common;
use common::{intact_store, marsad, stderr};

/// A text dump of a page: a headline and four paragraphs, unique to `n`.
fn dump(n: usize) -> String {
    format!(
        "الرئيسية | أخبار | اقتصاد\n\
         اجتماع اللجنة رقم {n} يناقش خطة المياه\n\
         قال المتحدث باسم الوزارة في بيان صدر اليوم إن الاجتماع رقم {n} ناقش ملفات عدة تتعلق بالمياه والطاقة.\n\
         وأضاف أن اللجنة ستعقد جلستها المقبلة الأسبوع القادم لمتابعة ما تم الاتفاق عليه في الجلسة رقم {n}.\n\
         وأشار إلى أن الخطة تشمل إنشاء محطات جديدة لتحلية المياه في المدن الساحلية خلال السنوات الخمس المقبلة.\n\
         ومن المتوقع أن تعرض الحكومة الخطة على البرلمان قبل نهاية العام الجاري بعد استكمال الدراسات الفنية اللازمة.\n\
         شارك على فيسبوك\n"
    )
}

/// A batch: good pages before and after one bad input.
struct Batch {
    dir: TempDir,
    good: Vec<PathBuf>,
}

impl Batch {
    fn new() -> Batch {
        let dir = TempDir::new().unwrap();
        let good = (0..2)
            .map(|i| {
                let p = dir.path().join(format!("good-{i}.txt"));
                std::fs::write(&p, dump(i)).unwrap();
                p
            })
            .collect();
        Batch { dir, good }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `marsad ingest` of good, bad, good; then the store's page count.
    fn ingest(&self, bad: &Path, extra: &[&str]) -> (Output, u64) {
        let out = marsad()
            .arg("ingest")
            .args(extra)
            .arg("--data")
            .arg(self.data())
            .arg(&self.good[0])
            .arg(bad)
            .arg(&self.good[1])
            .output()
            .unwrap();
        let store = SqliteStore::open_existing(self.data()).unwrap();
        let c = store.counts().unwrap();
        (out, c.pages + c.corpus_records)
    }
}

/// The message about `bad` on stderr: one line naming it, holding `reason`.
fn assert_named(out: &Output, bad: &Path, reason: &str) {
    let err = stderr(out);
    let name = bad.display().to_string();
    assert!(
        err.lines().any(|l| l.contains(&name) && l.contains(reason)),
        "no line names {name} with {reason:?}:\n{err}"
    );
}

#[test]
fn an_empty_file_is_named_and_the_rest_is_stored() {
    let b = Batch::new();
    let bad = b.file("empty.txt", b"");
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_named(&out, &bad, "empty file");
    assert_eq!(pages, 2);
}

#[test]
fn binary_data_is_named_and_the_rest_is_stored() {
    let b = Batch::new();
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let bad = b.file("photo.txt", &bytes);
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_named(&out, &bad, "binary data");
    assert_eq!(pages, 2);
}

#[test]
fn a_truncated_gzip_is_named_and_the_rest_is_stored() {
    let b = Batch::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 10..60 {
        gz.write_all(dump(i).as_bytes()).unwrap();
    }
    let whole = gz.finish().unwrap();
    let bad = b.file("cut.txt.gz", &whole[..whole.len() / 2]);
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_named(&out, &bad, "corrupt gzip data");
    assert_eq!(pages, 2);
}

/// 100 MB of Arabic words with no line break.
fn one_line_file(b: &Batch) -> PathBuf {
    let p = b.dir.path().join("one-line.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    let words = "قال المتحدث باسم الوزارة إن الاجتماع ناقش ملفات المياه والطاقة ";
    let mut written = 0;
    while written < 100_000_000 {
        f.write_all(words.as_bytes()).unwrap();
        written += words.len();
    }
    f.flush().unwrap();
    p
}

#[test]
fn a_100_mb_one_line_file_is_refused_by_size_and_the_rest_is_stored() {
    let b = Batch::new();
    let bad = one_line_file(&b);
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_named(&out, &bad, "over the limit of 67108864 bytes");
    assert_eq!(pages, 2);
}

#[test]
fn a_few_invalid_utf8_bytes_are_replaced_and_the_page_is_stored() {
    let b = Batch::new();
    let mut bytes = dump(7).into_bytes();
    // Stray bytes inside a paragraph: a damaged file, still mostly UTF-8.
    let at = bytes.len() / 2;
    let at = (at..bytes.len()).find(|&i| bytes[i] == b' ').unwrap();
    bytes.splice(at..at, [0xFF, 0xFE, 0xC3]);
    let bad = b.file("damaged.txt", &bytes);
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(pages, 3);
}

#[test]
fn bytes_valid_in_no_encoding_are_read_as_windows_1256_and_stored() {
    let b = Batch::new();
    // Printable bytes mixed with byte sequences invalid in UTF-8: detection
    // falls back to windows-1256, which maps every byte, so the page is
    // kept (as the garbage it is) rather than refused; never lost silently.
    let mut bytes = Vec::new();
    for i in 0..4_000u32 {
        bytes.extend_from_slice(b"ab ");
        bytes.push(0x80 | (i % 0x40) as u8);
        bytes.push(0xC0 | (i % 0x20) as u8);
        bytes.push(b'\n');
    }
    let bad = b.file("garbled.txt", &bytes);
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(pages, 3);
}

#[test]
fn mixed_encodings_in_one_file_are_read_and_the_page_is_stored() {
    let b = Batch::new();
    // A UTF-8 page whose footer was pasted in windows-1256.
    let mut bytes = dump(8).into_bytes();
    let (footer, _, _) = encoding_rs::WINDOWS_1256.encode("جميع الحقوق محفوظة لصحيفة الأخبار\n");
    bytes.extend_from_slice(&footer);
    let bad = b.file("mixed.txt", &bytes);
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(pages, 3);
    let out = marsad()
        .args(["extract", "--json"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = page["articles"][0]["paragraphs"].to_string();
    assert!(
        text.contains("اجتماع") || text.contains("المتحدث"),
        "{text}"
    );
}

fn html_with(body: &str) -> String {
    format!("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>خبر</title></head><body>{body}</body></html>")
}

#[test]
fn an_html_bomb_of_deep_nesting_does_not_stop_the_batch() {
    let b = Batch::new();
    let depth = 200_000;
    let mut body = "<div>".repeat(depth);
    body.push_str(&dump(9).replace('\n', "<p>"));
    body.push_str(&"</div>".repeat(depth));
    let bad = b.file("deep.html", html_with(&body).as_bytes());
    // Tags beyond the depth limit are dropped before parsing, text kept.
    let started = Instant::now();
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(pages, 3);
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn an_html_bomb_of_a_million_attributes_does_not_stop_the_batch() {
    let b = Batch::new();
    let mut body = String::from("<div");
    for i in 0..1_000_000 {
        body.push_str(&format!(" a{i}=\"x\""));
    }
    body.push('>');
    body.push_str(&dump(10).replace('\n', "<p>"));
    body.push_str("</div>");
    let bad = b.file("attributes.html", html_with(&body).as_bytes());
    // Attributes beyond the limit are dropped before parsing (the parser is
    // quadratic in them: this page ran past a 60 s time limit before).
    let started = Instant::now();
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(pages, 3);
    assert!(started.elapsed() < Duration::from_secs(60));
}

fn warc_record(n: usize, payload: &str, lie: Option<usize>) -> Vec<u8> {
    let http =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{payload}");
    let length = lie.unwrap_or(http.len());
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0000-{n}>\r\n\
         WARC-Target-URI: https://example.com/news/{n}\r\nWARC-Date: 2024-06-15T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n{http}\r\n\r\n"
    )
    .into_bytes()
}

#[test]
fn a_warc_with_a_lying_content_length_keeps_its_other_records() {
    let b = Batch::new();
    let page = |n: usize| {
        html_with(&format!(
            "<article><h1>خبر {n}</h1><p>{}</p></article>",
            dump(n + 20).replace('\n', "</p><p>")
        ))
    };
    let mut warc = Vec::new();
    warc.extend(warc_record(1, &page(1), None));
    // Says 40 bytes: the rest of its payload is not a record header.
    warc.extend(warc_record(2, &page(2), Some(40)));
    warc.extend(warc_record(3, &page(3), None));
    // The last one says more than the file holds.
    warc.extend(warc_record(4, &page(4), Some(10_000_000)));
    let bad = b.file("crawl.warc", &warc);
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_named(&out, &bad, "WARC record");
    // Records 1 and 3 are kept; the good pages too.
    assert!(pages >= 4, "{pages} stored: {}", stderr(&out));
}

#[test]
fn a_json_lines_file_with_a_broken_line_keeps_its_other_lines() {
    let b = Batch::new();
    let line = |n: usize| {
        serde_json::json!({"title": format!("خبر رقم {n}"), "text": dump(n + 40), "url": format!("https://example.com/{n}"), "date": "2024-06-15", "outlet": "الأخبار"}).to_string()
    };
    let text = format!(
        "{}\n{{\"title\": \"مقطوع\", \"text\": \"بلا نهاية\n{}\n",
        line(1),
        line(3)
    );
    let bad = b.file("articles.jsonl", text.as_bytes());
    let (out, pages) = b.ingest(&bad, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_named(&out, &bad.with_file_name("articles.jsonl#2"), "");
    assert_eq!(pages, 4, "{}", stderr(&out));
}

#[test]
fn a_query_of_10000_words_is_answered() {
    let b = Batch::new();
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(b.data())
        .args(&b.good)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let words = ["اجتماع", "اللجنة", "المياه", "خطة", "الوزارة"];
    let query: Vec<&str> = (0..10_000).map(|i| words[i % words.len()]).collect();
    let started = Instant::now();
    let out = marsad()
        .args(["search", "--json", "--data"])
        .arg(b.data())
        .arg(query.join(" "))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    assert!(started.elapsed() < Duration::from_secs(60));
}

/// A small tmpfs mounted for one test, unmounted when dropped. `None` (with
/// the reason printed) where mounting is not allowed; CI sets
/// `MARSAD_REQUIRE_MOUNT=1`, which makes that a failure instead.
struct Tmpfs {
    path: PathBuf,
    _dir: TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("disk");
        std::fs::create_dir(&path).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .output();
        let reason = match out {
            Ok(o) if o.status.success() => return Some(Tmpfs { path, _dir: dir }),
            Ok(o) => stderr(&o),
            Err(e) => e.to_string(),
        };
        let reason = format!("cannot mount a tmpfs (needs root): {}", reason.trim());
        if std::env::var_os("MARSAD_REQUIRE_MOUNT").is_some() {
            panic!("{reason}");
        }
        println!("skipped: {reason}");
        eprintln!("skipped: {reason}");
        None
    }

    fn remount(&self, options: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.path)
            .output()
            .unwrap();
        assert!(out.status.success(), "remount {options}: {}", stderr(&out));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// `PRAGMA integrity_check` and the store's page count.
fn intact_pages(data: &Path) -> u64 {
    intact_store(data).counts().unwrap().pages
}

fn many_pages(dir: &Path, n: usize) -> PathBuf {
    let pages = dir.join("many");
    std::fs::create_dir_all(&pages).unwrap();
    for i in 0..n {
        // Unique words per page, so that neither compression nor the index
        // makes them small.
        let noise: String = (0..60)
            .map(|k| format!(" كلمة{}x{}", i * 61 + k, k * 7919 % 1013))
            .collect();
        std::fs::write(
            pages.join(format!("p-{i:05}.txt")),
            dump(1000 + i) + &noise + "\n",
        )
        .unwrap();
    }
    pages
}

#[test]
fn a_full_disk_is_named_and_the_store_is_intact_afterwards() {
    let Some(disk) = Tmpfs::mount("6m") else {
        return;
    };
    let b = Batch::new();
    let data = disk.path.join("data");
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .args(&b.good)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let many = many_pages(b.dir.path(), 3_000);
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&many)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&data.display().to_string()) && err.to_lowercase().contains("full"),
        "the error names the data folder and says it is full:\n{err}"
    );
    let stored = intact_pages(&data);
    assert!(stored >= 2, "the first pages are kept: {stored}");
    // With room again, the same command finishes the work.
    disk.remount("size=256m");
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&many)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(intact_pages(&data), 3_002);
}

#[test]
fn a_read_only_data_folder_is_named_and_the_store_is_intact_afterwards() {
    let Some(disk) = Tmpfs::mount("64m") else {
        return;
    };
    let b = Batch::new();
    let data = disk.path.join("data");
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .args(&b.good)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    disk.remount("ro");
    let more = b.file("more.txt", dump(77).as_bytes());
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&more)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&data.display().to_string()) && err.contains("Read-only"),
        "the error names the data folder and says it is read-only:\n{err}"
    );
    // A reader is refused too (SQLite's write-ahead log needs its shared
    // memory file beside the store), with the same kind of message.
    let out = marsad()
        .args(["search", "--json", "--data"])
        .arg(&data)
        .arg("اجتماع")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&data.display().to_string()), "{err}");
    disk.remount("rw");
    assert_eq!(intact_pages(&data), 2);
    // Writable again, nothing was lost and the folder is used as before.
    let out = marsad()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&more)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(intact_pages(&data), 3);
}
