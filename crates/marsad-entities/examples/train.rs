//! Retrains the embedded model:
//! `cargo run --release -p marsad-entities --example train` (writes model/ner.bin.gz).
//! Needs ../shared/data (ANERcorp train, Wojood train+val) and the Debian packages
//! iso-codes and unicode-cldr-core.

mod common;

use std::path::Path;

fn main() -> common::anyhow_lite::Result<()> {
    let out = std::env::args().nth(1).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("model/ner.bin.gz")
            .display()
            .to_string()
    });
    let mut sentences = common::anercorp()?;
    let aner = sentences.len();
    sentences.extend(common::wojood("train")?);
    sentences.extend(common::wojood("val")?);
    let ant = common::ant_texts(common::ANT_DOCS)?;
    let provenance = format!(
        "averaged perceptron, {} epochs, {} buckets; trained on ANERcorp train ({aner} sentences) + Wojood sample train+val ({} sentences)",
        common::EPOCHS,
        common::BUCKETS,
        sentences.len() - aner,
    );
    let (model, _) = common::train_full(&sentences, &ant, &provenance)?;
    eprintln!("{}; aliases: {}", model.provenance, model.aliases.len());
    let bytes = model.to_bytes(common::PRUNE)?;
    std::fs::write(&out, &bytes)?;
    eprintln!("wrote {out}: {} bytes", bytes.len());
    Ok(())
}
