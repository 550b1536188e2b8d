//! Reading pages: paths, folders and stdin in; decoded [`Page`]s out.
//!
//! This stage knows about files, compression, encodings and container
//! formats (WARC); it knows nothing about articles. Every failure is a
//! [`ReadError`] that names its input, and one bad input never stops the
//! others: callers get one `Result` per page.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use marsad_model::{Page, PageFormat};

pub mod decode;
mod html_charset;
pub mod sniff;
mod warc;

pub use decode::{decode, looks_binary};
pub use html_charset::declared_charset;
pub use sniff::{sniff, Sniffed};

/// Default largest page (or WARC record payload) accepted: 64 MiB.
pub const DEFAULT_MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// A page more than this share (in percent) of whose characters cannot be
/// decoded is refused rather than passed on as garbage.
const MAX_UNDECODABLE_PERCENT: usize = 10;

/// File name endings taken from a folder walk. Other files are skipped with a
/// note; a file named explicitly on the command line is always tried.
const PAGE_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "warc",
];

#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub max_page_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }
}

/// Why an input (or one record of it) could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{input}: {kind}")]
pub struct ReadError {
    /// The input as named by the user (`path`, `path#3`, `-`).
    pub input: String,
    pub kind: ReadErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadErrorKind {
    #[error("no such file or directory")]
    NotFound,
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("page is {size} bytes, over the limit of {limit} bytes (see --max-page-size)")]
    TooLarge { size: u64, limit: u64 },
    #[error("empty file")]
    Empty,
    #[error("binary data, not a text or HTML page")]
    Binary,
    #[error("{0}, not a page")]
    NotAPage(&'static str),
    #[error("unknown encoding: {percent}% of the text cannot be decoded (tried {encoding})")]
    Undecodable {
        encoding: &'static str,
        percent: usize,
    },
    #[error("folder holds no files")]
    EmptyFolder,
    #[error("corrupt gzip data: {0}")]
    Gzip(io::Error),
    #[error("WARC record {record}: {reason}")]
    Warc { record: usize, reason: String },
}

impl ReadError {
    pub fn new(input: impl Into<String>, kind: ReadErrorKind) -> Self {
        ReadError {
            input: input.into(),
            kind,
        }
    }

    /// The reason alone, without the input's name (for the JSON `error` field).
    pub fn reason(&self) -> String {
        self.kind.to_string()
    }
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File { path: PathBuf, name: String },
    Stdin,
}

impl Input {
    pub fn name(&self) -> &str {
        match self {
            Input::File { name, .. } => name,
            Input::Stdin => "-",
        }
    }
}

/// What the command-line arguments expand to, in order.
#[derive(Debug)]
pub enum Expanded {
    Input(Input),
    /// A file in a folder walk that is not a page (noted, not an error).
    Skipped {
        name: String,
        reason: String,
    },
    Error(ReadError),
}

/// Expand arguments into inputs: files as given, folders walked recursively
/// in name order, `-` for stdin.
pub fn expand_inputs<S: AsRef<str>>(args: &[S]) -> Vec<Expanded> {
    let mut out = Vec::new();
    for arg in args {
        let arg = arg.as_ref();
        if arg == "-" {
            out.push(Expanded::Input(Input::Stdin));
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => out.push(Expanded::Error(
                ReadError::new(arg, ReadErrorKind::NotFound),
            )),
            Err(e) => out.push(Expanded::Error(ReadError::new(arg, e.into()))),
            Ok(m) if m.is_dir() => walk_folder(arg, &mut out),
            Ok(_) => out.push(Expanded::Input(Input::File {
                path: path.to_path_buf(),
                name: arg.to_string(),
            })),
        }
    }
    out
}

fn walk_folder(root: &str, out: &mut Vec<Expanded>) {
    let before = out.len();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Err(e) => {
                let name = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.to_string());
                let kind = match e.into_io_error() {
                    Some(io) => ReadErrorKind::Io(io),
                    None => ReadErrorKind::Io(io::Error::other("filesystem loop")),
                };
                out.push(Expanded::Error(ReadError::new(name, kind)));
            }
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.path();
                let name = path.display().to_string();
                if is_page_file_name(path) {
                    out.push(Expanded::Input(Input::File {
                        path: path.to_path_buf(),
                        name,
                    }));
                } else if !is_hidden(path) {
                    out.push(Expanded::Skipped {
                        name,
                        reason: "not a page file (by its name)".into(),
                    });
                }
            }
            Ok(_) => {}
        }
    }
    if out.len() == before {
        out.push(Expanded::Error(ReadError::new(
            root,
            ReadErrorKind::EmptyFolder,
        )));
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Whether a file name found in a folder walk looks like a page.
pub fn is_page_file_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    match base.rsplit_once('.') {
        None => true, // no extension: crawlers often save pages so; content decides
        Some((_, ext)) => PAGE_EXTENSIONS.contains(&ext),
    }
}

