//! WARC files: one page per `response` record with an HTML payload.
//!
//! # Why a hand-written reader
//!
//! The `warc` crate (0.4.0, the WARC reader on crates.io) was measured before
//! writing this one. Its framing alone is fast (about 1.3 GB/s through
//! `iter_raw_records` on a 200 MB file), but it does not survive the damage
//! crawls really have:
//!
//! - a record whose `Content-Length` is longer than its data swallows the
//!   records after it: with record 2 of 4 cut short, `iter_raw_records`
//!   returns record 1 and one error, and records 3 and 4 are lost;
//! - a `Content-Length` that is too short gives a train of header errors,
//!   and `stream_records` never finds its feet again: it yields errors forever;
//! - `iter_records` buffers every body whole, with no size limit;
//! - gzip goes through a plain multi-member decoder (libflate), with no way
//!   to step over a corrupt member; `from_path` fails on current Rust (it
//!   opens with `create(true)` but no write access); and it brings chrono,
//!   nom 7, url and uuid 0.8 along.
//!
//! WARC framing is small (a version line, `Name: value` lines, a blank line,
//! `Content-Length` bytes, CRLF CRLF), so this module reads it by hand, with
//! recovery as the main design goal.
//!
//! # Record numbers
//!
//! A page's `source` is `<path>#<N>`, where N is the 1-based position of the
//! record in the file, counting *every* record (warcinfo, request, metadata…),
//! not only the pages. Numbers then agree with any tool that counts records,
//! and stay the same if a skipped record type becomes interesting later.
//! After damage, the next record found by resynchronization gets the next
//! number; bytes that stand where a record should and are not one count as
//! a record (in a `.warc.gz` they usually are one: a damaged member).
//!
//! # Recovery
//!
//! Records are read one at a time: a record's block is buffered only when it
//! is at most `max_page_bytes` (larger blocks are skipped without buffering),
//! so memory is bounded by one record whatever the file size. A block must be
//! followed by CRLF CRLF, or by blank lines and then `WARC/` or the end of
//! the file. When it is not (or the file ends inside it), the record is
//! reported as an error and reading resynchronizes on the next line that
//! starts with `WARC/1.`: first inside the buffered block (a record cut short
//! and followed at once by the next record is the usual case), then forward.
//!
//! `.warc.gz` files are decoded by [`GzMembers`] (in `open_stream`), which
//! returns an error for a corrupt gzip member and then goes on at the next
//! member, so a damaged member costs its own record and no other. One limit:
//! when the first member is corrupt from its start, the file's format cannot
//! be sniffed and the whole file is one error.

use std::io::{self, BufRead, Read};

use encoding_rs::Encoding;
use memchr::{memchr, memmem};

use crate::{page_from_bytes, sniff, PageStream, ReadError, ReadErrorKind, ReadOptions, Sniffed};

/// Largest WARC header block accepted (real ones are well under 2 KiB).
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// How much of an oversized record's block is read to see its HTTP headers
/// (to skip large images and videos silently rather than as errors).
const HTTP_HEAD_PEEK: u64 = 64 * 1024;

/// First allocation for a record block; a lying `Content-Length` must not
/// make us allocate up to the page limit before any byte arrives.
const INITIAL_BLOCK_CAPACITY: u64 = 256 * 1024;

/// What a line must start with to be taken as a record start when resynchronizing.
const RESYNC_MARK: &[u8] = b"WARC/1.";

/// HTTP media types read as pages. Anything else with a Content-Type is skipped.
const HTML_MEDIA_TYPES: &[&str] = &["text/html", "application/xhtml+xml"];

/// After this many read errors in a row with no data between them the input
/// is taken to be unreadable and reading stops.
const MAX_ERRORS_IN_A_ROW: usize = 64;

/// Raw bytes kept by [`GzMembers`] so that, after a corrupt member, the next
/// member can be looked for from the start of the corrupt one.
const GZ_WINDOW: usize = 1024 * 1024;

/// The start of a gzip member: magic and the deflate method.
const GZIP_MEMBER_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];

pub(crate) fn records(
    reader: Box<dyn BufRead + Send>,
    name: String,
    opts: ReadOptions,
) -> PageStream {
    Box::new(Records {
        src: Source::new(reader),
        name,
        opts,
        number: 0,
        next: Next::Record,
        pending_error: None,
    })
}

/// What the reader does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Read a record at the current position.
    Record,
    /// Scan forward for a line starting with `WARC/1.`; `at_line_start` says
    /// whether the current position is the start of a line.
    Resync {
        at_line_start: bool,
    },
    Done,
}

/// Why a record gave no page, and where reading goes on.
struct Failure {
    kind: ReadErrorKind,
    then: Next,
}

struct Records {
    src: Source,
    name: String,
    opts: ReadOptions,
    /// Number of the record being read (records seen so far).
    number: usize,
    next: Next,
    /// An error that belongs to the next record: a corrupt gzip member found
    /// while checking the end of the record before it.
    pending_error: Option<String>,
}

