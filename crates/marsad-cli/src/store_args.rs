//! What the commands that use a data folder share.

use std::path::PathBuf;

use marsad_engine::DEFAULT_DATA_DIR;

#[derive(clap::Args, Debug, Clone)]
pub struct DataArgs {
    /// Data folder: holds the store (marsad.sqlite) and the search index.
    #[arg(long = "data", value_name = "DIR", default_value = DEFAULT_DATA_DIR)]
    pub dir: PathBuf,
    /// Keep the store in PostgreSQL (`postgres://user@host:port/db`), shared
    /// by workers; the data folder then holds this worker's search index.
    #[arg(long = "db", value_name = "URL", env = "MARSAD_DB")]
    pub db: Option<String>,
}

impl DataArgs {
    /// The data folder open for reading.
    pub fn library(&self) -> marsad_engine::Result<marsad_engine::Library> {
        marsad_engine::Library::open_with(&self.dir, self.db.as_deref(), &|msg| {
            eprintln!("marsad: {msg}")
        })
    }
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
