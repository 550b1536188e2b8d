//! `marsad reextract`: run the current extractor again on every stored raw
//! page, replacing its articles. Pages keep their ids, and articles keep
//! theirs position by position; each batch is one transaction.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use marsad_extract::extract;
use marsad_model::ExtractedPage;
use marsad_store::{ReplaceOutcome, Store};
use rayon::prelude::*;

use crate::pipeline::{configure_threads, EXTRACTOR_VERSION};
use crate::store_args::{self, DataArgs};

/// Pages re-extracted per transaction.
const BATCH_PAGES: usize = 128;

#[derive(clap::Args, Debug)]
pub struct ReextractArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
}

pub fn run(args: ReextractArgs) -> Result<ExitCode> {
    configure_threads(args.threads)?;
    let mut store = Store::open_existing(&args.data.dir)?;
    let mut sink = store_args::open_sink(&args.data.dir)?;
    let want = sink.wants_articles();
    let started = Instant::now();
    let mut total = ReplaceOutcome::default();
    let mut removed = 0u64;
    let mut after = 0;
    loop {
        let raw = store
            .pages_for_reextract(after, BATCH_PAGES)
            .context("reading stored pages")?;
        let Some(last) = raw.last() else { break };
        after = last.id;
        let extracted: Vec<(i64, ExtractedPage)> = raw
            .into_par_iter()
            .map(|r| (r.id, extract(&r.page)))
            .collect();
        let out = store
            .replace_extracted(&extracted, EXTRACTOR_VERSION, want)
            .context("writing re-extracted articles")?;
        if want {
            sink.remove(&out.removed)
                .and_then(|_| sink.add(&out.articles))
                .map_err(|e| anyhow::anyhow!("index: {e}"))?;
        }
        total.pages += out.pages;
        total.updated += out.updated;
        total.added += out.added;
        removed += out.removed.len() as u64;
    }
    sink.commit().map_err(|e| anyhow::anyhow!("index: {e}"))?;
    eprintln!(
        "marsad: reextract: {} pages, {} articles rewritten, {} added, {} removed in {:.1} s",
        total.pages,
        total.updated,
        total.added,
        removed,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
