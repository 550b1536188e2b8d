//! The ANT corpus (v2.1): a tar.gz of files each holding one TREC-style
//! `<DOC>` with `DOCNO`, `URL`, `SRC`, `CAT`, `TITLE`, `TIME`, `AUTHOR`,
//! `ABSTRACT` and `TEXT`.
//!
//! * Fields are cut out by a tolerant tag scanner, not an XML parser: 37
//!   files carry a bare `&` ("H&M") and are not well-formed XML, yet their
//!   fields are perfectly readable. Known entities (`&amp;`, `&#1575;`) are
//!   decoded, anything else is kept as written.
//! * `TIME` is RFC 2822 (GMT or +0400); the local time is kept as written.
//! * `SRC` case varies (`BBC`, `skynews`): outlets get one display name.
//! * An `ABSTRACT` that is only the opening of the text (most outlets) is
//!   dropped; one that says something else (BBC's and many of CNN's
//!   standfirsts) becomes the subtitle.
//! * Empty `TEXT` (2 files) is reported and skipped. A URL filed under two
//!   categories is two identical records: the store keeps one (same hash).
//!
//! A file may hold several `<DOC>`s; archive members that are not `<DOC>`
//! files (the README) are passed over.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

use flate2::read::MultiGzDecoder;

use crate::{
    join_paragraphs, non_empty, outlets, CleanArticle, RecordError, RecordErrorKind, RecordResult,
};

/// Largest `<DOC>` file read; a bigger member is reported, not loaded.
pub const MAX_DOC_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// How far into the text (in non-space characters, past the abstract's
/// own length) the abstract may start and still count as the lead.
const LEAD_SLACK_CHARS: usize = 200;

/// A tar.gz archive opened for streaming.
pub type TarGz = tar::Archive<MultiGzDecoder<BufReader<File>>>;

pub fn open_tar_gz(path: &Path) -> io::Result<TarGz> {
    Ok(tar::Archive::new(MultiGzDecoder::new(
        BufReader::with_capacity(256 * 1024, File::open(path)?),
    )))
}

/// The records of every `<DOC>` file in a tar archive, in archive order,
/// named `name#member` (`name#member#N` when a member holds several DOCs).
pub fn tar_records<'a, R: Read + 'a>(
    archive: &'a mut tar::Archive<R>,
    name: &'a str,
) -> io::Result<impl Iterator<Item = RecordResult> + 'a> {
    let entries = archive.entries()?;
    Ok(entries.flat_map(move |entry| -> Vec<RecordResult> {
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => return vec![Err(RecordError::new(name, RecordErrorKind::Io(e)))],
        };
        if !entry.header().entry_type().is_file() {
            return Vec::new();
        }
        let member = entry.path().map_or_else(
            |_| String::from_utf8_lossy(&entry.path_bytes()).into_owned(),
            |p| p.to_string_lossy().into_owned(),
        );
        let source = format!("{name}#{member}");
        let size = entry.header().size().unwrap_or(0);
        if size > MAX_DOC_FILE_BYTES {
            // Not read: the archive skips the member's data itself.
            return if looks_like_doc_member(&mut entry) {
                vec![Err(RecordError::invalid(
                    source,
                    format!("{size} bytes, over the limit of {MAX_DOC_FILE_BYTES}"),
                ))]
            } else {
                Vec::new()
            };
        }
        let mut bytes = Vec::with_capacity(size as usize);
        if let Err(e) = entry.read_to_end(&mut bytes) {
            return vec![Err(RecordError::new(source, RecordErrorKind::Io(e)))];
        }
        if !starts_with_doc(crate::trim_start(&bytes)) {
            return Vec::new();
        }
        parse_file(&String::from_utf8_lossy(&bytes), &source)
    }))
}

fn looks_like_doc_member(entry: &mut impl Read) -> bool {
    let mut head = Vec::new();
    entry.take(1024).read_to_end(&mut head).is_ok() && starts_with_doc(crate::trim_start(&head))
}

/// Every record of an ANT input: a tar.gz of DOC files, or one DOC file.
pub fn for_each_in_file(
    path: &Path,
    name: &str,
    f: &mut dyn FnMut(RecordResult) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let io_err = |e: io::Error| RecordError::new(name, RecordErrorKind::Io(e));
    let mut magic = [0u8; 2];
    let gz = match File::open(path).and_then(|mut file| file.read(&mut magic)) {
        Ok(n) => n == 2 && magic == [0x1f, 0x8b],
        Err(e) => return f(Err(io_err(e))),
    };
    if gz {
        let mut archive = match open_tar_gz(path) {
            Ok(a) => a,
            Err(e) => return f(Err(io_err(e))),
        };
        let flow = match tar_records(&mut archive, name) {
            Ok(records) => records.into_iter().try_for_each(&mut *f),
            Err(e) => f(Err(io_err(e))),
        };
        flow
    } else {
        let mut bytes = Vec::new();
        let read = File::open(path)
            .and_then(|file| file.take(MAX_DOC_FILE_BYTES + 1).read_to_end(&mut bytes));
        if let Err(e) = read {
            return f(Err(io_err(e)));
        }
        if bytes.len() as u64 > MAX_DOC_FILE_BYTES {
            return f(Err(RecordError::invalid(
                name,
                format!("over the limit of {MAX_DOC_FILE_BYTES} bytes"),
            )));
        }
        for r in parse_file(&String::from_utf8_lossy(&bytes), name) {
            f(r)?;
        }
        ControlFlow::Continue(())
    }
}

