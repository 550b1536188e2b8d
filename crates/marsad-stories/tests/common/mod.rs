//! Shared by the integration tests: the seed pages extracted.
#![allow(dead_code)]

use std::path::PathBuf;

use marsad_model::{Page, PageFormat};
use marsad_stories::ArticleInput;

pub fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

/// (page file, article index on the page, gold story) and the inputs, ids in file order.
pub fn seed_articles() -> (Vec<(String, String)>, Vec<ArticleInput>) {
    let dir = seeds_dir();
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("gold.json")).expect("gold.json is readable"),
    )
    .expect("gold.json is JSON");
    let mut names: Vec<String> = gold["pages"]
        .as_object()
        .expect("pages")
        .keys()
        .cloned()
        .collect();
    names.sort();
    let (mut labels, mut inputs) = (Vec::new(), Vec::new());
    for name in names {
        let content = std::fs::read_to_string(dir.join(&name)).expect("seed page is readable");
        let page = Page {
            source: name.clone(),
            format: PageFormat::Text,
            url: None,
            fetched: None,
            content,
        };
        let extracted = marsad_extract::extract(&page);
        let gold_articles = gold["pages"][&name]["articles"]
            .as_array()
            .expect("articles");
        assert_eq!(extracted.articles.len(), gold_articles.len(), "{name}");
        for (article, g) in extracted.articles.iter().zip(gold_articles) {
            let id = inputs.len() as i64 + 1;
            labels.push((
                name.clone(),
                g["story"].as_str().expect("story").to_string(),
            ));
            inputs.push(ArticleInput::from_article(id, article, &name, None, None));
        }
    }
    (labels, inputs)
}
