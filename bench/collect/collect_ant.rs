//! Collector throughput against a local site holding the ANT corpus.
//!
//! Every ANT article becomes an HTML page on a server on 127.0.0.1, listed
//! in a sitemap index of 5,000-URL sitemaps. A collector pass then reads the
//! index and fetches every page into WARC, twice:
//!
//! 1. no politeness delay, `per_host` = `--fast-per-host` (default 16):
//!    pages/s of discovery + fetching + WARC writing;
//! 2. `per_host` = `--limit` (default 2) with a 1 ms answer time, to show the
//!    server never sees more requests at once than that.
//!
//! Ingest is not timed here (`bench/ingest.sh` measures it).
//!
//!     cargo bench -p marsad-collect --bench collect_ant -- [--ant PATH] [--pages N]

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use marsad_collect::{run_pass, PassOptions, Sources};

const URLS_PER_SITEMAP: usize = 5000;
const SERVER_THREADS: usize = 32;

struct Site {
    pages: Vec<Vec<u8>>,
    sitemaps: Vec<Vec<u8>>,
    index: Vec<u8>,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn build_site(ant: &PathBuf, base: &str, limit: usize) -> anyhow::Result<Site> {
    let mut archive = marsad_corpus::ant::open_tar_gz(ant)?;
    let name = ant.display().to_string();
    let mut pages = Vec::new();
    for record in marsad_corpus::ant::tar_records(&mut archive, &name)? {
        let Ok(a) = record else { continue };
        if pages.len() >= limit {
            break;
        }
        let title = escape(a.title.as_deref().unwrap_or(""));
        let body: String = a
            .paragraphs()
            .map(|p| format!("<p>{}</p>\n", escape(p)))
            .collect();
        pages.push(
            format!(
                "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
                 <title>{title}</title></head><body><header><a href=\"/\">الرئيسية</a></header>\
                 <article><h1>{title}</h1>{body}</article><footer>© المرصد</footer></body></html>"
            )
            .into_bytes(),
        );
    }
    let sitemaps: Vec<Vec<u8>> = (0..pages.len())
        .collect::<Vec<_>>()
        .chunks(URLS_PER_SITEMAP)
        .map(|chunk| {
            let urls: String = chunk
                .iter()
                .map(|i| format!("<url><loc>{base}/a/{i}.html</loc></url>"))
                .collect();
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
                 <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{urls}</urlset>"
            )
            .into_bytes()
        })
        .collect();
    let children: String = (0..sitemaps.len())
        .map(|i| format!("<sitemap><loc>{base}/sitemap-{i}.xml</loc></sitemap>"))
        .collect();
    let index = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{children}</sitemapindex>"
    )
    .into_bytes();
    Ok(Site {
        pages,
        sitemaps,
        index,
    })
}

