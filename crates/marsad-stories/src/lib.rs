//! Duplicates, syndication and stories for marsad: each article is placed online, as it
//! arrives, without re-clustering what came before.
//!
//! ```text
//! ArticleInput ──Features::of (pure, parallel)──▶ Features ──StoryIndex::place (sequential)──▶ Placement
//!                                                     └──── ArticleRecord { features, placement } ──▶ store
//! store ──ArticleRecord…──▶ StoryIndex::restore (no re-placement)
//! ```
//!
//! * duplicates: exact (same matching-form words), near (word-5-shingle Jaccard ≥ 0.5, found
//!   with MinHash/LSH and checked exactly), credit (the page credits the outlet of a recent
//!   article of the same story) and rewrite (the same quotes, figures and dates with little
//!   shared wording); each group has one original (see [`DuplicateGroup`]);
//! * stories: an article joins the story of the recent article it matches best by
//!   [`same_story`] when that is ≥ 0.5, else starts a new one, which may follow up an older
//!   story (same content, at least a week later);
//! * two articles of one page never share a story (an appended article is not the main one's).
//!
//! ```
//! use marsad_stories::{ArticleInput, Features, StoryIndex};
//! let article = |id, outlet: &str, text: &str| ArticleInput {
//!     id,
//!     title: Some("بوتين يصل إلى بيونغ يانغ في أول زيارة منذ 24 عاما".into()),
//!     text: text.into(),
//!     outlet: Some(outlet.into()),
//!     published: marsad_model::Published::new(2024, 6, 19, None),
//!     ..ArticleInput::default()
//! };
//! let text = "وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ في زيارة هي الأولى منذ 24 عاما، \
//!             واستقبله الزعيم الكوري الشمالي كيم جونغ أون في المطار، ووقع الزعيمان اتفاقية \
//!             شراكة استراتيجية شاملة تتضمن بندا للدفاع المشترك.";
//! let mut index = StoryIndex::new();
//! let first = index.place(Features::of(&article(1, "الجزيرة", text)))?;
//! let copy = index.place(Features::of(&article(2, "قصر برس", text)))?;
//! assert_eq!(copy.story, first.story);
//! assert_eq!(copy.copy.map(|c| c.kind.as_str()), Some("exact"));
//! # Ok::<(), marsad_stories::StoryError>(())
//! ```
#![deny(missing_docs)]

mod codec;
mod error;
pub mod eval;
pub mod features;
mod hash;
mod index;
mod input;
pub mod lexicon;
pub mod settings;
mod similarity;

pub use codec::DecodeError;
pub use error::StoryError;
pub use features::Features;
pub use index::{
    ArticleRecord, CopyKind, CopyOf, DuplicateGroup, GroupMember, NearLink, Placement, StoryId,
    StoryIndex,
};
pub use input::{entity_keys, minutes_of, ArticleInput, ArticleRole};
pub use lexicon::source_key;
pub use similarity::{
    estimate_jaccard, jaccard, same_story, signals, Doc, Signals, TermStats, Weights,
};
