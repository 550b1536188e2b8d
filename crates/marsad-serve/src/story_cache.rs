//! Story answers kept between requests: building a large story's view
//! (hundreds of articles, their entities resolved across them, quotes and
//! figures compared) costs far more than serving it, and it only changes
//! when the store does.
//!
//! An answer is *fresh* while the catalog still holds the view of the story
//! it was built beside: the catalog makes a new view for every story a write
//! touches (its articles, their duplicate groups, its follow-up links) and
//! keeps the old one for every other, so an ingest that writes elsewhere
//! leaves a kept story fresh. A story the catalog does not list yet is fresh
//! while the catalog is the one it was built beside. A stale one
//! is still served at once (as the catalog itself is, rebuilt behind the
//! requests) while one request's worth of work rebuilds it in the
//! background: during an ingest, which commits every few seconds, readers
//! never wait for a rebuild, and the answer they get is at most one
//! rebuild behind the store. A story not kept yet is built by the first
//! request for it while the others asking meanwhile wait for that build
//! (a large story's build costs hundreds of milliseconds: eight at once
//! would each take several times that).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use axum::body::Bytes;
use marsad_engine::{StoryDetail, StoryView};
use tokio::sync::watch;

/// A story's answer and what is sent for it, each made once: serving a
/// kept answer costs a copy of its bytes, not a new rendering (a large
/// story's page or JSON took 13 to 19 ms of a core, each time).
pub struct StoryAnswer {
    pub detail: StoryDetail,
    json: OnceLock<Bytes>,
    page: OnceLock<Bytes>,
}

impl StoryAnswer {
    pub fn new(detail: StoryDetail) -> StoryAnswer {
        StoryAnswer {
            detail,
            json: OnceLock::new(),
            page: OnceLock::new(),
        }
    }

    /// `GET /api/stories/{id}`'s body.
    pub fn json(&self) -> Result<Bytes, serde_json::Error> {
        if let Some(b) = self.json.get() {
            return Ok(b.clone());
        }
        let made = Bytes::from(serde_json::to_vec(&self.detail)?);
        Ok(self.json.get_or_init(|| made).clone())
    }

    /// The story page's body (its first page), rendered by `render` the
    /// first time it is asked for.
    pub fn page(&self, render: impl FnOnce(&StoryDetail) -> String) -> Bytes {
        self.page
            .get_or_init(|| Bytes::from(render(&self.detail)))
            .clone()
    }
}

/// How many stories are kept (the largest ones are those worth keeping;
/// any story is kept once asked for, until this many newer ones push it out).
pub const CACHED_STORIES: usize = 64;

/// What a story's answer was built from.
#[derive(Debug, Clone)]
pub struct Built {
    /// The store's sequence number the catalog reflected (the answer was built from that
    /// position or a later one).
    pub store: u64,
    /// The catalog's generation (its follow-up links).
    pub catalog: u64,
    /// The catalog's view of the story, when it lists it (kept here, so that
    /// its address is not reused while compared).
    pub view: Option<Arc<StoryView>>,
}

impl Built {
    /// Whether an answer built from `self` is still the answer at `now`.
    fn still_holds_at(&self, now: &Built) -> bool {
        match (&self.view, &now.view) {
            (Some(then), Some(view)) => Arc::ptr_eq(then, view),
            _ => self.store == now.store && self.catalog == now.catalog,
        }
    }

    /// Built from a later (or the same) state than `other`.
    fn not_older_than(&self, other: &Built) -> bool {
        (self.store, self.catalog) >= (other.store, other.catalog)
    }
}

struct Entry {
    built: Built,
    detail: Arc<StoryAnswer>,
    /// A rebuild has been handed out and not yet put back.
    rebuilding: bool,
    /// When it was last asked for (a counter), to push out the least recent.
    used: u64,
}

/// What the cache has for a story.
pub enum Lookup {
    /// Built from what the store and the catalog are now.
    Fresh(Arc<StoryAnswer>),
    /// Built from older ones; `rebuild`: this request is the one to rebuild it.
    Stale {
        detail: Arc<StoryAnswer>,
        rebuild: bool,
    },
    Missing,
}

