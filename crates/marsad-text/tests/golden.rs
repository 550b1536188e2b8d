//! Golden test: a short news paragraph and every token the text layer makes of it, as a
//! table a reviewer can read (span in the original text, matching form, base, light stem).
//! Regenerate with `UPDATE_GOLDEN=1 cargo test -p marsad-text --test golden` and review the
//! diff.

use std::fmt::Write as _;
use std::path::Path;

use marsad_text::{light_stem_ref, tokenize_into};

fn table(text: &str) -> String {
    let mut out = String::from("original\tsurface\tbase\tstem\n");
    tokenize_into(text, |t| {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}",
            &text[t.start..t.end],
            t.surface,
            t.base,
            light_stem_ref(t.surface)
        );
    });
    out
}

#[test]
fn news_paragraph_tokens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let text = std::fs::read_to_string(dir.join("news.txt")).expect("fixture news.txt");
    let got = table(text.trim_end());
    let expected_path = dir.join("news.tokens.tsv");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&expected_path, &got).expect("write golden file");
    }
    let expected = std::fs::read_to_string(&expected_path).expect("golden news.tokens.tsv");
    assert_eq!(got, expected);
}
