//! JSON Lines: one object per line with `title`, `text`, `url`, `date`
//! (publication date, ISO 8601 or RFC 2822 or as printed) and `outlet`;
//! optional `subtitle`, `byline` (or `author`) and `fetched`.
//!
//! Blank lines are ignored; a line that is not such an object is one bad
//! record. A `date` that cannot be read leaves `published` empty.

use std::io::BufRead;

use serde::Deserialize;

use crate::{join_paragraphs, non_empty, outlets, CleanArticle, RecordError, RecordErrorKind};

#[derive(Debug, Deserialize)]
struct Record {
    title: Option<String>,
    #[serde(alias = "content", alias = "body")]
    text: Option<String>,
    url: Option<String>,
    #[serde(alias = "published")]
    date: Option<String>,
    outlet: Option<String>,
    subtitle: Option<String>,
    #[serde(alias = "author")]
    byline: Option<String>,
    fetched: Option<String>,
}

/// The records of a JSON Lines stream; `name#line` names each one.
pub struct JsonlRecords<R> {
    reader: R,
    name: String,
    line_no: usize,
    line: String,
    done: bool,
}

impl<R: BufRead> JsonlRecords<R> {
    pub fn new(reader: R, name: &str) -> Self {
        JsonlRecords {
            reader,
            name: name.to_string(),
            line_no: 0,
            line: String::new(),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlRecords<R> {
    type Item = Result<CleanArticle, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line.clear();
            self.line_no += 1;
            let source = format!("{}#{}", self.name, self.line_no);
            match self.reader.read_line(&mut self.line) {
                Ok(0) => self.done = true,
                Ok(_) if self.line.trim().is_empty() => {}
                Ok(_) => return Some(parse_line(&self.line, source)),
                Err(e) => {
                    // Invalid UTF-8 loses only this line; other errors end the file.
                    if e.kind() != std::io::ErrorKind::InvalidData {
                        self.done = true;
                    }
                    return Some(Err(RecordError::new(source, RecordErrorKind::Io(e))));
                }
            }
        }
        None
    }
}

fn parse_line(line: &str, source: String) -> Result<CleanArticle, RecordError> {
    let r: Record = serde_json::from_str(line).map_err(|e| RecordError::invalid(&source, e))?;
    let text = join_paragraphs(r.text.as_deref().unwrap_or(""));
    if text.is_empty() {
        return Err(RecordError::new(source, RecordErrorKind::EmptyText));
    }
    Ok(CleanArticle {
        source,
        corpus: "jsonl".to_string(),
        url: non_empty(r.url.as_deref()),
        title: non_empty(r.title.as_deref()),
        subtitle: non_empty(r.subtitle.as_deref()),
        text,
        published: r
            .date
            .as_deref()
            .and_then(|d| marsad_dates::parse_machine_date(d.trim())),
        fetched: non_empty(r.fetched.as_deref()),
        outlet: r.outlet.as_deref().and_then(outlets::display_name),
        byline: non_empty(r.byline.as_deref()),
    })
}

/// Whether the first line of `head` is a whole JSON object (JSON Lines, not
/// a pretty-printed document). `complete` says `head` is the whole file.
pub(crate) fn first_line_is_object(head: &[u8], complete: bool) -> bool {
    if !head.starts_with(b"{") {
        return false;
    }
    let line = match memchr_newline(head) {
        Some(n) => &head[..n],
        None if complete => head,
        None => return false,
    };
    serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(line).is_ok()
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_and_reports_bad_lines() {
        let input = concat!(
            r#"{"title": " عنوان ", "text": "فقرة أولى\nفقرة ثانية", "url": "https://x.example/1", "date": "2024-06-19T10:05:00+03:00", "outlet": "BBC"}"#,
            "\n\n",
            "not json\n",
            r#"{"title": "بلا نص", "text": "  ", "url": null}"#,
            "\n",
            r#"{"title": "ب", "text": "نص", "date": "someday"}"#,
            "\n"
        );
        let got: Vec<_> = JsonlRecords::new(input.as_bytes(), "n.jsonl").collect();
        assert_eq!(got.len(), 4);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.source, "n.jsonl#1");
        assert_eq!(a.title.as_deref(), Some("عنوان"));
        assert_eq!(a.text, "فقرة أولى\n\nفقرة ثانية");
        assert_eq!(a.published.unwrap().to_string(), "2024-06-19T10:05");
        assert_eq!(a.outlet.as_deref(), Some("بي بي سي عربي"));
        let e = got[1].as_ref().unwrap_err();
        assert_eq!(e.record, "n.jsonl#3");
        assert!(matches!(e.kind, RecordErrorKind::Invalid(_)));
        let e = got[2].as_ref().unwrap_err();
        assert_eq!(e.record, "n.jsonl#4");
        assert!(e.is_empty_text());
        let d = got[3].as_ref().unwrap();
        assert_eq!(d.published, None);
        assert_eq!(d.url, None);
    }

    #[test]
    fn recognises_json_lines_not_pretty_json() {
        assert!(first_line_is_object(b"{\"a\": 1}\n{\"a\": 2}\n", false));
        assert!(first_line_is_object(b"{\"a\": 1}", true));
        assert!(!first_line_is_object(b"{\n \"about\": \"x\"\n}\n", true));
        assert!(!first_line_is_object(b"[{\"a\": 1}]", true));
    }
}
