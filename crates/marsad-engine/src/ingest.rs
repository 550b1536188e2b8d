//! Ingest: pages and already-clean corpora into the store, then through the
//! stages and into the index.
//!
//! The calling thread reads inputs (files, folder walks, archive records)
//! and gathers them into batches; each batch is hashed in parallel, pages
//! already stored (or that failed before under this extractor) are skipped,
//! the rest are extracted under the [`crate::guard`] (a panic or a page past
//! its time limit becomes an error naming it) and handed to the one writer
//! thread. The writer stores a batch in one transaction and only then counts
//! it as stored and hands its articles to the stages and the index.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;

use marsad_corpus::{Corpus, RecordResult};
use marsad_extract::extract;
use marsad_model::{CleanArticle, Page};
use marsad_page::{
    expand_inputs, read_pages, Expanded, Input, ReadOptions, DEFAULT_MAX_PAGE_BYTES,
};
use marsad_store::{content_hash, ContentHash, NewPage, PageFailure, Store, StoredArticle};
use rayon::prelude::*;

use crate::guard::{inject_faults, Guard};
use crate::stage::{match_prepared, PreparedArticle, Preparers, StageInput};
use crate::{Engine, EngineError, Result, EXTRACTOR_VERSION};

/// A batch is written once it holds this many pages or records…
const BATCH_ITEMS: usize = 512;
/// …or this many bytes of content, whichever comes first.
const BATCH_BYTES: usize = 16 * 1024 * 1024;
/// Batches prepared ahead of the writer; bounds memory.
const WRITE_QUEUE: usize = 2;
/// Batches read ahead of their preparation: the next batch is read and parsed while the
/// last one is extracted and analysed on the thread pool.
const PREPARE_QUEUE: usize = 1;

/// How to read the inputs of an ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IngestFormat {
    /// Recognise each file by its content.
    #[default]
    Auto,
    /// Text, HTML or WARC pages.
    Pages,
    Corpus(Corpus),
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub format: IngestFormat,
    pub max_page_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            format: IngestFormat::Auto,
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }
}

/// Counters shared by the reading and writing threads and whoever shows
/// progress. Figures are the committed ones only.
#[derive(Debug, Default)]
pub struct Counters {
    /// Pages or records stored (committed).
    pub stored: AtomicU64,
    /// Articles stored (committed).
    pub articles: AtomicU64,
    /// Pages or records already in the store.
    pub duplicates: AtomicU64,
    /// Pages skipped because their extraction failed in an earlier run.
    pub failed_before: AtomicU64,
    /// Corpus records skipped for having no text.
    pub empty: AtomicU64,
    /// Inputs, pages or records that failed.
    pub errors: AtomicU64,
}

fn add(c: &AtomicU64, n: u64) {
    c.fetch_add(n, Ordering::Relaxed);
}

fn get(c: &AtomicU64) -> u64 {
    c.load(Ordering::Relaxed)
}

impl Counters {
    /// The figures as one line.
    pub fn line(&self, elapsed: std::time::Duration) -> String {
        let (stored, articles) = (get(&self.stored), get(&self.articles));
        let secs = elapsed.as_secs_f64().max(1e-3);
        let failed_before = match get(&self.failed_before) {
            0 => String::new(),
            n => format!(", {n} failed before and skipped"),
        };
        format!(
            "{stored} stored, {articles} articles, {} duplicates{failed_before}, {} empty skipped, \
             {} errors — {:.0} pages/s, {:.0} articles/s",
            get(&self.duplicates),
            get(&self.empty),
            get(&self.errors),
            stored as f64 / secs,
            articles as f64 / secs,
        )
    }

    pub fn errors(&self) -> u64 {
        get(&self.errors)
    }
}

/// How an ingest ended.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestReport {
    pub stored: u64,
    pub articles: u64,
    pub duplicates: u64,
    pub empty: u64,
    pub errors: u64,
    /// Files that are neither pages nor a known corpus.
    pub skipped_inputs: u64,
    /// Stopped early by the interrupt flag.
    pub interrupted: bool,
}

/// One thing read, waiting to be prepared.
enum Item {
    Page(Page),
    Record(CleanArticle, Arc<str>),
}

impl Item {
    fn bytes(&self) -> usize {
        match self {
            Item::Page(p) => p.content.len(),
            Item::Record(a, _) => a.text.len(),
        }
    }
}

/// What the writer gets.
struct Batch {
    pages: Vec<NewPage>,
    /// What the stages prepared for the pages' articles.
    prepared: Vec<PreparedArticle>,
    failures: Vec<PageFailure>,
    /// Pages found already stored before extraction.
    known_duplicates: u64,
}

/// Why reading stopped early.
enum Stop {
    Interrupted,
    /// The writer failed; its error is reported when it is joined.
    WriterGone,
    Engine(EngineError),
}

