//! Features per second on one core over the SaudiNewsNet texts:
//! `cargo run --release -p marsad-stories --example features_throughput`.

#[path = "support/mod.rs"]
mod support;

use std::time::Instant;

use marsad_stories::{ArticleInput, Features};

fn main() {
    let corpus = support::saudinewsnet();
    let n = corpus.len().min(8000);
    let t = Instant::now();
    let mut words = 0u64;
    for (i, a) in corpus.iter().take(n).enumerate() {
        words += u64::from(Features::of(&ArticleInput::from_clean(i as i64, a)).words);
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{n} articles, {words} words: {:.0} articles/s on one core",
        n as f64 / s
    );
}
