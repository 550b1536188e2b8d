//! The story catalog a server keeps: followed from write to write
//! ([`StoryCatalog::update`]), it equals one read afresh from the store,
//! through new stories, stories that grow, wire copies that turn an earlier
//! article into a duplicate group's original, and a re-extraction.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use marsad_engine::{
    default_stages, Counters, Engine, EngineOptions, IngestOptions, Library, StoryCatalog,
    StoryView,
};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

fn seed(n: usize) -> PathBuf {
    let prefix = format!("{n:03}_");
    std::fs::read_dir(seeds())
        .expect("the seed pages beside the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.starts_with(&prefix))
        })
        .unwrap_or_else(|| panic!("seed {n}"))
}

/// A seed page's text from its blank-line separated paragraphs of many
/// words (the article, not its furniture).
fn body_of(page: &Path) -> String {
    let text = std::fs::read_to_string(page).expect("seed text");
    text.lines()
        .map(str::trim)
        .filter(|l| l.split_whitespace().count() >= 12)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A JSON Lines corpus: each record (title, text, outlet, url) one line.
fn corpus(dir: &Path, name: &str, records: &[(&str, String, &str, String)]) -> String {
    let path = dir.join(name);
    let mut s = String::new();
    for (title, text, outlet, url) in records {
        s.push_str(
            &serde_json::json!({"title": title, "text": text, "outlet": outlet, "url": url})
                .to_string(),
        );
        s.push('\n');
    }
    std::fs::write(&path, s).expect("write corpus");
    path.display().to_string()
}

fn ingest(engine: &mut Engine, inputs: &[String]) {
    let report = engine
        .ingest(inputs, &IngestOptions::default(), &Counters::default())
        .expect("ingest");
    assert_eq!(report.errors, 0);
}

fn views(c: &StoryCatalog) -> Vec<StoryView> {
    c.stories().map(|s| (**s).clone()).collect()
}

/// The kept catalog, updated, against one read afresh.
fn assert_in_step(kept: &mut StoryCatalog, library: &Library, step: &str) -> usize {
    assert!(
        kept.update(library).expect("update"),
        "{step}: the store moved"
    );
    let fresh = library.story_catalog().expect("fresh catalog");
    assert_eq!(kept.seq(), fresh.seq(), "{step}: position");
    assert_eq!(views(kept), views(&fresh), "{step}: the stories");
    assert_eq!(kept.links(), fresh.links(), "{step}: the follow-ups");
    assert!(
        !kept.update(library).expect("update"),
        "{step}: nothing new"
    );
    fresh.stories().count()
}

#[test]
fn a_catalog_followed_from_write_to_write_equals_one_read_afresh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut opts = EngineOptions::new(dir.path());
    opts.stages = default_stages().expect("stages");
    opts.notice = Arc::new(|_| {});
    let mut engine = Engine::open(opts).expect("engine");
    let path = |n: usize| seed(n).display().to_string();
    ingest(&mut engine, &[path(0), path(2)]);

    let library = Library::open(dir.path(), &|_| {}).expect("library");
    let mut kept = library.story_catalog().expect("catalog");
    let first = views(&kept).len();
    assert!(first > 0);

    // More pages: new stories and stories that grow (the June story's
    // other articles, the November follow-up).
    ingest(&mut engine, &[path(1), path(3), path(4)]);
    let after_seeds = assert_in_step(&mut kept, &library, "the other seeds");
    assert!(after_seeds >= first);

    // Wire copies of a seed page under two outlets, in two writes: the
    // second makes the earlier copy's group grow.
    let text = body_of(&seed(2));
    assert!(text.split_whitespace().count() > 100, "a long seed body");
    let copy = |outlet: &'static str, n: usize, extra: &str| {
        (
            "بوتين وكيم يعززان التحالف",
            format!("{text}\n\n{extra}"),
            outlet,
            format!("https://copies.example/{n}"),
        )
    };
    let one = corpus(dir.path(), "copies-1.jsonl", &[copy("وكالة أ", 1, "")]);
    ingest(&mut engine, &[one]);
    assert_in_step(&mut kept, &library, "a first copy");
    let two = corpus(
        dir.path(),
        "copies-2.jsonl",
        &[
            copy("وكالة ب", 2, "وأضافت الوكالة أن الزيارة تستمر يومين."),
            copy("وكالة ج", 3, ""),
        ],
    );
    ingest(&mut engine, &[two]);
    assert_in_step(&mut kept, &library, "more copies");
    let copies = views(&kept)
        .iter()
        .flat_map(|s| s.articles.iter())
        .filter(|a| a.role == Some("copy"))
        .count();
    assert!(copies >= 2, "copies recognised: {copies}");

    // Every stored page extracted again: rewritten articles, same places.
    engine.reextract(|_| {}).expect("reextract");
    let before = kept.seq();
    let moved = kept.update(&library).expect("update");
    let fresh = library.story_catalog().expect("fresh");
    assert_eq!(kept.seq(), fresh.seq());
    assert!(moved || kept.seq() == before);
    assert_eq!(views(&kept), views(&fresh), "after reextract");
    assert_eq!(kept.links(), fresh.links());
    engine.close().expect("close");
}
