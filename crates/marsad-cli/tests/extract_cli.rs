//! `marsad extract` and `marsad eval seeds` end to end, through the binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;

mod common;
use common::{json_lines, marsad, seeds_dir, stderr};

const ARTICLE: &str = "بوتين يصل إلى بيونغ يانغ في أول زيارة منذ ربع قرن\n\n\
الثلاثاء، 18 يونيو 2024 11:05 م\n\n\
وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ في زيارة رسمية تستمر يومين، هي الأولى له منذ عام 2000.\n\n\
ومن المتوقع أن يوقع الجانبان اتفاقية شراكة استراتيجية شاملة تتضمن بنداً للدفاع المشترك بين البلدين.\n\n\
وقال الكرملين إن الزيارة تأتي في إطار تعزيز العلاقات الثنائية وتوسيع التعاون في مجالات الاقتصاد والطاقة.\n";

#[test]
fn eval_seeds_meets_the_bars() {
    let out = marsad()
        .args(["eval", "seeds", "--json", "--dir"])
        .arg(seeds_dir())
        .output()
        .unwrap();
    assert!(out.status.success(), "eval failed: {}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pooled = report["pooled_f1"].as_f64().unwrap();
    assert!(pooled >= 0.97, "pooled body-line F1 {pooled}");
    let pages = report["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 5);
    for p in pages {
        let f1 = p["f1"].as_f64().unwrap();
        assert!(f1 >= 0.93, "{}: F1 {f1}", p["file"]);
        assert_eq!(p["articles_found"], p["articles_expected"], "{}", p["file"]);
        assert!(
            p["titles_right"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t == true),
            "{}: titles {}",
            p["file"],
            p["titles_right"]
        );
        assert!(
            p["dates_right"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t == true),
            "{}: dates {}",
            p["file"],
            p["dates_right"]
        );
    }
}

#[test]
fn json_lines_in_input_order_with_the_contract_keys() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.reverse(); // input order, not name order
    let out = marsad()
        .arg("extract")
        .arg("--json")
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = json_lines(&out);
    assert_eq!(pages.len(), files.len());
    for (page, file) in pages.iter().zip(&files) {
        assert_eq!(page["source"], file.display().to_string());
        assert_eq!(page["format"], "text");
        for key in ["url", "fetched", "lang", "articles", "furniture"] {
            assert!(page.get(key).is_some(), "missing {key}");
        }
    }
    // 003 carries an appended article after the main one.
    let p003 = pages
        .iter()
        .find(|p| p["source"].as_str().unwrap().contains("003_"))
        .unwrap();
    let roles: Vec<&str> = p003["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["main", "appended"]);
}

#[test]
fn readable_summary_names_each_page() {
    let out = marsad()
        .arg("extract")
        .arg(seeds_dir().join("001_f3efc767bdce0c0f.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("001_f3efc767bdce0c0f.txt"));
    assert!(text.contains("[main] اتفاقية كيم وبوتين"));
    assert!(text.contains("published 2024-11-19T14:31"));
}

/// Write `bytes` as `name` in `dir`, returning the path as a string.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn first_title(page: &Value) -> &str {
    page["articles"][0]["title"].as_str().unwrap_or("")
}

#[test]
fn encodings_and_line_ends_are_read_right() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(ARTICLE.as_bytes());
    let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
    utf16.extend(ARTICLE.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(ARTICLE);
    let crlf = ARTICLE.replace('\n', "\r\n");
    let files = [
        write(d, "utf8.txt", ARTICLE.as_bytes()),
        write(d, "utf8-bom.txt", &bom),
        write(d, "utf16.txt", &utf16),
        write(d, "cp1256.txt", &cp1256),
        write(d, "crlf.txt", crlf.as_bytes()),
    ];
    let out = marsad()
        .arg("extract")
        .arg("--json")
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = json_lines(&out);
    assert_eq!(pages.len(), 5);
    for (page, file) in pages.iter().zip(&files) {
        assert_eq!(
            first_title(page),
            "بوتين يصل إلى بيونغ يانغ في أول زيارة منذ ربع قرن",
            "{file}"
        );
        assert_eq!(
            page["articles"][0]["published"], "2024-06-18T23:05",
            "{file}"
        );
        assert_eq!(
            page["articles"][0]["paragraphs"].as_array().unwrap().len(),
            3,
            "{file}"
        );
        let text = page.to_string();
        assert!(
            !text.contains("\\r") && !text.contains('\u{FEFF}'),
            "{file}"
        );
    }
}

#[test]
fn bad_inputs_get_clear_errors_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write(d, "good.txt", ARTICLE.as_bytes());
    let empty = write(d, "empty.txt", b"");
    let binary = write(
        d,
        "blob.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0, 1, 2],
    );
    let json = write(d, "data.txt", br#"{"title": "not a page"}"#);
    let missing = d.join("missing.txt").display().to_string();
    let good2 = write(d, "good2.txt", ARTICLE.as_bytes());
    let out = marsad()
        .arg("extract")
        .arg("--json")
        .args([&good, &empty, &binary, &json, &missing, &good2])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "non-zero when an input failed");
    let pages = json_lines(&out);
    assert_eq!(pages.len(), 6);
    let expect_error = |i: usize, name: &str, reason: &str| {
        assert_eq!(pages[i]["source"], name);
        let err = pages[i]["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: no error"));
        assert!(err.contains(reason), "{name}: {err}");
        assert!(stderr(&out).contains(name), "stderr names {name}");
    };
    expect_error(1, &empty, "empty");
    expect_error(2, &binary, "binary");
    expect_error(3, &json, "JSON");
    expect_error(4, &missing, "no such file");
    assert_eq!(first_title(&pages[0]), first_title(&pages[5]));
    assert!(!first_title(&pages[5]).is_empty());
}

#[test]
fn size_limit_refuses_larger_pages_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "big.txt", ARTICLE.repeat(20).as_bytes());
    let small = write(dir.path(), "small.txt", ARTICLE.as_bytes());
    let out = marsad()
        .args(["extract", "--json", "--max-page-size", "4096"])
        .args([&big, &small])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let pages = json_lines(&out);
    let err = pages[0]["error"].as_str().unwrap();
    assert!(err.contains("over the limit of 4096 bytes"), "{err}");
    assert!(pages[1]["articles"].as_array().unwrap().len() == 1);
}

