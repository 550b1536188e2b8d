//! Text-dump extraction throughput on one core.
//!
//! cargo run --release -p marsad-extract --example text_throughput -- [SEEDS_DIR] [MEGABYTES]
//!
//! Loads the seed dumps (default `../shared/seeds`) and this crate's test
//! fixtures, repeats them into at least MEGABYTES (default 128) of pages held
//! in memory, and times `extract` over all of them on the calling thread.

use std::path::{Path, PathBuf};
use std::time::Instant;

use marsad_model::{Page, PageFormat};

fn dumps_in(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.display().to_string(), text)
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seeds = PathBuf::from(args.next().unwrap_or_else(|| "../shared/seeds".into()));
    let megabytes: usize = args.next().map_or(128, |m| m.parse().expect("MEGABYTES"));
    let mut originals = dumps_in(&seeds);
    originals.extend(dumps_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
    ));
    let target = megabytes * 1024 * 1024;
    let mut pages = Vec::new();
    let mut bytes = 0;
    while bytes < target {
        for (name, text) in &originals {
            bytes += text.len();
            pages.push(Page {
                source: format!("{name}#{}", pages.len()),
                format: PageFormat::Text,
                url: None,
                fetched: None,
                content: text.clone(),
            });
        }
    }
    // Warm up caches and lazily built cue tables.
    for p in pages.iter().take(originals.len()) {
        std::hint::black_box(marsad_extract::extract(p));
    }
    let start = Instant::now();
    let mut articles = 0;
    for p in &pages {
        articles += std::hint::black_box(marsad_extract::extract(p))
            .articles
            .len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "text-dump extraction, 1 thread: {} pages, {:.1} MB, {} articles in {:.2} s",
        pages.len(),
        mb,
        articles,
        secs
    );
    println!(
        "  {:.1} MB/s, {:.0} pages/s",
        mb / secs,
        pages.len() as f64 / secs
    );
}