impl Iterator for Records {
    type Item = Result<crate::Page, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(reason) = self.pending_error.take() {
                self.number += 1;
                self.next = Next::Resync {
                    at_line_start: true,
                };
                return Some(Err(self.warc_error(reason)));
            }
            match self.next {
                Next::Done => return None,
                Next::Resync { at_line_start } => {
                    if !self.resync(at_line_start) {
                        self.next = Next::Done;
                        return None;
                    }
                    self.next = Next::Record;
                }
                Next::Record => {}
            }
            match skip_blank_lines(&mut self.src) {
                Ok(true) => {}
                Ok(false) => {
                    self.next = Next::Done;
                    return None;
                }
                Err(e) => {
                    self.number += 1;
                    self.next = Next::Resync {
                        at_line_start: true,
                    };
                    return Some(Err(self.warc_error(io_reason(&e))));
                }
            }
            self.number += 1;
            match self.read_record() {
                Ok(Some(page)) => return Some(Ok(page)),
                Ok(None) => continue,
                Err(failure) => {
                    self.next = failure.then;
                    return Some(Err(ReadError::new(self.source(), failure.kind)));
                }
            }
        }
    }
}

/// The WARC header fields this reader uses.
#[derive(Debug, Default)]
struct WarcHead {
    warc_type: Option<String>,
    content_length: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
}

impl Records {
    fn source(&self) -> String {
        format!("{}#{}", self.name, self.number)
    }

    fn warc_error(&self, reason: String) -> ReadError {
        ReadError::new(
            self.source(),
            ReadErrorKind::Warc {
                record: self.number,
                reason,
            },
        )
    }

    fn fail(&self, reason: String, then: Next) -> Failure {
        Failure {
            kind: ReadErrorKind::Warc {
                record: self.number,
                reason,
            },
            then,
        }
    }

    fn io_fail(&self, e: &io::Error) -> Failure {
        self.fail(
            io_reason(e),
            Next::Resync {
                at_line_start: true,
            },
        )
    }

    /// Read one record; `Ok(None)` for a record that is not a page.
    fn read_record(&mut self) -> Result<Option<crate::Page>, Failure> {
        let head = self.read_warc_head()?;
        let length = head
            .content_length
            .as_deref()
            .ok_or_else(|| self.fail("no Content-Length header".into(), resync_here()))?;
        let length: u64 = length.trim().parse().map_err(|_| {
            self.fail(
                format!("bad Content-Length {:?}", preview(length.as_bytes())),
                resync_here(),
            )
        })?;
        if length > self.opts.max_page_bytes {
            return self.skip_oversized(&head, length);
        }

        let mut block = Vec::with_capacity(length.min(INITIAL_BLOCK_CAPACITY) as usize);
        if let Err(e) = read_up_to(&mut self.src, length, &mut block) {
            return Err(self.io_fail(&e));
        }
        if (block.len() as u64) < length {
            let reason = damaged_block_reason(length, &block, true);
            let then = self.rescan(block);
            return Err(self.fail(reason, then));
        }
        match self.at_record_boundary() {
            Ok(true) => {}
            Ok(false) => {
                let reason = damaged_block_reason(length, &block, false);
                let then = self.rescan(block);
                return Err(self.fail(reason, then));
            }
            Err(e) if gzip_error_after_record(&e) => {
                // This record is whole; the gzip member after it is corrupt.
                self.pending_error = Some(io_reason(&e));
            }
            Err(e) => return Err(self.io_fail(&e)),
        }

        if !is_http_response(&head) || block.is_empty() {
            return Ok(None);
        }
        let http = parse_http(&block).map_err(|reason| self.fail(reason, Next::Record))?;
        if http.is_redirect() {
            return Ok(None);
        }
        let declared_html = http.declares_html();
        if declared_html == Some(false) {
            return Ok(None);
        }
        block.drain(..http.body_start);
        let payload = http
            .decode_body(block, self.opts.max_page_bytes)
            .map_err(|reason| self.fail(reason, Next::Record))?;
        if payload.is_empty() {
            return Ok(None);
        }
        if declared_html.is_none() && sniff(&payload) != Sniffed::Html {
            return Ok(None);
        }
        page_from_bytes(
            self.source(),
            payload,
            http.charset(),
            Some((head.target_uri, head.date)),
        )
        .map(Some)
        .map_err(|kind| Failure {
            kind,
            then: Next::Record,
        })
    }

