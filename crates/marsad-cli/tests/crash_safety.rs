//! `marsad ingest` killed with SIGKILL at random moments, again and again,
//! then run to the end: the store holds every page exactly once, the index
//! matches the store, and duplicates and stories are those of a run that
//! was never interrupted.
//!
//! The input is one day of SaudiNewsNet (real wire copies and stories) and
//! the seed pages, read from `../shared` beside the repository.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use marsad_store::Store;
use marsad_store_sqlite::SqliteStore;
use tempfile::TempDir;

mod common;
use common::{assert_index_matches_store, marsad, number_before, shared_dir, Rng};

/// Kills: the issue asks for at least 20.
const KILLS: usize = 24;
const SEED: u64 = 0x6d61_7273_6164;

fn inputs() -> Vec<PathBuf> {
    vec![
        shared_dir().join("data/saudinewsnet/dataset/2015-07-21.zip"),
        shared_dir().join("seeds"),
    ]
}

fn ingest(data: &Path) -> Command {
    let mut cmd = marsad();
    cmd.args(["ingest", "--progress-interval", "10", "--data"])
        .arg(data)
        .args(inputs());
    cmd
}

/// Pages and corpus records in the store (0 before the first run).
fn stored_so_far(data: &Path) -> u64 {
    match SqliteStore::open_existing(data) {
        Ok(store) => {
            let c = store.counts().unwrap();
            c.pages + c.corpus_records
        }
        Err(_) => 0,
    }
}

/// Run `cmd`; once `stored` of its own pages are reported stored (0: at
/// once), wait `extra` more and kill it with SIGKILL. Returns whether it was
/// killed (rather than finished first).
fn kill_after(mut cmd: Command, stored: u64, extra: Duration) -> bool {
    let mut child = cmd.stderr(Stdio::piped()).spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut reached = stored == 0;
        if reached {
            let _ = tx.send(());
        }
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if !reached && number_before(&line, "stored,").is_some_and(|n| n >= stored) {
                reached = true;
                let _ = tx.send(());
            }
        }
    });
    // The line may never come (the run ends first): then there is nothing to kill.
    let killed = if rx.recv().is_ok() {
        std::thread::sleep(extra);
        match child.try_wait().unwrap() {
            Some(_) => false,
            None => {
                child.kill().unwrap(); // SIGKILL
                true
            }
        }
    } else {
        false
    };
    let status = child.wait().unwrap();
    reader.join().unwrap();
    killed && !status.success()
}

/// Everything that must not depend on interruptions, as text to compare.
struct Outcome {
    counts: marsad_store::Counts,
    sources: Vec<String>,
    stories: String,
    duplicates: String,
}

fn outcome(data: &Path) -> Outcome {
    let run = |args: &[&str]| {
        let out = marsad()
            .args(args)
            .arg("--data")
            .arg(data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let stories = run(&["stories", "--json"]);
    let duplicates = run(&["duplicates", "--json"]);
    let store = SqliteStore::open_existing(data).unwrap();
    let sources = {
        let conn = store.connection();
        let mut stmt = conn
            .prepare("SELECT source FROM pages ORDER BY source")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.collect::<Result<Vec<_>, _>>().unwrap()
    };
    Outcome {
        counts: store.counts().unwrap(),
        sources,
        stories,
        duplicates,
    }
}

#[test]
fn ingest_killed_at_random_moments_keeps_every_page_once_and_the_index_in_step() {
    killed_at_random_moments(false);
}

/// The stories stage decides within a write in its own order, so this holds
/// because a resumed run cuts its writes where the killed one did (batches
/// count the pages already stored) and a stage catching up is handed one
/// committed write at a time (`next_write` in marsad-engine's stage.rs).
#[test]
fn ingest_killed_at_random_moments_ends_with_the_stories_of_an_uninterrupted_run() {
    killed_at_random_moments(true);
}

fn killed_at_random_moments(check_stories: bool) {
    for input in inputs() {
        assert!(input.exists(), "{} is missing", input.display());
    }
    let dir = TempDir::new().unwrap();

    let calm = dir.path().join("calm");
    let started = Instant::now();
    let out = ingest(&calm).output().unwrap();
    let full_run = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = outcome(&calm);
    let total = expected.counts.pages + expected.counts.corpus_records;
    assert!(total > 2_000, "{total} pages and records stored");

    // Kill points spread over the run: a count of stored pages drawn at
    // random over the whole input, then a random delay of up to a batch's
    // share of an uninterrupted run (landing in
    // extraction, a commit, a stage, the index, or the start-up catch-up
    // of the next run).
    let batch_ms = (full_run.as_millis() as u64 * 512 / total).max(1);
    let killed_dir = dir.path().join("killed");
    let mut rng = Rng(SEED);
    let mut targets: Vec<u64> = (0..KILLS).map(|_| rng.below(total)).collect();
    targets.sort_unstable();
    let mut kills = 0;
    let mut attempts = 0;
    let mut moments = Vec::new();
    // Up to one batch's share: with batches prepared ahead of the writer, commits can come
    // closer together than the average, and a longer delay let most kills land after the
    // last commit (kills at three stored counts only).
    let mut delay_cap_ms = batch_ms;
    while kills < KILLS {
        attempts += 1;
        assert!(
            attempts < KILLS * 4,
            "only {kills} kills in {attempts} runs"
        );
        let target = targets.get(kills).copied().unwrap_or(total);
        let before = stored_so_far(&killed_dir);
        let extra = Duration::from_millis(rng.below(delay_cap_ms));
        let run_started = Instant::now();
        let killed = kill_after(ingest(&killed_dir), target.saturating_sub(before), extra);
        if !killed {
            // Near the end a restart has little to do: aim inside its length.
            delay_cap_ms = (run_started.elapsed().as_millis() as u64 * 9 / 10).max(1);
        }
        let after = stored_so_far(&killed_dir);
        if killed && after >= total && target + 512 < total {
            // Overshot to the end: later kills aim shorter.
            delay_cap_ms = (delay_cap_ms / 2).max(1);
        }
        eprintln!(
            "run {attempts}: {before} stored before, kill aimed at {target} + {} ms: {}, {after} stored after",
            extra.as_millis(),
            if killed { "killed" } else { "finished first" }
        );
        if killed {
            kills += 1;
            moments.push(before);
        }
    }
    // Spread over the run: killed in several of its six batches (512 pages
    // each), from the first to the last (timing decides exactly which).
    moments.dedup();
    assert!(moments.len() >= 4, "kills only with {moments:?} stored");
    let out = ingest(&killed_dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let after = outcome(&killed_dir);
    assert_index_matches_store(&killed_dir);
    assert_eq!(after.sources.len() as u64, total);
    let mut unique = after.sources.clone();
    unique.dedup();
    assert_eq!(unique, after.sources, "every page stored once");
    assert_eq!(after.sources, expected.sources, "the same pages");
    assert_eq!(after.counts, expected.counts, "the same counts");
    eprintln!(
        "duplicate groups {}, stories {} to an uninterrupted run",
        if after.duplicates == expected.duplicates {
            "identical"
        } else {
            "NOT identical"
        },
        if after.stories == expected.stories {
            "identical"
        } else {
            "NOT identical"
        },
    );
    if check_stories {
        assert_eq!(
            after.duplicates, expected.duplicates,
            "the same duplicate groups"
        );
        assert_eq!(after.stories, expected.stories, "the same stories");
    }
}
