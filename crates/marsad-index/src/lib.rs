//! Full-text search over marsad's articles: a tantivy index with Arabic analysis from
//! marsad-text. The index is derived data: it can be deleted and rebuilt from the store.
//!
//! ```text
//! IndexDoc ──Writer::add──▶ title/subtitle/text  clitic-free words, positions   (×2.5 ×1.5 ×1)
//!                           stem                 light stems, recall            (×0.5)
//!                           skel                 skeleton|word: variant lookup table
//!                           outlet, published_days, story: filters
//! query ──parse_query──▶ words, "phrases", -exclusions
//!       ──variants──▶ + spelling variants from `skel`, searched in title/subtitle/text (×0.7)
//!       ──▶ BM25, every word required
//! ```
//!
//! * [`analysis`]: the tokenizer and token filters, each a separate, tested step.
//! * [`query`]: the query syntax and its translation.
//! * [`variants`]: spelling variants of names, looked up at query time.
//! * [`Index`]: open or create, [`Index::writer`], [`Index::search`] / [`Index::search_each`].
//!
//! ```
//! use marsad_index::{Index, IndexDoc, SearchRequest};
//! let index = Index::create_in_ram()?;
//! let mut writer = index.writer(50_000_000)?;
//! writer.add(&IndexDoc {
//!     article_id: 1,
//!     title: Some("وزير الخارجية يزور بيونج يانج"),
//!     text: "وصل الوزير إلى بيونج يانج والاتفاقية جاهزة.",
//!     ..IndexDoc::default()
//! })?;
//! writer.commit()?;
//! let found = index.search(&SearchRequest::new("بيونغ يانغ الاتفاقية"))?;
//! assert_eq!(found.total, 1);
//! assert_eq!(found.hits[0].snippet, "وصل الوزير إلى [[بيونج يانج والاتفاقية]] جاهزة.");
//! # Ok::<(), marsad_index::Error>(())
//! ```

pub mod analysis;
mod forward_only;
mod index;
pub mod query;
pub mod schema;
pub mod settings;
mod snippet;
pub mod variants;

pub use analysis::ANALYZER_VERSION;
pub use index::{
    CommitMeta, Error, Hit, Index, IndexDoc, Result, SearchRequest, SearchResults, Writer,
};
pub use query::{parse_query, ParsedQuery, Part};
pub use settings::{Boosts, BOOSTS};
pub use snippet::{HIGHLIGHT_END, HIGHLIGHT_START};
