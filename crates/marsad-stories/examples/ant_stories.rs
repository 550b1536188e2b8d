//! Story clustering on the hand-labelled ANT week (`bench/stories/ant-week-labels.jsonl`):
//! B-cubed P/R/F1 of marsad beside two baselines, in one run.
//!
//! ```text
//! cargo run --release -p marsad-stories --example ant_stories            # the 303 alone, and inside the whole corpus
//! cargo run --release -p marsad-stories --example ant_stories -- --pairs # also the pair signals as TSV on stderr
//! cargo run --release -p marsad-stories --example ant_stories -- --labelled-only --errors  # merges and splits
//! cargo run --release -p marsad-stories --example ant_stories -- --entities  # with the entity stage's keys, as ingest gives them
//! ```

#[path = "support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::path::PathBuf;

use marsad_model::CleanArticle;
use marsad_stories::{eval::bcubed, signals, ArticleInput, Doc, Features, StoryIndex, TermStats};
use rayon::prelude::*;

fn labels() -> Vec<(String, String, String)> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/stories/ant-week-labels.jsonl");
    let text = std::fs::read_to_string(&path).expect("bench/stories/ant-week-labels.jsonl");
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("docno"), s("url"), s("story"))
        })
        .collect()
}

fn docno_of(a: &CleanArticle) -> Option<&str> {
    a.source.rsplit('/').next()?.strip_suffix(".txt")
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    let mut y = x;
    while parent[y] != r {
        let next = parent[y];
        parent[y] = r;
        y = next;
    }
    r
}

/// What the stories stage is given for an article: with `--entities`, the entity keys the
/// entity stage finds in it (as the engine gives them).
fn input_of(id: i64, a: &CleanArticle) -> ArticleInput {
    let mut input = ArticleInput::from_clean(id, a);
    if std::env::args().any(|a| a == "--entities") {
        let text = match a.title.as_deref() {
            Some(t) => format!("{t}\n\n{}", input.text),
            None => input.text.clone(),
        };
        let found = marsad_entities::analyze(&text);
        input.entities = marsad_stories::entity_keys(found.entities.iter().map(|e| e.key.as_str()));
    }
    input
}

fn main() {
    let print_pairs = std::env::args().any(|a| a == "--pairs");
    let corpus = support::ant();
    let labels = labels();
    let by_docno: HashMap<&str, usize> = corpus
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some((docno_of(a)?, i)))
        .collect();
    let mut labelled: Vec<(usize, String)> = Vec::new();
    for (docno, url, story) in &labels {
        let i = by_docno.get(docno.as_str()).copied().or_else(|| {
            corpus
                .iter()
                .position(|a| a.url.as_deref() == Some(url.as_str()))
        });
        match i {
            Some(i) => labelled.push((i, story.clone())),
            None => eprintln!("not found: {docno}"),
        }
    }
    let gold: HashMap<i64, String> = labelled
        .iter()
        .map(|(i, s)| (*i as i64, s.clone()))
        .collect();
    let stories = gold
        .values()
        .collect::<std::collections::HashSet<_>>()
        .len();
    println!(
        "{} labelled articles found of {}, {} gold stories",
        labelled.len(),
        labels.len(),
        stories
    );

    let features: Vec<Features> = labelled
        .par_iter()
        .map(|(i, _)| Features::of(&input_of(*i as i64, &corpus[*i])))
        .collect();

    // Baseline 1: every article alone.
    let alone: HashMap<i64, i64> = gold.keys().map(|&i| (i, i)).collect();
    let (p, r, f) = bcubed(&alone, &gold);
    println!("| every article alone | {p:.3} | {r:.3} | {f:.3} |");

    // Baseline 2: TF-IDF cosine single link, best threshold (IDF over the labelled set).
    let mut stats = TermStats::default();
    for f in &features {
        stats.add(f);
    }
    let docs: Vec<Doc> = features.iter().map(|f| Doc::new(f, &stats)).collect();
    let n = docs.len();
    let mut pair_signals = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            pair_signals.push((a, b, signals(&docs[a], &docs[b])));
        }
    }
    let mut best = (0.0, 0.0, 0.0, 0.0);
    for step in 1..40 {
        let t = step as f32 * 0.025;
        let mut parent: Vec<usize> = (0..n).collect();
        for (a, b, s) in &pair_signals {
            if s.cosine >= t {
                let (ra, rb) = (find(&mut parent, *a), find(&mut parent, *b));
                parent[ra] = rb;
            }
        }
        let predicted: HashMap<i64, usize> = (0..n)
            .map(|k| (features[k].id, find(&mut parent, k)))
            .collect();
        let (p, r, f) = bcubed(&predicted, &gold);
        if f > best.3 {
            best = (t, p, r, f);
        }
    }
    println!(
        "| TF-IDF cosine single link (best threshold {:.3}) | {:.3} | {:.3} | {:.3} |",
        best.0, best.1, best.2, best.3
    );
    if print_pairs {
        eprintln!("same\tcosine\tnames\tfigures\tdates\tquotes\tdays\ttitle");
        for (a, b, s) in &pair_signals {
            let same = gold[&features[*a].id] == gold[&features[*b].id];
            eprintln!(
                "{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}\t{:.4}",
                u8::from(same),
                s.cosine,
                s.names,
                s.figures,
                s.dates,
                s.quotes,
                s.days.map_or(-1.0, |d| d),
                s.title
            );
        }
    }

    // marsad: the labelled articles alone.
    let mut index = StoryIndex::new();
    let placed = index.place_batch(features.clone()).expect("placed");
    let predicted: HashMap<i64, u64> = placed.iter().map(|p| (p.article, p.story.0)).collect();
    let (p, r, f) = bcubed(&predicted, &gold);
    println!("| marsad, the labelled articles alone | {p:.3} | {r:.3} | {f:.3} |");
    if std::env::args().any(|a| a == "--errors") {
        let title = |id: i64| corpus[id as usize].title.clone().unwrap_or_default();
        let mut by_pred: HashMap<u64, Vec<i64>> = HashMap::new();
        for (id, s) in &predicted {
            by_pred.entry(*s).or_default().push(*id);
        }
        for (s, ids) in &by_pred {
            let golds: std::collections::BTreeSet<&String> = ids.iter().map(|i| &gold[i]).collect();
            if golds.len() > 1 {
                println!("merged in {s}:");
                for i in ids {
                    println!("    {} | {}", gold[i], title(*i));
                }
            }
        }
        let mut by_gold: HashMap<&String, Vec<i64>> = HashMap::new();
        for (id, g) in &gold {
            by_gold.entry(g).or_default().push(*id);
        }
        for (g, ids) in &by_gold {
            let preds: std::collections::BTreeSet<u64> = ids.iter().map(|i| predicted[i]).collect();
            if preds.len() > 1 {
                println!("split {g}:");
                for i in ids {
                    println!("    {} | {}", predicted[i], title(*i));
                }
            }
        }
    }

    if std::env::args().any(|a| a == "--labelled-only") {
        return;
    }
    // marsad: the whole corpus placed, the labelled articles scored.
    let all: Vec<Features> = corpus
        .par_iter()
        .enumerate()
        .map(|(i, a)| Features::of(&input_of(i as i64, a)))
        .collect();
    let mut index = StoryIndex::new();
    let placed = index.place_batch(all).expect("placed");
    let predicted: HashMap<i64, u64> = placed.iter().map(|p| (p.article, p.story.0)).collect();
    let (p, r, f) = bcubed(&predicted, &gold);
    println!(
        "| marsad, inside all {} ANT articles | {p:.3} | {r:.3} | {f:.3} |",
        corpus.len()
    );
}
