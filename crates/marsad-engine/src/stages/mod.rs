//! The analysis stages marsad runs by default, as engine stages.

pub mod entities;
pub mod stories;

use crate::stage::Stage;
use crate::Result;

/// The stages every front end runs, in order: entities, then stories.
pub fn default_stages() -> Result<Vec<Box<dyn Stage>>> {
    let entities = entities::EntitiesStage::new().map_err(|source| crate::EngineError::Stage {
        stage: entities::STAGE.into(),
        source,
    })?;
    Ok(vec![
        Box::new(entities),
        Box::new(stories::StoriesStage::default()),
    ])
}
