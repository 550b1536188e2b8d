//! Analysis stages: steps that see stored articles and keep rows of their
//! own (duplicates, stories, entities…).
//!
//! A stage is handed every committed write in the writer, in commit order:
//! the new or rewritten articles (in id order) and the ids gone. It returns
//! the rows to keep about those articles; the engine replaces the stage's
//! old rows about them and records the write's sequence number as the
//! stage's progress, in one transaction. When the data folder is opened, a
//! stage behind the store (a run killed between the two commits) is caught
//! up from [`Store::changes_since`], and a stage whose version changed is
//! run again over every article. Adding a stage is one more entry in the
//! list given to the engine: neither the CLI nor the other stages change.

use marsad_store::{ArticleChange, StageRow, StageWrite, Store, StoredArticle};

use crate::EngineError;

/// Any error a stage reports; the engine names the stage.
pub type StageError = Box<dyn std::error::Error + Send + Sync>;

/// One committed write, as a stage sees it.
#[derive(Debug, Clone, Copy)]
pub struct StageInput<'a> {
    pub articles: &'a [StoredArticle],
    pub gone: &'a [i64],
    pub seq: u64,
}

/// An analysis stage.
pub trait Stage: Send {
    /// Unique among stages: its rows and progress are kept under it.
    fn name(&self) -> &str;

    /// Bump when what the stage computes changes: it then runs again over
    /// every article the next time the data folder is opened.
    fn version(&self) -> u32;

    /// Load what the stage keeps in memory from its stored rows (once, when
    /// the data folder is opened, before any catching up).
    fn open(&mut self, store: &dyn Store) -> Result<(), StageError> {
        let _ = store;
        Ok(())
    }

    /// The rows to keep about `input.articles` (replacing the old ones);
    /// the rows about `input.gone` are dropped.
    fn process(
        &mut self,
        input: &StageInput<'_>,
        store: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError>;
}

/// Articles read per batch when a stage catches up.
const CATCH_UP_BATCH: usize = 1_000;

/// The leading run of `pending` that came from one write (one sequence number), taken out;
/// the last run is held back until `done` says no more of it can follow.
fn next_write(pending: &mut Vec<ArticleChange>, done: bool) -> Option<Vec<ArticleChange>> {
    let seq = pending.first()?.seq();
    let end = pending
        .iter()
        .position(|c| c.seq() != seq)
        .unwrap_or(pending.len());
    if end == pending.len() && !done {
        return None;
    }
    Some(pending.drain(..end).collect())
}

/// The stages of an engine, in the order they run.
#[derive(Default)]
pub struct Stages {
    stages: Vec<Box<dyn Stage>>,
    /// Whether each stage has loaded its state ([`Stage::open`]). A stage in step with the
    /// store is opened when it is first given a write, so that commands that write nothing
    /// do not pay for loading it.
    opened: Vec<bool>,
}

impl Stages {
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Stages {
        let opened = vec![false; stages.len()];
        Stages { stages, opened }
    }

    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
    }

    /// Open each stage and bring it in step with `store`.
    pub fn open_in_step(
        &mut self,
        store: &mut dyn Store,
        notice: &dyn Fn(&str),
    ) -> Result<(), EngineError> {
        let store_seq = store.seq()?;
        for (stage, opened) in self.stages.iter_mut().zip(&mut self.opened) {
            let name = stage.name().to_string();
            let fail = |source| EngineError::Stage {
                stage: name.clone(),
                source,
            };
            let progress = store.stage_progress(&name)?;
            let since = match progress {
                Some(p) if p.version == stage.version() && p.seq >= store_seq => continue,
                Some(p) if p.version == stage.version() => {
                    notice(&format!(
                        "stage {name} is behind the store (write {} of {store_seq}): catching up",
                        p.seq
                    ));
                    p.seq
                }
                found => {
                    if found.is_some() {
                        notice(&format!(
                            "stage {name} changed (version {}): running it again over every article",
                            stage.version()
                        ));
                    }
                    store.write_stage(&StageWrite {
                        stage: name.clone(),
                        version: stage.version(),
                        seq: 0,
                        clear_all: true,
                        ..StageWrite::default()
                    })?;
                    0
                }
            };
            stage.open(store).map_err(fail)?;
            *opened = true;
            // One committed write at a time, as the stage saw them when they were written: a
            // stage such as stories decides within a write in its own order, so handing it
            // two writes at once (or half of one) would decide differently than an
            // uninterrupted run did.
            let mut after = 0;
            let mut pending: Vec<ArticleChange> = Vec::new();
            loop {
                let changes = store.changes_since(since, after, CATCH_UP_BATCH)?;
                let done = changes.len() < CATCH_UP_BATCH;
                if let Some(last) = changes.last() {
                    after = last.id();
                }
                pending.extend(changes);
                while let Some(write) = next_write(&mut pending, done) {
                    let (mut live, mut gone) = (Vec::new(), Vec::new());
                    for c in write {
                        match c {
                            ArticleChange::Live(a) => live.push(a),
                            ArticleChange::Gone { id, .. } => gone.push(id),
                        }
                    }
                    let input = StageInput {
                        articles: &live,
                        gone: &gone,
                        seq: since,
                    };
                    run_one(stage.as_mut(), &input, store)?;
                }
                if done {
                    break;
                }
            }
            store.write_stage(&StageWrite {
                stage: name.clone(),
                version: stage.version(),
                seq: store_seq,
                ..StageWrite::default()
            })?;
        }
        Ok(())
    }

