//! The analysis of the first N ANT articles (default 3,000) as JSON Lines on stdout, to check
//! that a speed change leaves the output identical:
//! `cargo run --release -p marsad-entities --example digest -- 3000 | sha256sum`
//! (compare the digest before and after; `diff` two outputs to see what changed).

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let max: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3000);
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
    let analyzer = marsad_entities::Analyzer::embedded()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for text in &texts {
        writeln!(out, "{}", serde_json::to_string(&analyzer.analyze(text))?)?;
    }
    out.flush()?;
    Ok(())
}
