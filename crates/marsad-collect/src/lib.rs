//! marsad's collector: finds new articles in outlets' RSS/Atom feeds and
//! sitemaps, fetches them politely, and keeps every exchange as WARC for
//! the engine's ingest (which reads WARC like any other page file).
//!
//! * [`Sources`]: `outlets.toml`, the outlets and the politeness settings.
//! * [`discover`]: links out of feeds (feed-rs) and sitemaps (quick-xml).
//! * [`fetch`]: robots.txt, per-host delay and concurrency, conditional
//!   requests, back-off, redirect, time and size limits (reqwest).
//! * [`warc`]: gzip WARC 1.1, one member per record, size-rotated files.
//! * [`run_pass`]: one pass over every outlet, with a [`PassReport`].
//!
//! The collector knows nothing of the store: the caller says which
//! normalized URLs are already stored ([`PassOptions::known`]), and hands
//! the WARC files of [`PassReport::warc_files`] to ingest.
//!
//! ```no_run
//! use std::sync::Arc;
//! use marsad_collect::{run_pass, PassOptions, Sources};
//! let sources = Sources::load("outlets.toml".as_ref())?;
//! let report = run_pass(&sources, &PassOptions {
//!     state_dir: "marsad-data/collect".into(),
//!     warc_dir: "marsad-data/warc".into(),
//!     known: &|_url| false,
//!     counters: Arc::default(),
//!     interrupted: Arc::default(),
//! })?;
//! println!("{} new pages in {:?}", report.new_pages, report.warc_files);
//! # Ok::<(), marsad_collect::CollectError>(())
//! ```

pub mod config;
pub mod discover;
pub mod fetch;
mod pass;
pub mod state;
pub mod warc;

use std::path::PathBuf;

pub use config::{Outlet, Politeness, Sources};
pub use pass::{run_pass, FailedUrl, PassCounters, PassOptions, PassReport, MAX_SITEMAP_DEPTH};

/// Errors that stop a pass (a URL that fails is counted in the report instead).
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Sources { path: PathBuf, reason: String },
    #[error("collector state {path}: {reason}")]
    State { path: PathBuf, reason: String },
    #[error("{0}")]
    Http(String),
}
