//! `marsad ingest`: pages and already-clean corpora into the store.
//!
//! The main thread reads inputs (files, folder walks, archive records) and
//! gathers them into batches; each batch is hashed and extracted in
//! parallel (rayon), then handed to the one writer thread, which stores it
//! in one transaction and only then counts it as stored and passes its
//! articles to the sink (the index). A page already in the store (same
//! content hash) is not extracted again, so re-running an interrupted
//! ingest skips quickly through what was stored and resumes.

use std::ops::ControlFlow;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;

use anyhow::{Context, Result};
use marsad_corpus::{Corpus, RecordResult};
use marsad_extract::extract;
use marsad_model::{CleanArticle, Page};
use marsad_page::{
    expand_inputs, read_pages, Expanded, Input, ReadOptions, DEFAULT_MAX_PAGE_BYTES,
};
use marsad_store::{content_hash, ArticleSink, ContentHash, NewPage, SinkError, Store, StoreError};
use rayon::prelude::*;

use crate::pipeline::{configure_threads, EXTRACTOR_VERSION};
use crate::progress::{self, Counters, Progress};
use crate::store_args::{self, DataArgs};

/// A batch is written once it holds this many pages or records…
const BATCH_ITEMS: usize = 512;
/// …or this many bytes of content, whichever comes first.
const BATCH_BYTES: usize = 16 * 1024 * 1024;
/// Batches prepared ahead of the writer; bounds memory.
const WRITE_QUEUE: usize = 2;

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
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
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
    fn corpus(self) -> Option<Corpus> {
        match self {
            Format::Jsonl => Some(Corpus::Jsonl),
            Format::Saudinewsnet => Some(Corpus::SaudiNewsNet),
            Format::Ant => Some(Corpus::Ant),
            Format::Auto | Format::Pages => None,
        }
    }
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
    /// Pages found already stored before extraction.
    known_duplicates: u64,
}

