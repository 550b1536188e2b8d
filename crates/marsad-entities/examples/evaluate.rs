//! Recognition scores: `cargo run --release -p marsad-entities --example evaluate`
//! (5-fold cross-validation on ANERcorp train in contiguous blocks, each fold's model
//! trained on the other four plus Wojood train+val; then the embedded model on the Wojood
//! test split). `--wojood` skips the cross-validation.

mod common;

use marsad_entities::tagger::tag_type;
use marsad_entities::training::{align, spans_of_tags, Score, Sentence};
use marsad_entities::{Analyzer, EntityType};

const FOLDS: usize = 5;

/// Tags of the analyzer mapped back to corpus tokens.
fn predict(an: &Analyzer, s: &Sentence) -> Vec<String> {
    let (tokens, owner) = align(s);
    let tags = an.tag(&tokens);
    let mut out = vec![String::from("O"); s.tokens.len()];
    let mut seen = vec![false; s.tokens.len()];
    for (i, &o) in owner.iter().enumerate() {
        if seen[o] || tokens.kind(i) == Some(marsad_entities::tokens::Kind::Punct) {
            continue;
        }
        seen[o] = true;
        if let Some(ty) = tag_type(tags[i]) {
            let begin = tags[i] % 2 == 1;
            out[o] = format!("{}-{}", if begin { "B" } else { "I" }, ty.label());
        }
    }
    // Continuations across a corpus token boundary keep their entity.
    for k in 0..out.len() {
        if let Some(ty) = out[k].strip_prefix("I-") {
            let prev_ok = k > 0 && out[k - 1].get(2..) == Some(ty);
            if !prev_ok {
                out[k] = format!("B-{ty}");
            }
        }
    }
    out
}

fn score(an: &Analyzer, sentences: &[Sentence]) -> Score {
    let mut sc = Score::default();
    let dump = std::env::var_os("DUMP_ERRORS").is_some();
    for s in sentences {
        let pred = predict(an, s);
        if dump {
            let g = spans_of_tags(&s.tags);
            let p = spans_of_tags(&pred);
            let show = |sp: &marsad_entities::training::Span| {
                format!(
                    "{}[{}]",
                    s.tokens[sp.start..sp.end].join(" "),
                    sp.ty.label()
                )
            };
            for x in &g {
                if !p.contains(x) {
                    println!("MISS {}", show(x));
                }
            }
            for x in &p {
                if !g.contains(x) {
                    println!("FALSE {}", show(x));
                }
            }
        }
        sc.add(&spans_of_tags(&s.tags), &spans_of_tags(&pred));
    }
    sc
}

fn print(name: &str, sc: &Score) {
    println!("{name}");
    println!("  type   exact P / R / F1          overlap P / R / F1     gold");
    for ty in EntityType::ALL {
        let (e, o) = (sc.exact[ty.index()], sc.overlap[ty.index()]);
        println!(
            "  {:5}  {:.3} / {:.3} / {:.3}     {:.3} / {:.3} / {:.3}    {}",
            ty.label(),
            e.precision(),
            e.recall(),
            e.f1(),
            o.precision(),
            o.recall(),
            o.f1(),
            e.gold
        );
    }
    let (e, o) = (Score::micro(&sc.exact), Score::micro(&sc.overlap));
    println!(
        "  micro  {:.3} / {:.3} / {:.3}     {:.3} / {:.3} / {:.3}    {}",
        e.precision(),
        e.recall(),
        e.f1(),
        o.precision(),
        o.recall(),
        o.f1(),
        e.gold
    );
}

fn main() -> common::anyhow_lite::Result<()> {
    let wojood_only = std::env::args().any(|a| a == "--wojood");
    if !wojood_only {
        let aner = common::anercorp()?;
        let mut extra = common::wojood("train")?;
        extra.extend(common::wojood("val")?);
        let total: usize = aner.iter().map(|s| s.tokens.len()).sum();
        // Contiguous blocks of about equal token counts.
        let mut bounds = vec![0];
        let mut acc = 0;
        for (i, s) in aner.iter().enumerate() {
            acc += s.tokens.len();
            if acc * FOLDS >= total * bounds.len() && bounds.len() < FOLDS {
                bounds.push(i + 1);
            }
        }
        bounds.push(aner.len());
        let ant = common::ant_texts(common::ANT_DOCS)?;
        let mut all = Score::default();
        for f in 0..FOLDS {
            let test = &aner[bounds[f]..bounds[f + 1]];
            let mut train: Vec<Sentence> = aner[..bounds[f]].to_vec();
            train.extend_from_slice(&aner[bounds[f + 1]..]);
            train.extend(extra.iter().cloned());
            let (model, _) = common::train_full(&train, &ant, "")?;
            let an = Analyzer::new(model);
            let sc = score(&an, test);
            let (e, o) = (Score::micro(&sc.exact), Score::micro(&sc.overlap));
            println!(
                "fold {}: exact F1 {:.3}, overlap F1 {:.3}",
                f + 1,
                e.f1(),
                o.f1()
            );
            all.merge(&sc);
        }
        print(
            "ANERcorp train, 5-fold CV (contiguous blocks), micro over all folds",
            &all,
        );
    }
    let an = Analyzer::embedded()?;
    let test = common::wojood("test")?;
    print("Wojood test split, embedded model", &score(&an, &test));
    Ok(())
}
