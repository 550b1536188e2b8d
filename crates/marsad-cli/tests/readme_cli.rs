//! The README's first command works in a fresh clone: every file it names is
//! in the repository, and the command it runs succeeds on them.

use std::path::Path;
use std::process::Command;

#[test]
fn the_readme_first_command_runs_on_files_kept_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = readme
        .split("```")
        .nth(1)
        .expect("the README opens with a code block");
    let first = block
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .expect("a first command");
    let args: Vec<&str> = first
        .strip_prefix("cargo run --release -p marsad-cli -- ")
        .expect("the first command runs marsad")
        .split_whitespace()
        .collect();
    assert_eq!(args[0], "extract");
    for path in &args[1..] {
        assert!(root.join(path).is_file(), "{path} is in the repository");
        assert!(
            !path.starts_with(".."),
            "{path} needs nothing beside the repository"
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .current_dir(&root)
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("مجلس الأمن يناقش الوضع الإنساني في غزة"),
        "{shown}"
    );
    // The test command is the README's second line.
    let second = block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .nth(1);
    assert_eq!(second, Some("cargo test"));
}
