//! Story clustering on the hand-labelled ANT week (`bench/stories/ant-week-labels.jsonl`):
//! B-cubed P/R/F1 of marsad beside two baselines, in one run.
//!
//! ```text
//! cargo run --release -p marsad-stories --example ant_stories            # the 303 alone, and inside the whole corpus
//! cargo run --release -p marsad-stories --example ant_stories -- --pairs # also the pair signals as TSV on stderr
//! cargo run --release -p marsad-stories --example ant_stories -- --labelled-only --errors  # merges and splits
//! cargo run --release -p marsad-stories --example ant_stories -- --entities  # with the entity stage's keys, as ingest gives them
//! ```
//!
//! Every run also prints a held-out evaluation: the stories are split in two halves at random
//! (10 splits, seeded), the weights are fitted on one half's pairs and the cut chosen on its
//! B-cubed F1 ([`fit_weights`] then a bias offset), and the other half is placed and scored;
//! beside it, the same halves with the stage's weights (fitted on all the labels: in-sample).

#[path = "support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::path::PathBuf;

use marsad_model::CleanArticle;
use marsad_stories::eval::{bcubed, fit_weights};
use marsad_stories::{
    signals, ArticleInput, Doc, Features, Signals, StoryIndex, TermStats, Weights,
};
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

/// Single link over the pairs whose TF-IDF cosine reaches `t`, among the `members` (indices
/// into the labelled set).
fn single_link(
    pairs: &[(usize, usize, Signals)],
    n: usize,
    members: &[bool],
    t: f32,
    ids: &[i64],
) -> HashMap<i64, usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    for (a, b, s) in pairs {
        if members[*a] && members[*b] && s.cosine >= t {
            let (ra, rb) = (find(&mut parent, *a), find(&mut parent, *b));
            parent[ra] = rb;
        }
    }
    (0..n)
        .filter(|&k| members[k])
        .map(|k| (ids[k], find(&mut parent, k)))
        .collect()
}

/// Places the `members` alone with `weights` and scores those `gold` labels.
fn placed_alone(
    features: &[Features],
    members: &[bool],
    weights: Weights,
    gold: &HashMap<i64, String>,
) -> (f64, f64, f64) {
    let batch: Vec<Features> = features
        .iter()
        .zip(members)
        .filter(|(_, m)| **m)
        .map(|(f, _)| f.clone())
        .collect();
    let mut index = StoryIndex::with_weights(weights);
    let placed = index.place_batch(batch).expect("placed");
    let predicted: HashMap<i64, u64> = placed.iter().map(|p| (p.article, p.story.0)).collect();
    bcubed(&predicted, gold)
}

/// Fits the weights on the `train` members' pairs, then moves the bias (and picks the mean
/// link among `--mean-link`'s) where the train members' B-cubed F1 peaks (the same steps
/// that gave the stage's weights).
fn fit_on(
    features: &[Features],
    pairs: &[(usize, usize, Signals)],
    train: &[bool],
    gold: &HashMap<i64, String>,
) -> Weights {
    let labelled: Vec<(bool, Signals)> = pairs
        .iter()
        .filter(|(a, b, _)| train[*a] && train[*b])
        .map(|(a, b, s)| {
            (
                gold[&features[*a].id] == gold[&features[*b].id],
                dropped(*s),
            )
        })
        .collect();
    let mut fitted = fit_weights(&labelled);
    drop_weights(&mut fitted);
    let mut best = (f64::MIN, fitted);
    for mean_link in mean_links() {
        for step in -12..=6 {
            let w = Weights {
                bias: fitted.bias + step as f32 * 0.25,
                mean_link,
                ..fitted
            };
            let (_, _, f) = placed_alone(features, train, w, gold);
            if f > best.0 {
                best = (f, w);
            }
        }
    }
    if std::env::args().any(|a| a == "--search") {
        best = coordinate_search(features, train, gold, best);
    }
    best.1
}

/// `--search`: tunes the weights on the train members' B-cubed F1 itself rather than on pairs:
/// each content weight and the time penalty × 0.7 or × 1.4, the bias re-chosen around its value
/// each time, kept when F1 rises; two passes.
fn coordinate_search(
    features: &[Features],
    train: &[bool],
    gold: &HashMap<i64, String>,
    mut best: (f64, Weights),
) -> (f64, Weights) {
    type Field = fn(&mut Weights) -> &mut f32;
    let fields: [Field; 5] = [
        |w| &mut w.cosine,
        |w| &mut w.title,
        |w| &mut w.names,
        |w| &mut w.figures,
        |w| &mut w.per_day,
    ];
    for _ in 0..2 {
        for field in fields {
            for factor in [0.7f32, 1.4] {
                let mut trial = best.1;
                *field(&mut trial) *= factor;
                for step in -4..=4 {
                    let w = Weights {
                        bias: trial.bias + step as f32 * 0.25,
                        ..trial
                    };
                    let (_, _, f) = placed_alone(features, train, w, gold);
                    if f > best.0 {
                        best = (f, w);
                    }
                }
            }
        }
    }
    best
}

