//! Every story at once (the home page, `/api/stories`, follow-up links),
//! read from the store once and then kept in step with it from the writes
//! made since ([`StoryCatalog::update`]), shared whole by requests:
//! a story page reads only its own rows, and takes its `followed_by` here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use marsad_engine::{EngineError, Library, StoryCatalog, StoryLinks, StoryView};

/// The stories as of one store position, as requests read them.
#[derive(Debug, Default)]
pub struct Catalog {
    /// The store position the stories reflect ([`StoryCatalog::seq`]).
    pub seq: u64,
    /// Which of the server's catalogs this is (each made counts one more):
    /// a story answer built beside one is stale beside the next.
    pub generation: u64,
    /// Largest first (then newest), as `marsad stories` lists them; shared
    /// with the next catalog where a story did not change.
    pub largest: Vec<Arc<StoryView>>,
    /// Positions in `largest`, the most recently dated story first.
    pub latest: Vec<usize>,
    pub links: StoryLinks,
    by_id: HashMap<String, usize>,
}

impl Catalog {
    /// Read every story from the store.
    pub fn build(library: &Library) -> Result<Catalog, EngineError> {
        Ok(Catalog::of(&library.story_catalog()?, 0))
    }

    /// What requests read of `stories`.
    pub fn of(stories: &StoryCatalog, generation: u64) -> Catalog {
        let largest: Vec<Arc<StoryView>> = stories.stories().cloned().collect();
        let mut latest: Vec<usize> = (0..largest.len()).collect();
        latest.sort_by(|&a, &b| {
            largest[b]
                .last
                .cmp(&largest[a].last)
                .then_with(|| largest[b].articles.len().cmp(&largest[a].articles.len()))
        });
        let by_id = largest
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Catalog {
            seq: stories.seq(),
            generation,
            largest,
            latest,
            links: stories.links().clone(),
            by_id,
        }
    }

    /// A story as listed (its articles without entities).
    pub fn get(&self, id: &str) -> Option<&StoryView> {
        self.view(id).map(|v| &**v)
    }

    /// The view of a story, shared with the catalogs before this one as long
    /// as no write touched the story.
    pub fn view(&self, id: &str) -> Option<&Arc<StoryView>> {
        self.by_id.get(id).map(|&i| &self.largest[i])
    }

    /// The title of a story, for links to it.
    pub fn title(&self, id: &str) -> Option<&str> {
        self.get(id).map(|s| s.title.as_str())
    }
}

/// What the catalog is made from, followed from write to write; `None`
/// after an update that failed halfway, to be read whole again.
#[derive(Default)]
pub(crate) struct CatalogSource(Mutex<Option<StoryCatalog>>);

impl CatalogSource {
    pub fn new(stories: StoryCatalog) -> CatalogSource {
        CatalogSource(Mutex::new(Some(stories)))
    }

    /// Bring the stories in step with the store; the new catalog (number
    /// `generation`) when they moved.
    pub fn refresh(
        &self,
        library: &Library,
        generation: u64,
    ) -> Result<Option<Catalog>, EngineError> {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        // Taken out while updating: an error or a panic halfway leaves none.
        let (stories, moved) = match kept.take() {
            Some(mut stories) => {
                let moved = stories.update(library)?;
                (stories, moved)
            }
            None => (library.story_catalog()?, true),
        };
        let made = moved.then(|| Catalog::of(&stories, generation));
        *kept = Some(stories);
        Ok(made)
    }
}

/// The current catalog, swapped whole when rebuilt.
pub(crate) struct CatalogCell(RwLock<Arc<Catalog>>);

impl CatalogCell {
    pub fn new(c: Catalog) -> CatalogCell {
        CatalogCell(RwLock::new(Arc::new(c)))
    }

    pub fn get(&self) -> Arc<Catalog> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn set(&self, c: Catalog) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(c);
    }
}
