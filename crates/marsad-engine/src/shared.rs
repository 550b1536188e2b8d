//! Several workers on one shared store (PostgreSQL): how the analysis
//! stages and each data folder's index follow writes made by others.
//!
//! Storing is concurrent: every worker extracts and writes its own batches,
//! and the store makes each page stored once and hands out sequence numbers
//! in commit order. The stages are not: the stories stage keeps an index in
//! memory, and two workers placing articles each in its own memory would
//! both start the same story. So one worker at a time is the **stage
//! runner**, holding the store's stage lock ([`Store::lock_stages`]) until
//! it exits. The runner, after each of its own writes, reads every write
//! made since it last looked, its own and other workers', from the store in
//! sequence order ([`Store::changes_since`]) and runs the stages and its
//! index over them. A worker that is not the runner only stores; it tries
//! for the lock after each write and, at the end of its run, waits for it,
//! so that its last writes are staged before it exits. A worker that takes
//! the lock loads the stages from the store first (another runner changed
//! what they keep), so memory is never stale.
//!
//! Each data folder's index follows the stages, not the store: it is caught
//! up only with writes the stages have seen, so every article it holds
//! carries its story; a worker's index is complete when its run ends.

use marsad_store::{ArticleChange, Store};

use crate::stage::StageInput;
use crate::{Engine, Result};

/// Articles read from the store per batch when following it.
const FOLLOW_BATCH: usize = 2_000;

impl Engine {
    /// Whether other workers share this engine's store.
    pub(crate) fn is_shared(&self) -> bool {
        self.store.is_shared()
    }

    /// Become the stage runner: at once if the lock is free, or (`wait`)
    /// once the worker holding it exits. On taking it the stages are loaded
    /// and caught up with the store, and the index with the stages.
    pub(crate) fn take_stages(&mut self, wait: bool) -> Result<bool> {
        if self.runner {
            return Ok(true);
        }
        if !self.store.lock_stages(false)? {
            if !wait {
                return Ok(false);
            }
            (self.notice)(
                "another worker is running the analysis stages: waiting for it to finish, \
                 to run them over this run's articles",
            );
            self.store.lock_stages(true)?;
        }
        self.stages
            .open_in_step(self.store.as_mut(), &*self.notice)?;
        let seen = self.stages.seen(self.store.as_ref())?;
        self.index.catch_up_to(self.store.as_ref(), seen)?;
        self.followed = seen;
        self.runner = true;
        Ok(true)
    }

    /// After a write to a shared store: the runner runs the stages and the
    /// index over every write committed since it last looked, in sequence
    /// order; another worker tries to become the runner.
    pub(crate) fn follow_store(&mut self) -> Result<()> {
        if !self.take_stages(false)? {
            return Ok(());
        }
        let target = self.store.seq()?;
        let since = self.followed;
        if target <= since {
            return Ok(());
        }
        let mut after = 0;
        loop {
            let changes = self.store.changes_since(since, after, FOLLOW_BATCH)?;
            let Some(last) = changes.last() else { break };
            after = last.id();
            let (mut live, mut gone) = (Vec::new(), Vec::new());
            // Writes committed after `target` are left for the next call.
            for c in changes.into_iter().filter(|c| c.seq() <= target) {
                match c {
                    ArticleChange::Live(a) => live.push(a),
                    ArticleChange::Gone { id, .. } => gone.push(id),
                }
            }
            if live.is_empty() && gone.is_empty() {
                continue;
            }
            // Progress stays at `since` until the whole range is done: a
            // worker killed halfway leaves the rest for the next runner.
            let input = StageInput {
                articles: &live,
                gone: &gone,
                seq: since,
            };
            let stories = self.stages.process(&input, self.store.as_mut())?;
            self.index.apply(&live, &gone, &stories, since)?;
        }
        self.stages.advance(self.store.as_mut(), target)?;
        self.index.advance_to(target);
        self.followed = target;
        Ok(())
    }
}

/// How far the default stages have got in a shared store, for a reader
/// that runs none: the least progress among those that ever ran, or the
/// store's own position when none did (ingested with `--stages none`).
pub(crate) fn stages_seen(store: &dyn Store) -> Result<u64> {
    let mut seen = store.seq()?;
    for name in crate::stages::DEFAULT_STAGES {
        if let Some(p) = store.stage_progress(name)? {
            seen = seen.min(p.seq);
        }
    }
    Ok(seen)
}