impl Engine {
    /// Ingest `inputs` (files, folders, `-` for standard input): pages and
    /// corpora. Errors of single inputs, pages or records are counted and
    /// reported through the notice callback; the batch goes on. Returns an
    /// error only when the store or the index cannot be written.
    pub fn ingest<S: AsRef<str>>(
        &mut self,
        inputs: &[S],
        opts: &IngestOptions,
        counters: &Counters,
    ) -> Result<IngestReport> {
        let lookup = self.store.another()?;
        let guard_threads = self.threads;
        let guard = Guard {
            workers: crate::workers(guard_threads),
            limit: self.page_timeout,
        };
        let notice = Arc::clone(&self.notice);
        // With a shared store the writer follows the store instead of staging its batches.
        let preparers = if self.is_shared() {
            Preparers::default()
        } else {
            self.stages.preparers()
        };
        let interrupted = Arc::clone(&self.interrupted);
        let (tx, rx) = sync_channel::<Batch>(WRITE_QUEUE);
        let mut writer_result: Result<()> = Ok(());
        let mut stop = None;
        let mut skipped_inputs = 0;
        let (to_prepare, prepare_rx) = sync_channel::<Vec<Item>>(PREPARE_QUEUE);
        std::thread::scope(|scope| {
            let engine = &mut *self;
            let writer = scope.spawn(move || engine.write_batches(rx, counters));
            let preparer = BatchPreparer {
                tx,
                lookup,
                guard,
                preparers,
                notice: Arc::clone(&notice),
                counters,
            };
            let preparing = scope.spawn(move || preparer.run(prepare_rx));
            let mut batcher = Batcher {
                items: Vec::with_capacity(BATCH_ITEMS),
                bytes: 0,
                to_prepare,
            };
            let mut reader = Reader {
                batcher: &mut batcher,
                notice: &*notice,
                counters,
                interrupted: &interrupted,
                opts: ReadOptions {
                    max_page_bytes: opts.max_page_bytes,
                },
                skipped_inputs: 0,
            };
            stop = reader.read_all(inputs, opts.format).err();
            skipped_inputs = reader.skipped_inputs;
            if stop.is_none() {
                stop = batcher.flush().err();
            }
            drop(batcher);
            // The preparer's own error (the store's lookup failed) says more than the
            // closed channel the reader saw.
            match preparing.join() {
                Ok(Ok(())) => {}
                Ok(Err(s)) => {
                    if !matches!(stop, Some(Stop::Interrupted)) || matches!(s, Stop::Engine(_)) {
                        stop = Some(s);
                    }
                }
                Err(_) => {
                    stop = Some(Stop::Engine(EngineError::Other(
                        "the preparing thread panicked".into(),
                    )))
                }
            }
            writer_result = writer
                .join()
                .unwrap_or_else(|_| Err(EngineError::Other("the writer thread panicked".into())));
        });
        writer_result?;
        if self.is_shared() {
            // Stage what this run stored before leaving (see `shared.rs`).
            self.take_stages(true)?;
            self.follow_store()?;
        }
        self.index.commit()?;
        if let Some(Stop::Engine(e)) = stop {
            return Err(e);
        }
        Ok(IngestReport {
            stored: get(&counters.stored),
            articles: get(&counters.articles),
            duplicates: get(&counters.duplicates),
            empty: get(&counters.empty),
            errors: get(&counters.errors),
            skipped_inputs,
            interrupted: matches!(stop, Some(Stop::Interrupted)),
        })
    }

    /// The one writer: each batch in one transaction, then the counters,
    /// the stages and the index. Returns when the channel closes or a write fails.
    fn write_batches(&mut self, rx: Receiver<Batch>, counters: &Counters) -> Result<()> {
        for batch in rx {
            if !batch.failures.is_empty() {
                self.store.record_failures(&batch.failures)?;
            }
            add(&counters.duplicates, batch.known_duplicates);
            if batch.pages.is_empty() {
                continue;
            }
            let out = self.store.insert_pages(batch.pages)?;
            let prepared = batch.prepared;
            add(&counters.stored, out.stats.new_pages);
            add(&counters.articles, out.stats.articles);
            add(&counters.duplicates, out.stats.duplicates);
            if self.is_shared() {
                // Other workers write too: follow the store, not this batch.
                self.follow_store()?;
                continue;
            }
            if out.articles.is_empty() {
                continue;
            }
            let input = StageInput {
                articles: &out.articles,
                gone: &[],
                seq: out.seq,
            };
            let prepared = match_prepared(&out.articles, prepared, self.stages.len());
            let stories = self
                .stages
                .process_prepared(&input, prepared, self.store.as_mut())?;
            self.index.apply_new(&out.articles, &stories, out.seq)?;
        }
        Ok(())
    }
}

