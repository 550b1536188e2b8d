//! WARC files: one page per `response` record with an HTML payload.
//! (Being written; see the WARC brief.)

use std::io::BufRead;

use crate::{PageStream, ReadError, ReadErrorKind, ReadOptions};

pub(crate) fn records(
    _reader: Box<dyn BufRead + Send>,
    name: String,
    _opts: ReadOptions,
) -> PageStream {
    Box::new(std::iter::once(Err(ReadError::new(
        name,
        ReadErrorKind::Warc {
            record: 1,
            reason: "WARC reading is not implemented yet".into(),
        },
    ))))
}
