//! What one search costs on an index that ingest built: the queries of the serve load
//! benchmark (`bench/serve/queries.lua`), limit 20 with snippets, run in turn on one thread,
//! with the time per query and how much of it the snippets take. Run it under
//! `valgrind --tool=callgrind` for a count that does not depend on the machine's load.
//!
//! ```text
//! cargo run --release -p marsad-index --example query_cost -- DATA_DIR/index [ROUNDS]
//! ```

use std::time::Instant;

use anyhow::{Context, Result};
use marsad_index::{Index, SearchRequest};

/// The queries of `bench/serve/queries.lua`, in its order.
const QUERIES: [&str; 20] = [
    "السعودية",
    "ولي العهد",
    "مجلس الوزراء",
    "\"الأمم المتحدة\"",
    "النفط",
    "الرياض",
    "وزير الخارجية",
    "ترامب",
    "إيران",
    "الاتحاد الأوروبي",
    "كرة القدم",
    "الهلال",
    "أسعار النفط",
    "سوريا -روسيا",
    "\"مجلس الأمن\"",
    "الانتخابات",
    "اليمن",
    "مصر",
    "البنك المركزي",
    "كورونا",
];

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .context("usage: query_cost INDEX_DIR [ROUNDS]")?;
    let rounds: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let index = Index::open(&dir).with_context(|| format!("opening {dir}"))?;
    let run = |limit: usize| -> Result<(f64, usize)> {
        let started = Instant::now();
        let mut hits = 0;
        for _ in 0..rounds {
            for q in QUERIES {
                let request = SearchRequest {
                    query: q.to_owned(),
                    limit,
                    ..SearchRequest::default()
                };
                hits += index.search(&request)?.hits.len();
            }
        }
        let per_query = started.elapsed().as_secs_f64() * 1e3 / (rounds * QUERIES.len()) as f64;
        Ok((per_query, hits))
    };
    // Once to warm the page cache and the readers' caches.
    run(20)?;
    let (with_hits, hits) = run(20)?;
    let (count_only, _) = run(0)?;
    println!(
        "{} queries × {rounds} rounds on {} articles: {with_hits:.3} ms per query with 20 hits \
         and snippets ({hits} hits), {count_only:.3} ms counting only",
        QUERIES.len(),
        index.num_docs()
    );
    Ok(())
}
