//! A few [`Library`] readers shared by the requests: a store connection is
//! used by one thread at a time, so each request borrows one on a blocking
//! thread and gives it back when done (even when the request was dropped
//! by its timeout, or its work panicked).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use marsad_engine::{EngineError, Library};
use tokio::sync::Semaphore;

use crate::ApiError;

struct Inner {
    idle: Mutex<Vec<Library>>,
    permits: Arc<Semaphore>,
}

/// The readers.
#[derive(Clone)]
pub struct LibraryPool {
    inner: Arc<Inner>,
}

impl LibraryPool {
    /// Open `readers` libraries on the data folder.
    pub fn open(dir: &Path, readers: usize) -> Result<LibraryPool, EngineError> {
        let mut idle = Vec::with_capacity(readers);
        for _ in 0..readers {
            idle.push(Library::open(dir, &|msg| tracing::info!("{msg}"))?);
        }
        Ok(LibraryPool {
            inner: Arc::new(Inner {
                idle: Mutex::new(idle),
                permits: Arc::new(Semaphore::new(readers)),
            }),
        })
    }

    fn take(&self) -> Option<Library> {
        let mut idle = self
            .inner
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        idle.pop()
    }

    fn give_back(inner: &Inner, mut library: Library) {
        // An index created after the server started (first ingest) is picked up here.
        library.open_index_if_missing();
        inner
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(library);
    }

    /// Run `f` with a reader on a blocking thread. A panic in `f` becomes
    /// a 500 and the reader goes back to the pool.
    pub async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Library) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = self
            .inner
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the readers are closed"))?;
        let inner = self.inner.clone();
        let library = self
            .take()
            .ok_or_else(|| ApiError::internal("no reader free despite a permit"))?;
        let task = tokio::task::spawn_blocking(move || {
            let out = catch_unwind(AssertUnwindSafe(|| f(&library)));
            Self::give_back(&inner, library);
            drop(permit);
            out
        });
        match task.await {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(_)) => Err(ApiError::internal("the request's work panicked")),
            Err(e) => Err(ApiError::internal(format!(
                "the request's work failed: {e}"
            ))),
        }
    }

    /// [`LibraryPool::with`] for code outside the runtime (start-up).
    pub fn with_blocking<T>(&self, f: impl FnOnce(&Library) -> T) -> Result<T, ApiError> {
        let library = self
            .take()
            .ok_or_else(|| ApiError::internal("no reader free"))?;
        let out = catch_unwind(AssertUnwindSafe(|| f(&library)));
        Self::give_back(&self.inner, library);
        out.map_err(|_| ApiError::internal("the work panicked"))
    }
}