#[derive(Default)]
pub struct StoryCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<u64, Entry>,
    /// Stories being built for a first time: where their answer will come.
    building: HashMap<u64, watch::Receiver<Option<Arc<StoryAnswer>>>>,
    clock: u64,
}

/// Who builds a story not kept yet.
pub enum Claim {
    /// This request: send the answer (then drop it) when built.
    Build(watch::Sender<Option<Arc<StoryAnswer>>>),
    /// Another request is building it: wait for its answer (none comes
    /// if that build fails or finds no story: then build it too).
    Wait(watch::Receiver<Option<Arc<StoryAnswer>>>),
}

impl StoryCache {
    pub fn lookup(&self, story: u64, now: &Built) -> Lookup {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.clock += 1;
        let clock = inner.clock;
        let Some(e) = inner.entries.get_mut(&story) else {
            return Lookup::Missing;
        };
        e.used = clock;
        if e.built.still_holds_at(now) {
            return Lookup::Fresh(e.detail.clone());
        }
        let rebuild = !e.rebuilding;
        e.rebuilding = true;
        Lookup::Stale {
            detail: e.detail.clone(),
            rebuild,
        }
    }

    /// Build a story not kept yet, or wait for the request building it.
    pub fn claim(&self, story: u64) -> Claim {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(rx) = inner.building.get(&story) {
            // A build whose request was dropped has no sender left.
            if rx.has_changed().is_ok() {
                return Claim::Wait(rx.clone());
            }
        }
        let (tx, rx) = watch::channel(None);
        inner.building.insert(story, rx);
        Claim::Build(tx)
    }

