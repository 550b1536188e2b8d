//! The analysis stages marsad runs by default, as engine stages.

pub mod entities;
pub mod stories;

use crate::stage::Stage;
use crate::{EngineError, Result};

/// The names of the stages every front end runs, in order.
pub const DEFAULT_STAGES: &[&str] = &[entities::STAGE, stories::STAGE];

/// The stages named (from [`DEFAULT_STAGES`]), in the default order.
pub fn stages_named(names: &[&str]) -> Result<Vec<Box<dyn Stage>>> {
    if let Some(unknown) = names.iter().find(|n| !DEFAULT_STAGES.contains(n)) {
        return Err(EngineError::Other(format!(
            "no stage {unknown:?} (the stages are: {})",
            DEFAULT_STAGES.join(", ")
        )));
    }
    let mut stages: Vec<Box<dyn Stage>> = Vec::new();
    if names.contains(&entities::STAGE) {
        let stage = entities::EntitiesStage::new().map_err(|source| EngineError::Stage {
            stage: entities::STAGE.into(),
            source,
        })?;
        stages.push(Box::new(stage));
    }
    if names.contains(&stories::STAGE) {
        stages.push(Box::new(stories::StoriesStage::default()));
    }
    Ok(stages)
}

/// The stages every front end runs, in order: entities, then stories.
pub fn default_stages() -> Result<Vec<Box<dyn Stage>>> {
    stages_named(DEFAULT_STAGES)
}
