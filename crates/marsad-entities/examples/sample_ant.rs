//! Draws quotes and figures at random (seeded) from the ANT corpus for judging by reading:
//! `cargo run --release -p marsad-entities --example sample_ant -- [N] [SEED]`
//! writes eval/quotes_sample.jsonl and eval/figures_sample.jsonl (N of each, default 100),
//! each item with its article, the analysis fields and the text around it.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

fn context(text: &str, start: usize, end: usize, around: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let a = start.saturating_sub(around);
    let b = (end + around).min(chars.len());
    let s: String = chars[a..start].iter().collect();
    let m: String = chars[start..end].iter().collect();
    let e: String = chars[end..b].iter().collect();
    format!("{s}⟦{m}⟧{e}").replace('\n', " ¶ ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let mut rng: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20261201);
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ant = dir.join("../../../shared/data/ant-multisource-v2.1.tar.gz");
    let mut articles = Vec::new();
    let _ = marsad_corpus::for_each_record(&ant, "ant", marsad_corpus::Corpus::Ant, &mut |r| {
        if let Ok(a) = r {
            articles.push((a.source, a.text));
        }
        ControlFlow::Continue(())
    });
    let an = marsad_entities::Analyzer::embedded()?;
    // Shuffle the articles, then take every item of each article in that order until N
    // of each kind: the sample is random articles' items, so the recall seen in them
    // can be judged too.
    for i in (1..articles.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        articles.swap(i, j);
    }
    let mut quotes = std::fs::File::create(dir.join("eval/quotes_sample.jsonl"))?;
    let mut figures = std::fs::File::create(dir.join("eval/figures_sample.jsonl"))?;
    let (mut nq, mut nf) = (0, 0);
    for (source, text) in &articles {
        if nq >= n && nf >= n {
            break;
        }
        let a = an.analyze(text);
        for q in &a.quotes {
            if nq >= n {
                break;
            }
            nq += 1;
            let line = serde_json::json!({"id": format!("q{nq:03}"), "source": source, "quote": q,
                "context": context(text, q.start, q.end, 160)});
            writeln!(quotes, "{line}")?;
        }
        for f in &a.figures {
            if nf >= n {
                break;
            }
            nf += 1;
            let line = serde_json::json!({"id": format!("f{nf:03}"), "source": source, "figure": f,
                "context": context(text, f.start, f.end, 80)});
            writeln!(figures, "{line}")?;
        }
    }
    eprintln!("{nq} quotes, {nf} figures");
    Ok(())
}