#[test]
fn folders_are_walked_non_pages_skipped_and_stdin_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::create_dir(d.join("empty")).unwrap();
    write(d, "a.txt", ARTICLE.as_bytes());
    write(&d.join("sub"), "b.txt", ARTICLE.as_bytes());
    write(d, "gold.json", br#"{"pages": {}}"#);
    let mut child = marsad()
        .args(["extract", "--json"])
        .arg(d)
        .arg(d.join("empty"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ARTICLE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let pages = json_lines(&out);
    let sources: Vec<&str> = pages
        .iter()
        .map(|p| p["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 4, "{sources:?}");
    assert!(sources[0].ends_with("a.txt"));
    assert!(sources[1].ends_with("b.txt"));
    assert!(sources[2].ends_with("empty"));
    assert!(pages[2]["error"].as_str().unwrap().contains("no files"));
    assert_eq!(sources[3], "-");
    assert_eq!(first_title(&pages[3]), first_title(&pages[0]));
    let err = stderr(&out);
    assert!(
        err.contains("skipped") && err.contains("gold.json"),
        "{err}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the empty folder counts as a failure"
    );
}

/// Peak resident memory of the biggest child this process has waited for.
fn children_peak_rss_bytes() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    u64::try_from(usage.ru_maxrss).unwrap() * 1024 // kilobytes on Linux
}

#[test]
fn a_50_mb_dump_is_processed_within_a_small_multiple_of_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read(seeds_dir().join("004_06eb678c74ab6c05.txt")).unwrap();
    let target = 50 * 1024 * 1024;
    let mut big = Vec::with_capacity(target + seed.len());
    while big.len() < target {
        big.extend_from_slice(&seed);
        big.push(b'\n');
    }
    let path = write(dir.path(), "big.txt", &big);
    // Run alone in a child so that its peak memory is its own.
    let out = marsad()
        .args(["extract", "--json", "-j", "1", &path])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = json_lines(&out);
    assert_eq!(pages.len(), 1);
    assert!(!pages[0]["articles"].as_array().unwrap().is_empty());
    let peak = children_peak_rss_bytes();
    let ratio = peak as f64 / big.len() as f64;
    eprintln!(
        "50 MB dump: peak RSS {} MB, {ratio:.1}x the input",
        peak >> 20
    );
    assert!(ratio < 8.0, "peak RSS {ratio:.1}x the input");
}

fn html_fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../marsad-html/tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn warc_response(uri: &str, date: &str, html: &[u8], declared_length: Option<usize>) -> Vec<u8> {
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    http.extend_from_slice(html);
    let length = declared_length.unwrap_or(http.len());
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    rec.extend_from_slice(&http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

#[test]
fn html_is_detected_by_content_and_extracted() {
    let dir = tempfile::tempdir().unwrap();
    // No .html extension: the kind comes from the content.
    let page = write(
        dir.path(),
        "saved-page",
        &html_fixture("aljazeera_article.html"),
    );
    let out = marsad()
        .args(["extract", "--json", &page])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = json_lines(&out);
    assert_eq!(pages[0]["format"], "html");
    assert_eq!(pages[0]["lang"], "ar");
    assert_eq!(pages[0]["dir"], "rtl");
    assert_eq!(
        first_title(&pages[0]),
        "مجلس الأمن يناقش الوضع الإنساني في غزة"
    );
    let paragraphs = pages[0]["articles"][0]["paragraphs"].as_array().unwrap();
    assert!(paragraphs.iter().all(|p| p["line"].is_null()));
}

#[test]
fn a_warc_with_a_truncated_record_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let first = html_fixture("aljazeera_article.html");
    let second = html_fixture("asharq_late_night.html");
    let third = html_fixture("youm7_two_articles.html");
    let mut warc = warc_response(
        "https://www.aljazeera.net/news/1",
        "2024-11-19T12:00:00Z",
        &first,
        None,
    );
    // Claims far more bytes than it has: the next record starts inside it.
    warc.extend(warc_response(
        "https://aawsat.com/2",
        "2024-03-05T20:00:00Z",
        &second[..600],
        Some(52_000),
    ));
    warc.extend(warc_response(
        "https://www.youm7.com/3",
        "2024-06-19T09:00:00Z",
        &third,
        None,
    ));
    let path = write(dir.path(), "crawl.warc", &warc);
    let out = marsad()
        .args(["extract", "--json", &path])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed record makes the exit status non-zero"
    );
    let pages = json_lines(&out);
    assert_eq!(pages.len(), 3, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(pages[0]["source"], format!("{path}#1"));
    assert_eq!(pages[0]["format"], "warc");
    assert_eq!(pages[0]["url"], "https://www.aljazeera.net/news/1");
    assert_eq!(pages[0]["fetched"], "2024-11-19T12:00:00Z");
    assert_eq!(pages[0]["lang"], "ar");
    assert_eq!(
        pages[0]["articles"][0]["outlet"], "الجزيرة",
        "the page's own name wins (\"الجزيرة نت\"), in the outlet table's one spelling"
    );
    assert_eq!(pages[1]["source"], format!("{path}#2"));
    assert!(
        pages[1]["error"].as_str().unwrap().contains("truncated"),
        "{}",
        pages[1]
    );
    assert_eq!(pages[2]["source"], format!("{path}#3"));
    assert_eq!(pages[2]["articles"].as_array().unwrap().len(), 2);
}

const LEGACY_PAGE: &str = "<html lang=\"ar\" dir=\"rtl\"><head>\
<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">\
<title>وزير الخارجية يبحث مع نظيره الفرنسي الأزمة في السودان</title></head><body>\
<nav><a href=\"/\">الرئيسية</a> <a href=\"/news\">أخبار</a></nav>\
<article><h1>وزير الخارجية يبحث مع نظيره الفرنسي الأزمة في السودان</h1>\
<div class=\"date\">منذ 3 ساعات</div>\
<p>بحث وزير الخارجية اليوم مع نظيره الفرنسي في اتصال هاتفي تطورات الأزمة في السودان، وسبل دعم جهود التهدئة ووقف إطلاق النار.</p>\
<p>وأكد الجانبان أهمية إيصال المساعدات الإنسانية إلى المتضررين دون عوائق، ودعم المسار السياسي الذي ترعاه الأمم المتحدة.</p>\
<p>واتفق الوزيران على مواصلة التنسيق والتشاور خلال الفترة المقبلة بشأن القضايا الإقليمية ذات الاهتمام المشترك.</p>\
</article><footer>جميع الحقوق محفوظة</footer></body></html>";

#[test]
fn legacy_arabic_html_plain_and_gzipped() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(LEGACY_PAGE);
    assert!(std::str::from_utf8(&bytes).is_err(), "really windows-1256");
    let plain = write(dir.path(), "legacy.html", &bytes);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&bytes).unwrap();
    let gzipped = write(dir.path(), "legacy.html.gz", &gz.finish().unwrap());
    let out = marsad()
        .args(["extract", "--json", &plain, &gzipped])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for page in json_lines(&out) {
        assert_eq!(page["format"], "html");
        assert_eq!(
            first_title(&page),
            "وزير الخارجية يبحث مع نظيره الفرنسي الأزمة في السودان"
        );
        let first = page["articles"][0]["paragraphs"][0]["text"]
            .as_str()
            .unwrap();
        assert!(first.starts_with("بحث وزير الخارجية اليوم"), "{first}");
        // No fetch time for a file: a relative date cannot be resolved.
        assert!(page["articles"][0]["published"].is_null());
    }
}

#[test]
fn a_relative_date_is_anchored_on_the_warc_fetch_time() {
    let dir = tempfile::tempdir().unwrap();
    let warc = warc_response(
        "https://example.sd/news/1",
        "2024-06-19T10:05:00Z",
        LEGACY_PAGE.as_bytes(),
        None,
    );
    let path = write(dir.path(), "one.warc", &warc);
    let out = marsad()
        .args(["extract", "--json", &path])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = &json_lines(&out)[0];
    let published = page["articles"][0]["published"].as_str().unwrap();
    assert_eq!(published, "2024-06-19T07:05");
    // The page names no publisher: the site it was fetched from is the outlet.
    assert_eq!(page["articles"][0]["outlet"], "example.sd");
}
