//! What the commands that use the store share: the data folder option and
//! the sink that committed articles are handed to.

use std::path::{Path, PathBuf};

use anyhow::Result;
use marsad_store::{ArticleSink, Store, DEFAULT_DATA_DIR};

use crate::index_sink::IndexSink;

#[derive(clap::Args, Debug, Clone)]
pub struct DataArgs {
    /// Data folder: holds the store (marsad.sqlite) and the search index.
    #[arg(long = "data", value_name = "DIR", default_value = DEFAULT_DATA_DIR)]
    pub dir: PathBuf,
}

/// The sink that `ingest` and `reextract` hand each committed batch of
/// articles to (see `marsad_store::ArticleSink`).
///
/// It is the full-text index of the data folder, brought in step with the
/// store first if a previous run was cut off between the two.
pub fn open_sink(data: &Path) -> Result<Box<dyn ArticleSink + Send>> {
    let store = Store::open_existing(data)?;
    Ok(Box::new(IndexSink::open_in_step(data, &store)?))
}
