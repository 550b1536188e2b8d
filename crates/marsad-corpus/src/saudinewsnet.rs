//! SaudiNewsNet: zips each holding one JSON array of
//! `{source, url, date_extracted, title, author, content}`.
//!
//! * `date_extracted` is when the crawler fetched the article, not when it
//!   was published: it is kept as `fetched`, `published` stays empty.
//! * Records with an empty `content` (354 in the corpus) are reported and
//!   skipped; an empty `title` (67) is imported without a title.
//! * `source` ids become outlet display names ([`crate::outlets`]); the data
//!   spells one `arriyadiyah` where its README says `arreyadiyah`: both work.
//!
//! The array is streamed element by element from the zip member, so memory
//! holds one record at a time.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use flate2::read::DeflateDecoder;
use flate2::CrcReader;
use serde::Deserialize;
use zip::CompressionMethod;

use crate::json_array::JsonArrayElements;
use crate::{join_paragraphs, non_empty, outlets, CleanArticle, RecordError, RecordErrorKind};

#[derive(Debug, Deserialize)]
struct Record {
    source: Option<String>,
    url: Option<String>,
    date_extracted: Option<String>,
    title: Option<String>,
    author: Option<String>,
    content: Option<String>,
}

/// Where one JSON member's data lies in the zip file.
#[derive(Debug, Clone)]
struct Member {
    name: String,
    data_start: u64,
    compressed_size: u64,
    size: u64,
    crc32: u32,
    method: CompressionMethod,
}

type Elements = JsonArrayElements<BufReader<Box<dyn Read + Send>>>;

/// The records of a SaudiNewsNet zip (every `.json` member, in order),
/// named `name#N` with N counting records from 1 across the zip.
pub struct SaudiNewsNetRecords {
    path: PathBuf,
    name: String,
    members: VecDeque<Member>,
    current: Option<Elements>,
    record: usize,
}

impl SaudiNewsNetRecords {
    pub fn open(path: &Path, name: &str) -> Result<Self, RecordError> {
        let fail = |why: String| RecordError::invalid(name, why);
        let file = File::open(path).map_err(|e| RecordError::new(name, e.into()))?;
        let mut zip =
            zip::ZipArchive::new(BufReader::new(file)).map_err(|e| fail(format!("zip: {e}")))?;
        let mut members = VecDeque::new();
        for i in 0..zip.len() {
            let m = zip
                .by_index_raw(i)
                .map_err(|e| fail(format!("zip member {i}: {e}")))?;
            let member_name = m
                .name()
                .map_err(|e| fail(format!("zip member {i}: {e}")))?
                .to_string();
            if m.is_file() && member_name.to_ascii_lowercase().ends_with(".json") {
                let data_start = m
                    .data_start()
                    .ok_or_else(|| fail(format!("zip member {member_name}: no data offset")))?;
                members.push_back(Member {
                    name: member_name,
                    data_start,
                    compressed_size: m.compressed_size(),
                    size: m.size(),
                    crc32: m.crc32(),
                    method: m.compression(),
                });
            }
        }
        if members.is_empty() {
            return Err(fail("zip holds no .json member".into()));
        }
        Ok(SaudiNewsNetRecords {
            path: path.to_path_buf(),
            name: name.to_string(),
            members,
            current: None,
            record: 0,
        })
    }

    fn open_member(&self, m: &Member) -> io::Result<Elements> {
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(m.data_start))?;
        let raw = file.take(m.compressed_size);
        let decoded: Box<dyn Read + Send> = match m.method {
            CompressionMethod::Stored => Box::new(raw),
            CompressionMethod::Deflated => Box::new(DeflateDecoder::new(BufReader::new(raw))),
            other => {
                return Err(io::Error::other(format!(
                    "{}: unsupported zip compression {other}",
                    m.name
                )))
            }
        };
        let checked: Box<dyn Read + Send> = Box::new(Checked {
            inner: CrcReader::new(decoded),
            crc32: m.crc32,
            size: m.size,
            done: false,
        });
        Ok(JsonArrayElements::new(BufReader::with_capacity(
            256 * 1024,
            checked,
        )))
    }
}

impl Iterator for SaudiNewsNetRecords {
    type Item = Result<CleanArticle, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_none() {
                let m = self.members.pop_front()?;
                match self.open_member(&m) {
                    Ok(e) => self.current = Some(e),
                    Err(e) => {
                        return Some(Err(RecordError::new(
                            format!("{}#{}", self.name, m.name),
                            e.into(),
                        )))
                    }
                }
            }
            let elements = self.current.as_mut()?;
            match elements.next() {
                None => self.current = None,
                Some(Ok(bytes)) => {
                    self.record += 1;
                    let source = format!("{}#{}", self.name, self.record);
                    return Some(parse_record(&bytes, source));
                }
                Some(Err(e)) => {
                    self.current = None;
                    let at = format!("{}#{}", self.name, self.record + 1);
                    return Some(Err(RecordError::invalid(at, e)));
                }
            }
        }
    }
}

/// One SaudiNewsNet record from its JSON bytes.
pub fn parse_record(bytes: &[u8], source: String) -> Result<CleanArticle, RecordError> {
    let r: Record = serde_json::from_slice(bytes).map_err(|e| RecordError::invalid(&source, e))?;
    let text = join_paragraphs(r.content.as_deref().unwrap_or(""));
    if text.is_empty() {
        return Err(RecordError::new(source, RecordErrorKind::EmptyText));
    }
    Ok(CleanArticle {
        source,
        corpus: "saudinewsnet".to_string(),
        url: non_empty(r.url.as_deref()),
        title: non_empty(r.title.as_deref()),
        subtitle: None,
        text,
        published: None,
        fetched: non_empty(r.date_extracted.as_deref()),
        outlet: r.source.as_deref().and_then(outlets::display_name),
        byline: non_empty(r.author.as_deref()),
    })
}

/// Whether a zip's first `.json` member holds a JSON array.
pub(crate) fn looks_like_json_zip(path: &Path) -> io::Result<bool> {
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(File::open(path)?)) else {
        return Ok(false);
    };
    for i in 0..zip.len() {
        let Ok(member) = zip.by_index(i) else {
            return Ok(false);
        };
        let is_json = member
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with(".json"));
        if !(member.is_file() && is_json) {
            continue;
        }
        let mut head = Vec::new();
        if member.take(4096).read_to_end(&mut head).is_err() {
            return Ok(false);
        }
        return Ok(crate::trim_start(&head).starts_with(b"["));
    }
    Ok(false)
}

/// A reader that checks the zip member's CRC-32 and size at its end.
struct Checked<R> {
    inner: CrcReader<R>,
    crc32: u32,
    size: u64,
    done: bool,
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() && !self.done {
            self.done = true;
            let crc = self.inner.crc();
            if crc.sum() != self.crc32 || crc.amount() != self.size as u32 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "zip member is corrupt (checksum mismatch)",
                ));
            }
        }
        Ok(n)
    }
}

/// The records of a bare JSON array (no zip), for tests and tools.
pub fn records_from_reader<R: BufRead>(
    reader: R,
    name: &str,
) -> impl Iterator<Item = Result<CleanArticle, RecordError>> {
    let name = name.to_string();
    let mut n = 0;
    JsonArrayElements::new(reader).map(move |r| {
        n += 1;
        let source = format!("{name}#{n}");
        match r {
            Ok(bytes) => parse_record(&bytes, source),
            Err(e) => Err(RecordError::invalid(source, e)),
        }
    })
}
