//! Every story at once (the home page, `/api/stories`, follow-up links),
//! built from the store and rebuilt when the store's sequence number moves:
//! a story page reads only its own rows, and takes its `followed_by` here.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use marsad_engine::{EngineError, Library, StoryLinks, StoryView};

/// The stories as of one store sequence number.
#[derive(Debug, Default)]
pub struct Catalog {
    /// The store's sequence number when the catalog was built.
    pub seq: u64,
    /// Largest first (then newest), as `marsad stories` lists them.
    pub largest: Vec<StoryView>,
    /// Positions in `largest`, the most recently dated story first.
    pub latest: Vec<usize>,
    pub links: StoryLinks,
    by_id: HashMap<String, usize>,
}

impl Catalog {
    pub fn build(library: &Library) -> Result<Catalog, EngineError> {
        let seq = library.store().seq()?;
        // One read of the placements for both.
        let (largest, links) = library.stories_with_links()?;
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
        Ok(Catalog {
            seq,
            largest,
            latest,
            links,
            by_id,
        })
    }

    /// A story as listed (its articles without entities).
    pub fn get(&self, id: &str) -> Option<&StoryView> {
        self.by_id.get(id).map(|&i| &self.largest[i])
    }

    /// The title of a story, for links to it.
    pub fn title(&self, id: &str) -> Option<&str> {
        self.get(id).map(|s| s.title.as_str())
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
