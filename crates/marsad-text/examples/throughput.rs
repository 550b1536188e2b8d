//! Throughput of the text layer on a synthetic corpus built from the golden fixture.
//!
//! `cargo run --release -p marsad-text --example throughput [MEGABYTES]`

use std::hint::black_box;
use std::time::Instant;

use marsad_text::{light_stem_ref, normalize_for_matching, normalize_with_offsets, tokenize_into};

fn main() {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let paragraph = include_str!("../tests/fixtures/news.txt");
    let mut text = String::with_capacity(megabytes << 20);
    let mut i = 0usize;
    while text.len() < megabytes << 20 {
        // vary the text a little so it is not one paragraph over and over
        text.push_str(paragraph);
        text.push_str(&i.to_string());
        text.push('\n');
        i += 1;
    }
    let mb = text.len() as f64 / (1 << 20) as f64;
    println!("corpus: {mb:.1} MiB");

    let t = Instant::now();
    let n = normalize_for_matching(&text);
    report("normalize_for_matching", mb, t);
    black_box(n);

    let t = Instant::now();
    let n = normalize_with_offsets(&text);
    report("normalize_with_offsets", mb, t);
    black_box(n);

    let t = Instant::now();
    let mut count = 0usize;
    tokenize_into(&text, |tok| {
        count += 1;
        black_box(tok.base);
    });
    report("tokenize_into (surface + base)", mb, t);
    println!("  {count} tokens");

    let t = Instant::now();
    let mut bytes = 0usize;
    tokenize_into(&text, |tok| {
        bytes += light_stem_ref(tok.surface).len();
    });
    report("tokenize_into + light_stem_ref", mb, t);
    black_box(bytes);
}

fn report(what: &str, mb: f64, start: Instant) {
    let secs = start.elapsed().as_secs_f64();
    println!("{what:32} {secs:6.2} s  {:7.1} MiB/s", mb / secs);
}