    /// Record that every stage has seen the store up to `seq` (after the
    /// writes before it were processed).
    pub fn advance(&self, store: &mut dyn Store, seq: u64) -> Result<(), EngineError> {
        for stage in &self.stages {
            store.write_stage(&StageWrite {
                stage: stage.name().to_string(),
                version: stage.version(),
                seq,
                ..StageWrite::default()
            })?;
        }
        Ok(())
    }

    /// How far every stage has got in `store`: the least progress among them
    /// (0 when one never ran), or the store's own position when there are no stages.
    pub fn seen(&self, store: &dyn Store) -> Result<u64, EngineError> {
        let mut seen = store.seq()?;
        for stage in &self.stages {
            let progress = store
                .stage_progress(stage.name())?
                .filter(|p| p.version == stage.version());
            seen = seen.min(progress.map_or(0, |p| p.seq));
        }
        Ok(seen)
    }

    /// Run every stage on one committed write. Returns the story of each
    /// article placed (from the stories stage's rows), for the index.
    pub fn process(
        &mut self,
        input: &StageInput<'_>,
        store: &mut dyn Store,
    ) -> Result<StoryOf, EngineError> {
        let mut stories = StoryOf::new();
        for (stage, opened) in self.stages.iter_mut().zip(&mut self.opened) {
            if !*opened {
                // In step when the folder was opened: its state is loaded now, before the
                // first write it is given (a stage that kept nothing in memory would place
                // new articles as if the store were empty).
                stage.open(&*store).map_err(|source| EngineError::Stage {
                    stage: stage.name().to_string(),
                    source,
                })?;
                *opened = true;
            }
            let rows = run_one(stage.as_mut(), input, store)?;
            if stage.name() == crate::stages::stories::STAGE {
                stories.extend(crate::stages::stories::stories_in(&rows));
            }
        }
        Ok(stories)
    }
}

/// The story id of articles, by article id.
pub type StoryOf = std::collections::HashMap<i64, u64>;

fn run_one(
    stage: &mut dyn Stage,
    input: &StageInput<'_>,
    store: &mut dyn Store,
) -> Result<Vec<StageRow>, EngineError> {
    let rows = stage
        .process(input, store)
        .map_err(|source| EngineError::Stage {
            stage: stage.name().to_string(),
            source,
        })?;
    let mut articles: Vec<i64> = input.articles.iter().map(|a| a.id).collect();
    articles.extend_from_slice(input.gone);
    store.write_stage(&StageWrite {
        stage: stage.name().to_string(),
        version: stage.version(),
        seq: input.seq,
        clear_all: false,
        articles,
        rows: rows.clone(),
    })?;
    Ok(rows)
}

#[cfg(test)]
mod write_tests {
    use super::*;

    fn gone(id: i64, seq: u64) -> ArticleChange {
        ArticleChange::Gone { id, seq }
    }

    #[test]
    fn catching_up_hands_over_whole_writes_only() {
        let mut pending = vec![gone(1, 4), gone(2, 4), gone(3, 5), gone(4, 5)];
        let ids = |w: Vec<ArticleChange>| w.iter().map(ArticleChange::id).collect::<Vec<_>>();
        assert_eq!(next_write(&mut pending, false).map(ids), Some(vec![1, 2]));
        // The write of seq 5 may go on in the next page of changes: held back.
        assert_eq!(next_write(&mut pending, false).map(ids), None);
        pending.push(gone(5, 5));
        assert_eq!(next_write(&mut pending, true).map(ids), Some(vec![3, 4, 5]));
        assert!(next_write(&mut pending, true).is_none());
    }
}