/// The pages an input holds: one for a text or HTML file, one per response
/// record for a WARC file (read lazily, so a large crawl is streamed).
pub type PageStream = Box<dyn Iterator<Item = Result<Page, ReadError>> + Send>;

pub fn read_pages(input: &Input, opts: &ReadOptions) -> PageStream {
    let name = input.name().to_string();
    match open_stream(input, opts) {
        Ok(stream) => stream,
        Err(kind) => Box::new(std::iter::once(Err(ReadError::new(name, kind)))),
    }
}

/// The pages read from any byte stream, named `name` (what [`read_pages`]
/// does once a file is open; fuzzing and in-memory callers start here).
pub fn read_pages_from(name: &str, raw: Box<dyn Read + Send>, opts: &ReadOptions) -> PageStream {
    match stream_pages(name.to_string(), raw, opts) {
        Ok(stream) => stream,
        Err(kind) => Box::new(std::iter::once(Err(ReadError::new(name, kind)))),
    }
}

fn open_stream(input: &Input, opts: &ReadOptions) -> Result<PageStream, ReadErrorKind> {
    let name = input.name().to_string();
    let raw: Box<dyn Read + Send> = match input {
        Input::Stdin => Box::new(io::stdin()),
        Input::File { path, .. } => {
            let file = File::open(path).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => ReadErrorKind::NotFound,
                _ => ReadErrorKind::Io(e),
            })?;
            let meta = file.metadata()?;
            if meta.is_dir() {
                return Err(ReadErrorKind::Io(io::Error::other("is a folder")));
            }
            if meta.len() == 0 {
                return Err(ReadErrorKind::Empty);
            }
            Box::new(file)
        }
    };
    stream_pages(name, raw, opts)
}

fn stream_pages(
    name: String,
    raw: Box<dyn Read + Send>,
    opts: &ReadOptions,
) -> Result<PageStream, ReadErrorKind> {
    let mut reader = BufReader::with_capacity(64 * 1024, raw);
    let head = reader.fill_buf()?;
    if head.is_empty() {
        return Err(ReadErrorKind::Empty);
    }
    let mut gzipped = false;
    let mut reader: Box<dyn BufRead + Send> = if sniff(head) == Sniffed::Gzip {
        gzipped = true;
        Box::new(BufReader::with_capacity(
            64 * 1024,
            warc::GzMembers::new(reader),
        ))
    } else {
        Box::new(reader)
    };
    let head = reader.fill_buf().map_err(|e| {
        if gzipped {
            ReadErrorKind::Gzip(e)
        } else {
            ReadErrorKind::Io(e)
        }
    })?;
    if head.is_empty() {
        return Err(ReadErrorKind::Empty);
    }
    match sniff(head) {
        Sniffed::Warc => Ok(warc::records(reader, name, opts.clone())),
        Sniffed::Json => Err(ReadErrorKind::NotAPage("JSON data")),
        Sniffed::Gzip => Err(ReadErrorKind::NotAPage("gzip data inside gzip")),
        Sniffed::Html | Sniffed::Text => {
            let bytes = read_limited(reader, opts.max_page_bytes, gzipped)?;
            let page = page_from_bytes(name, bytes, None, None)?;
            Ok(Box::new(std::iter::once(Ok(page))))
        }
    }
}

