//! `marsad search`: full-text search in the index of the data folder.

use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Context, Result};
use marsad_index::{Hit, SearchRequest};
use marsad_model::Published;
use serde::Serialize;

use crate::store_args::DataArgs;

#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words (all required), "quoted phrases" and -excluded words; several arguments are
    /// joined by spaces. Diacritics, letter variants and clitics (و ب ل ال) do not matter;
    /// spelling variants of names are found too (ترمب → ترامب). Quote a query with an
    /// exclusion as one argument ('الاتفاق -ايران'), or put it after `--` if it starts
    /// with one.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub data: DataArgs,
    /// Published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<Published>,
    /// Published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<Published>,
    /// Only this outlet (letter variants and case do not matter; spellings,
    /// ids and domains the outlet table knows fold to its one name).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Only this story.
    #[arg(long, value_name = "ID")]
    pub story: Option<u64>,
    /// At most this many hits (no upper bound: a large value exports every match).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Skip this many hits first.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
    /// Print JSON Lines, one hit per line: rank, article_id, score, title, outlet,
    /// published, url, source, story, snippet (matches in [[ ]]). The total goes to stderr.
    #[arg(long)]
    pub json: bool,
}

/// One line of `marsad search --json`.
#[derive(Serialize)]
struct JsonHit<'a> {
    rank: usize,
    #[serde(flatten)]
    hit: &'a Hit,
}

pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let library = args
        .data
        .library()
        .with_context(|| format!("cannot search {}", args.data.dir.display()))?;
    let request = SearchRequest {
        query: args.query.join(" "),
        outlet: args
            .outlet
            .as_deref()
            .and_then(marsad_model::canonical_outlet),
        from: args.from,
        to: args.to,
        story: args.story,
        limit: args.limit,
        offset: args.offset,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut write_error: Option<io::Error> = None;
    let mut rank = args.offset;
    let total = library.search_each(&request, |hit| {
        rank += 1;
        let written = if args.json {
            write_json(&mut out, rank, &hit)
        } else {
            write_readable(&mut out, rank, &hit)
        };
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                write_error = Some(e);
                ControlFlow::Break(())
            }
        }
    })?;
    let result = match write_error {
        Some(e) => Err(e),
        None => out.flush(),
    };
    match result {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("writing output"),
        Ok(()) => {}
    }
    let shown = rank - args.offset;
    if shown == 0 {
        eprintln!(
            "marsad: {total} matches, none shown from {}",
            args.offset + 1
        );
    } else {
        eprintln!(
            "marsad: {total} matches, showing {}–{rank}",
            args.offset + 1
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn write_json(out: &mut impl Write, rank: usize, hit: &Hit) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &JsonHit { rank, hit })?;
    out.write_all(b"\n")
}

fn write_readable(out: &mut impl Write, rank: usize, hit: &Hit) -> io::Result<()> {
    let published = hit.published.map(|p| p.to_string());
    let meta: Vec<&str> = [
        hit.outlet.as_deref(),
        published.as_deref(),
        hit.url.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    writeln!(
        out,
        "{rank:>4}. {}",
        hit.title.as_deref().unwrap_or("(no title)")
    )?;
    writeln!(out, "      {}", meta.join(" · "))?;
    if !hit.snippet.is_empty() {
        writeln!(out, "      {}", hit.snippet)?;
    }
    writeln!(out)
}
