//! `marsad collect`: arguments → a collector pass → the engine's ingest of
//! the WARC files it wrote; progress, and a summary per pass.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use marsad_collect::{run_pass, PassCounters, PassOptions, PassReport, Sources};
use marsad_engine::{Counters, Engine, EngineOptions, IngestFormat, IngestOptions, IngestReport};
use marsad_page::DEFAULT_MAX_PAGE_BYTES;

use crate::ingest_cmd::{interrupt_flag, stages_from};
use crate::progress::Progress;
use crate::store_args::{configure_threads, DataArgs};

/// The collector's folder inside the data folder (validators, fetch times).
pub const COLLECT_DIR: &str = "collect";
/// Where WARC files are written inside the data folder.
pub const WARC_DIR: &str = "warc";

/// Failed URLs printed by name after a pass (all are in `--json`).
const FAILED_URLS_SHOWN: usize = 20;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("when").required(true).args(["once", "every"])))]
pub struct CollectArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The outlets to watch and politeness settings (see outlets.toml).
    #[arg(long, value_name = "FILE")]
    pub sources: PathBuf,
    /// One pass: discover, fetch, keep raw pages as WARC, ingest.
    #[arg(long)]
    pub once: bool,
    /// Keep watching: a pass, then another this long after it started (`15m`, `1h`).
    #[arg(long, value_name = "INTERVAL", value_parser = parse_interval)]
    pub every: Option<Duration>,
    /// Print each pass's report as one JSON line on stdout.
    #[arg(long)]
    pub json: bool,
    /// Analysis stages run at ingest, comma-separated, or `none`.
    #[arg(long, value_name = "LIST", default_value = "entities,stories")]
    pub stages: String,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Milliseconds between progress log lines when stderr is not a terminal.
    #[arg(long, hide = true, value_name = "MS")]
    pub progress_interval: Option<u64>,
}

fn parse_interval(text: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(text).map_err(|e| format!("{text:?}: {e}"))?;
    if d.is_zero() {
        return Err("the interval must be more than zero".into());
    }
    Ok(d)
}