    /// Read the header block of a record, from its version line to the blank line.
    fn read_warc_head(&mut self) -> Result<WarcHead, Failure> {
        let mut raw = Vec::with_capacity(1024);
        let mut head = WarcHead::default();
        let mut limited = (&mut self.src).take(MAX_HEADER_BYTES);
        let mut first = true;
        loop {
            let start = raw.len();
            let read = limited.read_until(b'\n', &mut raw);
            if let Err(e) = read {
                return Err(self.io_fail(&e));
            }
            if !raw.ends_with(b"\n") {
                let reason = if raw.len() as u64 >= MAX_HEADER_BYTES {
                    format!("WARC header is over {MAX_HEADER_BYTES} bytes")
                } else {
                    "record truncated in its WARC header".to_string()
                };
                return Err(self.fail(
                    reason,
                    Next::Resync {
                        at_line_start: false,
                    },
                ));
            }
            let line = trim_eol(&raw[start..]);
            if first {
                if !line.starts_with(b"WARC/") {
                    return Err(self.fail(
                        format!("not a WARC record: starts with {:?}", preview(line)),
                        resync_here(),
                    ));
                }
                first = false;
                continue;
            }
            if line.is_empty() {
                return Ok(head);
            }
            let Some(colon) = memchr(b':', line) else {
                continue; // not a field (or a folded continuation): nothing we use
            };
            let name = &line[..colon];
            let slot = if name.eq_ignore_ascii_case(b"WARC-Type") {
                &mut head.warc_type
            } else if name.eq_ignore_ascii_case(b"Content-Length") {
                &mut head.content_length
            } else if name.eq_ignore_ascii_case(b"WARC-Target-URI") {
                &mut head.target_uri
            } else if name.eq_ignore_ascii_case(b"WARC-Date") {
                &mut head.date
            } else if name.eq_ignore_ascii_case(b"Content-Type") {
                &mut head.content_type
            } else {
                continue;
            };
            if slot.is_none() {
                let value = line[colon + 1..].trim_ascii();
                // WARC 1.0's grammar showed the URI in angle brackets; some writers follow it.
                let value = match value {
                    [b'<', inner @ .., b'>'] if name.eq_ignore_ascii_case(b"WARC-Target-URI") => {
                        inner
                    }
                    _ => value,
                };
                *slot = Some(String::from_utf8_lossy(value).into_owned());
            }
        }
    }

    /// Skip a block over the page limit without buffering it. Only a
    /// response that may be HTML is an error; large images and the like are
    /// skipped silently.
    fn skip_oversized(
        &mut self,
        head: &WarcHead,
        length: u64,
    ) -> Result<Option<crate::Page>, Failure> {
        let response = is_http_response(head);
        let mut start = Vec::new();
        if response {
            if let Err(e) = read_up_to(&mut self.src, HTTP_HEAD_PEEK.min(length), &mut start) {
                return Err(self.io_fail(&e));
            }
        }
        let skipped = match skip(&mut self.src, length - start.len() as u64) {
            Ok(n) => n + start.len() as u64,
            Err(e) => return Err(self.io_fail(&e)),
        };
        if skipped < length {
            return Err(self.fail(
                format!("record truncated: Content-Length {length} but only {skipped} bytes left"),
                Next::Done,
            ));
        }
        match self.at_record_boundary() {
            Ok(true) => {}
            Ok(false) => {
                return Err(self.fail(
                    format!(
                        "Content-Length {length} does not end at a record boundary \
                         (records inside those bytes are lost)"
                    ),
                    Next::Resync {
                        at_line_start: false,
                    },
                ))
            }
            Err(e) if gzip_error_after_record(&e) => {
                self.pending_error = Some(io_reason(&e));
            }
            Err(e) => return Err(self.io_fail(&e)),
        }
        if !response {
            return Ok(None);
        }
        if let Ok(http) = parse_http(&start) {
            if http.is_redirect() || http.declares_html() == Some(false) {
                return Ok(None);
            }
            if http.declares_html().is_none() {
                let body = &start[http.body_start.min(start.len())..];
                if !http.is_encoded() && sniff(body) != Sniffed::Html {
                    return Ok(None);
                }
            }
        }
        Err(Failure {
            kind: ReadErrorKind::TooLarge {
                size: length,
                limit: self.opts.max_page_bytes,
            },
            then: Next::Record,
        })
    }

    /// Whether the block just read ends where its record does: it is
    /// followed by the CRLF CRLF the format puts after every block, or (more
    /// leniently) by blank lines and then `WARC/` or the end of the input.
    ///
    /// The trailer alone is enough: what comes after it is the next record's
    /// business (in a `.warc.gz`, a damaged next member must not cost this
    /// record too).
    fn at_record_boundary(&mut self) -> io::Result<bool> {
        let mut blank = Vec::with_capacity(4);
        loop {
            let buf = self.src.fill_buf()?;
            if buf.is_empty() {
                return Ok(true);
            }
            let n = buf
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            let keep = n.min(4 - blank.len().min(4));
            blank.extend_from_slice(&buf[..keep]);
            let more = n < buf.len();
            self.src.consume(n);
            if more {
                break;
            }
        }
        Ok(blank.starts_with(b"\r\n\r\n") || self.src.peek(5)?.starts_with(b"WARC/"))
    }

