//! The search index follows the store: what a write commits to the store
//! reaches the index, each index commit records the store's sequence number
//! and the analyzer's version, and an index found behind the store (a run
//! killed between the two commits) or built by another analyzer is caught
//! up or rebuilt when the data folder is opened.

use std::path::Path;

use marsad_index::{Index, IndexDoc, Writer, ANALYZER_VERSION};
use marsad_store::{ArticleChange, Store, StoredArticle};

use crate::stage::StoryOf;
use crate::stages::stories::stored_stories;
use crate::EngineError;

/// Memory for the index writer's buffers.
const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;
/// Articles added between index commits: bounds what a killed run leaves
/// unindexed (caught up at the next run) against the cost of a commit.
const COMMIT_EVERY_ARTICLES: usize = 5_000;
/// Articles read from the store per batch when catching up or rebuilding.
const WALK_BATCH: usize = 1_000;

/// The index writer of a data folder, and how far it has followed the store.
pub struct IndexSink {
    index: Index,
    writer: Writer,
    uncommitted: usize,
    /// The store's sequence number of the last write handed to the index.
    seq: u64,
}

fn doc(a: &StoredArticle, story: Option<u64>) -> IndexDoc<'_> {
    IndexDoc {
        article_id: a.id,
        title: a.title.as_deref(),
        subtitle: a.subtitle.as_deref(),
        text: &a.text,
        outlet: a.outlet.as_deref(),
        published: a.published,
        url: a.url.as_deref(),
        source: Some(&a.source),
        story,
    }
}

impl IndexSink {
    /// Open (or create) the index in `dir` and bring it in step with `store`,
    /// calling `notice` with one line when it had to catch up or rebuild.
    pub fn open_in_step(
        dir: &Path,
        store: &dyn Store,
        notice: &dyn Fn(&str),
    ) -> Result<IndexSink, EngineError> {
        Self::open_in_step_to(dir, store, store.seq()?, notice)
    }

    /// As [`IndexSink::open_in_step`], catching up only with the writes up to
    /// `target` (a shared store: those the analysis stages have seen, so that
    /// every article indexed carries its story).
    pub fn open_in_step_to(
        dir: &Path,
        store: &dyn Store,
        target: u64,
        notice: &dyn Fn(&str),
    ) -> Result<IndexSink, EngineError> {
        let index = Index::open_or_create(dir)?;
        let writer = index.writer(WRITER_HEAP_BYTES)?;
        let meta = index.commit_meta()?;
        let mut sink = IndexSink {
            seq: meta.map_or(0, |m| m.seq),
            index,
            writer,
            uncommitted: 0,
        };
        let store_seq = store.seq()?;
        match meta {
            None if sink.index.num_docs() == 0 && store.counts()?.articles == 0 => {}
            None => {
                notice("the search index records no store position (built by an older marsad): rebuilding it");
                sink.rebuild(store)?;
            }
            Some(m) if m.analyzer != ANALYZER_VERSION => {
                notice(&format!(
                    "the search index was built by analyzer version {}, this marsad's is {ANALYZER_VERSION}: rebuilding it",
                    m.analyzer
                ));
                sink.rebuild(store)?;
            }
            Some(m) if m.seq > store_seq => {
                notice(&format!(
                    "the search index is ahead of the store (write {} of {store_seq}; a store restored from a copy?): rebuilding it",
                    m.seq
                ));
                sink.rebuild(store)?;
            }
            Some(m) if m.seq < target => {
                notice(&format!(
                    "the search index is behind the store (write {} of {target}): catching up",
                    m.seq
                ));
                sink.catch_up_to(store, target)?;
            }
            Some(_) => {}
        }
        Ok(sink)
    }

    /// The store's sequence number the index holds.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Hand over a committed write: `articles` new or rewritten (with their
    /// stories, where known), `gone` ids dropped.
    pub fn apply(
        &mut self,
        articles: &[StoredArticle],
        gone: &[i64],
        stories: &StoryOf,
        seq: u64,
    ) -> Result<(), EngineError> {
        self.apply_as(articles, gone, stories, seq, false)
    }

    /// As [`IndexSink::apply`], for articles the store has just created: their
    /// ids were never given before, so there is nothing to replace.
    pub fn apply_new(
        &mut self,
        articles: &[StoredArticle],
        stories: &StoryOf,
        seq: u64,
    ) -> Result<(), EngineError> {
        self.apply_as(articles, &[], stories, seq, true)
    }

    fn apply_as(
        &mut self,
        articles: &[StoredArticle],
        gone: &[i64],
        stories: &StoryOf,
        seq: u64,
        new: bool,
    ) -> Result<(), EngineError> {
        for &id in gone {
            self.writer.delete(id);
        }
        for a in articles {
            let d = doc(a, stories.get(&a.id).copied());
            if new {
                self.writer.add(&d)?;
            } else {
                // Re-extracted articles keep their ids: replace, never duplicate.
                self.writer.upsert(&d)?;
            }
        }
        self.seq = self.seq.max(seq);
        self.uncommitted += articles.len() + gone.len();
        if self.uncommitted >= COMMIT_EVERY_ARTICLES {
            self.commit()?;
        }
        Ok(())
    }

    /// Make what was applied durable and visible, recording the sequence number.
    pub fn commit(&mut self) -> Result<(), EngineError> {
        self.writer.commit_at(self.seq)?;
        self.uncommitted = 0;
        Ok(())
    }

    /// Note that the index holds every change up to `seq` (applied by the caller).
    pub fn advance_to(&mut self, seq: u64) {
        self.seq = self.seq.max(seq);
    }

    /// Apply every change the store made after the index's position, up to
    /// `target` (later ones are left for the next catch-up). Nothing when
    /// the index is there already.
    pub fn catch_up_to(&mut self, store: &dyn Store, target: u64) -> Result<(), EngineError> {
        let since = self.seq;
        if since >= target {
            return Ok(());
        }
        let stories = stored_stories(store)?;
        let mut after = 0;
        loop {
            let changes = store.changes_since(since, after, WALK_BATCH)?;
            let Some(last) = changes.last() else { break };
            after = last.id();
            let mut live = Vec::new();
            let mut gone = Vec::new();
            for c in changes.into_iter().filter(|c| c.seq() <= target) {
                match c {
                    ArticleChange::Live(a) => live.push(a),
                    ArticleChange::Gone { id, .. } => gone.push(id),
                }
            }
            self.apply(&live, &gone, &stories, since)?;
        }
        self.seq = target;
        self.commit()
    }

    /// Replace the whole index by the store's live articles. Returns their number.
    pub fn rebuild(&mut self, store: &dyn Store) -> Result<u64, EngineError> {
        let target = store.seq()?;
        let stories = stored_stories(store)?;
        self.writer.delete_all()?;
        let mut n = 0;
        marsad_store::for_each_live_article(store, WALK_BATCH, |batch| {
            for a in batch {
                self.writer
                    .add(&doc(a, stories.get(&a.id).copied()))
                    .map_err(|e| marsad_store::StoreError::Sink(Box::new(e)))?;
            }
            n += batch.len() as u64;
            Ok(())
        })?;
        self.seq = target;
        self.commit()?;
        Ok(n)
    }

    /// Commit and wait for segment merges (end of a long run).
    pub fn finish(self) -> Result<(), EngineError> {
        self.writer.finish_at(self.seq)?;
        Ok(())
    }
}