    /// A first build is over (done, failed or dropped).
    pub fn built(&self, story: u64) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.building.remove(&story);
    }

    /// Keep `detail`, built from `built`, unless a newer one is kept already.
    pub fn put(&self, story: u64, built: Built, detail: Arc<StoryAnswer>) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.clock += 1;
        let clock = inner.clock;
        if let Some(e) = inner.entries.get_mut(&story) {
            e.rebuilding = false;
            if built.not_older_than(&e.built) {
                e.built = built;
                e.detail = detail;
            }
            e.used = clock;
            return;
        }
        if inner.entries.len() >= CACHED_STORIES {
            if let Some(oldest) = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(&id, _)| id)
            {
                inner.entries.remove(&oldest);
            }
        }
        inner.entries.insert(
            story,
            Entry {
                built,
                detail,
                rebuilding: false,
                used: clock,
            },
        );
    }

    /// A rebuild that failed: the next request tries again.
    pub fn rebuild_failed(&self, story: u64) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(e) = inner.entries.get_mut(&story) {
            e.rebuilding = false;
        }
    }

    /// Forget a story (it has no live article any more).
    pub fn remove(&self, story: u64) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.entries.remove(&story);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_engine::StoryView;

    fn detail(title: &str) -> Arc<StoryAnswer> {
        Arc::new(StoryAnswer::new(StoryDetail {
            story: StoryView {
                id: "1".into(),
                title: title.into(),
                first: None,
                last: None,
                follows: Vec::new(),
                followed_by: Vec::new(),
                outlets: 0,
                articles: Vec::new(),
            },
            entities: Vec::new(),
            quotes: Vec::new(),
            figures: Vec::new(),
            coverage: Vec::new(),
        }))
    }

    fn title(l: &Lookup) -> (&'static str, String, bool) {
        match l {
            Lookup::Fresh(d) => ("fresh", d.detail.story.title.clone(), false),
            Lookup::Stale { detail, rebuild } => {
                ("stale", detail.detail.story.title.clone(), *rebuild)
            }
            Lookup::Missing => ("missing", String::new(), false),
        }
    }

    #[test]
    fn a_stale_answer_is_served_while_one_request_rebuilds_it() {
        let cache = StoryCache::default();
        let at = |store, catalog| Built {
            store,
            catalog,
            view: None,
        };
        assert_eq!(title(&cache.lookup(1, &at(1, 1))).0, "missing");
        cache.put(1, at(1, 1), detail("a"));
        assert_eq!(
            title(&cache.lookup(1, &at(1, 1))),
            ("fresh", "a".into(), false)
        );
        // The store moved: the first request rebuilds, the next ones do not.
        assert_eq!(
            title(&cache.lookup(1, &at(2, 1))),
            ("stale", "a".into(), true)
        );
        assert_eq!(
            title(&cache.lookup(1, &at(2, 1))),
            ("stale", "a".into(), false)
        );
        cache.put(1, at(2, 1), detail("b"));
        assert_eq!(
            title(&cache.lookup(1, &at(2, 1))),
            ("fresh", "b".into(), false)
        );
        // A new catalog (follow-up links) makes it stale too.
        assert_eq!(
            title(&cache.lookup(1, &at(2, 2))),
            ("stale", "b".into(), true)
        );
        cache.rebuild_failed(1);
        assert_eq!(
            title(&cache.lookup(1, &at(2, 2))),
            ("stale", "b".into(), true)
        );
        // A rebuild from older state never replaces a newer answer.
        cache.put(1, at(3, 2), detail("c"));
        cache.put(1, at(2, 2), detail("old"));
        assert_eq!(
            title(&cache.lookup(1, &at(3, 2))),
            ("fresh", "c".into(), false)
        );
        cache.remove(1);
        assert_eq!(title(&cache.lookup(1, &at(3, 2))).0, "missing");
    }

    #[test]
    fn an_answer_stays_fresh_while_the_catalog_keeps_the_story_s_view() {
        let cache = StoryCache::default();
        let view = Arc::new(detail("a").detail.story.clone());
        let at = |store, catalog, view: &Arc<StoryView>| Built {
            store,
            catalog,
            view: Some(view.clone()),
        };
        cache.put(1, at(1, 1, &view), detail("a"));
        // The store and the catalog moved on, but not this story (the same view).
        assert_eq!(
            title(&cache.lookup(1, &at(9, 5, &view))),
            ("fresh", "a".into(), false)
        );
        // A write touched it: the catalog made a new view, equal or not.
        let touched = Arc::new(detail("a").detail.story.clone());
        assert_eq!(
            title(&cache.lookup(1, &at(10, 6, &touched))),
            ("stale", "a".into(), true)
        );
        cache.put(1, at(10, 6, &touched), detail("b"));
        assert_eq!(
            title(&cache.lookup(1, &at(10, 6, &touched))),
            ("fresh", "b".into(), false)
        );
        // Not listed by the catalog (yet): the store's position decides.
        let unlisted = |store| Built {
            store,
            catalog: 6,
            view: None,
        };
        assert_eq!(title(&cache.lookup(1, &unlisted(11))).0, "stale");
    }

    #[tokio::test]
    async fn one_request_builds_a_new_story_and_the_others_wait_for_it() {
        let cache = StoryCache::default();
        let Claim::Build(tx) = cache.claim(7) else {
            panic!("the first request builds");
        };
        let Claim::Wait(mut rx) = cache.claim(7) else {
            panic!("the second waits");
        };
        assert!(
            matches!(cache.claim(8), Claim::Build(_)),
            "another story is built apart"
        );
        tx.send_replace(Some(detail("built")));
        let got = rx.wait_for(Option::is_some).await.expect("an answer");
        assert_eq!(
            got.as_ref().map(|d| d.detail.story.title.as_str()),
            Some("built")
        );
        cache.built(7);
        // A build dropped before answering: the next request builds again.
        let Claim::Build(tx) = cache.claim(7) else {
            panic!("built again");
        };
        let Claim::Wait(mut rx) = cache.claim(7) else {
            panic!("waits");
        };
        drop(tx);
        assert!(rx.wait_for(Option::is_some).await.is_err());
        assert!(matches!(cache.claim(7), Claim::Build(_)));
    }

    #[test]
    fn the_least_recently_asked_story_goes_first() {
        let cache = StoryCache::default();
        let at = Built {
            store: 1,
            catalog: 1,
            view: None,
        };
        for story in 0..CACHED_STORIES as u64 {
            cache.put(story, at.clone(), detail("x"));
        }
        // Story 0 asked for again: story 1 is now the least recent.
        assert_eq!(title(&cache.lookup(0, &at)).0, "fresh");
        cache.put(1_000, at.clone(), detail("y"));
        assert_eq!(title(&cache.lookup(0, &at)).0, "fresh");
        assert_eq!(title(&cache.lookup(1, &at)).0, "missing");
        assert_eq!(title(&cache.lookup(1_000, &at)).0, "fresh");
    }
}