    /// Make a damaged record's buffered block readable again from its first
    /// possible record start, and say how to resynchronize.
    fn rescan(&mut self, block: Vec<u8>) -> Next {
        if let Some(at) = next_record_start(&block) {
            self.src.unread(block, at);
            return Next::Resync {
                at_line_start: true,
            };
        }
        // The block may end with the first bytes of a `WARC/1.` line whose
        // rest is still to be read.
        let line_start = memchr::memrchr(b'\n', &block).map_or(0, |nl| nl + 1);
        let tail = &block[line_start..];
        if tail.len() < RESYNC_MARK.len() && RESYNC_MARK.starts_with(tail) {
            self.src.unread(block, line_start);
            return Next::Resync {
                at_line_start: true,
            };
        }
        // Whether the current position starts a line does not matter: a
        // `WARC/` there would have passed the boundary check.
        Next::Resync {
            at_line_start: false,
        }
    }

    /// Scan forward to a line starting with `WARC/1.`; false at the end of input.
    /// Read errors here are not reported again: they belong to the damage
    /// already reported.
    fn resync(&mut self, mut at_line_start: bool) -> bool {
        loop {
            if at_line_start {
                match self.src.peek(RESYNC_MARK.len()) {
                    Ok(head) if head.starts_with(RESYNC_MARK) => return true,
                    Ok(head) if head.len() < RESYNC_MARK.len() => return false,
                    Ok(_) => {}
                    Err(_) => continue,
                }
            }
            let buf = match self.src.fill_buf() {
                Ok(buf) => buf,
                Err(_) => {
                    // After a corrupt gzip member, output starts a new member.
                    at_line_start = true;
                    continue;
                }
            };
            if buf.is_empty() {
                return false;
            }
            match memchr(b'\n', buf) {
                Some(nl) => {
                    self.src.consume(nl + 1);
                    at_line_start = true;
                }
                None => {
                    let n = buf.len();
                    self.src.consume(n);
                    at_line_start = false;
                }
            }
        }
    }
}

/// Resynchronize from the current position, which starts a line.
fn resync_here() -> Next {
    Next::Resync {
        at_line_start: true,
    }
}

fn is_http_response(head: &WarcHead) -> bool {
    let response = head
        .warc_type
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("response"));
    // `dns:` and other non-HTTP responses say so in the record's Content-Type.
    let http = match head.content_type.as_deref() {
        None => true,
        Some(ct) => {
            let media = media_type(ct);
            media.is_empty() || media.eq_ignore_ascii_case("application/http")
        }
    };
    response && http
}

/// Why a block (read whole, or cut by the end of input) is not followed by a
/// record boundary.
fn damaged_block_reason(length: u64, block: &[u8], at_eof: bool) -> String {
    match next_record_start(block) {
        Some(at) => format!(
            "record truncated: Content-Length {length} but the next record starts after {at} bytes"
        ),
        None if at_eof => format!(
            "record truncated: Content-Length {length} but only {} bytes left",
            block.len()
        ),
        None => format!("Content-Length {length} does not end at a record boundary"),
    }
}

/// Offset of the first line in `block` that starts with `WARC/1.` (the block
/// itself starts a line: it follows the header's blank line).
fn next_record_start(block: &[u8]) -> Option<usize> {
    memmem::find_iter(block, RESYNC_MARK).find(|&at| at == 0 || block[at - 1] == b'\n')
}

/// Skip CR and LF bytes; false at the end of input.
fn skip_blank_lines(src: &mut impl BufRead) -> io::Result<bool> {
    loop {
        let buf = src.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let blank = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let more = blank < buf.len();
        src.consume(blank);
        if more {
            return Ok(true);
        }
    }
}

/// Append up to `n` bytes to `out` (fewer only at the end of input). Unlike
/// `take(n).read_to_end`, this copies straight from the reader's buffer
/// without zeroing `out` first.
fn read_up_to(src: &mut impl BufRead, mut n: u64, out: &mut Vec<u8>) -> io::Result<()> {
    while n > 0 {
        let buf = match src.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let step = buf.len().min(usize::try_from(n).unwrap_or(usize::MAX));
        out.extend_from_slice(&buf[..step]);
        src.consume(step);
        n -= step as u64;
    }
    Ok(())
}

/// Skip up to `n` bytes without copying them; returns how many were skipped.
fn skip(src: &mut impl BufRead, mut n: u64) -> io::Result<u64> {
    let mut skipped = 0;
    while n > 0 {
        let available = src.fill_buf()?.len() as u64;
        if available == 0 {
            break;
        }
        let step = available.min(n);
        src.consume(step as usize);
        n -= step;
        skipped += step;
    }
    Ok(skipped)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The start of a line, for error messages.
fn preview(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(40)];
    String::from_utf8_lossy(cut).into_owned()
}

/// `text/html` from `text/html; charset=windows-1256`, trimmed.
fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

fn io_reason(e: &io::Error) -> String {
    if gzip_error(e).is_some() {
        format!("corrupt gzip data: {e}")
    } else {
        format!("read error: {e}")
    }
}

// ---------------------------------------------------------------------------
// The HTTP response inside a `response` record.

/// The parts of an HTTP response head this reader uses.
#[derive(Debug)]
struct HttpHead {
    status: u16,
    content_type: Option<String>,
    /// Content and transfer codings other than `chunked`, in the order applied.
    codings: Vec<String>,
    chunked: bool,
    /// Offset of the body in the record block.
    body_start: usize,
}

