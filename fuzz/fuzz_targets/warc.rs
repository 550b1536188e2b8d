//! Reading any bytes as marsad reads a file (gzip members, sniffing,
//! WARC records, encodings): every page or error comes back, no panic,
//! no endless loop.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_page::{read_pages_from, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_page_bytes: 1 << 20,
    };
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    // A record is at least a line of input: more results than bytes is a loop.
    let limit = data.len() + 2;
    let mut n = 0;
    for result in read_pages_from("fuzz.warc", reader, &opts) {
        n += 1;
        assert!(n <= limit, "more pages than input bytes");
        if let Err(e) = result {
            assert!(e.input.starts_with("fuzz.warc"), "error names its input: {e}");
        }
    }
});