/// Why reading stopped early.
enum Stop {
    Interrupted,
    /// The writer failed; its error is reported when it is joined.
    WriterGone,
    Store(StoreError),
}

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    configure_threads(args.threads)?;
    let dir = &args.data.dir;
    let store =
        Store::open(dir).with_context(|| format!("opening the store in {}", dir.display()))?;
    let lookup = Store::open_existing(dir)?;
    let sink = store_args::open_sink(dir)?;
    let interrupted = interrupt_flag();
    let counters = Arc::new(Counters::default());
    let progress = Progress::start(
        "ingest",
        Arc::clone(&counters),
        args.progress_interval.map(std::time::Duration::from_millis),
    );

    let (tx, rx) = sync_channel::<Batch>(WRITE_QUEUE);
    let writer = {
        let counters = Arc::clone(&counters);
        std::thread::Builder::new()
            .name("marsad-writer".into())
            .spawn(move || write_batches(store, sink, rx, &counters))
            .context("starting the writer thread")?
    };

    let mut batcher = Batcher {
        items: Vec::with_capacity(BATCH_ITEMS),
        bytes: 0,
        tx,
        lookup: &lookup,
    };
    let opts = ReadOptions {
        max_page_bytes: args.max_page_size,
    };
    let mut reader = Reader {
        batcher: &mut batcher,
        progress: &progress,
        counters: &counters,
        interrupted: &interrupted,
        opts,
        skipped_inputs: 0,
    };
    let mut stop = reader.read_all(&args.inputs, args.format).err();
    let skipped_inputs = reader.skipped_inputs;
    if stop.is_none() {
        stop = batcher.flush().err();
    }
    drop(batcher);
    let report = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?;
    let elapsed = progress.elapsed();
    progress.finish();

    let line = counters.line(elapsed);
    let secs = elapsed.as_secs_f64();
    if skipped_inputs > 0 {
        eprintln!(
            "marsad: ingest: {skipped_inputs} files skipped (neither pages nor a known corpus)"
        );
    }
    if let Some(e) = report.sink_error {
        eprintln!(
            "marsad: index: {e}; the store is complete, rebuild the index from it (`marsad reindex`)"
        );
        progress::add(&counters.errors, 1);
    }
    if let Some(e) = report.store_error {
        eprintln!("marsad: ingest: {line} in {secs:.1} s");
        return Err(e).context("writing to the store");
    }
    if let Some(Stop::Store(e)) = stop {
        eprintln!("marsad: ingest: {line} in {secs:.1} s");
        return Err(e).context("reading the store");
    }
    if matches!(stop, Some(Stop::Interrupted)) {
        eprintln!(
            "marsad: ingest interrupted: {line} in {secs:.1} s; run the same command again to resume"
        );
        return Ok(ExitCode::from(130));
    }
    eprintln!("marsad: ingest: {line} in {secs:.1} s");
    Ok(if progress::get(&counters.errors) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Set on the first Ctrl-C: reading stops, what was read is not written,
/// batches already handed to the writer are committed. A second Ctrl-C
/// exits at once (the store rolls back the batch being written).
fn interrupt_flag() -> Arc<AtomicBool> {
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

/// Reads inputs and feeds the batcher, reporting errors as they come.
struct Reader<'a, 'b> {
    batcher: &'a mut Batcher<'b>,
    progress: &'a Progress,
    counters: &'a Counters,
    interrupted: &'a AtomicBool,
    opts: ReadOptions,
    skipped_inputs: u64,
}

impl Reader<'_, '_> {
    fn read_all(&mut self, args: &[String], format: Format) -> Result<(), Stop> {
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
                            self.progress
                                .println(&format!("marsad: skipped {name}: {reason}"));
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

    /// The corpus a file holds, by `--format` or by its content.
    fn corpus_of(&mut self, path: &Path, name: &str, format: Format) -> Option<Corpus> {
        match format {
            Format::Pages => None,
            Format::Auto => match marsad_corpus::detect(path) {
                Ok(c) => c,
                Err(e) => {
                    // Reading it as pages will report the same failure.
                    tracing::debug!("{name}: {e}");
                    None
                }
            },
            forced => forced.corpus(),
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
                    progress::add(&self.counters.empty, 1);
                    self.progress.println(&format!("marsad: {e}"));
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
        progress::add(&self.counters.errors, 1);
        self.progress.println(&format!("marsad: {msg}"));
    }

    fn check_interrupt(&self) -> Result<(), Stop> {
        if self.interrupted.load(Ordering::Relaxed) {
            Err(Stop::Interrupted)
        } else {
            Ok(())
        }
    }
}

/// Gathers items into batches, prepares them in parallel and sends them
/// to the writer.
struct Batcher<'a> {
    items: Vec<Item>,
    bytes: usize,
    tx: SyncSender<Batch>,
    /// A second connection, to skip pages already stored before extracting them.
    lookup: &'a Store,
}

impl Batcher<'_> {
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
        let items = std::mem::take(&mut self.items);
        self.bytes = 0;
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
            .known_hashes(&page_hashes)
            .map_err(Stop::Store)?;
        let prepared: Vec<Option<NewPage>> = items
            .into_par_iter()
            .zip(hashes)
            .map(|(item, hash)| match (item, hash) {
                (Item::Page(page), Some(hash)) => (!known.contains(&hash)).then(|| {
                    NewPage::from_extracted_with_hash(
                        &page,
                        hash,
                        extract(&page),
                        EXTRACTOR_VERSION,
                    )
                }),
                (Item::Page(_), None) => None,
                (Item::Record(record, version), _) => Some(NewPage::from_clean(record, &version)),
            })
            .collect();
        let known_duplicates = prepared.iter().filter(|p| p.is_none()).count() as u64;
        let pages = prepared.into_iter().flatten().collect();
        self.tx
            .send(Batch {
                pages,
                known_duplicates,
            })
            .map_err(|_| Stop::WriterGone)
    }
}

/// What the writer thread ended with.
struct WriterReport {
    store_error: Option<StoreError>,
    sink_error: Option<SinkError>,
}

/// The one writer: each batch in one transaction, then the counters and
/// the sink. Returns when the channel closes or the store fails.
fn write_batches(
    mut store: Store,
    mut sink: Box<dyn ArticleSink + Send>,
    rx: Receiver<Batch>,
    counters: &Counters,
) -> WriterReport {
    let mut report = WriterReport {
        store_error: None,
        sink_error: None,
    };
    for batch in rx {
        let want = report.sink_error.is_none() && sink.wants_articles();
        match store.insert_prepared(batch.pages, want) {
            Ok(out) => {
                progress::add(&counters.stored, out.stats.new_pages);
                progress::add(&counters.articles, out.stats.articles);
                progress::add(
                    &counters.duplicates,
                    out.stats.duplicates + batch.known_duplicates,
                );
                if want {
                    if let Err(e) = sink.add(&out.articles) {
                        report.sink_error = Some(e);
                    }
                }
            }
            Err(e) => {
                report.store_error = Some(e);
                break;
            }
        }
    }
    if report.sink_error.is_none() {
        if let Err(e) = sink.commit() {
            report.sink_error = Some(e);
        }
    }
    report
}
