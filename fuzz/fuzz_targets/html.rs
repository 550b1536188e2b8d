//! The HTML extractor on any markup: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_model::{Page, PageFormat};

fuzz_target!(|data: &[u8]| {
    let page = Page {
        source: "fuzz.html".into(),
        format: PageFormat::Html,
        url: Some("https://example.com/news/1".into()),
        fetched: None,
        content: String::from_utf8_lossy(data).into_owned(),
    };
    let _ = marsad_html::extract_html(&page);
});
