//! The `marsad` command: wires the pipeline stages together, nothing more.

mod analysis_cmd;
mod articles_cmd;
mod collect_cmd;
mod eval;
mod ingest_cmd;
mod progress;
mod reextract_cmd;
mod reindex_cmd;
mod search_cmd;
mod serve_cmd;
mod store_args;
mod stories_cmd;
mod summary;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use marsad_page::{ReadOptions, DEFAULT_MAX_PAGE_BYTES};

// Ingest allocates many small strings on several threads (tokens, features,
// entity spans); glibc malloc took about a tenth of its CPU time in `perf`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "marsad",
    version,
    about = "A media observatory for Arabic news"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract clean articles from text dumps, HTML pages and WARC files.
    Extract {
        /// Files, folders (walked recursively) or `-` for stdin.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Print JSON Lines, one object per page, instead of a summary.
        #[arg(long)]
        json: bool,
        /// Refuse pages larger than this many bytes.
        #[arg(long, default_value_t = DEFAULT_MAX_PAGE_BYTES, value_name = "BYTES")]
        max_page_size: u64,
        /// Worker threads (default: all cores).
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// Give up on a page whose extraction takes longer than this many seconds.
        #[arg(long, default_value_t = marsad_engine::DEFAULT_PAGE_TIMEOUT.as_secs_f64(), value_name = "SECS")]
        page_timeout: f64,
    },
    /// Store pages and already-clean corpora (JSON Lines, SaudiNewsNet, ANT).
    Ingest(ingest_cmd::IngestArgs),
    /// Follow outlets' feeds and sitemaps: fetch new articles politely, keep them as WARC, ingest.
    Collect(collect_cmd::CollectArgs),
    /// List stored articles.
    Articles(articles_cmd::ArticlesArgs),
    /// Full-text search in the index (words ANDed, "phrases", -exclusions).
    Search(search_cmd::SearchArgs),
    /// Re-run the current extractor on every stored page.
    Reextract(reextract_cmd::ReextractArgs),
    /// Rebuild the search index from the store.
    Reindex(reindex_cmd::ReindexArgs),
    /// People, places and organisations in texts or stored articles, spellings merged.
    Entities(analysis_cmd::AnalysisArgs),
    /// Quotes with their speakers, in texts or stored articles.
    Quotes(analysis_cmd::AnalysisArgs),
    /// Figures with their units and qualifiers, in texts or stored articles.
    Figures(analysis_cmd::AnalysisArgs),
    /// List stories: each event once, with every outlet that told it.
    Stories(stories_cmd::StoriesArgs),
    /// One story: its articles in time order, originals and copies, follow-ups.
    Story(stories_cmd::StoryArgs),
    /// List duplicate groups: the original and how each copy was recognised.
    Duplicates(stories_cmd::DuplicatesArgs),
    /// How likely two article texts tell the same story (the clustering's own measure).
    Similarity(stories_cmd::SimilarityArgs),
    /// Serve the story view: web pages and a JSON API under /api/.
    Serve(serve_cmd::ServeArgs),
    /// Measure extraction against hand annotations.
    Eval {
        #[command(subcommand)]
        what: EvalTarget,
    },
}

#[derive(Subcommand)]
enum EvalTarget {
    /// The seed pages and their gold.json.
    Seeds {
        /// Folder holding the seed pages and gold.json.
        #[arg(long, default_value = "../shared/seeds")]
        dir: PathBuf,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MARSAD_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,html5ever=error")),
        )
        .init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("marsad: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => ingest_cmd::run(args),
        Command::Collect(args) => collect_cmd::run(args),
        Command::Articles(args) => articles_cmd::run(args),
        Command::Search(args) => search_cmd::run(args),
        Command::Reextract(args) => reextract_cmd::run(args),
        Command::Reindex(args) => reindex_cmd::run(args),
        Command::Entities(args) => analysis_cmd::run(analysis_cmd::What::Entities, args),
        Command::Quotes(args) => analysis_cmd::run(analysis_cmd::What::Quotes, args),
        Command::Figures(args) => analysis_cmd::run(analysis_cmd::What::Figures, args),
        Command::Stories(args) => stories_cmd::run_stories(args),
        Command::Story(args) => stories_cmd::run_story(args),
        Command::Duplicates(args) => stories_cmd::run_duplicates(args),
        Command::Similarity(args) => stories_cmd::run_similarity(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::Extract {
            inputs,
            json,
            max_page_size,
            threads,
            page_timeout,
        } => {
            store_args::configure_threads(threads)?;
            let page_timeout = ingest_cmd::page_timeout(page_timeout)?;
            let opts = ReadOptions {
                max_page_bytes: max_page_size,
            };
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let mut write_error = None;
            let stats = marsad_engine::extract_batch(
                &inputs,
                &opts,
                threads,
                page_timeout,
                |result| {
                    if write_error.is_some() {
                        return;
                    }
                    if let marsad_model::PageResult::Failed(e) = &result {
                        eprintln!("marsad: {}: {}", e.source, e.error);
                    }
                    let r = if json {
                        serde_json::to_writer(&mut out, &result)
                            .map_err(io::Error::from)
                            .and_then(|_| out.write_all(b"\n"))
                    } else {
                        summary::write_summary(&mut out, &result)
                    };
                    if let Err(e) = r {
                        write_error = Some(e);
                    }
                },
                |name, reason| eprintln!("marsad: skipped {name}: {reason}"),
            );
            match write_error {
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Some(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                Some(e) => return Err(e).context("writing output"),
                None => {}
            }
            out.flush().context("writing output")?;
            if stats.errors > 0 {
                eprintln!("marsad: {} of {} inputs failed", stats.errors, stats.pages);
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: EvalTarget::Seeds { dir, json },
        } => {
            let report = eval::eval_seeds(&dir)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                eval::print_report(&report);
            }
            Ok(if report.passes() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
