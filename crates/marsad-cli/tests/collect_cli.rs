//! `marsad collect` against a local site served by the test on 127.0.0.1:
//! feeds and sitemaps with Arabic titles, and everything that goes wrong on
//! real sites (robots.txt, 429, a slow host, a redirect loop, a feed that is
//! not XML, windows-1256, an answer over the size limit). The server's
//! request log shows what the collector asked for.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use marsad_store::Store;

/// One thing the site serves.
#[derive(Clone)]
struct Resource {
    status: u16,
    content_type: String,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
    /// Sleep this long before answering.
    delay: Duration,
    /// Answer 429 (Retry-After: 1) to this many requests first.
    busy_first: usize,
}

impl Resource {
    fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Resource {
        Resource {
            status: 200,
            content_type: content_type.into(),
            body: body.into(),
            headers: Vec::new(),
            delay: Duration::ZERO,
            busy_first: 0,
        }
    }

    fn redirect(to: &str) -> Resource {
        Resource {
            status: 302,
            headers: vec![("Location".into(), to.into())],
            ..Resource::ok("text/plain", "")
        }
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
struct Logged {
    path: String,
    at: Instant,
    if_none_match: Option<String>,
    user_agent: String,
}

/// A site on 127.0.0.1 whose resources a test can change between passes.
struct Site {
    base: String,
    resources: Arc<Mutex<HashMap<String, Resource>>>,
    log: Arc<Mutex<Vec<Logged>>>,
    in_flight_max: Arc<AtomicUsize>,
    server: Arc<tiny_http::Server>,
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

impl Site {
    fn start() -> Site {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a local port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let site = Site {
            base: format!("http://127.0.0.1:{port}"),
            resources: Arc::default(),
            log: Arc::default(),
            in_flight_max: Arc::default(),
            server: Arc::clone(&server),
        };
        let (resources, log, max) = (
            Arc::clone(&site.resources),
            Arc::clone(&site.log),
            Arc::clone(&site.in_flight_max),
        );
        let in_flight = Arc::new(AtomicUsize::new(0));
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (resources, log, max, in_flight, hits) = (
                    Arc::clone(&resources),
                    Arc::clone(&log),
                    Arc::clone(&max),
                    Arc::clone(&in_flight),
                    Arc::clone(&hits),
                );
                std::thread::spawn(move || {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    max.fetch_max(now, Ordering::SeqCst);
                    serve(request, &resources, &log, &hits);
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        site
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn put(&self, path: &str, r: Resource) {
        self.resources.lock().unwrap().insert(path.into(), r);
    }

    fn log(&self) -> Vec<Logged> {
        self.log.lock().unwrap().clone()
    }

    fn requested(&self, path: &str) -> usize {
        self.log().iter().filter(|l| l.path == path).count()
    }
}

fn header(request: &tiny_http::Request, name: &str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_string())
}

fn serve(
    request: tiny_http::Request,
    resources: &Mutex<HashMap<String, Resource>>,
    log: &Mutex<Vec<Logged>>,
    hits: &Mutex<HashMap<String, usize>>,
) {
    let path = request.url().to_string();
    let if_none_match = header(&request, "If-None-Match");
    log.lock().unwrap().push(Logged {
        path: path.clone(),
        at: Instant::now(),
        if_none_match: if_none_match.clone(),
        user_agent: header(&request, "User-Agent").unwrap_or_default(),
    });
    let hit = {
        let mut hits = hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let resource = resources.lock().unwrap().get(&path).cloned();
    let h = |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap();
    let Some(r) = resource else {
        let _ =
            request.respond(tiny_http::Response::from_string("not found").with_status_code(404));
        return;
    };
    std::thread::sleep(r.delay);
    if hit <= r.busy_first {
        let reply = tiny_http::Response::from_string("slow down")
            .with_status_code(429)
            .with_header(h("Retry-After", "1"));
        let _ = request.respond(reply);
        return;
    }
    let etag = format!("\"{:x}\"", fnv(&r.body));
    if r.status == 200 && if_none_match.as_deref() == Some(etag.as_str()) {
        let _ = request.respond(tiny_http::Response::empty(304).with_header(h("ETag", &etag)));
        return;
    }
    let mut reply = tiny_http::Response::from_data(r.body)
        .with_status_code(r.status)
        .with_header(h("Content-Type", &r.content_type));
    if r.status == 200 {
        reply = reply.with_header(h("ETag", &etag));
    }
    for (k, v) in &r.headers {
        reply = reply.with_header(h(k, v));
    }
    let _ = request.respond(reply);
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// An article page with a title and enough Arabic prose to be an article.
fn article(title: &str, n: usize) -> String {
    let sentences = [
        "وقال المتحدث باسم الوزارة في مؤتمر صحفي عقده صباح اليوم إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة",
        "وأضاف أن الوفدين اتفقا على جدول أعمال يشمل ملفات الحدود والمياه والتجارة بين البلدين الجارين",
        "وأشار مراقبون إلى أن هذه الجولة قد تكون حاسمة بعد أشهر من التعثر وتبادل الاتهامات بين الطرفين",
        "ومن المنتظر أن يصدر بيان مشترك في ختام المحادثات يحدد الخطوات التالية والجدول الزمني لتنفيذها",
    ];
    let paragraphs: String = sentences
        .iter()
        .map(|s| format!("<p>{s}، بحسب ما أفاد مراسلنا في التقرير رقم {n}.</p>\n"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><nav><a href=\"/\">الرئيسية</a></nav><article><h1>{title}</h1>{paragraphs}</article>\
         <footer>جميع الحقوق محفوظة</footer></body></html>"
    )
}

fn rss(items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, link)| {
            format!(
                "<item><title>{title}</title><link>{link}</link>\
                 <pubDate>Sun, 01 Mar 2026 10:00:00 +0300</pubDate></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>أخبار المرصد</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    )
}

fn atom(entries: &[(&str, &str)]) -> String {
    let entries: String = entries
        .iter()
        .enumerate()
        .map(|(i, (title, link))| {
            format!(
                "<entry><title>{title}</title><id>urn:e{i}</id><link rel=\"alternate\" href=\"{link}\"/>\
                 <updated>2026-03-01T08:00:00Z</updated></entry>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>المرصد</title><id>urn:feed</id><updated>2026-03-01T08:00:00Z</updated>{entries}</feed>"
    )
}

fn sitemap_index(children: &[String]) -> String {
    let children: String = children
        .iter()
        .map(|c| format!("<sitemap><loc>{c}</loc></sitemap>"))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{children}</sitemapindex>"
    )
}

fn news_sitemap(urls: &[(String, &str, &str)]) -> String {
    let urls: String = urls
        .iter()
        .map(|(loc, title, lastmod)| {
            format!(
                "<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod><news:news><news:publication>\
                 <news:name>المرصد</news:name><news:language>ar</news:language></news:publication>\
                 <news:publication_date>2026-03-01T10:30:00+03:00</news:publication_date>\
                 <news:title>{title}</news:title></news:news></url>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">{urls}</urlset>"
    )
}

const HTML: &str = "text/html; charset=utf-8";
const XML: &str = "application/xml";

fn sources(
    dir: &Path,
    site: &Site,
    feeds: &[&str],
    sitemaps: &[&str],
    politeness: &str,
) -> PathBuf {
    let list = |paths: &[&str]| {
        paths
            .iter()
            .map(|p| format!("{:?}", site.url(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = format!(
        "[collector]\ncontact = \"http://127.0.0.1/who-runs-this\"\n{politeness}\n\n\
         [[outlet]]\nname = \"المرصد التجريبي\"\nhome = \"{}/\"\nlanguage = \"ar\"\n\
         feeds = [{}]\nsitemaps = [{}]\n",
        site.base,
        list(feeds),
        list(sitemaps)
    );
    let path = dir.join("outlets.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn collect(data: &Path, sources: &Path) -> (Output, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["collect", "--once", "--json", "--stages", "none", "--data"])
        .arg(data)
        .arg("--sources")
        .arg(sources)
        .output()
        .expect("marsad runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "one JSON report ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out, report)
}

fn warc_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("warc"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_pass_over_a_site_where_everything_goes_wrong_once() {
    let site = Site::start();
    site.put(
        "/robots.txt",
        Resource::ok("text/plain", "User-agent: *\nDisallow: /private/\n"),
    );
    let offsite = site.base.replace("127.0.0.1", "localhost");
    site.put(
        "/rss.xml",
        Resource::ok(
            XML,
            rss(&[
                ("وزير الخارجية يزور القاهرة", &site.url("/news/1")),
                ("نقل إلى عنوان جديد", &site.url("/news/moved")),
                ("سرّي", &site.url("/private/secret")),
                ("صفحة بترميز ويندوز", &site.url("/news/cp1256")),
                ("صفحة ضخمة", &site.url("/news/big")),
                ("حلقة تحويل", &site.url("/loop/a")),
                ("خادم بطيء", &site.url("/news/slow")),
                ("خادم مشغول", &site.url("/news/busy")),
                ("موقع آخر", &format!("{offsite}/news/elsewhere")),
            ]),
        ),
    );
    site.put(
        "/atom.xml",
        Resource::ok(XML, atom(&[("قمة الرياض", &site.url("/news/3"))])),
    );
    site.put(
        "/broken.xml",
        Resource::ok(HTML, "<html><body><h1>الصفحة غير موجودة</h1></body></html>"),
    );
    site.put(
        "/sitemap_index.xml",
        Resource::ok(XML, sitemap_index(&[site.url("/sitemap-news.xml")])),
    );
    site.put(
        "/sitemap-news.xml",
        Resource::ok(
            XML,
            news_sitemap(&[
                (site.url("/news/4"), "انتخابات بلدية في تونس", "2026-03-01"),
                (site.url("/news/5"), "أسعار النفط ترتفع", "2026-03-01"),
            ]),
        ),
    );
    for (path, title, n) in [
        ("/news/1", "وزير الخارجية يزور القاهرة", 1),
        ("/news/2", "نقل إلى عنوان جديد", 2),
        ("/news/3", "قمة الرياض", 3),
        ("/news/4", "انتخابات بلدية في تونس", 4),
        ("/news/5", "أسعار النفط ترتفع", 5),
        ("/private/secret", "سرّي", 6),
    ] {
        site.put(path, Resource::ok(HTML, article(title, n)));
    }
    site.put(
        "/news/moved",
        Resource {
            status: 301,
            ..Resource::redirect("/news/2")
        },
    );
    let page = article("صفحة بترميز ويندوز", 7);
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
    site.put(
        "/news/cp1256",
        Resource::ok("text/html; charset=windows-1256", cp1256.into_owned()),
    );
    site.put(
        "/news/big",
        Resource::ok(HTML, article("صفحة ضخمة", 8).repeat(200)),
    );
    site.put("/loop/a", Resource::redirect("/loop/b"));
    site.put("/loop/b", Resource::redirect("/loop/a"));
    site.put(
        "/news/slow",
        Resource {
            delay: Duration::from_secs(3),
            ..Resource::ok(HTML, article("خادم بطيء", 9))
        },
    );
    site.put(
        "/news/busy",
        Resource {
            busy_first: 1,
            ..Resource::ok(HTML, article("خادم مشغول", 10))
        },
    );

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sources = sources(
        dir.path(),
        &site,
        &["/rss.xml", "/atom.xml", "/broken.xml"],
        &["/sitemap_index.xml"],
        "delay = \"0s\"\nper_host = 4\ntimeout = \"1s\"\nmax_bytes = 200000\n\
         retries = 2\nbackoff = \"100ms\"\nmax_wait = \"5s\"",
    );
    let (out, report) = collect(&data, &sources);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stderr}");
    assert!(out.status.success(), "{stderr}");

    // Pages 1–5, the moved one (as /news/2), windows-1256, and busy after its 429.
    assert_eq!(report["new_pages"], 7, "{report:#}");
    assert_eq!(
        report["feeds_read"], 4,
        "rss, atom, index, news sitemap: {report:#}"
    );
    assert_eq!(report["off_domain"], 1, "{report:#}");
    let failures = &report["failures"];
    for (reason, n) in [
        ("forbidden by robots.txt", 1),
        ("timed out", 1),
        ("too large", 1),
        ("redirect loop", 1),
        ("not a feed", 1),
    ] {
        assert_eq!(failures[reason], n, "{reason}: {report:#}");
    }
    assert_eq!(
        report["failures"].as_object().unwrap().len(),
        5,
        "{report:#}"
    );
    assert_eq!(report["ingest"]["stored"], 7, "{report:#}\n{stderr}");
    assert!(stderr.contains("forbidden by robots.txt"), "{stderr}");

    // What the server saw: robots.txt first, nothing forbidden or off the outlet, a polite agent.
    let log = site.log();
    assert_eq!(log[0].path, "/robots.txt");
    assert_eq!(site.requested("/robots.txt"), 1);
    assert_eq!(site.requested("/private/secret"), 0);
    assert!(log.iter().all(|l| !l.path.contains("elsewhere")));
    assert!(log
        .iter()
        .all(|l| l.user_agent.starts_with("marsad/") && l.user_agent.contains("who-runs-this")));
    // The 429 said Retry-After: 1, and the second try waited for it.
    let busy: Vec<Instant> = log
        .iter()
        .filter(|l| l.path == "/news/busy")
        .map(|l| l.at)
        .collect();
    assert_eq!(busy.len(), 2);
    assert!(
        busy[1] - busy[0] >= Duration::from_millis(950),
        "{:?}",
        busy[1] - busy[0]
    );
    // The loop was seen, not followed forever.
    assert_eq!(site.requested("/loop/a"), 1);
    assert_eq!(site.requested("/loop/b"), 1);

    // The WARC reads back with `marsad extract`: every page, the windows-1256 one in Arabic.
    let files = warc_files(&data);
    assert!(!files.is_empty());
    assert!(
        files
            .iter()
            .all(|f| f.to_string_lossy().ends_with(".warc.gz")),
        "{files:?}"
    );
    let extract = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("extract")
        .arg("--json")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        extract.status.success(),
        "{}",
        String::from_utf8_lossy(&extract.stderr)
    );
    let pages: Vec<serde_json::Value> = String::from_utf8_lossy(&extract.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pages.len(), 7, "{pages:#?}");
    let text = String::from_utf8_lossy(&extract.stdout);
    for title in [
        "صفحة بترميز ويندوز",
        "وزير الخارجية يزور القاهرة",
        "خادم مشغول",
    ] {
        assert!(text.contains(title), "{title} in {text}");
    }
    assert!(
        text.contains(&site.url("/news/2")),
        "the moved page under its final URL"
    );
}

#[test]
fn unchanged_feeds_cost_only_conditional_requests_and_a_changed_article_is_a_revision() {
    let site = Site::start();
    site.put(
        "/robots.txt",
        Resource::ok("text/plain", "User-agent: *\nAllow: /\n"),
    );
    site.put(
        "/rss.xml",
        Resource::ok(
            XML,
            rss(&[
                ("الأمطار تغمر الشوارع", &site.url("/news/r1")),
                ("افتتاح معرض الكتاب", &site.url("/news/r2")),
            ]),
        ),
    );
    site.put(
        "/sitemap_index.xml",
        Resource::ok(XML, sitemap_index(&[site.url("/news-sitemap.xml")])),
    );
    let sitemap = |lastmod: &str| {
        news_sitemap(&[
            (site.url("/news/s1"), "مباراة القمة", lastmod),
            (site.url("/news/s2"), "موازنة العام المقبل", "2026-03-01"),
        ])
    };
    site.put(
        "/news-sitemap.xml",
        Resource::ok(XML, sitemap("2026-03-01")),
    );
    for (path, title, n) in [
        ("/news/r1", "الأمطار تغمر الشوارع", 1),
        ("/news/r2", "افتتاح معرض الكتاب", 2),
        ("/news/s1", "مباراة القمة", 3),
        ("/news/s2", "موازنة العام المقبل", 4),
    ] {
        site.put(path, Resource::ok(HTML, article(title, n)));
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sources = sources(
        dir.path(),
        &site,
        &["/rss.xml"],
        &["/sitemap_index.xml"],
        "delay = \"0s\"\nper_host = 2\ntimeout = \"5s\"",
    );

    let (out, first) = collect(&data, &sources);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(first["new_pages"], 4, "{first:#}");
    assert_eq!(first["ingest"]["stored"], 4, "{first:#}");

    // Second pass, nothing changed: only conditional requests, no page.
    let before = site.log().len();
    let (out, second) = collect(&data, &sources);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again: Vec<Logged> = site.log()[before..].to_vec();
    let paths: Vec<&str> = again.iter().map(|l| l.path.as_str()).collect();
    assert!(!again.is_empty());
    assert!(
        again.iter().all(|l| l.if_none_match.is_some()),
        "every request conditional: {again:#?}"
    );
    assert!(
        paths.iter().all(|p| !p.starts_with("/news/")),
        "no page fetched: {paths:?}"
    );
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "/news-sitemap.xml",
            "/robots.txt",
            "/rss.xml",
            "/sitemap_index.xml"
        ]
    );
    assert_eq!(second["feeds_not_modified"], 3, "{second:#}");
    assert_eq!(second["new_pages"], 0, "{second:#}");
    assert_eq!(
        second["announced"], 0,
        "unchanged feeds announce nothing: {second:#}"
    );
    assert!(second["warc_files"].as_array().unwrap().is_empty());

    // The outlet updates one article and says so in its sitemap: a revision.
    site.put(
        "/news-sitemap.xml",
        Resource::ok(XML, sitemap("2099-01-01T00:00:00Z")),
    );
    site.put(
        "/news/s1",
        Resource::ok(HTML, article("مباراة القمة: تحديث بعد نهاية اللقاء", 5)),
    );
    let before = site.log().len();
    let (out, third) = collect(&data, &sources);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(third["updated_pages"], 1, "{third:#}");
    assert_eq!(third["new_pages"], 0, "{third:#}");
    assert_eq!(third["already_fetched"], 1, "s2 did not change: {third:#}");
    assert_eq!(third["ingest"]["stored"], 1, "{third:#}");
    let s1: Vec<Logged> = site.log()[before..]
        .iter()
        .filter(|l| l.path == "/news/s1")
        .cloned()
        .collect();
    assert_eq!(s1.len(), 1);
    assert!(s1[0].if_none_match.is_some(), "asked for conditionally");
    let store = marsad_store_sqlite::SqliteStore::open_existing(&data).unwrap();
    let revisions = store.revisions(&site.url("/news/s1")).unwrap();
    assert_eq!(revisions.len(), 2, "{revisions:?}");
    assert_eq!(revisions[1].revision, 2);
}

#[test]
fn the_per_host_limit_and_delay_hold() {
    let site = Site::start();
    let links: Vec<String> = (0..6).map(|i| site.url(&format!("/news/p{i}"))).collect();
    let items: Vec<(&str, &str)> = links.iter().map(|l| ("خبر", l.as_str())).collect();
    site.put("/rss.xml", Resource::ok(XML, rss(&items)));
    for i in 0..6 {
        site.put(
            &format!("/news/p{i}"),
            Resource {
                delay: Duration::from_millis(150),
                ..Resource::ok(HTML, article("خبر", i))
            },
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sources = sources(
        dir.path(),
        &site,
        &["/rss.xml"],
        &[],
        "delay = \"100ms\"\nper_host = 2\nconcurrency = 8",
    );
    let (out, report) = collect(&data, &sources);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(report["new_pages"], 6, "{report:#}");
    let most = site.in_flight_max.load(Ordering::SeqCst);
    assert!((1..=2).contains(&most), "at most 2 at once: {most}");
    // Starts are 100 ms apart at the client; arrival times jitter on a busy
    // machine, so the span of all of them is checked, not each gap.
    let log = site.log();
    let span = log[log.len() - 1].at - log[0].at;
    let least = Duration::from_millis(90) * (log.len() as u32 - 1);
    assert!(
        span >= least,
        "{} requests over {span:?}, less than {least:?}",
        log.len()
    );
}
