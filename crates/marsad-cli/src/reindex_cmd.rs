//! `marsad reindex`: rebuild the search index from the store.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use marsad_engine::{Engine, EngineOptions};

use crate::store_args::DataArgs;

#[derive(clap::Args, Debug)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(args: ReindexArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let mut opts = EngineOptions::new(&args.data.dir);
    opts.db = args.data.db.clone();
    opts.stages = marsad_engine::default_stages()?;
    let mut engine = Engine::open_existing(opts)
        .with_context(|| format!("opening the data folder {}", args.data.dir.display()))?;
    let n = engine.reindex()?;
    engine.close()?;
    eprintln!(
        "marsad: reindex: {n} articles indexed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
