//! Where articles go once they are safely in the store: the full-text index,
//! and later any other derived view.

use crate::StoredArticle;

/// Any error a sink wants to report; the caller only shows it.
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// A consumer of committed articles.
///
/// The store calls nothing itself: `marsad ingest` and `marsad reextract`
/// hand each committed batch to the sink, after the store's commit, so a
/// sink never sees an article the store could still lose. A crash between
/// the two leaves the sink behind the store; derived views are rebuilt from
/// the store (`Store::feed`).
pub trait ArticleSink {
    /// Articles just committed: new ones, or re-extracted ones that replace
    /// what the sink holds under the same id.
    fn add(&mut self, articles: &[StoredArticle]) -> Result<(), SinkError>;

    /// Articles deleted from the store (a re-extraction found fewer
    /// articles on a page than before).
    fn remove(&mut self, ids: &[i64]) -> Result<(), SinkError> {
        let _ = ids;
        Ok(())
    }

    /// Make what was added durable and visible. Called at the end of a run
    /// and when a run is interrupted; a sink may also commit on its own.
    fn commit(&mut self) -> Result<(), SinkError>;

    /// Whether the sink wants articles at all; `false` saves building them.
    fn wants_articles(&self) -> bool {
        true
    }
}

/// The sink that discards everything (no index configured).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoSink;

impl ArticleSink for NoSink {
    fn add(&mut self, _: &[StoredArticle]) -> Result<(), SinkError> {
        Ok(())
    }

    fn commit(&mut self) -> Result<(), SinkError> {
        Ok(())
    }

    fn wants_articles(&self) -> bool {
        false
    }
}

impl<S: ArticleSink + ?Sized> ArticleSink for &mut S {
    fn add(&mut self, articles: &[StoredArticle]) -> Result<(), SinkError> {
        (**self).add(articles)
    }

    fn remove(&mut self, ids: &[i64]) -> Result<(), SinkError> {
        (**self).remove(ids)
    }

    fn commit(&mut self) -> Result<(), SinkError> {
        (**self).commit()
    }

    fn wants_articles(&self) -> bool {
        (**self).wants_articles()
    }
}

impl<S: ArticleSink + ?Sized> ArticleSink for Box<S> {
    fn add(&mut self, articles: &[StoredArticle]) -> Result<(), SinkError> {
        (**self).add(articles)
    }

    fn remove(&mut self, ids: &[i64]) -> Result<(), SinkError> {
        (**self).remove(ids)
    }

    fn commit(&mut self) -> Result<(), SinkError> {
        (**self).commit()
    }

    fn wants_articles(&self) -> bool {
        (**self).wants_articles()
    }
}