fn parse_http(block: &[u8]) -> Result<HttpHead, String> {
    let Some(nl) = memchr(b'\n', block) else {
        return Err(format!(
            "no HTTP response: starts with {:?}",
            preview(block)
        ));
    };
    let status_line = trim_eol(&block[..nl]);
    if !status_line.starts_with(b"HTTP/") {
        return Err(format!(
            "no HTTP response: starts with {:?}",
            preview(status_line)
        ));
    }
    let status = status_line
        .split(|&b| b == b' ')
        .filter(|part| !part.is_empty())
        .nth(1)
        .and_then(|code| std::str::from_utf8(code).ok())
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("bad HTTP status line {:?}", preview(status_line)))?;
    let mut head = HttpHead {
        status,
        content_type: None,
        codings: Vec::new(),
        chunked: false,
        body_start: 0,
    };
    let mut pos = nl + 1;
    loop {
        let Some(len) = memchr(b'\n', &block[pos..]) else {
            return Err("HTTP response headers do not end".into());
        };
        let line = trim_eol(&block[pos..pos + len]);
        pos += len + 1;
        if line.is_empty() {
            head.body_start = pos;
            return Ok(head);
        }
        let Some(colon) = memchr(b':', line) else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        let Ok(value) = std::str::from_utf8(line[colon + 1..].trim_ascii()) else {
            continue;
        };
        if name.eq_ignore_ascii_case(b"Content-Type") {
            if head.content_type.is_none() {
                head.content_type = Some(value.to_string());
            }
        } else if name.eq_ignore_ascii_case(b"Transfer-Encoding") {
            for coding in codings(value) {
                if coding == "chunked" {
                    head.chunked = true;
                } else {
                    head.codings.push(coding);
                }
            }
        } else if name.eq_ignore_ascii_case(b"Content-Encoding") {
            // Content codings are applied before transfer codings.
            let mut content: Vec<String> = codings(value).collect();
            content.append(&mut head.codings);
            head.codings = content;
        }
    }
}

fn codings(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
}

impl HttpHead {
    fn is_redirect(&self) -> bool {
        // A redirect's body is a stub; its target is a record of its own.
        (300..400).contains(&self.status)
    }

    /// Whether the Content-Type names HTML; `None` when there is none (sniff).
    fn declares_html(&self) -> Option<bool> {
        let media = media_type(self.content_type.as_deref()?);
        if media.is_empty() {
            return None;
        }
        Some(
            HTML_MEDIA_TYPES
                .iter()
                .any(|t| media.eq_ignore_ascii_case(t)),
        )
    }

    fn charset(&self) -> Option<&'static Encoding> {
        let content_type = self.content_type.as_deref()?;
        content_type.split(';').skip(1).find_map(|param| {
            let (name, value) = param.split_once('=')?;
            if !name.trim().eq_ignore_ascii_case("charset") {
                return None;
            }
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            Encoding::for_label(value.as_bytes())
        })
    }

    fn is_encoded(&self) -> bool {
        self.chunked || !self.codings.is_empty()
    }

    /// Undo chunking and compression. Crawlers store payloads either as sent
    /// or already decoded (keeping the headers), so each step is skipped
    /// when the bytes do not look encoded that way.
    fn decode_body(&self, mut body: Vec<u8>, limit: u64) -> Result<Vec<u8>, String> {
        if self.chunked {
            if let Some(plain) = dechunk(&body) {
                body = plain;
            }
        }
        for coding in self.codings.iter().rev() {
            body = decompress(body, coding, limit)?;
        }
        Ok(body)
    }
}

