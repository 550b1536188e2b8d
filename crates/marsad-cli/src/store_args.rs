//! What the commands that use a data folder share.

use std::path::PathBuf;

use marsad_engine::DEFAULT_DATA_DIR;

#[derive(clap::Args, Debug, Clone)]
pub struct DataArgs {
    /// Data folder: holds the store (marsad.sqlite) and the search index.
    #[arg(long = "data", value_name = "DIR", default_value = DEFAULT_DATA_DIR)]
    pub dir: PathBuf,
}

/// Worker threads for rayon's global pool (`-j`); all cores when not given.
pub fn configure_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| anyhow::anyhow!("setting up worker threads: {e}"))?;
    }
    Ok(())
}
