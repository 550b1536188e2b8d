//! Prints the cross-document entities of text files:
//! `cargo run --release -p marsad-entities --example resolve_seeds -- FILE…`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let an = marsad_entities::Analyzer::embedded()?;
    let mut r = marsad_entities::EntityResolver::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        r.add(&an.entities(&text));
    }
    for e in r.resolve().entities {
        let variants: Vec<String> = e.variants.iter().map(|(v, n)| format!("{v}×{n}")).collect();
        println!(
            "{}\t{}\t{}\t{}",
            e.key,
            e.entity_type.label(),
            e.canonical,
            variants.join(", ")
        );
    }
    Ok(())
}
