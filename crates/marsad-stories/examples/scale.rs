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

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes, so that the index's own size can be told from the corpus'.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only a counter is kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same layout as given.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: ptr came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded as given.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live_mb() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64 / (1024.0 * 1024.0)
}

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
    // Interleave the corpora (one SaudiNewsNet article, one ANT article, …) so that a cut holds
    // both in equal parts.
    let (snn, ant) = (support::saudinewsnet(), support::ant());
    let mut base = Vec::with_capacity(snn.len() + ant.len());
    let (mut s, mut a) = (snn.into_iter(), ant.into_iter());
    loop {
        match (s.next(), a.next()) {
            (None, None) => break,
            (x, y) => base.extend(x.into_iter().chain(y)),
        }
    }
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
    let cpu0 = support::cpu_seconds();
    let t = Instant::now();
    let features: Vec<Features> = corpus
        .par_iter()
        .enumerate()
        .map(|(i, a)| Features::of(&ArticleInput::from_clean(i as i64, a)))
        .collect();
    drop(corpus);
    let t_features = t.elapsed().as_secs_f64();
    let cpu_features = support::cpu_seconds() - cpu0;
    let cpu1 = support::cpu_seconds();
    let t = Instant::now();
    let mut index = StoryIndex::new();
    let mut sorted = features;
    sorted.sort_by_key(Features::order_key);
    let before_index = live_mb();
    let mut placements = Vec::with_capacity(sorted.len());
    for f in &sorted {
        placements.push(index.place(f.clone()).expect("placed"));
    }
    let index_mb = live_mb() - before_index;
    let t_place = t.elapsed().as_secs_f64();
    let records: Vec<ArticleRecord> = sorted
        .into_iter()
        .zip(placements)
        .map(|(features, placement)| ArticleRecord {
            features,
            placement,
        })
        .collect();
    let cpu_place = support::cpu_seconds() - cpu1;
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
        "| {} | {:.1} ({:.1} CPU) | {:.1} ({:.1} CPU) | {:.0} | {:.1} | {} | {} | {} | {:.0} | {:.0} | {:.0} | {} |",
        restored.len(),
        t_features,
        cpu_features,
        t_place,
        cpu_place,
        restored.len() as f64 / cpu_place.max(1e-9),
        t_restore,
        stories,
        groups,
        copies,
        index_mb,
        peak_after_place,
        loaded_mb,
        record_bytes,
    );
}
