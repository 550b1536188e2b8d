//! `marsad reextract`: the current extractor again on every stored raw page.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use marsad_engine::{Engine, EngineOptions};

use crate::ingest_cmd::{interrupt_flag, page_timeout};
use crate::store_args::{configure_threads, DataArgs};

#[derive(clap::Args, Debug)]
pub struct ReextractArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Give up on a page whose extraction takes longer than this many seconds.
    #[arg(long, default_value_t = marsad_engine::DEFAULT_PAGE_TIMEOUT.as_secs_f64(), value_name = "SECS")]
    pub page_timeout: f64,
}

pub fn run(args: ReextractArgs) -> Result<ExitCode> {
    configure_threads(args.threads)?;
    let started = Instant::now();
    let mut opts = EngineOptions::new(&args.data.dir);
    opts.db = args.data.db.clone();
    opts.threads = args.threads;
    opts.stages = marsad_engine::default_stages()?;
    opts.page_timeout = page_timeout(args.page_timeout)?;
    opts.interrupted = interrupt_flag();
    let mut engine = Engine::open_existing(opts)
        .with_context(|| format!("opening the data folder {}", args.data.dir.display()))?;
    let report = engine
        .reextract(|r| tracing::info!("reextract: {} pages so far", r.pages))
        .context("reextract stopped")?;
    engine.close().context("closing the search index")?;
    eprintln!(
        "marsad: reextract: {} pages, {} articles kept, {} added, {} gone, {} pages skipped in {:.1} s",
        report.pages,
        report.kept,
        report.added,
        report.gone,
        report.skipped,
        started.elapsed().as_secs_f64()
    );
    if report.interrupted {
        eprintln!("marsad: reextract interrupted; run it again to go over every page");
        return Ok(ExitCode::from(130));
    }
    Ok(if report.skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