/// Undo `Transfer-Encoding: chunked`. `None` when the body does not start
/// with a chunk size (it was stored decoded). A body cut short (a truncated
/// record) gives the chunks it has.
fn dechunk(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0;
    while pos < data.len() {
        let Some(len) = memchr(b'\n', &data[pos..]) else {
            if pos == 0 {
                return None;
            }
            break;
        };
        let line = trim_eol(&data[pos..pos + len]);
        let size = line
            .split(|&b| b == b';')
            .next()
            .unwrap_or(b"")
            .trim_ascii();
        let size = std::str::from_utf8(size)
            .ok()
            .and_then(|s| usize::from_str_radix(s, 16).ok());
        let Some(size) = size else {
            if pos == 0 {
                return None;
            }
            break;
        };
        pos += len + 1;
        if size == 0 {
            break;
        }
        let end = pos.saturating_add(size).min(data.len());
        out.extend_from_slice(&data[pos..end]);
        pos = end;
        if data[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if data[pos..].starts_with(b"\n") {
            pos += 1;
        }
    }
    Some(out)
}

/// Undo one content coding, producing at most `limit` bytes. A payload cut
/// short gives what it decodes to.
fn decompress(body: Vec<u8>, coding: &str, limit: u64) -> Result<Vec<u8>, String> {
    let reader: Box<dyn Read + '_> = match coding {
        "gzip" | "x-gzip" => {
            if !body.starts_with(&[0x1f, 0x8b]) {
                return Ok(body);
            }
            Box::new(flate2::bufread::MultiGzDecoder::new(&body[..]))
        }
        "deflate" => {
            // HTTP's "deflate" is zlib-wrapped, but some servers send raw deflate.
            let zlib = body.len() >= 2
                && body[0] & 0x0f == 8
                && (u16::from(body[0]) << 8 | u16::from(body[1])) % 31 == 0;
            if zlib {
                Box::new(flate2::bufread::ZlibDecoder::new(&body[..]))
            } else {
                Box::new(flate2::bufread::DeflateDecoder::new(&body[..]))
            }
        }
        other => return Err(format!("unsupported Content-Encoding {other:?}")),
    };
    let capacity = (body.len() as u64)
        .saturating_mul(4)
        .min(limit.saturating_add(1));
    let mut out = Vec::with_capacity(capacity as usize);
    let result = reader.take(limit.saturating_add(1)).read_to_end(&mut out);
    if let Err(e) = result {
        if out.is_empty() {
            // Stored already decoded under the original header, or garbage.
            if !crate::looks_binary(&body) {
                return Ok(body);
            }
            return Err(format!("corrupt {coding} payload: {e}"));
        }
    }
    if out.len() as u64 > limit {
        return Err(format!(
            "{coding} payload decompresses to over the limit of {limit} bytes (see --max-page-size)"
        ));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// The byte source: a BufRead that can peek and take bytes back.

struct Source {
    inner: Box<dyn BufRead + Send>,
    /// Bytes to read again before `inner` (a damaged record's block).
    pending: Vec<u8>,
    pos: usize,
    errors_in_a_row: usize,
}

impl Source {
    fn new(inner: Box<dyn BufRead + Send>) -> Self {
        Source {
            inner,
            pending: Vec::new(),
            pos: 0,
            errors_in_a_row: 0,
        }
    }

    fn has_pending(&self) -> bool {
        self.pos < self.pending.len()
    }

    /// The next `n` bytes without consuming them (fewer only at the end of
    /// input). On a read error the bytes before it are dropped: they belong
    /// to the damage, and what follows the error starts afresh (a new gzip
    /// member).
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if !self.has_pending() {
            let available = self.fill_buf()?.len();
            if available >= n || available == 0 {
                let buf = self.fill_buf()?;
                return Ok(&buf[..n.min(buf.len())]);
            }
        }
        self.pending.drain(..self.pos);
        self.pos = 0;
        while self.pending.len() < n {
            let buf = match fill_counting(&mut self.inner, &mut self.errors_in_a_row) {
                Ok(buf) => buf,
                Err(e) => {
                    self.pending = Vec::new();
                    return Err(e);
                }
            };
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(n - self.pending.len());
            self.pending.extend_from_slice(&buf[..take]);
            self.inner.consume(take);
        }
        Ok(&self.pending[..n.min(self.pending.len())])
    }

    /// Read `bytes[from..]` again before anything not yet read.
    fn unread(&mut self, mut bytes: Vec<u8>, from: usize) {
        if self.has_pending() {
            bytes.extend_from_slice(&self.pending[self.pos..]);
        }
        self.pending = bytes;
        self.pos = from;
    }

    fn fill_inner(&mut self) -> io::Result<&[u8]> {
        fill_counting(&mut self.inner, &mut self.errors_in_a_row)
    }
}

/// `inner.fill_buf()`, counting errors in a row; past [`MAX_ERRORS_IN_A_ROW`]
/// the input is treated as ended.
fn fill_counting<'a>(
    inner: &'a mut Box<dyn BufRead + Send>,
    errors_in_a_row: &mut usize,
) -> io::Result<&'a [u8]> {
    if *errors_in_a_row >= MAX_ERRORS_IN_A_ROW {
        return Ok(&[]);
    }
    match inner.fill_buf() {
        Ok(buf) => {
            if !buf.is_empty() {
                *errors_in_a_row = 0;
            }
            Ok(buf)
        }
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
        Err(e) => {
            *errors_in_a_row += 1;
            Err(e)
        }
    }
}

impl Read for Source {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Source {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.has_pending() {
            return Ok(&self.pending[self.pos..]);
        }
        self.fill_inner()
    }

