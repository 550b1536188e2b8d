//! One pass over the outlets: read feeds and sitemaps, choose the links to
//! fetch, fetch them into WARC, remember validators.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use chrono::Utc;
use serde::Serialize;
use tokio::task::JoinSet;
use url::Url;

use crate::config::{Outlet, Sources};
use crate::discover::{parse_feed, parse_sitemap, Announced};
use crate::fetch::{Failure, Fetcher, Outcome};
use crate::state::{FetchedPage, State, Validators};
use crate::warc::{Exchange, WarcWriter};
use crate::CollectError;

/// How deep sitemap indexes are followed (index → index → urlset).
pub const MAX_SITEMAP_DEPTH: usize = 3;

/// Failed URLs kept by name in a report (the counts cover all of them).
pub const MAX_LISTED_FAILURES: usize = 200;

/// Where a pass keeps its files and how it learns what the store has.
pub struct PassOptions<'a> {
    /// The collector's own folder (its state file).
    pub state_dir: PathBuf,
    /// Where WARC files are written.
    pub warc_dir: PathBuf,
    /// Whether the store already holds a page at this normalized URL.
    pub known: &'a dyn Fn(&str) -> bool,
    /// Live figures, for a progress line.
    pub counters: Arc<PassCounters>,
    /// Set to stop early: no new request starts; what was fetched is kept.
    pub interrupted: Arc<AtomicBool>,
}

/// Live figures of a running pass.
#[derive(Debug, Default)]
pub struct PassCounters {
    pub sources_read: AtomicU64,
    pub to_fetch: AtomicU64,
    pub fetched: AtomicU64,
    pub failed: AtomicU64,
}

impl PassCounters {
    /// A one-line picture: `feeds 12 · pages 340/1200 · failed 3`.
    pub fn line(&self) -> String {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        format!(
            "feeds and sitemaps {} · pages {}/{} · failed {}",
            get(&self.sources_read),
            get(&self.fetched),
            get(&self.to_fetch),
            get(&self.failed)
        )
    }
}

/// What a pass did. Field names are a public contract (`--json`).
#[derive(Debug, Default, Serialize)]
pub struct PassReport {
    /// Feeds and sitemaps read (answered 200).
    pub feeds_read: u64,
    /// Feeds and sitemaps that answered 304.
    pub feeds_not_modified: u64,
    /// Distinct article links announced.
    pub announced: u64,
    /// Links skipped because they point outside their outlet's domains.
    pub off_domain: u64,
    /// Links already fetched (in the store or fetched before), not fetched again.
    pub already_fetched: u64,
    /// Pages fetched for the first time.
    pub new_pages: u64,
    /// Pages announced as changed and fetched again (a new revision if the content differs).
    pub updated_pages: u64,
    /// Pages asked for again that answered 304.
    pub pages_not_modified: u64,
    /// Failures by reason, over feeds, sitemaps and pages.
    pub failures: BTreeMap<String, u64>,
    /// The first failed URLs, each with its reason.
    pub failed: Vec<FailedUrl>,
    /// HTTP requests sent (robots.txt, retries and redirect hops included).
    pub requests: u64,
    /// WARC files written by this pass.
    pub warc_files: Vec<PathBuf>,
    /// True when the pass was interrupted before the end.
    pub interrupted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FailedUrl {
    pub url: String,
    pub outlet: String,
    pub reason: String,
}

impl PassReport {
    fn fail(&mut self, url: &str, outlet: &str, failure: &str, kind: String) {
        *self.failures.entry(kind).or_default() += 1;
        if self.failed.len() < MAX_LISTED_FAILURES {
            self.failed.push(FailedUrl {
                url: url.to_string(),
                outlet: outlet.to_string(),
                reason: failure.to_string(),
            });
        }
    }