/// The mean-link shares tried on the training half (`--mean-link 0,0.25,0.5`; the stage's
/// [`marsad_stories::settings::MEAN_LINK`] by default).
fn mean_links() -> Vec<f32> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--mean-link")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| vec![marsad_stories::settings::MEAN_LINK])
}

/// The signals named by `--drop a,b` (to measure what each one adds): left out of the fit.
fn dropped_names() -> Vec<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--drop")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default()
}

fn dropped(mut s: Signals) -> Signals {
    for name in dropped_names() {
        match name.as_str() {
            "title" => s.title = 0.0,
            "names" => s.names = 0.0,
            "figures" => s.figures = 0.0,
            "dates" => s.dates = 0.0,
            "quotes" => s.quotes = 0.0,
            other => panic!("--drop: no signal {other}"),
        }
    }
    s
}

fn drop_weights(w: &mut Weights) {
    for name in dropped_names() {
        match name.as_str() {
            "title" => w.title = 0.0,
            "names" => w.names = 0.0,
            "figures" => w.figures = 0.0,
            "dates" => w.dates = 0.0,
            "quotes" => w.quotes = 0.0,
            _ => {}
        }
    }
}

/// A story's half in split `round`: a seeded FNV-1a hash of its label.
fn half_of(story: &str, round: u64) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ round.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in story.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h >> 33) & 1 == 1
}

/// The held-out table: means over 10 random 2-fold splits by story (10 scored halves).
fn held_out(features: &[Features], pairs: &[(usize, usize, Signals)], gold: &HashMap<i64, String>) {
    const ROUNDS: u64 = 10;
    let n = features.len();
    let ids: Vec<i64> = features.iter().map(|f| f.id).collect();
    let mut rows: [(f64, f64, f64); 6] = [(0.0, 0.0, 0.0); 6];
    let mut halves = 0.0;
    let mut add = |row: usize, (p, r, f): (f64, f64, f64)| {
        rows[row].0 += p;
        rows[row].1 += r;
        rows[row].2 += f;
    };
    for round in 0..ROUNDS {
        for side in [false, true] {
            let test: Vec<bool> = ids
                .iter()
                .map(|i| half_of(&gold[i], round) == side)
                .collect();
            let train: Vec<bool> = test.iter().map(|t| !t).collect();
            let alone: HashMap<i64, i64> = (0..n)
                .filter(|&k| test[k])
                .map(|k| (ids[k], ids[k]))
                .collect();
            add(0, bcubed(&alone, gold));
            let threshold = (1..40)
                .map(|step| step as f32 * 0.025)
                .max_by(|&a, &b| {
                    let f = |t| bcubed(&single_link(pairs, n, &train, t, &ids), gold).2;
                    f(a).total_cmp(&f(b))
                })
                .unwrap_or(0.25);
            add(
                1,
                bcubed(&single_link(pairs, n, &test, threshold, &ids), gold),
            );
            add(2, placed_alone(features, &test, Weights::default(), gold));
            let weights = fit_on(features, pairs, &train, gold);
            let scored = placed_alone(features, &test, weights, gold);
            eprintln!(
                "split {round}/{}: {} test articles, F1 {:.3} with {weights:?}",
                u8::from(side),
                test.iter().filter(|t| **t).count(),
                scored.2
            );
            add(3, scored);
            // All 303 placed (each test article meets the whole week), the test half scored.
            let test_gold: HashMap<i64, String> = (0..n)
                .filter(|&k| test[k])
                .map(|k| (ids[k], gold[&ids[k]].clone()))
                .collect();
            let everyone = vec![true; n];
            add(
                4,
                placed_alone(features, &everyone, Weights::default(), &test_gold),
            );
            add(5, placed_alone(features, &everyone, weights, &test_gold));
            halves += 1.0;
        }
    }
    println!("held out: means over {halves} halves (10 random 2-fold splits by story)");
    let names = [
        "every article alone",
        "TF-IDF cosine single link within the half, threshold chosen on the other half",
        "marsad, the half placed alone, stage's weights (fitted on all labels: in-sample)",
        "marsad, the half placed alone, weights fitted and cut chosen on the other half (held out)",
        "marsad, all 303 placed, the half scored, stage's weights (in-sample)",
        "marsad, all 303 placed, the half scored, the other half's weights (held out)",
    ];
    for (name, (p, r, f)) in names.iter().zip(rows) {
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} |",
            p / halves,
            r / halves,
            f / halves
        );
    }
    let all = vec![true; n];
    let refit = fit_on(features, pairs, &all, gold);
    let (p, r, f) = placed_alone(features, &all, refit, gold);
    println!(
        "| marsad, weights refitted on all 303 (in-sample) | {p:.3} | {r:.3} | {f:.3} |  {refit:?}"
    );
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

    held_out(&features, &pair_signals, &gold);

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
