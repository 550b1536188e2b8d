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

struct Site {
    pages: Vec<bytes::Bytes>,
    sitemaps: Vec<bytes::Bytes>,
    index: bytes::Bytes,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn build_site(ant: &std::path::Path, base: &str, limit: usize) -> anyhow::Result<Site> {
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
            .into(),
        );
    }
    let sitemaps: Vec<bytes::Bytes> = (0..pages.len())
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
            .into()
        })
        .collect();
    let children: String = (0..sitemaps.len())
        .map(|i| format!("<sitemap><loc>{base}/sitemap-{i}.xml</loc></sitemap>"))
        .collect();
    let index = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{children}</sitemapindex>"
    )
    .into();
    Ok(Site {
        pages,
        sitemaps,
        index,
    })
}

/// What the server counts: requests being answered now, and the most at once.
#[derive(Default)]
struct Load {
    answer_ms: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// Serve the site with hyper on its own runtime (TCP_NODELAY, so answers are
/// not held back by Nagle's algorithm and the collector is what is measured).
fn serve(listener: std::net::TcpListener, site: Arc<Site>, load: Arc<Load>) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the server");
        runtime.block_on(async move {
            listener
                .set_nonblocking(true)
                .expect("a non-blocking listener");
            let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let (site, load) = (Arc::clone(&site), Arc::clone(&load));
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        answer(request, Arc::clone(&site), Arc::clone(&load))
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
}

async fn answer(
    request: hyper::Request<hyper::body::Incoming>,
    site: Arc<Site>,
    load: Arc<Load>,
) -> Result<hyper::Response<http_body_util::Full<bytes::Bytes>>, std::convert::Infallible> {
    let now = load.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    load.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let ms = load.answer_ms.load(Ordering::Relaxed);
    if ms > 0 {
        tokio::time::sleep(Duration::from_millis(ms as u64)).await;
    }
    let path = request.uri().path();
    let (body, kind) = if path == "/sitemap.xml" {
        (Some(site.index.clone()), "application/xml")
    } else if let Some(i) = path
        .strip_prefix("/sitemap-")
        .and_then(|s| s.strip_suffix(".xml"))
        .and_then(|s| s.parse::<usize>().ok())
    {
        (site.sitemaps.get(i).cloned(), "application/xml")
    } else if let Some(i) = path
        .strip_prefix("/a/")
        .and_then(|s| s.strip_suffix(".html"))
        .and_then(|s| s.parse::<usize>().ok())
    {
        (site.pages.get(i).cloned(), "text/html; charset=utf-8")
    } else {
        (None, "text/plain")
    };
    let status = if body.is_some() { 200 } else { 404 };
    let response = hyper::Response::builder()
        .status(status)
        .header("Content-Type", kind)
        .body(http_body_util::Full::new(
            body.unwrap_or_else(|| bytes::Bytes::from_static(b"not found")),
        ))
        .expect("a valid response");
    load.in_flight.fetch_sub(1, Ordering::SeqCst);
    Ok(response)
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

    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let site = Arc::new(build_site(&ant, &base, limit)?);
    let bytes: usize = site.pages.iter().map(|p| p.len()).sum();
    eprintln!(
        "site: {} pages ({:.0} MB of HTML) in {} sitemaps, built in {:.1} s",
        site.pages.len(),
        bytes as f64 / 1e6,
        site.sitemaps.len(),
        started.elapsed().as_secs_f64()
    );
    let load = Arc::new(Load::default());
    serve(listener, Arc::clone(&site), Arc::clone(&load));

    let run = |per_host: usize, label: &str| -> anyhow::Result<()> {
        load.max_in_flight.store(0, Ordering::SeqCst);
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
            load.max_in_flight.load(Ordering::SeqCst)
        );
        Ok(())
    };
    run(fast_per_host, "throughput")?;
    load.answer_ms.store(1, Ordering::Relaxed);
    run(per_host_limit, "per-host limit")?;
    let seen = load.max_in_flight.load(Ordering::SeqCst);
    anyhow::ensure!(
        seen <= per_host_limit,
        "the server saw {seen} requests at once with per_host = {per_host_limit}"
    );
    println!("per-host limit held: at most {seen} of {per_host_limit} allowed");
    Ok(())
}
