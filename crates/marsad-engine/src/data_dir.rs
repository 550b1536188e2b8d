//! The data folder: where the store, the index and the write lock live.
//!
//! ```text
//! marsad-data/
//!   marsad.sqlite   the store (SQLite, WAL: -wal and -shm files beside it)
//!   index/          the full-text index, derived from the store
//!   write.lock      held by the one process writing (ingest, reextract, reindex)
//! ```

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::EngineError;

/// The data folder used when none is given.
pub const DEFAULT_DATA_DIR: &str = "marsad-data";
/// The index folder inside the data folder.
pub const INDEX_DIR: &str = "index";
/// The lock file of the one writer.
pub const LOCK_FILE: &str = "write.lock";

/// A data folder's paths.
#[derive(Debug, Clone)]
pub struct DataDir {
    path: PathBuf,
}

impl DataDir {
    pub fn new(path: impl Into<PathBuf>) -> DataDir {
        DataDir { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn index(&self) -> PathBuf {
        self.path.join(INDEX_DIR)
    }

    /// Whether a store exists here.
    pub fn has_store(&self) -> bool {
        self.path.join(marsad_store_sqlite::DB_FILE).is_file()
    }

    /// Take the writer's lock, failing at once if another process holds it.
    pub fn lock(&self) -> Result<WriteLock, EngineError> {
        std::fs::create_dir_all(&self.path).map_err(|source| EngineError::Io {
            path: self.path.clone(),
            source,
        })?;
        let path = self.path.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| EngineError::Io {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(WriteLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(EngineError::Locked(self.path.clone())),
            Err(TryLockError::Error(source)) => Err(EngineError::Io { path, source }),
        }
    }
}

/// Held while a process writes to the data folder; released when dropped
/// (and by the system when the process dies, even by `kill -9`).
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}
