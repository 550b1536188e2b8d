//! Writing WARC 1.1: gzip with one member per record, a `warcinfo` record
//! opening each file, a `request` and a `response` record per exchange, and
//! files rotated past a size. A file being written is named `….warc.gz.open`
//! and renamed when closed, so no reader takes a half-written file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use flate2::write::GzEncoder;
use flate2::Compression;
use sha2::{Digest, Sha256};

use crate::CollectError;

/// Suffix of a WARC file still being written.
pub const OPEN_SUFFIX: &str = ".open";

/// One HTTP exchange, as sent and as received.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub url: String,
    pub date: DateTime<Utc>,
    /// The request head as sent: request line and headers, CRLF-ended.
    pub request_head: Vec<u8>,
    /// The response head: status line and headers, CRLF-ended.
    pub response_head: Vec<u8>,
    /// The response body as received (after transfer decoding).
    pub body: Vec<u8>,
}

/// Writes exchanges into size-rotated `.warc.gz` files in one folder.
pub struct WarcWriter {
    dir: PathBuf,
    prefix: String,
    max_file_bytes: u64,
    open: Option<OpenFile>,
    serial: u32,
    closed: Vec<PathBuf>,
}

struct OpenFile {
    path: PathBuf,
    out: BufWriter<File>,
    written: u64,
}

impl WarcWriter {
    /// Files go to `dir`, named `<prefix>-<serial>.warc.gz`.
    pub fn new(dir: &Path, prefix: &str, max_file_bytes: u64) -> WarcWriter {
        WarcWriter {
            dir: dir.to_path_buf(),
            prefix: prefix.to_string(),
            max_file_bytes: max_file_bytes.max(1),
            open: None,
            serial: 0,
            closed: Vec::new(),
        }
    }

    /// Append an exchange: its request and its response record, in one file.
    pub fn write(&mut self, exchange: &Exchange) -> Result<(), CollectError> {
        if self
            .open
            .as_ref()
            .is_some_and(|f| f.written >= self.max_file_bytes)
        {
            self.close_current()?;
        }
        if self.open.is_none() {
            self.start_file(exchange.date)?;
        }
        let response_id = record_id();
        let date = warc_date(exchange.date);
        let mut response_block = exchange.response_head.clone();
        response_block.extend_from_slice(b"\r\n");
        response_block.extend_from_slice(&exchange.body);
        let payload_digest = format!("sha256:{:x}", Sha256::digest(&exchange.body));
        let response = record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Record-ID", &response_id),
                ("WARC-Date", &date),
                ("WARC-Target-URI", &exchange.url),
                ("WARC-Payload-Digest", &payload_digest),
                ("Content-Type", "application/http;msgtype=response"),
            ],
            &response_block,
        );
        let mut request_block = exchange.request_head.clone();
        request_block.extend_from_slice(b"\r\n");
        let request = record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Record-ID", &record_id()),
                ("WARC-Date", &date),
                ("WARC-Target-URI", &exchange.url),
                ("WARC-Concurrent-To", &response_id),
                ("Content-Type", "application/http;msgtype=request"),
            ],
            &request_block,
        );
        self.append_member(&request)?;
        self.append_member(&response)?;
        Ok(())
    }

    /// Close the open file; returns every file closed by this writer.
    pub fn finish(mut self) -> Result<Vec<PathBuf>, CollectError> {
        self.close_current()?;
        Ok(self.closed)
    }

    fn start_file(&mut self, date: DateTime<Utc>) -> Result<(), CollectError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| CollectError::Io {
            path: self.dir.clone(),
            source,
        })?;
        let name = loop {
            self.serial += 1;
            let name = format!("{}-{:05}.warc.gz", self.prefix, self.serial);
            if !self.dir.join(&name).exists() {
                break name;
            }
        };
        let path = self.dir.join(format!("{name}{OPEN_SUFFIX}"));
        let file = File::create(&path).map_err(|source| CollectError::Io {
            path: path.clone(),
            source,
        })?;
        self.open = Some(OpenFile {
            path,
            out: BufWriter::new(file),
            written: 0,
        });
        let fields = format!(
            "software: marsad/{}\r\nformat: WARC File Format 1.1\r\n\
             conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
            env!("CARGO_PKG_VERSION")
        );
        let info = record(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", &record_id()),
                ("WARC-Date", &warc_date(date)),
                ("WARC-Filename", &name),
                ("Content-Type", "application/warc-fields"),
            ],
            fields.as_bytes(),
        );
        self.append_member(&info)
    }

    fn append_member(&mut self, record: &[u8]) -> Result<(), CollectError> {
        let Some(open) = self.open.as_mut() else {
            return Ok(());
        };
        let mut gz = GzEncoder::new(Vec::with_capacity(record.len() / 3), Compression::default());
        let member = gz.write_all(record).and_then(|_| gz.finish());
        let written = member.and_then(|m| open.out.write_all(&m).map(|_| m.len()));
        match written {
            Ok(n) => {
                open.written += n as u64;
                Ok(())
            }
            Err(source) => Err(CollectError::Io {
                path: open.path.clone(),
                source,
            }),
        }
    }

    fn close_current(&mut self) -> Result<(), CollectError> {
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| CollectError::Io { path, source }
        };
        let file = open
            .out
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(io(&open.path))?;
        file.sync_all().map_err(io(&open.path))?;
        let done = open.path.with_extension("");
        debug_assert!(done.to_string_lossy().ends_with(".warc.gz"));
        std::fs::rename(&open.path, &done).map_err(io(&done))?;
        self.closed.push(done);
        Ok(())
    }
}

/// One record: version line, header fields, block, and the two CRLFs.
fn record(fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(block.len() + 512);
    out.extend_from_slice(b"WARC/1.1\r\n");
    for (name, value) in fields {
        // A value never carries a line break (URLs and ids are ours or parsed).
        let value = value.replace(['\r', '\n'], " ");
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

fn warc_date(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn exchange(n: usize) -> Exchange {
        Exchange {
            url: format!("https://example.net/news/{n}"),
            date: Utc::now(),
            request_head: b"GET /news/1 HTTP/1.1\r\nHost: example.net\r\n".to_vec(),
            response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                .to_vec(),
            body: "<html><body><p>مرحبا</p></body></html>"
                .repeat(50)
                .into_bytes(),
        }
    }

    #[test]
    fn one_gzip_member_per_record_and_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = WarcWriter::new(dir.path(), "test", 100);
        for n in 0..3 {
            w.write(&exchange(n)).unwrap();
        }
        let files = w.finish().unwrap();
        assert_eq!(
            files.len(),
            3,
            "each file passes 100 bytes after one exchange"
        );
        for f in &files {
            assert!(f.to_string_lossy().ends_with(".warc.gz"), "{f:?}");
            let bytes = std::fs::read(f).unwrap();
            let members = bytes
                .windows(3)
                .filter(|w| *w == [0x1f, 0x8b, 0x08])
                .count();
            assert!(members >= 3, "warcinfo, request, response: {members}");
            let mut text = String::new();
            flate2::read::MultiGzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
            assert_eq!(text.matches("WARC/1.1\r\n").count(), 3);
            assert!(text.contains("WARC-Type: request") && text.contains("WARC-Type: response"));
            assert!(text.contains("مرحبا"));
        }
        assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(OPEN_SUFFIX)));
    }
}
