//! Golden tests: each `tests/fixtures/NAME.txt` dump is extracted and the
//! whole JSON compared with `tests/fixtures/NAME.json`, so a reviewer sees
//! behaviour, not just that "something passed".
//!
//! After an intended change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p marsad-extract --test golden` and review the diff.

use std::path::Path;

use marsad_model::{Page, PageFormat};

fn extract_fixture(path: &Path) -> serde_json::Value {
    let content = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let page = Page {
        source: path.file_name().unwrap().to_string_lossy().into_owned(),
        format: PageFormat::Text,
        url: None,
        fetched: None,
        content,
    };
    serde_json::to_value(marsad_extract::extract(&page)).unwrap()
}

#[test]
fn fixtures_match_their_golden_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let got = extract_fixture(&path);
        let golden = path.with_extension("json");
        if update {
            let mut text = serde_json::to_string_pretty(&got).unwrap();
            text.push('\n');
            std::fs::write(&golden, text).unwrap();
        } else {
            let want: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(&golden)
                    .unwrap_or_else(|_| panic!("missing {}", golden.display())),
            )
            .unwrap();
            assert_eq!(
                got,
                want,
                "{} differs from {}",
                path.display(),
                golden.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 5, "expected the fixture set, found {checked}");
}
