//! `marsad ingest --db postgres://…`: several workers on one PostgreSQL
//! store, through the binary. Needs a server: `MARSAD_TEST_PG` (see
//! `.ci/postgres.sh`); without one each test says it skipped, and with
//! `MARSAD_REQUIRE_PG=1` (CI) a missing server fails.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use marsad_store::Store;
use marsad_store_postgres::testing::fresh_schema;
use marsad_store_postgres::PgStore;
use tempfile::TempDir;

mod common;
use common::{marsad, stderr, Rng};

/// A made-up Arabic word: texts built from them share no wording by chance,
/// so which articles are copies, and which are one story, is known.
fn word(rng: &mut Rng) -> String {
    const LETTERS: &[char] = &[
        'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ',
        'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
    ];
    let len = 4 + rng.below(4);
    (0..len)
        .map(|_| LETTERS[rng.below(LETTERS.len() as u64) as usize])
        .collect()
}

/// Text number `n`: a title and two paragraphs of its own words, and the
/// word مرصد that every text has (to count what a search finds).
fn text(n: u64) -> (String, String) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (n + 1).wrapping_mul(0x1000_0000_01b3));
    let words = |rng: &mut Rng, k: usize| (0..k).map(|_| word(rng)).collect::<Vec<_>>().join(" ");
    let title = words(&mut rng, 6);
    let body = format!("مرصد {}.\n{}.", words(&mut rng, 40), words(&mut rng, 40));
    (title, body)
}

