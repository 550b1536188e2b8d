//! The five seed pages against gold.json: exactly the four gold stories, and the November 2024
//! ratification story linked as a follow-up of the June 2024 signing.

use std::collections::HashMap;
mod common;

use common::seed_articles;
use marsad_stories::{entity_keys, eval::bcubed, ArticleInput, Features, StoryIndex};

#[test]
fn seeds_form_the_four_gold_stories_with_the_ratification_following_the_signing() {
    let (labels, inputs) = seed_articles();
    four_gold_stories_and_one_follow_up(&labels, &inputs);
}

/// The same with names from the entity stage, as `ingest` gives them (the default).
#[test]
fn seeds_with_the_entity_stage_keys_form_the_same_stories() {
    let (labels, mut inputs) = seed_articles();
    for input in &mut inputs {
        let text = match input.title.as_deref() {
            Some(t) => format!("{t}\n\n{}", input.text),
            None => input.text.clone(),
        };
        let found = marsad_entities::analyze(&text);
        input.entities = entity_keys(found.entities.iter().map(|e| e.key.as_str()));
        assert!(
            !input.entities.is_empty(),
            "no entities in {:?}",
            input.title
        );
    }
    four_gold_stories_and_one_follow_up(&labels, &inputs);
}

fn four_gold_stories_and_one_follow_up(labels: &[(String, String)], inputs: &[ArticleInput]) {
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