    /// Failures counted in all.
    pub fn failure_count(&self) -> u64 {
        self.failures.values().sum()
    }
}

/// A link chosen to be fetched.
struct Wanted {
    url: Url,
    key: String,
    outlet: usize,
    /// The feed or sitemap that announced it.
    from: String,
    /// Validators of an earlier fetch (a revision check), if any.
    validators: Option<Validators>,
}

/// A feed or sitemap read, or not.
enum SourceResult {
    Feed(Vec<Announced>),
    Sitemap {
        children: Vec<String>,
        pages: Vec<Announced>,
    },
    NotModified,
    Failed(String, String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SourceKind {
    Feed,
    Sitemap,
}

/// Run one pass. Blocking: it runs its own asynchronous runtime.
pub fn run_pass(sources: &Sources, opts: &PassOptions<'_>) -> Result<PassReport, CollectError> {
    let mut state = State::load(&opts.state_dir)?;
    let fetcher = Arc::new(
        Fetcher::new(
            &sources.collector,
            &sources.user_agent(),
            state.robots.clone().into_iter().collect(),
            Arc::clone(&opts.interrupted),
        )
        .map_err(CollectError::Http)?,
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CollectError::Http(format!("cannot start the HTTP runtime: {e}")))?;
    let outlets: Arc<Vec<Outlet>> = Arc::new(sources.outlets.clone());
    let mut report = PassReport::default();

    // 1. Discovery: every outlet's feeds and sitemaps, sitemap indexes level by level.
    let mut announced: Vec<(usize, String, Announced)> = Vec::new();
    let mut level: Vec<(usize, String, SourceKind)> = Vec::new();
    for (i, o) in outlets.iter().enumerate() {
        level.extend(o.feeds.iter().map(|f| (i, f.clone(), SourceKind::Feed)));
        level.extend(
            o.sitemaps
                .iter()
                .map(|s| (i, s.clone(), SourceKind::Sitemap)),
        );
    }
    let mut read_sources = HashSet::new();
    for _depth in 0..=MAX_SITEMAP_DEPTH {
        level.retain(|(_, u, _)| read_sources.insert(u.clone()));
        if level.is_empty() || opts.interrupted.load(Ordering::SeqCst) {
            break;
        }
        let results = runtime.block_on(read_sources_level(
            Arc::clone(&fetcher),
            Arc::clone(&outlets),
            std::mem::take(&mut level),
            Arc::new(state.validators.clone()),
            Arc::clone(&opts.counters),
        ));
        for (outlet, url, kind, result, validators) in results {
            let name = &outlets[outlet].name;
            match result {
                SourceResult::Feed(items) => {
                    report.feeds_read += 1;
                    announced.extend(items.into_iter().map(|a| (outlet, url.clone(), a)));
                }
                SourceResult::Sitemap { children, pages } => {
                    report.feeds_read += 1;
                    state.sitemap_children.insert(url.clone(), children.clone());
                    queue_children(&mut level, &mut report, &outlets[outlet], outlet, &children);
                    announced.extend(pages.into_iter().map(|a| (outlet, url.clone(), a)));
                }
                SourceResult::NotModified => {
                    report.feeds_not_modified += 1;
                    // An unchanged index still has children that may have changed.
                    if kind == SourceKind::Sitemap {
                        let children = state.sitemap_children.get(&url).cloned();
                        for c in children.iter().flatten() {
                            level.push((outlet, c.clone(), SourceKind::Sitemap));
                        }
                    }
                }
                SourceResult::Failed(reason, kind) => {
                    report.fail(&url, name, &reason, kind);
                    state.validators.remove(&url);
                }
            }
            if let Some(v) = validators {
                if v.is_empty() {
                    state.validators.remove(&url);
                } else {
                    state.validators.insert(url, v);
                }
            }
        }
    }

    // 2. Choice: one fetch per normalized URL, none for pages we have,
    //    again for pages announced as changed since we fetched them.
    let mut chosen: HashMap<String, Wanted> = HashMap::new();
    let mut distinct = HashSet::new();
    for (outlet, from, a) in announced {
        let o = &outlets[outlet];
        let url = match Url::parse(&from).and_then(|base| base.join(&a.url)) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => u,
            _ => {
                report.fail(&a.url, &o.name, "not an http(s) link", "bad URL".into());
                continue;
            }
        };
        let Some(key) = marsad_model::normalize_url(url.as_str()) else {
            report.fail(
                url.as_str(),
                &o.name,
                "not an http(s) link",
                "bad URL".into(),
            );
            continue;
        };
        if !distinct.insert(key.clone()) {
            continue;
        }
        report.announced += 1;
        if !o.owns(&url) {
            report.off_domain += 1;
            continue;
        }
        let validators = match state.pages.get(&key) {
            Some(before) => {
                let changed = a.modified.is_some_and(|m| m > before.fetched);
                if !changed {
                    report.already_fetched += 1;
                    continue;
                }
                Some(before.validators.clone())
            }
            None if (opts.known)(&key) => {
                report.already_fetched += 1;
                continue;
            }
            None => None,
        };
        chosen.insert(
            key.clone(),
            Wanted {
                url,
                key,
                outlet,
                from,
                validators,
            },
        );
    }
    opts.counters
        .to_fetch
        .store(chosen.len() as u64, Ordering::Relaxed);

    // 3. Fetch into WARC, written by one thread as answers come.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Exchange>>(64);
    let prefix = format!("marsad-{}", Utc::now().format("%Y%m%dT%H%M%S"));
    let mut writer = WarcWriter::new(&opts.warc_dir, &prefix, sources.collector.warc_file_bytes);
    let writing = std::thread::spawn(move || -> Result<Vec<PathBuf>, CollectError> {
        let mut error = None;
        for exchanges in rx {
            if error.is_some() {
                continue;
            }
            for e in &exchanges {
                if let Err(err) = writer.write(e) {
                    error = Some(err);
                    break;
                }
            }
        }
        let files = writer.finish()?;
        match error {
            Some(e) => Err(e),
            None => Ok(files),
        }
    });
    let fetched = runtime.block_on(fetch_pages(
        Arc::clone(&fetcher),
        Arc::clone(&outlets),
        chosen.into_values().collect(),
        tx,
        Arc::clone(&opts.counters),
        Arc::clone(&opts.interrupted),
    ));
    report.warc_files = writing
        .join()
        .map_err(|_| CollectError::Http("the WARC writer stopped unexpectedly".into()))??;

    let now = Utc::now();
    for (wanted, result) in fetched {
        let name = &outlets[wanted.outlet].name;
        match result {
            None | Some(Err(Failure::Interrupted)) => report.interrupted = true,
            Some(Ok(PageOutcome::Fetched(validators))) => {
                if wanted.validators.is_some() {
                    report.updated_pages += 1;
                } else {
                    report.new_pages += 1;
                }
                state.pages.insert(
                    wanted.key,
                    FetchedPage {
                        fetched: now,
                        validators,
                    },
                );
            }
            Some(Ok(PageOutcome::NotModified)) => {
                report.pages_not_modified += 1;
                if let Some(p) = state.pages.get_mut(&wanted.key) {
                    p.fetched = now;
                }
            }
            Some(Err(failure)) => {
                // Read the announcing feed in full next time, so this page is tried again.
                if failure.is_transient() {
                    state.validators.remove(&wanted.from);
                }
                report.fail(
                    wanted.url.as_str(),
                    name,
                    &failure.to_string(),
                    failure.kind(),
                );
            }
        }
    }
    report.requests = fetcher.requests();
    state.robots = fetcher.robots_copies().into_iter().collect();
    state.save(&opts.state_dir)?;
    Ok(report)
}

fn queue_children(
    level: &mut Vec<(usize, String, SourceKind)>,
    report: &mut PassReport,
    outlet: &Outlet,
    index: usize,
    children: &[String],
) {
    for c in children {
        match Url::parse(c) {
            Ok(u) if outlet.owns(&u) => level.push((index, c.clone(), SourceKind::Sitemap)),
            Ok(_) => report.off_domain += 1,
            Err(e) => report.fail(c, &outlet.name, &format!("bad URL: {e}"), "bad URL".into()),
        }
    }
}

type SourceRead = (usize, String, SourceKind, SourceResult, Option<Validators>);

async fn read_sources_level(
    fetcher: Arc<Fetcher>,
    outlets: Arc<Vec<Outlet>>,
    level: Vec<(usize, String, SourceKind)>,
    validators: Arc<BTreeMap<String, Validators>>,
    counters: Arc<PassCounters>,
) -> Vec<SourceRead> {
    let mut tasks = JoinSet::new();
    for (outlet, url, kind) in level {
        let fetcher = Arc::clone(&fetcher);
        let outlets = Arc::clone(&outlets);
        let validators = Arc::clone(&validators);
        let counters = Arc::clone(&counters);
        tasks.spawn(async move {
            let before = validators.get(&url).cloned().unwrap_or_default();
            let (result, new_validators) =
                read_source(&fetcher, &outlets[outlet], &url, kind, &before).await;
            counters.sources_read.fetch_add(1, Ordering::Relaxed);
            (outlet, url, kind, result, new_validators)
        });
    }
    let mut out = Vec::new();
    while let Some(done) = tasks.join_next().await {
        if let Ok(read) = done {
            out.push(read);
        }
    }
    out
}

async fn read_source(
    fetcher: &Fetcher,
    outlet: &Outlet,
    url: &str,
    kind: SourceKind,
    validators: &Validators,
) -> (SourceResult, Option<Validators>) {
    let parsed = match Url::parse(url) {
        Ok(u) => u,
        Err(e) => {
            return (
                SourceResult::Failed(format!("bad URL: {e}"), "bad URL".into()),
                None,
            )
        }
    };
    let allowed = |u: &Url| outlet.owns(u);
    let fetched = match fetcher.get(&parsed, validators, &allowed).await {
        Ok(Outcome::NotModified) => return (SourceResult::NotModified, None),
        Ok(Outcome::Fetched(f)) => f,
        Err(failure) => {
            return (
                SourceResult::Failed(failure.to_string(), failure.kind()),
                None,
            )
        }
    };
    let result = match kind {
        SourceKind::Feed => parse_feed(&fetched.body).map(SourceResult::Feed),
        SourceKind::Sitemap => parse_sitemap(&fetched.body).map(|s| SourceResult::Sitemap {
            children: s.sitemaps,
            pages: s.pages,
        }),
    };
    match result {
        Ok(r) => (r, Some(fetched.validators)),
        Err(reason) => {
            let kind = match kind {
                SourceKind::Feed => "not a feed",
                SourceKind::Sitemap => "not a sitemap",
            };
            (
                SourceResult::Failed(reason, kind.into()),
                Some(Validators::default()),
            )
        }
    }
}

enum PageOutcome {
    Fetched(Validators),
    NotModified,
}

/// `None` for a page left alone because the pass was interrupted.
type PageResult = Option<Result<PageOutcome, Failure>>;

async fn fetch_pages(
    fetcher: Arc<Fetcher>,
    outlets: Arc<Vec<Outlet>>,
    wanted: Vec<Wanted>,
    warc: std::sync::mpsc::SyncSender<Vec<Exchange>>,
    counters: Arc<PassCounters>,
    interrupted: Arc<AtomicBool>,
) -> Vec<(Wanted, PageResult)> {
    let mut tasks = JoinSet::new();
    for w in wanted {
        let fetcher = Arc::clone(&fetcher);
        let outlets = Arc::clone(&outlets);
        let warc = warc.clone();
        let counters = Arc::clone(&counters);
        let interrupted = Arc::clone(&interrupted);
        tasks.spawn(async move {
            if interrupted.load(Ordering::SeqCst) {
                return (w, None);
            }
            let outlet = &outlets[w.outlet];
            let allowed = |u: &Url| outlet.owns(u);
            let validators = w.validators.clone().unwrap_or_default();
            let result = match fetcher.get(&w.url, &validators, &allowed).await {
                Ok(Outcome::Fetched(f)) => {
                    // The writer thread may block on disk: hand over without holding a worker.
                    let warc = warc.clone();
                    let sent = tokio::task::spawn_blocking(move || warc.send(f.exchanges)).await;
                    match sent {
                        Ok(Ok(())) => Ok(PageOutcome::Fetched(f.validators)),
                        _ => Err(Failure::Connection("the WARC writer stopped".into())),
                    }
                }
                Ok(Outcome::NotModified) => Ok(PageOutcome::NotModified),
                Err(f) => Err(f),
            };
            match &result {
                Ok(_) => counters.fetched.fetch_add(1, Ordering::Relaxed),
                Err(Failure::Interrupted) => 0,
                Err(_) => counters.failed.fetch_add(1, Ordering::Relaxed),
            };
            (w, Some(result))
        });
    }
    drop(warc);
    let mut out = Vec::new();
    while let Some(done) = tasks.join_next().await {
        if let Ok(r) = done {
            out.push(r);
        }
    }
    out
}