/// Reads inputs and feeds the batcher, reporting errors as they come.
struct Reader<'a> {
    batcher: &'a mut Batcher,
    notice: &'a dyn Fn(&str),
    counters: &'a Counters,
    interrupted: &'a std::sync::atomic::AtomicBool,
    opts: ReadOptions,
    skipped_inputs: u64,
}

impl Reader<'_> {
    fn read_all<S: AsRef<str>>(&mut self, args: &[S], format: IngestFormat) -> Result<(), Stop> {
        for item in expand_inputs(args) {
            self.check_interrupt()?;
            match item {
                Expanded::Error(e) => self.error(&e.to_string()),
                Expanded::Skipped { name, reason } => {
                    // Not a page by its name: it may still be a corpus.
                    let path = Path::new(&name).to_path_buf();
                    match self.corpus_of(&path, &name, format) {
                        Some(corpus) => self.read_corpus(&path, &name, corpus)?,
                        None => {
                            self.skipped_inputs += 1;
                            (self.notice)(&format!("skipped {name}: {reason}"));
                        }
                    }
                }
                Expanded::Input(Input::Stdin) => self.read_pages(&Input::Stdin)?,
                Expanded::Input(Input::File { path, name }) => {
                    match self.corpus_of(&path, &name, format) {
                        Some(corpus) => self.read_corpus(&path, &name, corpus)?,
                        None => self.read_pages(&Input::File { path, name })?,
                    }
                }
            }
        }
        Ok(())
    }

    /// The corpus a file holds, by the format asked for or by its content.
    fn corpus_of(&mut self, path: &Path, name: &str, format: IngestFormat) -> Option<Corpus> {
        match format {
            IngestFormat::Pages => None,
            IngestFormat::Auto => match marsad_corpus::detect(path) {
                Ok(c) => c,
                Err(e) => {
                    // Reading it as pages will report the same failure.
                    tracing::debug!("{name}: {e}");
                    None
                }
            },
            IngestFormat::Corpus(c) => Some(c),
        }
    }

    fn read_pages(&mut self, input: &Input) -> Result<(), Stop> {
        for page in read_pages(input, &self.opts) {
            self.check_interrupt()?;
            match page {
                Ok(page) => self.batcher.push(Item::Page(page))?,
                Err(e) => self.error(&e.to_string()),
            }
        }
        Ok(())
    }

    fn read_corpus(&mut self, path: &Path, name: &str, corpus: Corpus) -> Result<(), Stop> {
        let version: Arc<str> = corpus.importer_version().into();
        let mut stop = None;
        let mut handle = |r: RecordResult| {
            let step = match r {
                Ok(a) => self.batcher.push(Item::Record(a, Arc::clone(&version))),
                Err(e) if e.is_empty_text() => {
                    add(&self.counters.empty, 1);
                    (self.notice)(&e.to_string());
                    Ok(())
                }
                Err(e) => {
                    self.error(&e.to_string());
                    Ok(())
                }
            };
            match step.and_then(|_| self.check_interrupt()) {
                Ok(()) => ControlFlow::Continue(()),
                Err(s) => {
                    stop = Some(s);
                    ControlFlow::Break(())
                }
            }
        };
        let _ = marsad_corpus::for_each_record(path, name, corpus, &mut handle);
        match stop {
            Some(s) => Err(s),
            None => Ok(()),
        }
    }

    fn error(&self, msg: &str) {
        add(&self.counters.errors, 1);
        (self.notice)(msg);
    }

    fn check_interrupt(&self) -> Result<(), Stop> {
        if self.interrupted.load(Ordering::Relaxed) {
            Err(Stop::Interrupted)
        } else {
            Ok(())
        }
    }
}

/// Gathers items into batches for the [`BatchPreparer`].
struct Batcher {
    items: Vec<Item>,
    bytes: usize,
    to_prepare: SyncSender<Vec<Item>>,
}

/// Prepares each batch in parallel (hashes, skips what is stored, extracts, runs the stages'
/// preparers) and sends it to the writer, on its own thread while the reader reads the next.
struct BatchPreparer<'a> {
    tx: SyncSender<Batch>,
    /// A second connection, to skip pages already stored before extracting them.
    lookup: Box<dyn Store>,
    guard: Guard,
    /// The stages' work on single articles, done here beside extraction.
    preparers: Preparers,
    notice: crate::Notice,
    counters: &'a Counters,
}

/// What the stages prepare for a page's articles before it is stored (nothing without
/// preparers).
fn prepare_articles(preparers: &Preparers, page: &NewPage) -> Vec<PreparedArticle> {
    if preparers.is_empty() {
        return Vec::new();
    }
    page.articles
        .iter()
        .map(|a| preparers.prepare(StoredArticle::from_new(0, 0, 0, a, page)))
        .collect()
}

