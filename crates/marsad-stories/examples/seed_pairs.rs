//! Prints every pair of seed articles with its signals and same-story score, then the
//! placements: `cargo run -p marsad-stories --example seed_pairs`.

use std::path::PathBuf;

use marsad_model::{Page, PageFormat};
use marsad_stories::{signals, ArticleInput, Features, StoryIndex, TermStats};

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut inputs = Vec::new();
    for name in &names {
        let content = std::fs::read_to_string(dir.join(name)).expect("page");
        let page = Page {
            source: name.clone(),
            format: PageFormat::Text,
            url: None,
            fetched: None,
            content,
        };
        for a in marsad_extract::extract(&page).articles {
            let id = inputs.len() as i64 + 1;
            inputs.push(ArticleInput::from_article(id, &a, name, None, None));
        }
    }
    let features: Vec<Features> = inputs.iter().map(Features::of).collect();
    let mut stats = TermStats::default();
    for f in &features {
        stats.add(f);
    }
    for (f, i) in features.iter().zip(&inputs) {
        println!(
            "{} {:?} {:?} words={} names={} figures={} dates={:?} quotes={} credits={:?} title={:?}",
            f.id,
            i.page,
            i.published,
            f.words,
            f.names.len(),
            f.figures.len(),
            f.dates,
            f.quotes.len(),
            f.credits,
            i.title
        );
    }
    let docs: Vec<_> = features
        .iter()
        .map(|f| marsad_stories::Doc::new(f, &stats))
        .collect();
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let s = signals(&docs[a], &docs[b]);
            println!(
                "{}-{}: same={:.3} content={:.3} cos={:.3} names={:.2} fig={} dates={} quotes={} jac={:.2} days={:?}",
                a + 1,
                b + 1,
                s.same_story(),
                s.content(),
                s.cosine,
                s.names,
                s.shared_figures,
                s.shared_dates,
                s.shared_quotes,
                s.jaccard,
                s.days
            );
        }
    }
    let mut index = StoryIndex::new();
    for p in index.place_batch(features).expect("placed") {
        println!("{p:?}");
    }
}
