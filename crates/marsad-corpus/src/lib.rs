//! Importers of already-clean news corpora into [`CleanArticle`]s.
//!
//! Each importer streams its input and yields one
//! `Result<CleanArticle, RecordError>` per record: a bad record is reported
//! and skipped, never fatal to the rest of the file.
//!
//! * [`jsonl`]: JSON Lines with `title`, `text`, `url`, `date`, `outlet`.
//! * [`saudinewsnet`]: SaudiNewsNet zips (one JSON array each). The corpus
//!   has only the crawl date: it goes to `fetched`, `published` stays empty.
//! * [`ant`]: the ANT corpus, a tar.gz of TREC-style `<DOC>` files (or such
//!   files on their own), read with a tolerant tag scanner.
//!
//! [`detect`] recognises a corpus file by its content; [`for_each_record`]
//! reads one whatever its kind.

pub mod ant;
pub mod json_array;
pub mod jsonl;
pub mod outlets;
pub mod saudinewsnet;

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

pub use marsad_model::CleanArticle;

/// Why one record (or the rest of a file) was not imported.
#[derive(Debug, thiserror::Error)]
#[error("{record}: {kind}")]
pub struct RecordError {
    /// The record as `file#record`, or the file when the whole file failed.
    pub record: String,
    pub kind: RecordErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum RecordErrorKind {
    /// The record has no body text: skipped, a known property of some corpora.
    #[error("empty text, skipped")]
    EmptyText,
    /// The record cannot be read as a record of this corpus.
    #[error("{0}")]
    Invalid(String),
    /// The file could not be read on; the records after this are lost.
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl RecordError {
    pub fn new(record: impl Into<String>, kind: RecordErrorKind) -> Self {
        RecordError {
            record: record.into(),
            kind,
        }
    }

    pub(crate) fn invalid(record: impl Into<String>, why: impl fmt::Display) -> Self {
        Self::new(record, RecordErrorKind::Invalid(why.to_string()))
    }

    /// Whether this is a skipped empty record rather than a failure.
    pub fn is_empty_text(&self) -> bool {
        matches!(self.kind, RecordErrorKind::EmptyText)
    }
}

/// One record's outcome.
pub type RecordResult = Result<CleanArticle, RecordError>;

/// The corpus formats marsad imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Corpus {
    Jsonl,
    SaudiNewsNet,
    Ant,
}

impl Corpus {
    /// The name stored as the record's `format` (`jsonl`, `saudinewsnet`, `ant`).
    pub fn name(self) -> &'static str {
        match self {
            Corpus::Jsonl => "jsonl",
            Corpus::SaudiNewsNet => "saudinewsnet",
            Corpus::Ant => "ant",
        }
    }

    /// Which importer version wrote a record (stored as `extractor_version`).
    pub fn importer_version(self) -> String {
        format!("{} {}", self.name(), env!("CARGO_PKG_VERSION"))
    }
}

impl fmt::Display for Corpus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How much of a file is looked at to recognise it.
const SNIFF_BYTES: usize = 64 * 1024;

/// Regular files looked into at the start of a tar.gz for a `<DOC>`.
const TAR_SNIFF_FILES: usize = 16;

/// Which corpus a file holds, from its content: a zip whose first JSON
/// member is an array (SaudiNewsNet), a tar.gz whose first files include a
/// `<DOC>` (ANT), a `<DOC>` file, or JSON Lines (the first line is a JSON
/// object, or a `.jsonl`/`.ndjson` file starts with `{`). `None` for
/// anything else (pages, unknown data).
pub fn detect(path: &Path) -> io::Result<Option<Corpus>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    File::open(path)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    if head.starts_with(b"PK\x03\x04") {
        return Ok(saudinewsnet::looks_like_json_zip(path)?.then_some(Corpus::SaudiNewsNet));
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Ok(ant::looks_like_doc_tar_gz(path, TAR_SNIFF_FILES)?.then_some(Corpus::Ant));
    }
    let text = trim_start(&head);
    if ant::starts_with_doc(text) {
        return Ok(Some(Corpus::Ant));
    }
    let jsonl_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    // A `.jsonl` whose first record is longer than the sniffed head is still one.
    if jsonl::first_line_is_object(text, head.len() < SNIFF_BYTES)
        || (jsonl_name && text.starts_with(b"{"))
    {
        return Ok(Some(Corpus::Jsonl));
    }
    Ok(None)
}

/// Bytes after a byte-order mark and leading whitespace.
pub(crate) fn trim_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Read every record of `path` as `corpus`, calling `f` with each outcome
/// (a file that cannot be opened is one error). `name` is how records are
/// named (`name#record`). `f` can stop the reading with `Break`.
pub fn for_each_record(
    path: &Path,
    name: &str,
    corpus: Corpus,
    f: &mut dyn FnMut(RecordResult) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let fail = |e: io::Error| RecordError::new(name, RecordErrorKind::Io(e));
    match corpus {
        Corpus::Jsonl => match File::open(path) {
            Ok(file) => drain(jsonl::JsonlRecords::new(BufReader::new(file), name), f),
            Err(e) => f(Err(fail(e))),
        },
        Corpus::SaudiNewsNet => match saudinewsnet::SaudiNewsNetRecords::open(path, name) {
            Ok(records) => drain(records, f),
            Err(e) => f(Err(e)),
        },
        Corpus::Ant => ant::for_each_in_file(path, name, f),
    }
}

fn drain(
    records: impl Iterator<Item = RecordResult>,
    f: &mut dyn FnMut(RecordResult) -> ControlFlow<()>,
) -> ControlFlow<()> {
    for r in records {
        f(r)?;
    }
    ControlFlow::Continue(())
}

/// Body text as marsad stores it: the lines of `raw`, trimmed, empty ones
/// dropped, joined by blank lines.
pub fn join_paragraphs(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + raw.len() / 8);
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
    }
    out
}

/// A field trimmed, `None` when empty.
pub(crate) fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_trimmed_lines_joined_by_blank_lines() {
        assert_eq!(
            join_paragraphs("  أول سطر \r\n\n\nثاني\u{a0}\n   \nثالث"),
            "أول سطر\n\nثاني\n\nثالث"
        );
        assert_eq!(join_paragraphs(" \n \n"), "");
    }
}
