//! The five seed pages against gold.json: exactly the four gold stories, and the November 2024
//! ratification story linked as a follow-up of the June 2024 signing.

use std::collections::HashMap;
mod common;

use common::seed_articles;
use marsad_stories::{eval::bcubed, Features, StoryIndex};

#[test]
fn seeds_form_the_four_gold_stories_with_the_ratification_following_the_signing() {
    let (labels, inputs) = seed_articles();
    let features: Vec<Features> = inputs.iter().map(Features::of).collect();
    let mut index = StoryIndex::new();
    let placements = index.place_batch(features).expect("placed");
    let predicted: HashMap<i64, u64> = placements.iter().map(|p| (p.article, p.story.0)).collect();
    let gold: HashMap<i64, &str> = labels
        .iter()
        .enumerate()
        .map(|(i, (_, story))| (i as i64 + 1, story.as_str()))
        .collect();
    let (p, r, f) = bcubed(&predicted, &gold);
    assert_eq!((p, r, f), (1.0, 1.0, 1.0), "placements: {placements:#?}");

    let story_of = |label: &str| {
        let i = labels.iter().position(|(_, s)| s == label).expect("label");
        index.story_of(i as i64 + 1).expect("placed")
    };
    let june = story_of("russia-dprk-treaty-2024-06");
    let november = story_of("russia-dprk-treaty-2024-11");
    let started = placements
        .iter()
        .find(|p| p.story == november && p.new_story)
        .expect("the November story starts");
    assert_eq!(started.follows, vec![june]);
    // Nothing else is a follow-up of anything.
    let follow_ups: usize = placements.iter().map(|p| p.follows.len()).sum();
    assert_eq!(follow_ups, 1);
}