pub fn run(args: CollectArgs) -> Result<ExitCode> {
    configure_threads(args.threads)?;
    let sources = Sources::load(&args.sources)?;
    let interrupted = interrupt_flag();
    loop {
        let started = Instant::now();
        let code = one_pass(&args, &sources, &interrupted)?;
        let Some(every) = args.every else {
            return Ok(code);
        };
        if interrupted.load(Ordering::SeqCst) {
            return Ok(ExitCode::from(130));
        }
        let next = started + every;
        eprintln!(
            "marsad: collect: next pass in {} (Ctrl-C to stop)",
            humantime::format_duration(Duration::from_secs(
                next.saturating_duration_since(Instant::now()).as_secs()
            ))
        );
        while Instant::now() < next {
            if interrupted.load(Ordering::SeqCst) {
                return Ok(ExitCode::from(130));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

fn one_pass(
    args: &CollectArgs,
    sources: &Sources,
    interrupted: &Arc<AtomicBool>,
) -> Result<ExitCode> {
    let pass_counters = Arc::new(PassCounters::default());
    let ingest_counters = Arc::new(Counters::default());
    // When ingest began, in milliseconds since the pass started (0: not yet),
    // so that the ingest rate shown is over the ingest alone.
    let ingest_from_ms = Arc::new(AtomicU64::new(0));
    let progress = {
        let (p, i, from) = (
            Arc::clone(&pass_counters),
            Arc::clone(&ingest_counters),
            Arc::clone(&ingest_from_ms),
        );
        Progress::start_with(
            "collect",
            move |elapsed| match from.load(Ordering::Relaxed) {
                0 => p.line(),
                ms => format!(
                    "{} · ingest: {}",
                    p.line(),
                    i.line(elapsed.saturating_sub(Duration::from_millis(ms)))
                ),
            },
            args.progress_interval.map(Duration::from_millis),
        )
    };
    let mut opts = EngineOptions::new(&args.data.dir);
    opts.db = args.data.db.clone();
    opts.threads = args.threads;
    opts.stages = stages_from(&args.stages)?;
    opts.notice = progress.notifier();
    opts.interrupted = Arc::clone(interrupted);
    let mut engine = Engine::open(opts)
        .with_context(|| format!("opening the data folder {}", args.data.dir.display()))?;
    let data = engine.data().path().to_path_buf();

    let report = {
        let store = engine.store();
        let known = |key: &str| match store.revisions(key) {
            Ok(r) => !r.is_empty(),
            Err(e) => {
                tracing::warn!("looking up {key} in the store: {e}");
                false
            }
        };
        run_pass(
            sources,
            &PassOptions {
                state_dir: data.join(COLLECT_DIR),
                warc_dir: data.join(WARC_DIR),
                known: &known,
                counters: Arc::clone(&pass_counters),
                interrupted: Arc::clone(interrupted),
            },
        )
        .context("collect")?
    };
    let collect_time = progress.elapsed();
    let collect_secs = collect_time.as_secs_f64();

    ingest_from_ms.store((collect_time.as_millis() as u64).max(1), Ordering::Relaxed);
    let files: Vec<String> = report
        .warc_files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let ingest = IngestOptions {
        format: IngestFormat::Pages,
        max_page_bytes: sources.collector.max_bytes.max(DEFAULT_MAX_PAGE_BYTES),
    };
    let ingested = if files.is_empty() {
        Ok(IngestReport::default())
    } else {
        engine.ingest(&files, &ingest, &ingest_counters)
    };
    let elapsed = progress.elapsed().saturating_sub(collect_time);
    progress.finish();
    let ingested = match ingested {
        Ok(r) => r,
        Err(e) => {
            print_summary(&report, collect_secs);
            return Err(e).with_context(|| {
                format!(
                    "ingest stopped; the WARC files are kept in {} (`marsad ingest` reads them)",
                    data.join(WARC_DIR).display()
                )
            });
        }
    };
    engine.close().context("closing the search index")?;

    print_summary(&report, collect_secs);
    eprintln!(
        "marsad: collect: ingest: {} in {:.1} s",
        ingest_counters.line(elapsed),
        elapsed.as_secs_f64()
    );
    if args.json {
        println!("{}", json_line(&report, &ingested, &data)?);
    }
    if report.interrupted || ingested.interrupted {
        return Ok(ExitCode::from(130));
    }
    let nothing_read = report.feeds_read + report.feeds_not_modified == 0;
    Ok(if nothing_read || ingested.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_summary(r: &PassReport, secs: f64) {
    eprintln!(
        "marsad: collect: {} feeds and sitemaps read, {} not modified; {} links ({} off the outlets' domains, \
         {} already fetched); {} new pages, {} updated, {} not modified; {} failures; {} requests in {secs:.1} s",
        r.feeds_read,
        r.feeds_not_modified,
        r.announced,
        r.off_domain,
        r.already_fetched,
        r.new_pages,
        r.updated_pages,
        r.pages_not_modified,
        r.failure_count(),
        r.requests,
    );
    for (reason, n) in &r.failures {
        eprintln!("marsad: collect:   {n} {reason}");
    }
    for f in r.failed.iter().take(FAILED_URLS_SHOWN) {
        eprintln!("marsad: collect: {} ({}): {}", f.url, f.outlet, f.reason);
    }
    if r.failed.len() > FAILED_URLS_SHOWN {
        eprintln!(
            "marsad: collect: … {} more failed URLs (all in --json)",
            r.failed.len() - FAILED_URLS_SHOWN
        );
    }
}

fn json_line(r: &PassReport, ingested: &IngestReport, data: &Path) -> Result<String> {
    let mut value = serde_json::to_value(r)?;
    value["data"] = serde_json::json!(data.display().to_string());
    value["ingest"] = serde_json::json!({
        "stored": ingested.stored,
        "articles": ingested.articles,
        "duplicates": ingested.duplicates,
        "errors": ingested.errors,
    });
    Ok(serde_json::to_string(&value)?)
}
