//! Speed of the whole analysis stage (entities, quotes, figures) on one thread over the ANT
//! corpus: `cargo run --release -p marsad-entities --example bench [-- PASSES]`.
//! The articles are read into memory first; only `analyze` is timed.

use std::ops::ControlFlow;
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let passes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let max: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(usize::MAX);
    let ant = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ant-multisource-v2.1.tar.gz");
    let mut texts = Vec::new();
    let _ = marsad_corpus::for_each_record(&ant, "ant", marsad_corpus::Corpus::Ant, &mut |r| {
        if let Ok(a) = r {
            texts.push(a.text);
        }
        if texts.len() >= max {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    let bytes: usize = texts.iter().map(String::len).sum();
    let t0 = Instant::now();
    let an = marsad_entities::Analyzer::embedded()?;
    let load = t0.elapsed();
    let (mut entities, mut quotes, mut figures) = (0usize, 0usize, 0usize);
    let t = Instant::now();
    for _ in 0..passes {
        for text in &texts {
            let a = an.analyze(text);
            entities += a.entities.len();
            quotes += a.quotes.len();
            figures += a.figures.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let n = texts.len() * passes;
    println!(
        "{} articles ({:.1} MB) × {passes}: {:.2} s, {:.0} articles/s, {:.1} MB/s on one thread; model load {:.0} ms",
        texts.len(),
        bytes as f64 / 1e6,
        secs,
        n as f64 / secs,
        (bytes * passes) as f64 / 1e6 / secs,
        load.as_secs_f64() * 1e3
    );
    println!(
        "per article: {:.1} entities, {:.2} quotes, {:.2} figures",
        entities as f64 / n as f64,
        quotes as f64 / n as f64,
        figures as f64 / n as f64
    );
    Ok(())
}
