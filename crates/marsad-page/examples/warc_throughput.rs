//! How fast WARC files are read into pages, through the public path
//! (`read_pages` on a file: framing, HTTP parsing, decoding).
//!
//! Generates a crawl-like WARC (~200 MB by default; pass another size in MB)
//! in a temporary folder, once plain and once as `.warc.gz` with one gzip
//! member per record, reads each (best of three) and prints MB/s.
//!
//!     cargo run --release -p marsad-page --example warc_throughput [-- SIZE_MB]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_page::{read_pages, Input, ReadOptions};

const DEFAULT_SIZE_MB: u64 = 200;

/// Each file is read this many times and the best time kept (the files are
/// in the page cache, so this measures reading, not the disk).
const RUNS: usize = 3;

const WORDS: &[&str] = &[
    "الحكومة",
    "أعلنت",
    "وزارة",
    "الخارجية",
    "اليوم",
    "عن",
    "في",
    "مؤتمر",
    "صحفي",
    "الرئيس",
    "الاقتصاد",
    "النفط",
    "الأسعار",
    "ارتفاع",
    "انخفاض",
    "المملكة",
    "مصر",
    "الأردن",
    "المغرب",
    "الانتخابات",
    "البرلمان",
    "قال",
    "إن",
    "على",
    "من",
    "إلى",
    "مع",
    "بعد",
    "قبل",
    "العاصمة",
    "المواطنين",
    "الأمن",
    "الصحة",
    "التعليم",
    "الجامعة",
    "الطلاب",
    "المشروع",
    "التنمية",
];

/// A small deterministic generator, so runs are comparable.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn article(rng: &mut Lcg, paragraphs: usize) -> String {
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
         <title>خبر</title></head><body><nav><a href=\"/\">الرئيسية</a></nav><article>\n",
    );
    for _ in 0..paragraphs {
        html.push_str("<p>");
        for _ in 0..60 {
            html.push_str(WORDS[rng.next() % WORDS.len()]);
            html.push(' ');
        }
        html.push_str("</p>\n");
    }
    html.push_str("</article><footer>جميع الحقوق محفوظة</footer></body></html>\n");
    html
}

fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}/{kind}>\r\n\
         WARC-Date: 2024-06-19T10:05:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// The records of one fetched page: request, HTML response, and every third
/// page an image.
fn visit(rng: &mut Lcg, i: usize) -> Vec<Vec<u8>> {
    let uri = format!("https://news.example.sa/2024/06/{i}.html");
    let request = format!("GET /2024/06/{i}.html HTTP/1.1\r\nHost: news.example.sa\r\n\r\n");
    let paragraphs = 20 + rng.next() % 40;
    let page = article(rng, paragraphs);
    let mut response = b"HTTP/1.1 200 OK\r\n".to_vec();
    if i.is_multiple_of(4) {
        // Legacy sites: windows-1256, declared in the header only.
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
        response.extend_from_slice(b"Content-Type: text/html; charset=windows-1256\r\n\r\n");
        response.extend_from_slice(&bytes);
    } else {
        response.extend_from_slice(b"Content-Type: text/html; charset=utf-8\r\n\r\n");
        response.extend_from_slice(page.as_bytes());
    }
    let mut records = vec![
        record("request", &uri, request.as_bytes()),
        record("response", &uri, &response),
    ];
    if i.is_multiple_of(3) {
        let mut image = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n".to_vec();
        image.extend((0..30_000).map(|_| rng.next() as u8));
        records.push(record("response", &format!("{uri}.jpg"), &image));
    }
    records
}

fn generate(dir: &Path, size: u64) -> std::io::Result<(PathBuf, PathBuf)> {
    let plain_path = dir.join("crawl.warc");
    let gz_path = dir.join("crawl.warc.gz");
    let mut plain = BufWriter::new(File::create(&plain_path)?);
    let mut gz = BufWriter::new(File::create(&gz_path)?);
    let mut rng = Lcg(42);
    let mut written = 0u64;
    let mut i = 0;
    while written < size {
        for rec in visit(&mut rng, i) {
            plain.write_all(&rec)?;
            let mut member = GzEncoder::new(Vec::new(), Compression::fast());
            member.write_all(&rec)?;
            gz.write_all(&member.finish()?)?;
            written += rec.len() as u64;
        }
        i += 1;
    }
    plain.flush()?;
    gz.flush()?;
    Ok((plain_path, gz_path))
}

fn measure(label: &str, path: &Path, uncompressed: u64) {
    let input = Input::File {
        path: path.to_path_buf(),
        name: path.display().to_string(),
    };
    let (mut pages, mut errors, mut chars) = (0usize, 0usize, 0usize);
    let mut secs = f64::INFINITY;
    for _ in 0..RUNS {
        let start = Instant::now();
        (pages, errors, chars) = (0, 0, 0);
        for item in read_pages(&input, &ReadOptions::default()) {
            match item {
                Ok(page) => {
                    pages += 1;
                    chars += page.content.len();
                }
                Err(e) => {
                    errors += 1;
                    eprintln!("{e}");
                }
            }
        }
        secs = secs.min(start.elapsed().as_secs_f64());
    }
    let on_disk = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mb = |bytes: u64| bytes as f64 / 1e6;
    println!(
        "{label}: {:.1} MB on disk, {:.1} MB of WARC in {secs:.2} s = {:.0} MB/s of WARC \
         ({pages} pages, {errors} errors, {:.1} MB of page text)",
        mb(on_disk),
        mb(uncompressed),
        mb(uncompressed) / secs,
        chars as f64 / 1e6,
    );
}

fn main() -> std::io::Result<()> {
    let size_mb = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "size must be a number of MB",
            )
        })?,
        None => DEFAULT_SIZE_MB,
    };
    let dir = std::env::temp_dir().join(format!("marsad-warc-throughput-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let start = Instant::now();
    let generated = generate(&dir, size_mb * 1_000_000);
    let result = generated.map(|(plain, gz)| {
        println!("generated in {:.1} s", start.elapsed().as_secs_f64());
        let uncompressed = std::fs::metadata(&plain).map(|m| m.len()).unwrap_or(0);
        measure("warc   ", &plain, uncompressed);
        measure("warc.gz", &gz, uncompressed);
    });
    std::fs::remove_dir_all(&dir)?;
    result
}
