//! The analysis stages marsad runs by default, as engine stages.

pub mod stories;

use crate::stage::Stage;

/// The stages every front end runs, in order.
pub fn default_stages() -> Vec<Box<dyn Stage>> {
    vec![Box::new(stories::StoriesStage::default())]
}
