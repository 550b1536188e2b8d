//! The text-dump extractor on any text: never panics, every article it
//! returns has its paragraphs' lines inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_model::{Page, PageFormat};

fuzz_target!(|data: &[u8]| {
    let page = Page {
        source: "fuzz.txt".into(),
        format: PageFormat::Text,
        url: None,
        fetched: None,
        content: String::from_utf8_lossy(data).into_owned(),
    };
    let lines = page.content.lines().count().max(1);
    let out = marsad_extract::extract_text(&page);
    for article in &out.articles {
        for p in &article.paragraphs {
            if let Some(line) = p.line {
                assert!(line >= 1 && line as usize <= lines + 1, "line {line} of {lines}");
            }
        }
    }
});
