//! WARC reading through the public path (`read_pages` on a file), with WARC
//! bytes built here so each test shows the damage it is about.
//!
//! Each test compares the whole outcome — one line per item the stream
//! yields — so a reviewer sees which records became pages and which errors
//! named which record.

use std::io::Write;
use std::path::PathBuf;

use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_model::Page;
use marsad_page::{read_pages, Input, ReadError, ReadOptions};

const DATE: &str = "2024-06-19T10:05:00Z";

fn html(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ar\"><head><title>{title}</title></head>\n\
         <body><article><h1>{title}</h1>\n<p>نص الخبر الكامل هنا.</p></article></body></html>\n"
    )
}

/// An HTTP response: status line, headers, blank line, body.
fn http(headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = b"HTTP/1.1 200 OK\r\n".to_vec();
    for h in headers {
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn html_response(body: &str) -> Vec<u8> {
    http(&["Content-Type: text/html; charset=utf-8"], body.as_bytes())
}

/// A whole WARC record. `claimed` overrides the Content-Length (damage).
fn record(kind: &str, uri: &str, block: &[u8], claimed: Option<usize>) -> Vec<u8> {
    let content_type = match kind {
        "warcinfo" => "application/warc-fields",
        "request" => "application/http; msgtype=request",
        _ => "application/http; msgtype=response",
    };
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}-{kind}>\r\n\
         WARC-Date: {DATE}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        claimed.unwrap_or(block.len())
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(uri: &str, block: &[u8]) -> Vec<u8> {
    record("response", uri, block, None)
}

fn gzip_member(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).expect("gzip into memory");
    enc.finish().expect("gzip into memory")
}

/// Write `bytes` to a file and read it through `read_pages`, under `name`
/// (the name is what sources and errors show; each test uses its own).
fn read_items(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Result<Page, ReadError>> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("warc-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    let input = Input::File {
        path: path.clone(),
        name: name.to_string(),
    };
    let items = read_pages(&input, opts).collect();
    std::fs::remove_file(&path).ok();
    items
}

/// One line per item: which records became pages, which errors named what.
fn read(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<String> {
    read_items(name, bytes, opts)
        .into_iter()
        .map(|item| match item {
            Ok(page) => format!(
                "page {} [{}] url={} fetched={}",
                page.source,
                page.format,
                page.url.as_deref().unwrap_or("-"),
                page.fetched.as_deref().unwrap_or("-"),
            ),
            Err(e) => format!("error {e}"),
        })
        .collect()
}

fn read_default(name: &str, bytes: &[u8]) -> Vec<String> {
    read(name, bytes, &ReadOptions::default())
}

/// Pages' contents, for tests about decoding.
fn contents(name: &str, bytes: &[u8]) -> Vec<String> {
    read_items(name, bytes, &ReadOptions::default())
        .into_iter()
        .map(|item| {
            item.map(|p| p.content)
                .unwrap_or_else(|e| format!("error {e}"))
        })
        .collect()
}

/// Three responses; the second says Content-Length 52000 but holds ~1200
/// bytes and is followed at once by the third (a write cut short).
fn three_records_second_cut() -> Vec<Vec<u8>> {
    let mut second = html_response(&html("الثاني"));
    second.resize(1200, b' ');
    vec![
        response("https://example.sa/1", &html_response(&html("الأول"))),
        record("response", "https://example.sa/2", &second, Some(52000)),
        response("https://example.sa/3", &html_response(&html("الثالث"))),
    ]
}

#[test]
fn corrupt_record_in_the_middle_loses_only_itself() {
    let bytes = three_records_second_cut().concat();
    assert_eq!(
        read_default("crawl.warc", &bytes),
        [
            "page crawl.warc#1 [warc] url=https://example.sa/1 fetched=2024-06-19T10:05:00Z",
            "error crawl.warc#2: WARC record 2: record truncated: Content-Length 52000 \
             but the next record starts after 1204 bytes",
            "page crawl.warc#3 [warc] url=https://example.sa/3 fetched=2024-06-19T10:05:00Z",
        ]
    );
}

#[test]
fn gzip_one_member_per_record_with_corrupt_record() {
    let bytes: Vec<u8> = three_records_second_cut()
        .iter()
        .flat_map(|r| gzip_member(r))
        .collect();
    assert_eq!(
        read_default("crawl.warc.gz", &bytes),
        [
            "page crawl.warc.gz#1 [warc] url=https://example.sa/1 fetched=2024-06-19T10:05:00Z",
            "error crawl.warc.gz#2: WARC record 2: record truncated: Content-Length 52000 \
             but the next record starts after 1204 bytes",
            "page crawl.warc.gz#3 [warc] url=https://example.sa/3 fetched=2024-06-19T10:05:00Z",
        ]
    );
}

fn three_members() -> Vec<Vec<u8>> {
    (1..=3)
        .map(|i| {
            let uri = format!("https://example.sa/{i}");
            // Enough text that the deflate data is well past the gzip header.
            let body = html(&"خبر عاجل عن الاقتصاد والسياسة ".repeat(40 * i));
            gzip_member(&response(&uri, &html_response(&body)))
        })
        .collect()
}

#[test]
fn corrupt_gzip_member_loses_only_its_record() {
    let mut members = three_members();
    let middle = members[1].len() / 2;
    for b in &mut members[1][middle..middle + 16] {
        *b = !*b;
    }
    let out = read_default("damaged.warc.gz", &members.concat());
    assert_eq!(out.len(), 3, "{out:#?}");
    assert_eq!(
        out[0],
        "page damaged.warc.gz#1 [warc] url=https://example.sa/1 fetched=2024-06-19T10:05:00Z"
    );
    assert!(
        out[1].starts_with("error damaged.warc.gz#2: WARC record 2: corrupt gzip data: "),
        "{}",
        out[1]
    );
    assert_eq!(
        out[2],
        "page damaged.warc.gz#3 [warc] url=https://example.sa/3 fetched=2024-06-19T10:05:00Z"
    );
}

#[test]
fn gzip_member_cut_short_then_next_member() {
    let mut members = three_members();
    let half = members[1].len() / 2;
    members[1].truncate(half);
    let out = read_default("cut.warc.gz", &members.concat());
    assert_eq!(out.len(), 3, "{out:#?}");
    assert!(out[0].starts_with("page cut.warc.gz#1 "), "{}", out[0]);
    assert!(
        out[1].starts_with("error cut.warc.gz#2: WARC record 2: corrupt gzip data: "),
        "{}",
        out[1]
    );
    assert!(out[2].starts_with("page cut.warc.gz#3 "), "{}", out[2]);
}

#[test]
fn gzip_member_with_bad_header_after_good_record() {
    let mut members = three_members();
    members[1][3] = 0xe0; // reserved FLG bits: an invalid gzip header
    let out = read_default("header.warc.gz", &members.concat());
    assert_eq!(
        out,
        [
            "page header.warc.gz#1 [warc] url=https://example.sa/1 fetched=2024-06-19T10:05:00Z",
            "error header.warc.gz#2: WARC record 2: corrupt gzip data: invalid gzip header",
            "page header.warc.gz#3 [warc] url=https://example.sa/3 fetched=2024-06-19T10:05:00Z",
        ]
    );
}

#[test]
fn only_responses_become_pages() {
    let bytes = [
        record(
            "warcinfo",
            "",
            b"software: test-crawler/1.0\r\nformat: WARC File Format 1.0\r\n",
            None,
        ),
        record(
            "request",
            "https://example.sa/a",
            b"GET /a HTTP/1.1\r\nHost: example.sa\r\n\r\n",
            None,
        ),
        response("https://example.sa/a", &html_response(&html("خبر"))),
    ]
    .concat();
    assert_eq!(
        read_default("one.warc", &bytes),
        ["page one.warc#3 [warc] url=https://example.sa/a fetched=2024-06-19T10:05:00Z"]
    );
}

#[test]
fn non_html_responses_are_skipped_silently() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let bytes = [
        response(
            "https://example.sa/logo.png",
            &http(&["Content-Type: image/png"], png),
        ),
        response(
            "https://example.sa/api",
            &http(&["Content-Type: application/json"], b"{\"a\": 1}"),
        ),
        response(
            "https://example.sa/moved",
            &[
                &b"HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\n"[..],
                b"Content-Type: text/html\r\n\r\n<html><body>Moved</body></html>",
            ]
            .concat(),
        ),
        // No Content-Type: the payload is sniffed.
        response("https://example.sa/raw.bin", &http(&[], png)),
        response(
            "https://example.sa/untyped",
            &http(&[], html("بلا نوع").as_bytes()),
        ),
        response("https://example.sa/news", &html_response(&html("خبر"))),
    ]
    .concat();
    assert_eq!(
        read_default("mixed.warc", &bytes),
        [
            "page mixed.warc#5 [warc] url=https://example.sa/untyped fetched=2024-06-19T10:05:00Z",
            "page mixed.warc#6 [warc] url=https://example.sa/news fetched=2024-06-19T10:05:00Z",
        ]
    );
}

#[test]
fn windows_1256_charset_from_the_http_header() {
    // No <meta charset>: only the HTTP header names the encoding.
    let text = "<html><body><p>وزارة الخارجية تعلن</p></body></html>";
    let (encoded, _, had_errors) = encoding_rs::WINDOWS_1256.encode(text);
    assert!(!had_errors);
    assert!(std::str::from_utf8(&encoded).is_err(), "not UTF-8 any more");
    let bytes = response(
        "https://example.sa/1256",
        &http(&["Content-Type: text/html; charset=windows-1256"], &encoded),
    );
    assert_eq!(contents("legacy.warc", &bytes), [text]);
}

#[test]
fn chunked_and_compressed_payloads_are_decoded() {
    let page = html("مقطع");
    let mut chunked = Vec::new();
    for part in page.as_bytes().chunks(37) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");

    let mut deflated = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
    deflated.write_all(page.as_bytes()).expect("in memory");
    let deflated = deflated.finish().expect("in memory");

    let gzipped = gzip_member(page.as_bytes());
    let mut gzipped_chunked = Vec::new();
    for part in gzipped.chunks(50) {
        gzipped_chunked.extend_from_slice(format!("{:X}\r\n", part.len()).as_bytes());
        gzipped_chunked.extend_from_slice(part);
        gzipped_chunked.extend_from_slice(b"\r\n");
    }
    gzipped_chunked.extend_from_slice(b"0\r\n\r\n");

    let html_type = "Content-Type: text/html; charset=utf-8";
    let bytes = [
        response(
            "https://example.sa/chunked",
            &http(&[html_type, "Transfer-Encoding: chunked"], &chunked),
        ),
        response(
            "https://example.sa/deflate",
            &http(&[html_type, "Content-Encoding: deflate"], &deflated),
        ),
        response(
            "https://example.sa/gzip-chunked",
            &http(
                &[
                    html_type,
                    "Content-Encoding: gzip",
                    "Transfer-Encoding: chunked",
                ],
                &gzipped_chunked,
            ),
        ),
        // Stored decoded by the crawler, headers kept as sent.
        response(
            "https://example.sa/already-decoded",
            &http(
                &[
                    html_type,
                    "Content-Encoding: gzip",
                    "Transfer-Encoding: chunked",
                ],
                page.as_bytes(),
            ),
        ),
    ]
    .concat();
    assert_eq!(contents("encoded.warc", &bytes), [page.as_str(); 4]);
}

#[test]
fn truncated_payload_is_still_extracted() {
    let page = html("مبتور");
    let cut = &page.as_bytes()[..page.len() / 2];
    let mut block = http(&["Content-Type: text/html"], cut);
    let mut bytes = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Truncated: length\r\n".to_vec();
    bytes.extend_from_slice(
        format!(
            "WARC-Target-URI: https://example.sa/t\r\nWARC-Date: {DATE}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .as_bytes(),
    );
    bytes.append(&mut block);
    bytes.extend_from_slice(b"\r\n\r\n");
    assert_eq!(
        read_default("partial.warc", &bytes),
        ["page partial.warc#1 [warc] url=https://example.sa/t fetched=2024-06-19T10:05:00Z"]
    );
}

#[test]
fn file_cut_in_the_last_payload() {
    let mut bytes = [
        response("https://example.sa/1", &html_response(&html("الأول"))),
        response("https://example.sa/2", &html_response(&html("الثاني"))),
    ]
    .concat();
    bytes.truncate(bytes.len() - 100);
    let out = read_default("cut.warc", &bytes);
    assert_eq!(out.len(), 2, "{out:#?}");
    assert!(out[0].starts_with("page cut.warc#1 "), "{}", out[0]);
    assert!(
        out[1].starts_with("error cut.warc#2: WARC record 2: record truncated: Content-Length "),
        "{}",
        out[1]
    );
    assert!(out[1].contains(" bytes left"), "{}", out[1]);
}

#[test]
fn content_length_too_short_then_next_record() {
    let block = html_response(&html("الثاني"));
    let bytes = [
        response("https://example.sa/1", &html_response(&html("الأول"))),
        record(
            "response",
            "https://example.sa/2",
            &block,
            Some(block.len() - 30),
        ),
        response("https://example.sa/3", &html_response(&html("الثالث"))),
    ]
    .concat();
    let out = read_default("short.warc", &bytes);
    assert_eq!(
        out,
        [
            "page short.warc#1 [warc] url=https://example.sa/1 fetched=2024-06-19T10:05:00Z",
            &format!(
                "error short.warc#2: WARC record 2: Content-Length {} does not end at a record boundary",
                block.len() - 30
            ),
            "page short.warc#3 [warc] url=https://example.sa/3 fetched=2024-06-19T10:05:00Z",
        ]
    );
}

#[test]
fn garbage_after_a_record_is_an_error_of_its_own() {
    // Record 1 ends with its CRLF CRLF, so it is whole; the garbage in the
    // place of record 2 is reported, and reading resynchronizes on record 3.
    let bytes = [
        response("https://example.sa/1", &html_response(&html("الأول"))),
        b"\x00\x01garbage line\r\nmore garbage\r\n".to_vec(),
        response("https://example.sa/3", &html_response(&html("الثالث"))),
    ]
    .concat();
    assert_eq!(
        read_default("junk.warc", &bytes),
        [
            "page junk.warc#1 [warc] url=https://example.sa/1 fetched=2024-06-19T10:05:00Z",
            "error junk.warc#2: WARC record 2: not a WARC record: starts with \"\\0\\u{1}garbage line\"",
            "page junk.warc#3 [warc] url=https://example.sa/3 fetched=2024-06-19T10:05:00Z",
        ]
    );
}

#[test]
fn a_line_that_is_not_a_record_start_where_one_should_be() {
    // Record 1 is damaged so that resynchronization lands on a line that
    // starts with `WARC/1.` but is not a record (no Content-Length).
    let bytes = [
        record(
            "response",
            "https://example.sa/1",
            b"HTTP/1.1 200 OK\r\n",
            Some(5000),
        ),
        b"WARC/1.0 is the format of this file\r\n\r\n".to_vec(),
        response("https://example.sa/3", &html_response(&html("الثالث"))),
    ]
    .concat();
    let out = read_default("odd.warc", &bytes);
    assert_eq!(
        out,
        [
            "error odd.warc#1: WARC record 1: record truncated: Content-Length 5000 \
             but the next record starts after 21 bytes",
            "error odd.warc#2: WARC record 2: no Content-Length header",
            "page odd.warc#3 [warc] url=https://example.sa/3 fetched=2024-06-19T10:05:00Z",
        ]
    );
}

#[test]
fn oversized_record_is_an_error_and_reading_goes_on() {
    let big = html(&"كلمة ".repeat(400));
    let image = vec![0xffu8; 3000];
    let bytes = [
        response("https://example.sa/big", &html_response(&big)),
        response(
            "https://example.sa/big.jpg",
            &http(&["Content-Type: image/jpeg"], &image),
        ),
        response("https://example.sa/small", &html_response(&html("صغير"))),
    ]
    .concat();
    let opts = ReadOptions {
        max_page_bytes: 1000,
    };
    let out = read("big.warc", &bytes, &opts);
    assert_eq!(out.len(), 2, "{out:#?}");
    assert!(
        out[0].starts_with("error big.warc#1: page is ")
            && out[0].contains("over the limit of 1000"),
        "{}",
        out[0]
    );
    assert_eq!(
        out[1],
        "page big.warc#3 [warc] url=https://example.sa/small fetched=2024-06-19T10:05:00Z"
    );
}

/// Cuts, holes and flipped bytes anywhere, plain and gzip: errors, never a
/// panic or a hang, and the records away from the damage are all read. In a
/// `.warc.gz` only the records whose gzip members are hit are lost; in a
/// plain WARC a damaged record can also cost its neighbours (a hit on the
/// next record's `WARC/1.0` line makes the block before it unverifiable).
#[test]
fn random_damage_loses_only_nearby_records() {
    let records: Vec<Vec<u8>> = (1..=6)
        .map(|i| {
            let uri = format!("https://example.sa/{i}");
            response(&uri, &html_response(&html(&"خبر عاجل ".repeat(i * 30))))
        })
        .collect();
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip_member(r)).collect();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    for round in 0..600 {
        for (name, parts, reach) in [("fuzz.warc", &records, 1), ("fuzz.warc.gz", &members, 0)] {
            let mut bytes = parts.concat();
            // The damaged byte range, in offsets of the undamaged file.
            let damaged = match round % 3 {
                0 => {
                    let cut = 1 + random() % (bytes.len() - 1);
                    bytes.truncate(cut);
                    cut..usize::MAX
                }
                1 => {
                    let at = random() % bytes.len();
                    let end = (at + 1 + random() % 8).min(bytes.len());
                    for b in &mut bytes[at..end] {
                        *b = random() as u8;
                    }
                    at..end
                }
                _ => {
                    let at = random() % bytes.len();
                    let end = (at + 1 + random() % 200).min(bytes.len());
                    bytes.drain(at..end);
                    at..end
                }
            };
            let out = read_default(name, &bytes);
            assert!(out.len() <= parts.len() + 2, "round {round}: {out:#?}");
            let mut start = 0;
            let spans: Vec<_> = parts
                .iter()
                .map(|p| {
                    start += p.len();
                    start - p.len()..start
                })
                .collect();
            let hit: Vec<usize> = (0..parts.len())
                .filter(|&i| spans[i].start < damaged.end && damaged.start < spans[i].end)
                .collect();
            let whole_file_error = out.len() == 1 && !out[0].contains('#');
            if reach == 0 && hit.first() == Some(&0) && whole_file_error {
                // When the first gzip member's start is corrupt, the format
                // cannot be sniffed and the whole file fails (`open_stream`).
                continue;
            }
            for (i, span) in spans.iter().enumerate() {
                let near = hit.iter().any(|&h| h.abs_diff(i) <= reach);
                let after_cut = span.end > damaged.start && damaged.end == usize::MAX;
                if near || after_cut {
                    continue;
                }
                let url = format!(" url=https://example.sa/{} ", i + 1);
                assert!(
                    out.iter()
                        .any(|line| line.starts_with("page ") && line.contains(&url)),
                    "round {round}, damage {damaged:?} in parts {hit:?}: no page{url}in {out:#?}"
                );
                if hit.first().is_none_or(|&h| i < h) {
                    // Before the damage, numbers are exact.
                    let source = format!("page {name}#{} ", i + 1);
                    assert!(
                        out.iter().any(|line| line.starts_with(&source)),
                        "round {round}: no {source} in {out:#?}"
                    );
                }
            }
        }
    }
}

/// `open_stream` decodes every gzip input with the WARC module's member
/// decoder: a gzipped HTML page and a multi-member one still read whole,
/// and a corrupt one is still one error for the file.
#[test]
fn gzip_pages_outside_warc_still_read() {
    let page = html("صفحة");
    let (first, second) = page.split_at(page.find("<body>").expect("has a body"));
    let members = [
        gzip_member(first.as_bytes()),
        gzip_member(second.as_bytes()),
    ]
    .concat();
    assert_eq!(contents("page.html.gz", &members), [page.as_str()]);

    let mut corrupt = gzip_member(page.as_bytes());
    let middle = corrupt.len() / 2;
    corrupt[middle..middle + 8].fill(0xff);
    let out = read_default("bad.html.gz", &corrupt);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert!(
        out[0].starts_with("error bad.html.gz: corrupt gzip data: "),
        "{}",
        out[0]
    );
}
