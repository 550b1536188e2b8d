//! Pages → extracted pages, in parallel, in input order, with bounded memory.

use marsad_extract::extract;
use marsad_model::{PageError, PageResult};
use marsad_page::{expand_inputs, read_pages, Expanded, ReadOptions};
use rayon::prelude::*;

/// Stored with each page, so that `reextract` and later stages can tell
/// which extractor produced its articles.
pub const EXTRACTOR_VERSION: &str = concat!("marsad-extract ", env!("CARGO_PKG_VERSION"));

/// Size the worker pool (`-j`); all cores when not given.
pub fn configure_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| anyhow::anyhow!("setting up worker threads: {e}"))?;
    }
    Ok(())
}

/// How many pages are read ahead and extracted together; bounds memory
/// while keeping every core busy.
const CHUNK_PAGES: usize = 256;

/// What the batch saw, for the exit status and the closing line.
#[derive(Debug, Default, Clone, Copy)]
pub struct BatchStats {
    pub pages: usize,
    pub errors: usize,
    pub skipped: usize,
}

/// Read every input and extract every page, calling `emit` once per page in
/// input order. Skipped files are reported through `skipped`.
pub fn run_batch<S: AsRef<str>>(
    args: &[S],
    opts: &ReadOptions,
    mut emit: impl FnMut(PageResult),
    mut skipped: impl FnMut(&str, &str),
) -> BatchStats {
    let mut stats = BatchStats::default();
    let mut chunk = Vec::with_capacity(CHUNK_PAGES);
    let mut flush = |chunk: &mut Vec<Result<marsad_model::Page, PageError>>,
                     stats: &mut BatchStats| {
        let results: Vec<PageResult> = chunk
            .par_drain(..)
            .map(|r| match r {
                Ok(page) => PageResult::Extracted(extract(&page)),
                Err(e) => PageResult::Failed(e),
            })
            .collect();
        for r in results {
            stats.pages += 1;
            if r.is_error() {
                stats.errors += 1;
            }
            emit(r);
        }
    };
    for item in expand_inputs(args) {
        match item {
            Expanded::Skipped { name, reason } => {
                stats.skipped += 1;
                skipped(&name, &reason);
            }
            Expanded::Error(e) => {
                chunk.push(Err(PageError {
                    source: e.input.clone(),
                    error: e.reason(),
                }));
            }
            Expanded::Input(input) => {
                for page in read_pages(&input, opts) {
                    chunk.push(page.map_err(|e| PageError {
                        source: e.input.clone(),
                        error: e.reason(),
                    }));
                    if chunk.len() >= CHUNK_PAGES {
                        flush(&mut chunk, &mut stats);
                    }
                }
            }
        }
        if chunk.len() >= CHUNK_PAGES {
            flush(&mut chunk, &mut stats);
        }
    }
    flush(&mut chunk, &mut stats);
    stats
}
