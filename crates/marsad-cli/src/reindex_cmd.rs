//! `marsad reindex`: rebuild the search index from the store.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use marsad_store::Store;

use crate::index_sink::IndexSink;
use crate::store_args::DataArgs;

#[derive(clap::Args, Debug)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(args: ReindexArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let store = Store::open_existing(&args.data.dir)?;
    let mut sink = IndexSink::open(&args.data.dir)?;
    let n = sink.rebuild_from(&store)?;
    sink.finish()?;
    eprintln!(
        "marsad: reindex: {n} articles indexed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
