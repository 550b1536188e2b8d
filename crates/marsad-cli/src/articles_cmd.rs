//! `marsad articles`: list stored articles.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use std::ops::ControlFlow;

use marsad_model::Published;
use marsad_store::{ArticleFilter, ArticleSummary};

use crate::store_args::DataArgs;

#[derive(clap::Args, Debug)]
pub struct ArticlesArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Print JSON Lines (id, page_id, role, title, outlet, published, url, source).
    #[arg(long)]
    pub json: bool,
    /// Only this outlet: any spelling, id or domain the outlet table knows, or
    /// the name as listed with letter variants and case not mattering (folded
    /// by marsad-model's `outlet_key`, as `search --outlet`).
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
    let library = args.data.library()?;
    // The store compares outlets byte for byte; names are compared here, in
    // the folded key the search index uses, so that both filters agree on
    // every spelling. Offset and limit then count matching articles only.
    let wanted = args
        .outlet
        .as_deref()
        .map(marsad_model::outlet_key)
        .filter(|k| !k.is_empty());
    let filter = ArticleFilter {
        outlet: None,
        from: args.from,
        to: args.to,
        limit: if wanted.is_some() { None } else { args.limit },
        offset: if wanted.is_some() { None } else { args.offset },
    };
    let mut skip = if wanted.is_some() {
        args.offset.unwrap_or(0)
    } else {
        0
    };
    let mut left = if wanted.is_some() { args.limit } else { None };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut write_error = None;
    library
        .store()
        .list_articles(&filter, &mut |a| {
            if let Some(wanted) = &wanted {
                let key = a.outlet.as_deref().map(marsad_model::outlet_key);
                if key.as_ref() != Some(wanted) {
                    return ControlFlow::Continue(());
                }
                if skip > 0 {
                    skip -= 1;
                    return ControlFlow::Continue(());
                }
                match &mut left {
                    Some(0) => return ControlFlow::Break(()),
                    Some(n) => *n -= 1,
                    None => {}
                }
            }
            match write_article(&mut out, &a, args.json) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    write_error = Some(e);
                    ControlFlow::Break(())
                }
            }
        })
        .context("listing articles")?;
    match write_error.map_or_else(|| out.flush(), Err) {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("writing output"),
        Ok(()) => Ok(ExitCode::SUCCESS),
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
