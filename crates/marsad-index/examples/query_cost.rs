//! What one search costs on an index that ingest built: the queries of the serve load
//! benchmark (read from `bench/serve/queries.lua`), limit 20 with snippets, run in turn on one thread,
//! with the time per query and how much of it the snippets take. Run it under
//! `valgrind --tool=callgrind` for a count that does not depend on the machine's load.
//!
//! ```text
//! cargo run --release -p marsad-index --example query_cost -- DATA_DIR/index [ROUNDS]
//! ```

use std::time::Instant;

use anyhow::{Context, Result};
use marsad_index::{Index, SearchRequest};

/// The queries of the serve load benchmark, read from its wrk script (one list for both):
/// the quoted strings of its `local queries = { … }` table, `\"` unescaped.
fn serve_bench_queries() -> Result<Vec<String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/serve/queries.lua");
    let lua = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let table = lua
        .split_once("local queries = {")
        .and_then(|(_, rest)| rest.split_once('}'))
        .map(|(table, _)| table)
        .with_context(|| format!("{path}: no `local queries = {{ … }}` table"))?;
    let mut queries = Vec::new();
    let mut chars = table.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut q = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => q.extend(chars.next()),
                '"' => break,
                _ => q.push(c),
            }
        }
        queries.push(q);
    }
    anyhow::ensure!(!queries.is_empty(), "{path}: no queries");
    Ok(queries)
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .context("usage: query_cost INDEX_DIR [ROUNDS]")?;
    let rounds: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let index = Index::open(&dir).with_context(|| format!("opening {dir}"))?;
    let queries = serve_bench_queries()?;
    let run = |limit: usize| -> Result<(f64, usize)> {
        let started = Instant::now();
        let mut hits = 0;
        for _ in 0..rounds {
            for q in &queries {
                let request = SearchRequest {
                    query: q.clone(),
                    limit,
                    ..SearchRequest::default()
                };
                hits += index.search(&request)?.hits.len();
            }
        }
        let per_query = started.elapsed().as_secs_f64() * 1e3 / (rounds * queries.len()) as f64;
        Ok((per_query, hits))
    };
    // Once to warm the page cache and the readers' caches.
    run(20)?;
    let (with_hits, hits) = run(20)?;
    let (count_only, _) = run(0)?;
    println!(
        "{} queries × {rounds} rounds on {} articles: {with_hits:.3} ms per query with 20 hits \
         and snippets ({hits} hits), {count_only:.3} ms counting only",
        queries.len(),
        index.num_docs()
    );
    Ok(())
}
