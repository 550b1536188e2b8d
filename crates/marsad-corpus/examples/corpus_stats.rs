//! Read corpus files without storing them: record counts and read speed.
//!
//! cargo run --release -p marsad-corpus --example corpus_stats -- FILE...

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::Path;
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let (mut ok, mut empty, mut bad, mut bytes) = (0u64, 0u64, 0u64, 0usize);
    let mut outlets: BTreeMap<String, u64> = BTreeMap::new();
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let corpus = match marsad_corpus::detect(path) {
            Ok(Some(c)) => c,
            Ok(None) => {
                eprintln!("{arg}: not a known corpus");
                continue;
            }
            Err(e) => {
                eprintln!("{arg}: {e}");
                continue;
            }
        };
        let _ = marsad_corpus::for_each_record(path, &arg, corpus, &mut |r| {
            match r {
                Ok(a) => {
                    ok += 1;
                    bytes += a.text.len();
                    *outlets.entry(a.outlet.unwrap_or_default()).or_default() += 1;
                }
                Err(e) if e.is_empty_text() => empty += 1,
                Err(e) => {
                    bad += 1;
                    eprintln!("{e}");
                }
            }
            ControlFlow::Continue(())
        });
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{ok} records ({} MB of text), {empty} empty, {bad} bad in {secs:.2} s ({:.0} records/s)",
        bytes / 1_000_000,
        ok as f64 / secs
    );
    for (outlet, n) in outlets {
        println!("{n:>8}  {outlet}");
    }
}
