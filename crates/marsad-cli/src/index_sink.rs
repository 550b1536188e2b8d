//! The search index as the store's article sink: what `ingest` and
//! `reextract` commit to the store reaches the index, and `reindex` rebuilds
//! the index from the store (the store is the truth).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use marsad_index::{Index, IndexDoc, Writer};
use marsad_store::{ArticleSink, SinkError, Store, StoredArticle};

use crate::search_cmd::INDEX_DIR;

/// Memory for the index writer's buffers.
const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;
/// Articles added between index commits: bounds what a killed run leaves
/// unindexed (caught up at the next run) against the cost of a commit.
const COMMIT_EVERY_ARTICLES: usize = 5_000;
/// Articles read from the store per batch when rebuilding.
const REBUILD_BATCH: usize = 1_000;

pub fn index_dir(data: &Path) -> PathBuf {
    data.join(INDEX_DIR)
}

pub struct IndexSink {
    writer: Writer,
    uncommitted: usize,
}

impl IndexSink {
    /// The writer for the data folder's index, created if missing.
    pub fn open(data: &Path) -> Result<IndexSink> {
        Ok(Self::open_counting(data)?.0)
    }

    /// The writer, and how many articles the index held when opened.
    fn open_counting(data: &Path) -> Result<(IndexSink, u64)> {
        let dir = index_dir(data);
        let index = Index::open_or_create(&dir)
            .with_context(|| format!("opening the search index in {}", dir.display()))?;
        let writer = index
            .writer(WRITER_HEAP_BYTES)
            .with_context(|| format!("opening a writer on {}", dir.display()))?;
        let sink = IndexSink {
            writer,
            uncommitted: 0,
        };
        Ok((sink, index.num_docs()))
    }

    /// Open the index and, when it does not hold what the store holds (a run
    /// killed between the store's commit and the index's, an index deleted
    /// by hand), rebuild it from the store first.
    pub fn open_in_step(data: &Path, store: &Store) -> Result<IndexSink> {
        let (mut sink, indexed) = Self::open_counting(data)?;
        let stored = store.counts()?.articles;
        if indexed != stored {
            eprintln!(
                "marsad: the search index holds {indexed} of {stored} stored articles: rebuilding it"
            );
            sink.rebuild_from(store)?;
        }
        Ok(sink)
    }

    /// Replace the whole index by the store's articles.
    pub fn rebuild_from(&mut self, store: &Store) -> Result<u64> {
        self.writer.delete_all()?;
        let n = store.feed(self, REBUILD_BATCH)?;
        Ok(n)
    }

    /// Commit and wait for segment merges (end of a rebuild).
    pub fn finish(self) -> Result<()> {
        Ok(self.writer.finish()?)
    }
}

fn doc(a: &StoredArticle) -> IndexDoc<'_> {
    IndexDoc {
        article_id: a.id,
        title: a.title.as_deref(),
        subtitle: a.subtitle.as_deref(),
        text: &a.text,
        outlet: a.outlet.as_deref(),
        published: a.published,
        url: a.url.as_deref(),
        source: Some(&a.source),
        story: None,
    }
}

impl ArticleSink for IndexSink {
    fn add(&mut self, articles: &[StoredArticle]) -> Result<(), SinkError> {
        for a in articles {
            // Re-extracted articles keep their ids: replace, never duplicate.
            self.writer.upsert(&doc(a))?;
        }
        self.uncommitted += articles.len();
        if self.uncommitted >= COMMIT_EVERY_ARTICLES {
            self.commit()?;
        }
        Ok(())
    }

    fn remove(&mut self, ids: &[i64]) -> Result<(), SinkError> {
        for &id in ids {
            self.writer.delete(id);
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), SinkError> {
        self.writer.commit()?;
        self.uncommitted = 0;
        Ok(())
    }
}
