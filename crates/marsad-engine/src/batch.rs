//! Pages → extracted pages without a store (`marsad extract`): in parallel,
//! in input order, with bounded memory, one bad page never stopping the rest.

use std::time::Duration;

use marsad_extract::extract;
use marsad_model::{ExtractedPage, Page, PageError, PageResult};
use marsad_page::{expand_inputs, read_pages, Expanded, ReadOptions};

use crate::guard::{inject_faults, Guard};

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
/// input order (a failed page as an error record naming it). Skipped files
/// are reported through `skipped`.
pub fn extract_batch<S: AsRef<str>>(
    args: &[S],
    opts: &ReadOptions,
    threads: Option<usize>,
    page_timeout: Duration,
    mut emit: impl FnMut(PageResult),
    mut skipped: impl FnMut(&str, &str),
) -> BatchStats {
    let guard = Guard {
        workers: crate::workers(threads),
        limit: page_timeout,
    };
    let mut stats = BatchStats::default();
    let mut chunk: Vec<Result<Page, PageError>> = Vec::with_capacity(CHUNK_PAGES);
    let mut flush = |chunk: &mut Vec<Result<Page, PageError>>, stats: &mut BatchStats| {
        let mut slots: Vec<Option<PageResult>> = Vec::with_capacity(chunk.len());
        let mut jobs: Vec<Box<dyn FnOnce() -> ExtractedPage + Send>> = Vec::new();
        let mut sources = Vec::new();
        for r in chunk.drain(..) {
            match r {
                Ok(page) => {
                    sources.push((slots.len(), page.source.clone()));
                    slots.push(None);
                    jobs.push(Box::new(move || {
                        inject_faults(&page.content);
                        extract(&page)
                    }));
                }
                Err(e) => slots.push(Some(PageResult::Failed(e))),
            }
        }
        for ((i, source), result) in sources.into_iter().zip(guard.run(jobs)) {
            slots[i] = Some(match result {
                Ok(e) => PageResult::Extracted(e),
                Err(failure) => PageResult::Failed(PageError {
                    source,
                    error: failure.to_string(),
                }),
            });
        }
        for r in slots.into_iter().flatten() {
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