fn read_limited(reader: impl Read, limit: u64, gzipped: bool) -> Result<Vec<u8>, ReadErrorKind> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            if gzipped {
                ReadErrorKind::Gzip(e)
            } else {
                ReadErrorKind::Io(e)
            }
        })?;
    if bytes.len() as u64 > limit {
        return Err(ReadErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Decode one page's bytes, deciding text or HTML from its content.
///
/// `declared` is a charset named outside the bytes (an HTTP header). WARC
/// records pass their URL and fetch date.
pub(crate) fn page_from_bytes(
    name: String,
    bytes: Vec<u8>,
    declared: Option<&'static encoding_rs::Encoding>,
    warc_meta: Option<(Option<String>, Option<String>)>,
) -> Result<Page, ReadErrorKind> {
    if bytes.is_empty() {
        return Err(ReadErrorKind::Empty);
    }
    if looks_binary(&bytes) {
        return Err(ReadErrorKind::Binary);
    }
    let kind = sniff(&bytes);
    let format = match (kind, &warc_meta) {
        (Sniffed::Json, None) => return Err(ReadErrorKind::NotAPage("JSON data")),
        (_, Some(_)) => PageFormat::Warc,
        (Sniffed::Html, None) => PageFormat::Html,
        _ => PageFormat::Text,
    };
    let declared = declared.or_else(|| {
        if kind == Sniffed::Html {
            declared_charset(&bytes)
        } else {
            None
        }
    });
    let (content, decoded) = decode(bytes, declared);
    if decoded.had_errors {
        let chars = content.chars().count().max(1);
        let replaced = content.chars().filter(|&c| c == '\u{FFFD}').count();
        if replaced * 100 > chars * MAX_UNDECODABLE_PERCENT {
            return Err(ReadErrorKind::Undecodable {
                encoding: decoded.encoding.name(),
                percent: replaced * 100 / chars,
            });
        }
    }
    let (url, fetched) = warc_meta.unwrap_or((None, None));
    Ok(Page {
        source: name,
        format,
        url,
        fetched,
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_by_extension() {
        assert!(is_page_file_name(Path::new("a/b.txt")));
        assert!(is_page_file_name(Path::new("a/b.HTML.gz")));
        assert!(is_page_file_name(Path::new("crawl.warc.gz")));
        assert!(is_page_file_name(Path::new("page")));
        assert!(!is_page_file_name(Path::new("gold.json")));
        assert!(!is_page_file_name(Path::new("photo.jpg")));
        assert!(!is_page_file_name(Path::new(".hidden.txt")));
    }
}

#[cfg(test)]
mod decode_errors {
    use super::*;

    #[test]
    fn text_in_an_unknown_encoding_is_refused_with_a_reason() {
        // Declared UTF-16 bytes that are not UTF-16 at all: mostly lone surrogates.
        let mut bytes = vec![0xFF, 0xFE];
        for _ in 0..200 {
            bytes.extend_from_slice(&[0x00, 0xDC]);
        }
        let err = page_from_bytes("x.txt".into(), bytes, None, None).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("unknown encoding"), "{msg}");
        assert!(msg.contains("UTF-16LE"), "{msg}");
    }

    #[test]
    fn a_few_broken_bytes_do_not_refuse_a_page() {
        let mut bytes = "بوتين يصل إلى بيونغ يانغ في أول زيارة منذ ربع قرن. "
            .repeat(20)
            .into_bytes();
        bytes.push(0xFF);
        let page = page_from_bytes("x.txt".into(), bytes, None, None).unwrap();
        assert!(page.content.starts_with("بوتين"));
    }
}