/// Records `range` as JSON Lines: record `i` tells text `i % texts`, at a
/// URL of its own (so a text told twice is two records, copies of each other).
fn write_records(path: &Path, range: std::ops::Range<u64>, texts: u64) {
    let mut s = String::new();
    for i in range {
        let (title, body) = text(i % texts);
        let outlet = ["sabq", "okaz", "alriyadh"][(i % 3) as usize];
        let rec = serde_json::json!({
            "title": title,
            "text": body,
            "url": format!("https://news.example/{i}"),
            "date": format!("2024-06-{:02}T10:05", 1 + (i % texts) % 28),
            "outlet": outlet,
        });
        s.push_str(&rec.to_string());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

fn ingest(data: &Path, db: Option<&str>, inputs: &[&Path]) -> Command {
    let mut cmd = marsad();
    cmd.arg("ingest").arg("--data").arg(data).args(inputs);
    match db {
        Some(url) => cmd.env("MARSAD_DB", url),
        None => cmd.env_remove("MARSAD_DB"),
    };
    cmd
}

fn lines_of(data: &Path, db: Option<&str>, args: &[&str]) -> usize {
    let mut cmd = marsad();
    cmd.args(args).arg("--data").arg(data);
    match db {
        Some(url) => cmd.env("MARSAD_DB", url),
        None => cmd.env_remove("MARSAD_DB"),
    };
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).lines().count()
}

/// What the acceptance compares: articles, duplicate groups, stories, and
/// the articles this data folder's index finds.
fn figures(data: &Path, db: Option<&str>) -> (usize, usize, usize, usize) {
    (
        lines_of(data, db, &["articles", "--json"]),
        lines_of(data, db, &["duplicates", "--json"]),
        lines_of(data, db, &["stories", "--json"]),
        lines_of(data, db, &["search", "--json", "--limit", "100000", "مرصد"]),
    )
}

fn finish(child: Child, who: &str) -> String {
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{who}: {}", stderr(&out));
    stderr(&out)
}

/// Two workers over overlapping inputs into one database, at the same
/// time: every record once, copies told by different workers grouped, and
/// the same figures as one worker into SQLite.
#[test]
fn two_workers_store_each_page_once_and_agree_with_one_sqlite_worker() {
    let Some(schema) = fresh_schema("two_workers_store_each_page_once") else {
        return;
    };
    const TEXTS: u64 = 3_000;
    let dir = TempDir::new().unwrap();
    let [a, b, c] = ["a.jsonl", "b.jsonl", "c.jsonl"].map(|f| dir.path().join(f));
    write_records(&a, 0..1_500, TEXTS);
    write_records(&b, 1_500..3_000, TEXTS);
    // Records 3000.. tell texts 0..1500 again: copies of `a`'s, by the other worker.
    write_records(&c, 3_000..4_500, TEXTS);

    // Both start with `b`: they race for the same records.
    let (one, two) = (dir.path().join("worker1"), dir.path().join("worker2"));
    let db = Some(schema.url.as_str());
    let first = ingest(&one, db, &[&b, &a])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let second = ingest(&two, db, &[&b, &c])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log1 = finish(first, "worker 1");
    let log2 = finish(second, "worker 2");

    let store = PgStore::open(&schema.url).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.corpus_records, counts.articles),
        (4_500, 4_500),
        "each record once:\n{log1}\n{log2}"
    );
    let stored = |log: &str| {
        let line = log.lines().rfind(|l| l.contains("ingest: ")).unwrap_or("");
        let (head, _) = line.split_once(" stored").unwrap_or(("", ""));
        head.rsplit(' ')
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    assert_eq!(stored(&log1) + stored(&log2), 4_500, "{log1}\n{log2}");

    let sqlite = dir.path().join("sqlite");
    let out = ingest(&sqlite, None, &[&a, &b, &c]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let alone = figures(&sqlite, None);
    assert_eq!(
        alone,
        (4_500, 1_500, 3_000, 4_500),
        "one worker into SQLite"
    );
    // Each worker's index holds every article, its own and the other's.
    assert_eq!(figures(&one, db), alone, "worker 1's folder");
    assert_eq!(figures(&two, db), alone, "worker 2's folder");
}

/// A worker killed with SIGKILL in the middle of a batch, then run again:
/// nothing reported stored is lost, nothing is stored twice, and the
/// stages and the index end as if it had never stopped.
#[test]
fn a_worker_killed_mid_batch_loses_nothing() {
    let Some(schema) = fresh_schema("a_worker_killed_mid_batch_loses_nothing") else {
        return;
    };
    const N: u64 = 8_000;
    const TEXTS: u64 = 5_000;
    let dir = TempDir::new().unwrap();
    let jsonl = dir.path().join("corpus.jsonl");
    write_records(&jsonl, 0..N, TEXTS);
    let data = dir.path().join("data");
    let db = Some(schema.url.as_str());

    let mut child = ingest(&data, db, &[&jsonl])
        .args(["--progress-interval", "20", "--stages", "stories"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reported = 0;
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        let n = line
            .split_once(" stored")
            .and_then(|(head, _)| head.rsplit(' ').next()?.parse::<u64>().ok());
        if let Some(n) = n.filter(|&n| n >= 1_500) {
            reported = n;
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL, with batches being prepared and written
    assert!(!child.wait().unwrap().success(), "killed, not finished");
    assert!(reported >= 1_500);
    {
        let store = PgStore::open(&schema.url).unwrap();
        let c = store.counts().unwrap();
        assert!(
            c.corpus_records >= reported,
            "reported {reported}, stored {c:?}"
        );
        assert!(c.corpus_records < N, "killed before the end");
        // A record, its article and its paragraphs commit together.
        assert_eq!(
            (c.articles, c.paragraphs),
            (c.corpus_records, 2 * c.corpus_records)
        );
    }

    let out = ingest(&data, db, &[&jsonl])
        .args(["--stages", "stories"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let store = PgStore::open(&schema.url).unwrap();
    let c = store.counts().unwrap();
    assert_eq!((c.corpus_records, c.articles, c.paragraphs), (N, N, 2 * N));
    let (articles, groups, stories, found) = figures(&data, db);
    assert_eq!(
        (articles, groups, stories, found),
        (N as usize, (N - TEXTS) as usize, TEXTS as usize, N as usize)
    );
}

/// A second run places its articles among the stories the first one stored
/// (the stages' memory is loaded even when they are in step with the store):
/// copies of earlier articles join their groups, no story id is given twice.
/// SQLite, so it needs no server.
#[test]
fn a_later_run_places_copies_among_stored_stories() {
    const TEXTS: u64 = 300;
    let dir = TempDir::new().unwrap();
    let (first, again) = (
        dir.path().join("first.jsonl"),
        dir.path().join("again.jsonl"),
    );
    write_records(&first, 0..TEXTS, TEXTS);
    // Records 300..400 tell texts 0..100 again.
    write_records(&again, TEXTS..TEXTS + 100, TEXTS);
    let data = dir.path().join("data");
    for input in [&first, &again] {
        let out = ingest(&data, None, &[input])
            .args(["--stages", "stories"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let (articles, groups, stories, found) = figures(&data, None);
    assert_eq!((articles, groups, stories, found), (400, 100, 300, 400));
}
