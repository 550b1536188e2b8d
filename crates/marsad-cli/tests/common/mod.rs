//! What the CLI test files share: the binary, the folders beside the
//! repository, reading its output, and a seeded generator.
//!
//! Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use marsad_index::Index;
use marsad_store::Store;
use marsad_store_sqlite::SqliteStore;
use serde_json::Value;

/// The `marsad` binary built for these tests.
pub fn marsad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
}

/// `../shared` beside the repository: the seeds and the data sets.
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

pub fn seeds_dir() -> PathBuf {
    shared_dir().join("seeds")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output as JSON Lines, one value a line.
pub fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is JSON"))
        .collect()
}

/// The number just before `what` in a progress line (`1200 stored,` → 1200).
pub fn number_before(line: &str, what: &str) -> Option<u64> {
    let at = line.find(what)?;
    line[..at].split_whitespace().last()?.parse().ok()
}

/// The store in `data`, after SQLite's own integrity check passed.
pub fn intact_store(data: &Path) -> SqliteStore {
    let store = SqliteStore::open_existing(data).unwrap();
    let integrity: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    store
}

/// The store is sound and the index holds exactly its live articles, at its
/// sequence number.
pub fn assert_index_matches_store(data: &Path) {
    let store = intact_store(data);
    let mut live = Vec::new();
    marsad_store::for_each_live_article(&store, 1000, |b| {
        live.extend(b.iter().map(|a| a.id));
        Ok(())
    })
    .unwrap();
    let index = Index::open(data.join("index")).unwrap();
    assert_eq!(
        index.article_ids().unwrap(),
        live,
        "index ids = live store ids"
    );
    assert_eq!(
        index.commit_meta().unwrap().map(|m| m.seq),
        Some(store.seq().unwrap()),
        "the index records the store's last write"
    );
}

/// splitmix64: a seeded sequence, so a failing run can be repeated.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
