//! Errors of the stage.

use crate::StoryId;

/// What can go wrong when placing articles or rebuilding the index.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StoryError {
    /// An article with this id was already placed.
    #[error("article {0} was already placed")]
    AlreadyPlaced(i64),
    /// A stored record refers to an article that no earlier record placed.
    #[error("a stored placement refers to article {0}, which no earlier record placed")]
    UnknownArticle(i64),
    /// A stored record joins a story that no earlier record started.
    #[error("a stored placement joins story {0}, which no earlier record started")]
    UnknownStory(StoryId),
}
