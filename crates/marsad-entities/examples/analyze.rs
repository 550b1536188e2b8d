//! Prints the analysis of text files as JSON Lines:
//! `cargo run --release -p marsad-entities --example analyze -- FILE…`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let analyzer = marsad_entities::Analyzer::embedded()?;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let a = analyzer.analyze(&text);
        println!(
            "{}",
            serde_json::to_string(&serde_json::json!({"source": path, "analysis": a}))?
        );
    }
    Ok(())
}
