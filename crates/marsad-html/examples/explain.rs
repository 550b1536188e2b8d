//! Prints how marsad-html chose the article container of one page
//! (a `.html` or `.html.gz` file), then its extraction as JSON.

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: explain PAGE.html[.gz]")?;
    let bytes = std::fs::read(&path)?;
    let html = if path.ends_with(".gz") {
        let mut s = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut s)?;
        String::from_utf8_lossy(&s).into_owned()
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    println!("{}", marsad_html::explain(&html));
    let page = marsad_model::Page {
        source: path,
        format: marsad_model::PageFormat::Html,
        url: None,
        fetched: None,
        content: html,
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&marsad_html::extract_html(&page))?
    );
    Ok(())
}