/// Serve the site; returns the largest number of requests in flight at once.
fn serve(
    server: Arc<tiny_http::Server>,
    site: Arc<Site>,
    answer_time: Arc<AtomicUsize>,
    in_flight: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
) {
    for _ in 0..SERVER_THREADS {
        let (server, site, answer_time, in_flight, max_in_flight) = (
            Arc::clone(&server),
            Arc::clone(&site),
            Arc::clone(&answer_time),
            Arc::clone(&in_flight),
            Arc::clone(&max_in_flight),
        );
        std::thread::spawn(move || loop {
            let Ok(request) = server.recv() else { return };
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            max_in_flight.fetch_max(now, Ordering::SeqCst);
            let ms = answer_time.load(Ordering::Relaxed);
            if ms > 0 {
                std::thread::sleep(Duration::from_millis(ms as u64));
            }
            let url = request.url().to_string();
            let (body, kind) = if url == "/sitemap.xml" {
                (Some(&site.index), "application/xml")
            } else if let Some(i) = url
                .strip_prefix("/sitemap-")
                .and_then(|s| s.strip_suffix(".xml"))
                .and_then(|s| s.parse::<usize>().ok())
            {
                (site.sitemaps.get(i), "application/xml")
            } else if let Some(i) = url
                .strip_prefix("/a/")
                .and_then(|s| s.strip_suffix(".html"))
                .and_then(|s| s.parse::<usize>().ok())
            {
                (site.pages.get(i), "text/html; charset=utf-8")
            } else {
                (None, "")
            };
            in_flight.fetch_sub(1, Ordering::SeqCst);
            let reply = match body {
                Some(b) => tiny_http::Response::from_data(b.clone()).with_header(
                    tiny_http::Header::from_bytes(&b"Content-Type"[..], kind.as_bytes()).unwrap(),
                ),
                None => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
            };
            let _ = request.respond(reply);
        });
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let ant = arg(&args, "--ant")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/ant-multisource-v2.1.tar.gz"));
    let limit: usize = arg(&args, "--pages").map_or(Ok(usize::MAX), |s| s.parse())?;
    let fast_per_host: usize = arg(&args, "--fast-per-host").map_or(Ok(16), |s| s.parse())?;
    let per_host_limit: usize = arg(&args, "--limit").map_or(Ok(2), |s| s.parse())?;

    let server = Arc::new(
        tiny_http::Server::http("127.0.0.1:0").map_err(|e| anyhow::anyhow!("{e}"))?,
    );
    let port = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow::anyhow!("no IP address"))?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let site = Arc::new(build_site(&ant, &base, limit)?);
    let bytes: usize = site.pages.iter().map(Vec::len).sum();
    eprintln!(
        "site: {} pages ({:.0} MB of HTML) in {} sitemaps, built in {:.1} s",
        site.pages.len(),
        bytes as f64 / 1e6,
        site.sitemaps.len(),
        started.elapsed().as_secs_f64()
    );
    let answer_time = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    serve(
        Arc::clone(&server),
        Arc::clone(&site),
        Arc::clone(&answer_time),
        Arc::clone(&in_flight),
        Arc::clone(&max_in_flight),
    );

    let run = |per_host: usize, label: &str| -> anyhow::Result<()> {
        max_in_flight.store(0, Ordering::SeqCst);
        let dir = tempfile::tempdir()?;
        let sources_path = dir.path().join("outlets.toml");
        let mut f = std::fs::File::create(&sources_path)?;
        write!(
            f,
            "[collector]\ncontact = \"http://127.0.0.1/bench\"\ndelay = \"0s\"\n\
             per_host = {per_host}\nconcurrency = {per_host}\ntimeout = \"30s\"\n\n\
             [[outlet]]\nname = \"ANT\"\nhome = \"{base}/\"\nsitemaps = [\"{base}/sitemap.xml\"]\n"
        )?;
        drop(f);
        let sources = Sources::load(&sources_path)?;
        let t = Instant::now();
        let report = run_pass(
            &sources,
            &PassOptions {
                state_dir: dir.path().join("collect"),
                warc_dir: dir.path().join("warc"),
                known: &|_| false,
                counters: Arc::default(),
                interrupted: Arc::default(),
            },
        )?;
        let secs = t.elapsed().as_secs_f64();
        let warc: u64 = report
            .warc_files
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        anyhow::ensure!(
            report.new_pages as usize == site.pages.len(),
            "fetched {} of {} pages: {:?}",
            report.new_pages,
            site.pages.len(),
            report.failures
        );
        println!(
            "{label}: per_host {per_host}, delay 0: {} pages in {secs:.2} s = {:.0} pages/s; \
             {} requests; {:.0} MB of WARC; most requests in flight at the server: {}",
            report.new_pages,
            report.new_pages as f64 / secs,
            report.requests,
            warc as f64 / 1e6,
            max_in_flight.load(Ordering::SeqCst)
        );
        Ok(())
    };
    run(fast_per_host, "throughput")?;
    answer_time.store(1, Ordering::Relaxed);
    run(per_host_limit, "per-host limit")?;
    let seen = max_in_flight.load(Ordering::SeqCst);
    anyhow::ensure!(
        seen <= per_host_limit,
        "the server saw {seen} requests at once with per_host = {per_host_limit}"
    );
    println!("per-host limit held: at most {seen} of {per_host_limit} allowed");
    server.unblock();
    Ok(())
}
