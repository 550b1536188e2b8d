//! Time and peak memory of duplicates and stories over both corpora (SaudiNewsNet and ANT,
//! ~62k articles), cut to `--articles N`; beyond the corpora, the articles are repeated with
//! dates shifted by 400 days per round and lightly perturbed text (every 17th word dropped,
//! starting at a different word each round).
//!
//! ```text
//! for n in 10000 30000 62000 250000; do
//!   cargo run --release -p marsad-stories --example scale -- --articles $n
//! done
//! ```
//! Each size runs in its own process so that its peak memory is its own.

#[path = "support/mod.rs"]
mod support;

use std::time::Instant;

use marsad_model::{CleanArticle, Published};
use marsad_stories::{ArticleInput, ArticleRecord, Features, StoryIndex};
use rayon::prelude::*;

fn perturbed(a: &CleanArticle, round: usize) -> CleanArticle {
    let mut b = a.clone();
    b.source = format!("{}@{round}", a.source);
    b.published = a
        .published
        .map(|p| Published::from_days_from_epoch(p.days_from_epoch() + 400 * round as i64));
    b.fetched = b
        .fetched
        .as_deref()
        .and_then(marsad_dates::parse_machine_date)
        .map(|p| Published::from_days_from_epoch(p.days_from_epoch() + 400 * round as i64))
        .map(|p| p.to_string());
    b.text = a
        .text
        .split(' ')
        .enumerate()
        .filter(|(i, _)| !(i + round).is_multiple_of(17))
        .map(|(_, w)| w)
        .collect::<Vec<_>>()
        .join(" ");
    b
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let wanted: usize = args
        .iter()
        .position(|a| a == "--articles")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(62_000);
    let mut base = support::saudinewsnet();
    base.extend(support::ant());
    // Interleave the corpora so that a cut holds both.
    base.sort_by(|a, b| a.source.cmp(&b.source));
    let mut corpus: Vec<CleanArticle> = Vec::with_capacity(wanted);
    let mut round = 0;
    while corpus.len() < wanted {
        for a in &base {
            if corpus.len() == wanted {
                break;
            }
            corpus.push(if round == 0 {
                a.clone()
            } else {
                perturbed(a, round)
            });
        }
        round += 1;
    }
    let loaded_mb = support::rss_mb();
    let t = Instant::now();
    let features: Vec<Features> = corpus
        .par_iter()
        .enumerate()
        .map(|(i, a)| Features::of(&ArticleInput::from_clean(i as i64, a)))
        .collect();
    drop(corpus);
    let t_features = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut index = StoryIndex::new();
    let records: Vec<ArticleRecord> = {
        let mut sorted = features;
        sorted.sort_by_key(Features::order_key);
        let mut out = Vec::with_capacity(sorted.len());
        for f in sorted {
            let placement = index.place(f.clone()).expect("placed");
            out.push(ArticleRecord {
                features: f,
                placement,
            });
        }
        out
    };
    let t_place = t.elapsed().as_secs_f64();
    let stories = index.stories().count();
    let groups = index.groups().count();
    let copies: usize = index.groups().map(|g| g.members.len() - 1).sum();
    let peak_after_place = support::peak_rss_mb();
    let record_bytes: usize = records
        .iter()
        .take(2000)
        .map(|r| serde_json::to_vec(r).map_or(0, |v| v.len()))
        .sum::<usize>()
        / records.len().clamp(1, 2000);
    drop(index);
    let t = Instant::now();
    let restored = StoryIndex::restore(records).expect("restored");
    let t_restore = t.elapsed().as_secs_f64();
    println!(
        "| {} | {:.1} | {:.1} | {:.0} | {:.1} | {} | {} | {} | {:.0} | {:.0} | {} |",
        restored.len(),
        t_features,
        t_place,
        restored.len() as f64 / t_place,
        t_restore,
        stories,
        groups,
        copies,
        peak_after_place,
        loaded_mb,
        record_bytes,
    );
}
