//! `marsad articles`: list stored articles.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use marsad_model::Published;
use marsad_store::{ArticleFilter, ArticleSummary, Store, StoreError};

use crate::store_args::DataArgs;

#[derive(clap::Args, Debug)]
pub struct ArticlesArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Print JSON Lines (id, page_id, role, title, outlet, published, url, source).
    #[arg(long)]
    pub json: bool,
    /// Only this outlet (its display name, as listed).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Published on or after this date (YYYY-MM-DD[THH:MM], local time).
    #[arg(long, value_name = "DATE")]
    pub from: Option<Published>,
    /// Published on or before this date (a day bound takes in the whole day).
    #[arg(long, value_name = "DATE")]
    pub to: Option<Published>,
    /// At most this many articles.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Skip this many articles first.
    #[arg(long, value_name = "N")]
    pub offset: Option<u64>,
}

pub fn run(args: ArticlesArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&args.data.dir)?;
    let filter = ArticleFilter {
        outlet: args.outlet,
        from: args.from,
        to: args.to,
        limit: args.limit,
        offset: args.offset,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let listed = store.each_listed_article(&filter, |a| {
        write_article(&mut out, &a, args.json).map_err(Into::into)
    });
    let flushed = listed.and_then(|_| out.flush().map_err(|e| StoreError::Sink(e.into())));
    match flushed {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(StoreError::Sink(e))
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e).context("listing articles"),
    }
}

fn write_article(out: &mut impl Write, a: &ArticleSummary, json: bool) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, a)?;
        return out.write_all(b"\n");
    }
    let published = a.published.map(|p| p.to_string()).unwrap_or_default();
    writeln!(
        out,
        "{:>7}  {:<16}  {}  {}",
        a.id,
        published,
        a.outlet.as_deref().unwrap_or("-"),
        a.title.as_deref().unwrap_or("(no title)")
    )
}