/// The records of one file's text: each `<DOC>` in it.
pub fn parse_file(text: &str, source: &str) -> Vec<RecordResult> {
    let docs = split_docs(text);
    if docs.len() == 1 {
        return vec![parse_doc(docs[0], source.to_string())];
    }
    docs.iter()
        .enumerate()
        .map(|(i, d)| parse_doc(d, format!("{source}#{}", i + 1)))
        .collect()
}

/// The `<DOC>` blocks of a text: from each `<DOC>` to its `</DOC>`, or to
/// the next `<DOC>` or the end when the closing tag is missing.
fn split_docs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<DOC>") {
        let body = &rest[start + "<DOC>".len()..];
        let next = body.find("<DOC>").unwrap_or(body.len());
        let end = body[..next].find("</DOC>").unwrap_or(next);
        out.push(&body[..end]);
        rest = &body[next..];
    }
    if out.is_empty() {
        out.push(text);
    }
    out
}

/// One record from the text of one `<DOC>`.
pub fn parse_doc(doc: &str, source: String) -> RecordResult {
    let Some(raw_text) = field(doc, "TEXT") else {
        return Err(RecordError::invalid(source, "no <TEXT> field"));
    };
    let text = join_paragraphs(&decode_entities(raw_text));
    if text.is_empty() {
        return Err(RecordError::new(source, RecordErrorKind::EmptyText));
    }
    let get = |tag| field(doc, tag).map(|v| decode_entities(v.trim()).into_owned());
    let title = non_empty(get("TITLE").as_deref());
    let subtitle = get("ABSTRACT")
        .map(|a| join_paragraphs(&a).replace("\n\n", " "))
        .filter(|a| !a.is_empty() && !is_lead_of(a, &text));
    Ok(CleanArticle {
        source,
        corpus: "ant".to_string(),
        url: non_empty(get("URL").as_deref()),
        title,
        subtitle,
        text,
        published: get("TIME").and_then(|t| marsad_dates::parse_machine_date(&t)),
        fetched: None,
        outlet: get("SRC").as_deref().and_then(outlets::display_name),
        byline: non_empty(get("AUTHOR").as_deref()),
    })
}

/// The content between `<TAG>` and `</TAG>`. Without a closing tag, up to
/// the next line that opens a tag, or the end.
fn field<'a>(doc: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = doc.find(&open)? + open.len();
    let rest = &doc[start..];
    let end = rest
        .find(&close)
        .or_else(|| rest.find("\n<"))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Whether an abstract is just the opening of the text (whitespace and a
/// trailing ellipsis aside): the corpus cut it from the first paragraph.
fn is_lead_of(abstract_: &str, text: &str) -> bool {
    let a: String = abstract_
        .trim_end_matches(['.', '…', ' '])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if a.is_empty() {
        return true;
    }
    let window = a.chars().count() + LEAD_SLACK_CHARS;
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(window)
        .collect();
    t.contains(&a)
}

/// Decode the XML entities that are there; a bare `&` stays as written.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&n| n <= 10)
            .and_then(|n| entity(&rest[1..1 + n]).map(|c| (c, n + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Whether bytes (after leading whitespace) open a `<DOC>`.
pub(crate) fn starts_with_doc(b: &[u8]) -> bool {
    b.starts_with(b"<DOC>")
}

/// Whether a gzip file is a tar whose first regular files include a `<DOC>` file.
pub(crate) fn looks_like_doc_tar_gz(path: &Path, max_files: usize) -> io::Result<bool> {
    let mut archive = open_tar_gz(path)?;
    let Ok(entries) = archive.entries() else {
        return Ok(false);
    };
    let mut seen = 0;
    for entry in entries {
        let Ok(mut entry) = entry else {
            return Ok(false);
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        if looks_like_doc_member(&mut entry) {
            return Ok(true);
        }
        seen += 1;
        if seen >= max_files {
            break;
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_and_bare_ampersands_stay() {
        assert_eq!(
            decode_entities("H&M &amp; D&G &#1575;&#x628; &x;"),
            "H&M & D&G اب &x;"
        );
    }

    #[test]
    fn an_abstract_that_opens_the_text_is_not_a_subtitle() {
        let text = "دبي (CNN)— انتقد علي القرة داغي الموقف الدولي.\n\nفقرة";
        assert!(is_lead_of("انتقد علي القرة داغي الموقف...", text));
        assert!(is_lead_of("انتقد عليالقرة داغي", text));
        assert!(!is_lead_of("ملخص مختلف تماما", text));
    }
}
