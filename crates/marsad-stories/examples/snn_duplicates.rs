//! Near-duplicates on SaudiNewsNet against a brute-force truth.
//!
//! The truth: every pair of articles whose word-5-shingle Jaccard (marsad-text's matching form,
//! the same shingles as the stage) is ≥ 0.5, found exactly by counting shared shingles through
//! an inverted index (every pair that shares a shingle is counted; no sampling, no sketch).
//! marsad: the whole corpus placed in the deterministic order. Two readings of its output: the
//! near-duplicate relation it reports (`Placement::near`, plus exact-text classes), and
//! membership of one duplicate group (exact and near copies; a partition, which the truth,
//! not being transitive, can only be approximated by).
//!
//! `cargo run --release -p marsad-stories --example snn_duplicates`

#[path = "support/mod.rs"]
mod support;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use marsad_stories::{ArticleInput, CopyKind, Features, StoryIndex};
use rayon::prelude::*;

fn main() {
    let corpus = support::saudinewsnet();
    println!("{} SaudiNewsNet articles with a text", corpus.len());

    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "--pair") {
        let ids: Vec<usize> = args[k + 1..]
            .iter()
            .filter_map(|a| a.parse().ok())
            .collect();
        let f: Vec<Features> = ids
            .iter()
            .map(|&i| Features::of(&ArticleInput::from_clean(i as i64, &corpus[i])))
            .collect();
        println!(
            "jaccard {} estimate {} shingles {} {} minutes {:?} {:?} hash {} {}",
            marsad_stories::jaccard(&f[0].shingles, &f[1].shingles),
            marsad_stories::estimate_jaccard(&f[0].signature, &f[1].signature),
            f[0].shingles.len(),
            f[1].shingles.len(),
            f[0].minutes,
            f[1].minutes,
            f[0].text_hash,
            f[1].text_hash
        );
        return;
    }
    // --- truth, by brute force ---
    let t = Instant::now();
    let sets: Vec<Vec<u64>> = corpus
        .par_iter()
        .map(|a| {
            let words: Vec<String> = marsad_text::tokenize(&a.text)
                .into_iter()
                .map(|t| t.surface)
                .collect();
            let n = 5.min(words.len());
            let mut set: Vec<u64> = if n == 0 {
                Vec::new()
            } else {
                words
                    .windows(n)
                    .map(|w| {
                        use std::hash::{Hash, Hasher};
                        let mut h = std::collections::hash_map::DefaultHasher::new();
                        w.hash(&mut h);
                        h.finish()
                    })
                    .collect()
            };
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        for &x in s {
            postings.entry(x).or_default().push(i as u32);
        }
    }
    let truth: HashSet<(u32, u32)> = (0..sets.len())
        .into_par_iter()
        .flat_map_iter(|a| {
            let mut counts: HashMap<u32, u32> = HashMap::new();
            for x in &sets[a] {
                for &b in &postings[x] {
                    if b as usize > a {
                        *counts.entry(b).or_insert(0) += 1;
                    }
                }
            }
            let la = sets[a].len();
            let sets = &sets;
            counts.into_iter().filter_map(move |(b, inter)| {
                let union = la + sets[b as usize].len() - inter as usize;
                (inter as f64 / union as f64 >= 0.5).then_some((a as u32, b))
            })
        })
        .collect();
    let outlet = |i: u32| corpus[i as usize].outlet.as_deref();
    let cross = |p: &(u32, u32)| outlet(p.0) != outlet(p.1);
    println!(
        "truth: {} pairs with Jaccard ≥ 0.5, {} across outlets ({:.1} s)",
        truth.len(),
        truth.iter().filter(|p| cross(p)).count(),
        t.elapsed().as_secs_f64()
    );

    // --- marsad ---
    let t = Instant::now();
    let features: Vec<Features> = corpus
        .par_iter()
        .enumerate()
        .map(|(i, a)| Features::of(&ArticleInput::from_clean(i as i64, a)))
        .collect();
    let t_features = t.elapsed().as_secs_f64();
    let mut index = StoryIndex::new();
    let placements = index.place_batch(features).expect("placed");
    println!(
        "marsad: features {:.1} s, placement {:.1} s",
        t_features,
        t.elapsed().as_secs_f64() - t_features
    );
    // Groups through exact and near links only: union-find over those links.
    let mut parent: Vec<u32> = (0..corpus.len() as u32).collect();
    fn find(parent: &mut [u32], x: u32) -> u32 {
        let mut r = x;
        while parent[r as usize] != r {
            r = parent[r as usize];
        }
        parent[x as usize] = r;
        r
    }
    let mut links = HashSet::new();
    for p in &placements {
        if let Some(c) = p.copy {
            if matches!(c.kind, CopyKind::Exact | CopyKind::Near) {
                let (a, b) = (p.article as u32, c.of as u32);
                links.insert((a.min(b), a.max(b)));
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra as usize] = rb;
            }
        }
    }
    let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..corpus.len() as u32 {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut predicted = HashSet::new();
    for m in members.values().filter(|m| m.len() > 1) {
        for (k, &a) in m.iter().enumerate() {
            for &b in &m[k + 1..] {
                predicted.insert((a.min(b), a.max(b)));
            }
        }
    }
    // The near-duplicate relation marsad reports: every `near` link, plus the pairs of each
    // exact-text class (exact identity is transitive, so its classes are closed).
    let mut relation = HashSet::new();
    let mut exact_parent: Vec<u32> = (0..corpus.len() as u32).collect();
    for p in &placements {
        for n in &p.near {
            let (a, b) = (p.article as u32, n.article as u32);
            relation.insert((a.min(b), a.max(b)));
        }
        if let Some(c) = p.copy.filter(|c| c.kind == CopyKind::Exact) {
            let (ra, rb) = (
                find(&mut exact_parent, p.article as u32),
                find(&mut exact_parent, c.of as u32),
            );
            exact_parent[ra as usize] = rb;
        }
    }
    let mut exact_classes: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..corpus.len() as u32 {
        let r = find(&mut exact_parent, i);
        exact_classes.entry(r).or_default().push(i);
    }
    for m in exact_classes.values().filter(|m| m.len() > 1) {
        for (k, &a) in m.iter().enumerate() {
            for &b in &m[k + 1..] {
                relation.insert((a.min(b), a.max(b)));
            }
        }
    }
    let report = |name: &str, pred: &HashSet<(u32, u32)>, only_cross: bool| {
        let keep = |p: &&(u32, u32)| !only_cross || cross(p);
        let t: HashSet<&(u32, u32)> = truth.iter().filter(keep).collect();
        let p: HashSet<&(u32, u32)> = pred.iter().filter(keep).collect();
        let tp = p.iter().filter(|x| t.contains(**x)).count();
        println!(
            "| {name} | {} | {} | {} | {:.4} | {:.4} |",
            if only_cross { "across outlets" } else { "all" },
            t.len(),
            p.len(),
            tp as f64 / p.len().max(1) as f64,
            tp as f64 / t.len().max(1) as f64
        );
    };
    // The ceiling of any partition: the truth is not transitive (A~B, B~C, A≁C), so even its own
    // connected components put pairs below 0.5 together.
    let mut tparent: Vec<u32> = (0..corpus.len() as u32).collect();
    for &(a, b) in &truth {
        let (ra, rb) = (find(&mut tparent, a), find(&mut tparent, b));
        tparent[ra as usize] = rb;
    }
    let mut tmembers: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..corpus.len() as u32 {
        let r = find(&mut tparent, i);
        tmembers.entry(r).or_default().push(i);
    }
    let mut components = HashSet::new();
    for m in tmembers.values().filter(|m| m.len() > 1) {
        for (k, &a) in m.iter().enumerate() {
            for &b in &m[k + 1..] {
                components.insert((a.min(b), a.max(b)));
            }
        }
    }
    println!("| pairs | which | truth | marsad | precision | recall |");
    println!("| --- | --- | --- | --- | --- | --- |");
    report(
        "near-duplicate links (`Placement::near` + exact)",
        &relation,
        false,
    );
    report(
        "near-duplicate links (`Placement::near` + exact)",
        &relation,
        true,
    );
    report("same group", &predicted, false);
    report("same group", &predicted, true);
    report("truth's own connected components", &components, false);
    report("truth's own connected components", &components, true);
    // Direct links: precision of each copy → matched article link (recall is not comparable).
    let tp = links.iter().filter(|l| truth.contains(l)).count();
    println!(
        "direct exact/near links: {}, of which in the truth {} ({:.4})",
        links.len(),
        tp,
        tp as f64 / links.len().max(1) as f64
    );
    if std::env::args().any(|a| a == "--explain") {
        let words = |i: u32| marsad_text::tokenize(&corpus[i as usize].text).len();
        let (mut short, mut other) = (0, 0);
        for p in truth.iter().filter(|p| !predicted.contains(p)) {
            if words(p.0) < marsad_stories::settings::MIN_WORDS_FOR_NEAR
                || words(p.1) < marsad_stories::settings::MIN_WORDS_FOR_NEAR
            {
                short += 1;
            } else {
                other += 1;
                if other <= 5 {
                    println!("missed {} {} words {} {}", p.0, p.1, words(p.0), words(p.1));
                }
            }
        }
        println!("missed: {short} with a text under the near-duplicate minimum, {other} others");
        let mut shown = 0;
        for p in predicted.iter().filter(|p| !truth.contains(p)) {
            if shown < 3 {
                println!("extra {} {} words {} {}", p.0, p.1, words(p.0), words(p.1));
                shown += 1;
            }
        }
    }
    println!("peak RSS {:.0} MB", support::peak_rss_mb());
}
