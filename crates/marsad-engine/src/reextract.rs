//! Re-extraction: the current extractor again on every stored raw page.
//! Articles keep their ids while they are still found on their page
//! (see `marsad_store::identity`); one transaction per batch of pages.

use std::sync::atomic::Ordering;

use marsad_extract::extract;
use marsad_model::ExtractedPage;

use crate::guard::{inject_faults, Guard};
use crate::stage::StageInput;
use crate::{Engine, Result, EXTRACTOR_VERSION};

/// Pages re-extracted per transaction.
const BATCH_PAGES: usize = 128;

/// What a re-extraction changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReextractReport {
    pub pages: u64,
    /// Articles found again, rewritten under their ids.
    pub kept: u64,
    /// Articles found for the first time (new ids).
    pub added: u64,
    /// Articles no longer found, marked gone.
    pub gone: u64,
    /// Pages left as they were: unreadable rows, or extraction failed.
    pub skipped: u64,
    pub interrupted: bool,
}

impl Engine {
    /// Re-run the current extractor on every stored raw page. A stored row
    /// that cannot be decoded, or a page whose extraction fails, is reported
    /// and left as it was; the run goes on. `progress` is called after each
    /// committed batch.
    pub fn reextract(
        &mut self,
        mut progress: impl FnMut(&ReextractReport),
    ) -> Result<ReextractReport> {
        let guard = Guard {
            workers: crate::workers(self.threads),
            limit: self.page_timeout,
        };
        let mut report = ReextractReport::default();
        if self.is_shared() {
            self.take_stages(true)?;
        }
        let mut after = 0;
        loop {
            if self.interrupted.load(Ordering::Relaxed) {
                report.interrupted = true;
                break;
            }
            let raw = self.store.raw_pages_after(after, BATCH_PAGES)?;
            if raw.is_empty() {
                break;
            }
            let mut jobs: Vec<Box<dyn FnOnce() -> ExtractedPage + Send>> = Vec::new();
            let mut ids = Vec::new();
            for r in raw {
                match r {
                    Ok(r) => {
                        after = after.max(r.id);
                        ids.push((r.id, r.page.source.clone()));
                        let page = r.page;
                        jobs.push(Box::new(move || {
                            inject_faults(&page.content);
                            extract(&page)
                        }));
                    }
                    Err(e) => {
                        if let marsad_store::StoreError::Corrupt { page_id, .. } = &e {
                            after = after.max(*page_id);
                        }
                        report.skipped += 1;
                        (self.notice)(&format!("reextract: {e}; skipped"));
                    }
                }
            }
            let mut extracted = Vec::new();
            for ((id, source), result) in ids.into_iter().zip(guard.run(jobs)) {
                match result {
                    Ok(e) => extracted.push((id, e)),
                    Err(failure) => {
                        report.skipped += 1;
                        (self.notice)(&format!(
                            "reextract: page {id} ({source}): {failure}; left as it was"
                        ));
                    }
                }
            }
            if extracted.is_empty() {
                continue;
            }
            let out = self.store.replace_extracted(extracted, EXTRACTOR_VERSION)?;
            if self.is_shared() {
                self.follow_store()?;
            } else {
                let input = StageInput {
                    articles: &out.articles,
                    gone: &out.gone,
                    seq: out.seq,
                };
                let stories = self.stages.process(&input, self.store.as_mut())?;
                self.index
                    .apply(&out.articles, &out.gone, &stories, out.seq)?;
            }
            report.pages += out.pages;
            report.kept += out.kept;
            report.added += out.added;
            report.gone += out.gone.len() as u64;
            progress(&report);
        }
        self.index.commit()?;
        Ok(report)
    }
}
