//! The date parser on any text: never panics, and every date it finds is
//! a real calendar day at a byte range of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_model::Published;

fn check(p: &Published) {
    assert!(
        Published::new(p.year, p.month, p.day, p.time).is_some(),
        "not a calendar date: {p:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for m in marsad_dates::find_dates(&text) {
        check(&m.published);
        assert!(m.start <= m.end && m.end <= text.len(), "{m:?} in {} bytes", text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    if let Some(m) = marsad_dates::find_date(&text) {
        check(&m.published);
    }
    if let Some(p) = marsad_dates::parse_machine_date(&text) {
        check(&p);
    }
    let anchor = Published::new(2024, 6, 15, Some((12, 0))).expect("a real date");
    if let Some(p) = marsad_dates::resolve_relative(&text, anchor) {
        check(&p);
    }
    let coverage = marsad_dates::date_coverage(&text);
    assert!((0.0..=1.0).contains(&coverage), "coverage {coverage}");
});
