//! Placement on real article text (the seeds'): order independence, restart, duplicates of
//! every kind, pages.

mod common;

use common::seed_articles;
use marsad_stories::{
    ArticleInput, ArticleRecord, ArticleRole, CopyKind, Features, Placement, StoryIndex,
};

fn inputs() -> Vec<ArticleInput> {
    seed_articles().1
}

/// A copy of `a` under a new id and outlet, on its own page.
fn copy_of(a: &ArticleInput, id: i64, outlet: &str) -> ArticleInput {
    ArticleInput {
        id,
        outlet: Some(outlet.into()),
        page: Some(format!("copy-{id}")),
        role: ArticleRole::Main,
        ..a.clone()
    }
}

/// Every `every`-th word replaced: each replacement breaks five 5-word shingles, so every 25th
/// word leaves a Jaccard of about 0.8 / 1.2 = 0.67.
fn perturbed(text: &str, every: usize) -> String {
    text.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i % every == every - 1 {
                "كلمة"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A deterministic shuffle (xorshift), so that the test needs no random crate.
fn shuffled<T>(mut v: Vec<T>, mut seed: u64) -> Vec<T> {
    for i in (1..v.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.swap(i, (seed % (i as u64 + 1)) as usize);
    }
    v
}

fn corpus() -> Vec<ArticleInput> {
    let base = inputs();
    let mut all = base.clone();
    let mut next = 100;
    for a in base.iter().filter(|a| a.role == ArticleRole::Main) {
        all.push(copy_of(a, next, "وكالة نسخ"));
        let mut near = copy_of(a, next + 1, "موقع آخر");
        near.text = perturbed(&a.text, 25);
        all.push(near);
        next += 10;
    }
    all
}

fn place_all(index: &mut StoryIndex, inputs: &[ArticleInput]) -> Vec<Placement> {
    index
        .place_batch(inputs.iter().map(Features::of).collect())
        .expect("placed")
}

#[test]
fn a_shuffled_batch_is_placed_exactly_as_the_sorted_one() {
    let all = corpus();
    let reference = place_all(&mut StoryIndex::new(), &all);
    for seed in [1, 7, 42, 1234] {
        let again = place_all(&mut StoryIndex::new(), &shuffled(all.clone(), seed));
        assert_eq!(again, reference, "seed {seed}");
    }
}

#[test]
fn a_restored_index_places_the_rest_as_the_original_would() {
    let all = corpus();
    let (first, rest) = all.split_at(all.len() / 2);
    let mut live = StoryIndex::new();
    let placed_first = place_all(&mut live, first);
    let live_rest = place_all(&mut live, rest);

    let records: Vec<ArticleRecord> = first
        .iter()
        .map(Features::of)
        .map(|f| {
            let placement = placed_first
                .iter()
                .find(|p| p.article == f.id)
                .expect("placed")
                .clone();
            ArticleRecord {
                features: f,
                placement,
            }
        })
        .collect();
    // Records survive a round trip through JSON (the store may use any serde format).
    let json = serde_json::to_string(&records).expect("serialise");
    let records: Vec<ArticleRecord> = serde_json::from_str(&json).expect("deserialise");
    let mut restored = StoryIndex::restore(shuffled(records, 3)).expect("restored");
    assert_eq!(restored.len(), first.len());
    assert_eq!(place_all(&mut restored, rest), live_rest);
}

#[test]
fn exact_and_near_copies_join_the_original_in_one_group_and_one_story() {
    let all = corpus();
    let mut index = StoryIndex::new();
    let placements = place_all(&mut index, &all);
    let by_id = |id: i64| placements.iter().find(|p| p.article == id).expect("placed");
    let main_ids: Vec<i64> = all
        .iter()
        .filter(|a| a.id < 100 && a.role == ArticleRole::Main)
        .map(|a| a.id)
        .collect();
    for (k, &original) in main_ids.iter().enumerate() {
        let exact = 100 + 10 * k as i64;
        let near = exact + 1;
        let stories = [by_id(original).story, by_id(exact).story, by_id(near).story];
        assert!(
            stories.iter().all(|s| *s == stories[0]),
            "{original}: {stories:?}"
        );
        // Undated copies are placed in content-hash order, so any of the three may come first;
        // whichever does, the other two are its copies, one of them exact.
        let group = index
            .groups()
            .find(|g| g.members.iter().any(|m| m.article == original))
            .expect("grouped");
        let mut members: Vec<i64> = group.members.iter().map(|m| m.article).collect();
        members.sort();
        assert_eq!(members, vec![original, exact, near], "{group:?}");
        let kinds: Vec<Option<CopyKind>> = group.members.iter().map(|m| m.kind).collect();
        assert!(kinds.contains(&Some(CopyKind::Exact)), "{group:?}");
        assert!(kinds.contains(&Some(CopyKind::Near)), "{group:?}");
        // The near-duplicate relation is reported pair by pair: whichever of the two came
        // later links to the other.
        let linked = |a: i64, b: i64| by_id(a).near.iter().any(|n| n.article == b);
        assert!(
            linked(near, original) || linked(original, near),
            "{original}"
        );
        assert!(linked(near, exact) || linked(exact, near), "{original}");
    }
    // No two different seed articles are copies of each other.
    for &id in &main_ids {
        assert!(by_id(id)
            .copy
            .is_none_or(|c| c.of >= 100 || !main_ids.contains(&c.of)));
    }
}

#[test]
fn an_exact_copy_on_the_same_page_never_joins_the_page_story() {
    let base = inputs();
    let main = base
        .iter()
        .find(|a| a.role == ArticleRole::Main)
        .expect("a main");
    let mut appended = main.clone();
    appended.id = 999;
    appended.role = ArticleRole::Appended;
    let mut index = StoryIndex::new();
    let placements = place_all(&mut index, &[main.clone(), appended]);
    assert_ne!(placements[0].story, placements[1].story);
}

#[test]
fn a_credited_original_is_the_groups_original_even_when_later() {
    let base = inputs();
    let main = base
        .iter()
        .find(|a| a.role == ArticleRole::Main && a.published.is_some())
        .expect("a dated main");
    // The copy comes first and credits Reuters; the Reuters text arrives a day later.
    let mut copy = copy_of(main, 500, "صحيفة محلية");
    copy.original_source = Some("رويترز".into());
    let mut original = copy_of(main, 501, "Reuters");
    original.published = main
        .published
        .map(|p| marsad_model::Published::from_days_from_epoch(p.days_from_epoch() + 1));
    let mut index = StoryIndex::new();
    let placements = place_all(&mut index, &[original, copy]);
    let group = placements[1].group.as_ref().expect("grouped");
    assert_eq!(group.original, 501);
    assert_eq!(group.credited.as_deref(), Some("reuters"));
}

#[test]
fn placing_an_article_twice_is_an_error() {
    let base = inputs();
    let mut index = StoryIndex::new();
    index.place(Features::of(&base[0])).expect("first");
    assert!(index.place(Features::of(&base[0])).is_err());
}