    fn consume(&mut self, n: usize) {
        if self.has_pending() {
            self.pos += n;
            if self.pos >= self.pending.len() {
                // Free a big damaged block as soon as it has been read again.
                self.pending = Vec::new();
                self.pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

// ---------------------------------------------------------------------------
// gzip members.

/// Where in a gzip member the damage was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GzPhase {
    Header,
    /// The deflate data.
    Body,
    /// The CRC32 and length after the data: all the member's output was
    /// delivered, but it does not check out (or the trailer is cut off).
    Trailer,
}

/// A corrupt gzip member, as an `io::Error` payload from [`GzMembers`].
#[derive(Debug, thiserror::Error)]
#[error("{source}")]
pub(crate) struct CorruptGzip {
    source: io::Error,
    phase: GzPhase,
}

fn gzip_error(e: &io::Error) -> Option<&CorruptGzip> {
    e.get_ref()?.downcast_ref::<CorruptGzip>()
}

/// Whether a gzip error met right after a whole record belongs to what
/// follows it rather than to the record: only a failed checksum speaks
/// against the member that held the record.
fn gzip_error_after_record(e: &io::Error) -> bool {
    gzip_error(e).is_some_and(|g| g.phase != GzPhase::Trailer)
}

/// Gzip header flags (RFC 1952).
const GZ_FHCRC: u8 = 0x02;
const GZ_FEXTRA: u8 = 0x04;
const GZ_FNAME: u8 = 0x08;
const GZ_FCOMMENT: u8 = 0x10;
const GZ_RESERVED: u8 = 0xe0;

/// Longest file name or comment accepted in a gzip header.
const GZ_MAX_HEADER_TEXT: u64 = 64 * 1024;

/// Decodes concatenated gzip members like flate2's `MultiGzDecoder`, except
/// that a corrupt member does not end the stream: the read that meets it
/// returns an error (carrying [`CorruptGzip`]), and later reads go on at the
/// next gzip header after the start of the corrupt member. A `.warc.gz` is
/// one member per record, so this confines damage to the records it hits.
///
/// Headers and trailers are read here (flate2 inflates the data) so that an
/// error says which part of the member is bad.
pub(crate) struct GzMembers<R: BufRead> {
    state: GzState<R>,
}

enum GzState<R: BufRead> {
    Between(Window<R>),
    Body {
        inflate: flate2::bufread::DeflateDecoder<Window<R>>,
        crc: flate2::Crc,
    },
    Done,
}

impl<R: BufRead> GzMembers<R> {
    pub(crate) fn new(inner: R) -> Self {
        GzMembers {
            state: GzState::Between(Window::new(inner)),
        }
    }

    /// Note a corrupt member and get ready to read from the next one.
    fn fail(&mut self, mut raw: Window<R>, source: io::Error, phase: GzPhase) -> io::Error {
        let seek = raw.seek_next_member();
        self.state = GzState::Between(raw);
        if let Err(e) = seek {
            return e;
        }
        let (kind, source) = match (source.kind(), phase) {
            (io::ErrorKind::UnexpectedEof, GzPhase::Header) => (
                io::ErrorKind::UnexpectedEof,
                io::Error::other("gzip member cut short in its header"),
            ),
            (io::ErrorKind::UnexpectedEof, GzPhase::Trailer) => (
                io::ErrorKind::UnexpectedEof,
                io::Error::other("gzip member cut short in its checksum"),
            ),
            (io::ErrorKind::UnexpectedEof, GzPhase::Body) => (io::ErrorKind::UnexpectedEof, source),
            _ => (io::ErrorKind::InvalidData, source),
        };
        io::Error::new(kind, CorruptGzip { source, phase })
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, GzState::Done) {
                GzState::Done => return Ok(0),
                GzState::Between(mut raw) => {
                    match raw.fill_buf() {
                        Err(e) => {
                            self.state = GzState::Between(raw);
                            return Err(e);
                        }
                        Ok([]) => return Ok(0),
                        Ok(_) => {}
                    }
                    raw.start_member();
                    if let Err(e) = read_gzip_header(&mut raw) {
                        return Err(self.fail(raw, e, GzPhase::Header));
                    }
                    self.state = GzState::Body {
                        inflate: flate2::bufread::DeflateDecoder::new(raw),
                        crc: flate2::Crc::new(),
                    };
                }
                GzState::Body {
                    mut inflate,
                    mut crc,
                } => match inflate.read(out) {
                    Ok(0) => {
                        let mut raw = inflate.into_inner();
                        let mut trailer = [0u8; 8];
                        if let Err(e) = raw.read_exact(&mut trailer) {
                            return Err(self.fail(raw, e, GzPhase::Trailer));
                        }
                        let [c0, c1, c2, c3, l0, l1, l2, l3] = trailer;
                        let sum = u32::from_le_bytes([c0, c1, c2, c3]);
                        let size = u32::from_le_bytes([l0, l1, l2, l3]);
                        if sum != crc.sum() || size != crc.amount() {
                            let e = io::Error::other("gzip checksum does not match the data");
                            return Err(self.fail(raw, e, GzPhase::Trailer));
                        }
                        self.state = GzState::Between(raw);
                    }
                    Ok(n) => {
                        crc.update(&out[..n]);
                        self.state = GzState::Body { inflate, crc };
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = GzState::Body { inflate, crc };
                        return Err(e);
                    }
                    Err(e) => return Err(self.fail(inflate.into_inner(), e, GzPhase::Body)),
                },
            }
        }
    }
}

/// Read a gzip member header (RFC 1952), leaving `r` at the deflate data.
fn read_gzip_header(r: &mut impl BufRead) -> io::Result<()> {
    let invalid = || io::Error::new(io::ErrorKind::InvalidData, "invalid gzip header");
    let mut fixed = [0u8; 10];
    r.read_exact(&mut fixed)?;
    if !fixed.starts_with(GZIP_MEMBER_MAGIC) {
        return Err(invalid());
    }
    let flags = fixed[3];
    if flags & GZ_RESERVED != 0 {
        return Err(invalid());
    }
    if flags & GZ_FEXTRA != 0 {
        let mut len = [0u8; 2];
        r.read_exact(&mut len)?;
        let len = u64::from(u16::from_le_bytes(len));
        if skip(r, len)? < len {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
    for flag in [GZ_FNAME, GZ_FCOMMENT] {
        if flags & flag != 0 {
            let mut text = Vec::new();
            Read::take(&mut *r, GZ_MAX_HEADER_TEXT).read_until(0, &mut text)?;
            if text.last() != Some(&0) {
                return Err(invalid());
            }
        }
    }
    if flags & GZ_FHCRC != 0 {
        let mut crc16 = [0u8; 2];
        r.read_exact(&mut crc16)?;
    }
    Ok(())
}

/// A BufRead over the raw (compressed) input that remembers the last
/// [`GZ_WINDOW`] bytes read, so reading can go back to just after the start
/// of a corrupt member (a member cut short is followed at once by the next).
struct Window<R> {
    inner: R,
    /// Raw bytes from offset `kept_from` on.
    kept: Vec<u8>,
    kept_from: u64,
    /// Offset of the next byte to read (inside `kept` when reading again).
    pos: u64,
    member_start: u64,
}

impl<R: BufRead> Window<R> {
    fn new(inner: R) -> Self {
        Window {
            inner,
            kept: Vec::new(),
            kept_from: 0,
            pos: 0,
            member_start: 0,
        }
    }

    /// A member starts at `pos`: bytes before it are no longer needed.
    fn start_member(&mut self) {
        self.member_start = self.pos;
        let drop = (self.pos.min(self.kept_to()) - self.kept_from) as usize;
        self.kept.drain(..drop);
        self.kept_from += drop as u64;
    }

    fn kept_to(&self) -> u64 {
        self.kept_from + self.kept.len() as u64
    }

    fn trim(&mut self) {
        let cut = self
            .kept_to()
            .saturating_sub(GZ_WINDOW as u64)
            .min(self.pos);
        if cut > self.kept_from && (cut - self.kept_from) as usize >= GZ_WINDOW {
            self.kept.drain(..(cut - self.kept_from) as usize);
            self.kept_from = cut;
        }
    }

    /// Go to the next gzip header after the start of the current member, or
    /// to the end of input.
    fn seek_next_member(&mut self) -> io::Result<()> {
        let mut from = (self.member_start + 1).max(self.kept_from);
        loop {
            if from < self.kept_to() {
                let at = (from - self.kept_from) as usize;
                if let Some(found) = memmem::find(&self.kept[at..], GZIP_MEMBER_MAGIC) {
                    self.pos = from + found as u64;
                    return Ok(());
                }
                // The magic may straddle what is kept and what comes next.
                let tail = self
                    .kept_to()
                    .saturating_sub(GZIP_MEMBER_MAGIC.len() as u64 - 1);
                from = from.max(tail);
            }
            self.pos = self.kept_to();
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                return Ok(());
            }
            let n = chunk.len();
            self.kept.extend_from_slice(chunk);
            self.inner.consume(n);
            // Keep the bytes still to search.
            self.pos = from.min(self.kept_to());
            self.trim();
        }
    }
}

impl<R: BufRead> Read for Window<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Window<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.kept_to() {
            let at = (self.pos - self.kept_from) as usize;
            return Ok(&self.kept[at..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.kept_to() {
            self.pos += n as u64;
            return;
        }
        // `fill_buf` was just called, so this returns the same bytes without reading.
        if let Ok(buf) = self.inner.fill_buf() {
            self.kept.extend_from_slice(&buf[..n.min(buf.len())]);
        }
        self.inner.consume(n);
        self.pos += n as u64;
        self.trim();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks_and_keeps_plain_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello, world"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
        // Cut short: the chunks so far.
        assert_eq!(dechunk(b"5\r\nhel").as_deref(), Some(&b"hel"[..]));
    }

    #[test]
    fn finds_record_starts_at_line_starts_only() {
        assert_eq!(next_record_start(b"WARC/1.0\r\n"), Some(0));
        assert_eq!(next_record_start(b"x WARC/1.0\r\nWARC/1.1"), Some(12));
        assert_eq!(next_record_start(b"abc"), None);
    }

    #[test]
    fn http_head_fields() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"windows-1256\"\r\n\
            Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\nbody";
        let head = parse_http(block).expect("parses");
        assert_eq!(head.status, 200);
        assert_eq!(head.declares_html(), Some(true));
        assert_eq!(head.charset(), Some(encoding_rs::WINDOWS_1256));
        assert!(head.chunked);
        assert_eq!(head.codings, vec!["gzip".to_string()]);
        assert_eq!(&block[head.body_start..], b"body");
    }
}
