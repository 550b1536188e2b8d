//! `marsad ingest`: arguments → engine options; progress and the closing line.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};
use marsad_corpus::Corpus;
use marsad_engine::{Counters, Engine, EngineOptions, IngestFormat, IngestOptions};
use marsad_page::DEFAULT_MAX_PAGE_BYTES;

use crate::progress::Progress;
use crate::store_args::{configure_threads, DataArgs};

#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// How to read the inputs: recognised by content, or all as one format.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    pub format: Format,
    /// Refuse pages larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_PAGE_BYTES, value_name = "BYTES")]
    pub max_page_size: u64,
    /// Give up on a page whose extraction takes longer than this many seconds.
    #[arg(long, default_value_t = marsad_engine::DEFAULT_PAGE_TIMEOUT.as_secs_f64(), value_name = "SECS")]
    pub page_timeout: f64,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Analysis stages to run, comma-separated, or `none` (stages left out
    /// catch up the next time a command runs them).
    #[arg(long, value_name = "LIST", default_value = "entities,stories")]
    pub stages: String,
    /// Milliseconds between progress log lines when stderr is not a terminal.
    #[arg(long, hide = true, value_name = "MS")]
    pub progress_interval: Option<u64>,
    /// Files or folders (walked recursively): text, HTML or WARC pages,
    /// JSON Lines, SaudiNewsNet zips, ANT tar.gz or DOC files.
    #[arg(required = true)]
    pub inputs: Vec<String>,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Recognise each file by its content.
    Auto,
    /// Text, HTML or WARC pages.
    Pages,
    Jsonl,
    Saudinewsnet,
    Ant,
}

impl Format {
    fn ingest_format(self) -> IngestFormat {
        match self {
            Format::Auto => IngestFormat::Auto,
            Format::Pages => IngestFormat::Pages,
            Format::Jsonl => IngestFormat::Corpus(Corpus::Jsonl),
            Format::Saudinewsnet => IngestFormat::Corpus(Corpus::SaudiNewsNet),
            Format::Ant => IngestFormat::Corpus(Corpus::Ant),
        }
    }
}

/// A `--stages` value as the stages to run.
pub fn stages_from(list: &str) -> Result<Vec<Box<dyn marsad_engine::Stage>>> {
    let names: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != "none")
        .collect();
    Ok(marsad_engine::stages::stages_named(&names)?)
}

/// A `--page-timeout` value as a duration.
pub fn page_timeout(secs: f64) -> Result<std::time::Duration> {
    std::time::Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .with_context(|| format!("--page-timeout {secs}: give a positive number of seconds"))
}

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    configure_threads(args.threads)?;
    let counters = Arc::new(Counters::default());
    let progress = Progress::start(
        "ingest",
        Arc::clone(&counters),
        args.progress_interval.map(std::time::Duration::from_millis),
    );
    let interrupted = interrupt_flag();
    let mut opts = EngineOptions::new(&args.data.dir);
    opts.db = args.data.db.clone();
    opts.threads = args.threads;
    opts.stages = stages_from(&args.stages)?;
    opts.page_timeout = page_timeout(args.page_timeout)?;
    opts.notice = progress.notifier();
    opts.interrupted = Arc::clone(&interrupted);
    let mut engine = Engine::open(opts)
        .with_context(|| format!("opening the data folder {}", args.data.dir.display()))?;
    let ingest = IngestOptions {
        format: args.format.ingest_format(),
        max_page_bytes: args.max_page_size,
    };
    let result = engine.ingest(&args.inputs, &ingest, &counters);
    let elapsed = progress.elapsed();
    progress.finish();
    let line = counters.line(elapsed);
    let secs = elapsed.as_secs_f64();
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("marsad: ingest: {line} in {secs:.1} s");
            return Err(e)
                .with_context(|| format!("ingest into {} stopped", args.data.dir.display()));
        }
    };
    engine.close().context("closing the search index")?;
    if report.skipped_inputs > 0 {
        eprintln!(
            "marsad: ingest: {} files skipped (neither pages nor a known corpus)",
            report.skipped_inputs
        );
    }
    if report.interrupted {
        eprintln!(
            "marsad: ingest interrupted: {line} in {secs:.1} s; run the same command again to resume"
        );
        return Ok(ExitCode::from(130));
    }
    eprintln!("marsad: ingest: {line} in {secs:.1} s");
    Ok(if report.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Set on the first Ctrl-C: reading stops, what was read is not written,
/// batches already handed to the writer are committed. A second Ctrl-C
/// exits at once (the store rolls back the batch being written).
pub fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let f = Arc::clone(&flag);
    let installed = ctrlc::set_handler(move || {
        if f.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!(
            "\nmarsad: interrupted: committing the batches in hand (Ctrl-C again to stop now)"
        );
    });
    if let Err(e) = installed {
        tracing::warn!("cannot catch Ctrl-C: {e}");
    }
    flag
}
