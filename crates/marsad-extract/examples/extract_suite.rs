//! Runs marsad's extraction over a page suite and prints one JSON line per page.
//!
//! cargo run --release -p marsad-extract --example extract_suite -- SUITE_DIR
//!
//! SUITE_DIR holds `gold.json` (file name → object with at least `url`) and
//! `pages/<file>`. Each page is read the way `marsad extract` reads it, given
//! the URL it was crawled from (a crawl always knows it), and extracted. The
//! output line is `{"file": …, "page": <marsad extract --json object>}` or
//! `{"file": …, "error": …}`; `bench/extraction/score.py` scores it.

use std::io::Write;
use std::path::PathBuf;

use marsad_page::{read_pages, Input, ReadOptions};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: extract_suite SUITE_DIR")?,
    );
    let gold_path = dir.join("gold.json");
    let gold: serde_json::Map<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(&gold_path)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?,
    )?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (file, entry) in &gold {
        let path = dir.join("pages").join(file);
        let input = Input::File {
            name: path.display().to_string(),
            path,
        };
        let url = entry.get("url").and_then(Value::as_str).map(str::to_string);
        let line = match read_pages(&input, &ReadOptions::default()).next() {
            Some(Ok(mut page)) => {
                page.url = url;
                json!({"file": file, "page": marsad_extract::extract(&page)})
            }
            Some(Err(e)) => json!({"file": file, "error": e.to_string()}),
            None => json!({"file": file, "error": "no page in file"}),
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}