/// A page on its way: extracted, or failed.
// Most are `Ready`; boxing would allocate once per page for nothing.
#[allow(clippy::large_enum_variant)]
enum Prepared {
    Ready(NewPage, Vec<PreparedArticle>),
    Known,
    Failed(PageFailure),
}

impl Batcher {
    fn push(&mut self, item: Item) -> Result<(), Stop> {
        self.bytes += item.bytes();
        self.items.push(item);
        if self.items.len() >= BATCH_ITEMS || self.bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Stop> {
        if self.items.is_empty() {
            return Ok(());
        }
        let items = std::mem::replace(&mut self.items, Vec::with_capacity(BATCH_ITEMS));
        self.bytes = 0;
        // A closed channel: the preparer or the writer stopped; its error is reported
        // when it is joined.
        self.to_prepare.send(items).map_err(|_| Stop::WriterGone)
    }
}

impl BatchPreparer<'_> {
    fn run(self, batches: Receiver<Vec<Item>>) -> Result<(), Stop> {
        for items in batches {
            self.prepare(items)?;
        }
        Ok(())
    }

    fn prepare(&self, items: Vec<Item>) -> Result<(), Stop> {
        let hashes: Vec<Option<ContentHash>> = items
            .par_iter()
            .map(|item| match item {
                Item::Page(p) => Some(content_hash(&p.content)),
                Item::Record(..) => None,
            })
            .collect();
        let page_hashes: Vec<ContentHash> = hashes.iter().flatten().copied().collect();
        let known = self
            .lookup
            .known_hashes(&page_hashes, EXTRACTOR_VERSION)
            .map_err(|e| Stop::Engine(e.into()))?;
        // Pages go through the guard; corpus records need no extraction.
        let mut slots: Vec<Option<Prepared>> = Vec::with_capacity(items.len());
        type Job = Box<dyn FnOnce() -> (NewPage, Vec<PreparedArticle>) + Send>;
        let mut jobs: Vec<Job> = Vec::new();
        let mut job_pages: Vec<(usize, String, ContentHash)> = Vec::new();
        let mut records = Vec::new();
        for (i, (item, hash)) in items.into_iter().zip(hashes).enumerate() {
            match (item, hash) {
                (Item::Page(page), Some(hash)) => {
                    if known.failed.contains(&hash) {
                        add(&self.counters.failed_before, 1);
                        slots.push(None);
                    } else if known.stored.contains(&hash) {
                        slots.push(Some(Prepared::Known));
                    } else {
                        slots.push(None);
                        job_pages.push((i, page.source.clone(), hash));
                        let preparers = self.preparers.clone();
                        jobs.push(Box::new(move || {
                            inject_faults(&page.content);
                            let extracted = extract(&page);
                            let new = NewPage::from_extracted_with_hash(
                                &page,
                                hash,
                                extracted,
                                EXTRACTOR_VERSION,
                            );
                            let prepared = prepare_articles(&preparers, &new);
                            (new, prepared)
                        }));
                    }
                }
                (Item::Page(_), None) => slots.push(Some(Prepared::Known)),
                (Item::Record(record, version), _) => {
                    slots.push(None);
                    records.push((i, record, version));
                }
            }
        }
        let preparers = &self.preparers;
        let prepared_records: Vec<(usize, NewPage, Vec<PreparedArticle>)> = records
            .into_par_iter()
            .map(|(i, record, version)| {
                let page = NewPage::from_clean(record, &version);
                let prepared = prepare_articles(preparers, &page);
                (i, page, prepared)
            })
            .collect();
        for (i, page, prepared) in prepared_records {
            slots[i] = Some(Prepared::Ready(page, prepared));
        }
        for ((i, source, hash), result) in job_pages.into_iter().zip(self.guard.run(jobs)) {
            slots[i] = Some(match result {
                Ok((page, prepared)) => Prepared::Ready(page, prepared),
                Err(failure) => {
                    add(&self.counters.errors, 1);
                    (self.notice)(&format!("{source}: {failure}; skipped (and on later runs)"));
                    Prepared::Failed(PageFailure {
                        content_hash: hash,
                        source,
                        error: failure.to_string(),
                        extractor_version: EXTRACTOR_VERSION.to_string(),
                    })
                }
            });
        }
        let mut batch = Batch {
            pages: Vec::new(),
            prepared: Vec::new(),
            failures: Vec::new(),
            known_duplicates: 0,
        };
        for slot in slots.into_iter().flatten() {
            match slot {
                Prepared::Ready(p, prepared) => {
                    batch.pages.push(p);
                    batch.prepared.extend(prepared);
                }
                Prepared::Known => batch.known_duplicates += 1,
                Prepared::Failed(f) => batch.failures.push(f),
            }
        }
        self.tx.send(batch).map_err(|_| Stop::WriterGone)
    }
}
