//! The JSON Lines importer on any bytes: one result per non-blank line at
//! most, each error naming its record, no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_corpus::jsonl::JsonlRecords;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    let mut n = 0;
    for record in JsonlRecords::new(std::io::Cursor::new(data), "fuzz.jsonl") {
        n += 1;
        assert!(n <= lines, "more records than lines");
        if let Err(e) = record {
            assert!(e.to_string().contains("fuzz.jsonl#"), "error names its line: {e}");
        }
    }
});
