//! The text-analysis stage of marsad: who is named in an article, who said what, and which
//! numbers it reports.
//!
//! ```text
//! text ──Tokens (marsad-text words + punctuation)
//!        ├─tagger (averaged perceptron, gazetteers) ─context rules─▶ entities (+ roles)
//!        ├─quote rules (cue tables in `cues`) ──────────────────────▶ quotes → speaker entity
//!        └─figure rules (number words, multipliers, units) ─────────▶ figures
//! entities of many documents ──EntityResolver──▶ canonical entities with variants and keys
//! figures of many outlets ──compare_figures──▶ agree / differ
//! ```
//!
//! ```
//! let analysis = marsad_entities::analyze(
//!     "وقال الرئيس الروسي فلاديمير بوتين إن 1500 جندي وصلوا إلى الحدود الشمالية.",
//! );
//! assert!(analysis.entities.iter().any(|e| e.text == "فلاديمير بوتين"));
//! assert_eq!(analysis.figures[0].value, 1500.0);
//! assert_eq!(analysis.quotes[0].speaker.as_deref(), Some("فلاديمير بوتين"));
//! assert_eq!(analysis.entities[0].role.as_deref(), Some("الرئيس الروسي"));
//! ```
//!
//! Offsets (`start`, `end`) are in Unicode code points into the analysed text, end exclusive.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub mod compare;
pub mod cues;
mod entities;
mod figures;
pub mod model;
pub mod names;
mod quotes;
pub mod resolve;
pub mod tagger;
pub mod tokens;
pub mod training;

pub use compare::{compare_figures, FigureComparison, OutletFigure, Verdict};
pub use model::Model;
pub use resolve::{CanonicalEntity, EntityResolver, Resolution};

/// The model trained by `cargo run --release -p marsad-entities --example train`.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../model/ner.bin.gz");

/// Errors of this crate: only a model can be wrong; text never is.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("entity model cannot be decompressed: {0}")]
    Decompress(#[source] std::io::Error),
    #[error("entity model is truncated")]
    Truncated,
    #[error("entity model is corrupt: {0}")]
    Corrupt(&'static str),
}

/// The four entity types of ANERcorp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    #[serde(rename = "PERS")]
    Pers,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::Pers,
        EntityType::Loc,
        EntityType::Org,
        EntityType::Misc,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<EntityType> {
        EntityType::ALL.get(i).copied()
    }

    /// `PERS`, `LOC`, `ORG`, `MISC`.
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Pers => "PERS",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
        }
    }

    pub fn from_label(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.label() == s)
    }
}

/// A named entity mentioned in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The name as written: the text at `start..end`.
    pub text: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub start: usize,
    pub end: usize,
    /// The name this mention stands for in this document: the full name for a surname met
    /// with it ("بوتين" → "فلاديمير بوتين"), the common name of a country for its other
    /// names, otherwise the name as written without clitics.
    pub canonical: String,
    /// The role or title given in the text ("وزيرة خارجية كوريا الشمالية").
    pub role: Option<String>,
    /// A key of the entity within this document (equal for mentions of one entity); the
    /// cross-document key comes from [`EntityResolver`].
    pub key: String,
}

/// A direct or reported quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// What was said (inside the quotation marks, or the reported clause).
    pub text: String,
    /// Who said it, as the text names them (a name, or a role such as
    /// "المتحدث باسم الكرملين").
    pub speaker: Option<String>,
    /// The canonical name of the speaker's entity, when the speaker is one.
    pub speaker_entity: Option<String>,
    /// Index in [`Analysis::entities`] of the speaker's mention, when the speaker is one.
    pub speaker_index: Option<usize>,
    /// The cue that introduced it (قال، أكد، وفقا ل…), as written.
    pub cue: Option<String>,
    /// In quotation marks (true) or reported speech (false).
    pub direct: bool,
    pub start: usize,
    pub end: usize,
}

/// A number the text reports, with what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The figure as written, qualifier and unit included ("نحو 3 ملايين قذيفة").
    pub text: String,
    pub value: f64,
    /// What it counts, in its singular form ("جندي", "قاعدة عسكرية", "دولار", "%").
    pub unit: Option<String>,
    /// "نحو", "أكثر من", "حوالي"…, normalised to one spelling.
    pub qualifier: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Everything the stage finds in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub figures: Vec<Figure>,
}

/// The analysis stage with its model loaded. Cheap to share between threads (`&self`).
pub struct Analyzer {
    model: Model,
}

/// Longest run of tokens decoded at once.
pub const MAX_SENTENCE_TOKENS: usize = 200;

impl Analyzer {
    /// An analyzer over `model`.
    pub fn new(mut model: Model) -> Analyzer {
        model.weights.pack();
        Analyzer { model }
    }

    /// The analyzer of the model embedded in the crate.
    pub fn embedded() -> Result<Analyzer, ModelError> {
        Ok(Analyzer::new(Model::from_bytes(EMBEDDED_MODEL)?))
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Entities, quotes and figures of `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        let tokens = tokens::Tokens::new(text);
        let tags = self.tag(&tokens);
        let found = entities::build(&self.model, text, &tokens, &tags);
        let quotes = quotes::find(text, &tokens, &found);
        let figures = figures::find(text, &tokens);
        Analysis {
            entities: found.entities,
            quotes,
            figures,
        }
    }

    /// Entities only.
    pub fn entities(&self, text: &str) -> Vec<Entity> {
        let tokens = tokens::Tokens::new(text);
        let tags = self.tag(&tokens);
        entities::build(&self.model, text, &tokens, &tags).entities
    }

    /// BIO tags (see [`tagger::TAGS`]) of every token: the tagger, then the context rules.
    pub fn tag(&self, tokens: &tokens::Tokens) -> Vec<u8> {
        let mut tags = Vec::with_capacity(tokens.len());
        let mut scratch = tagger::Scratch::default();
        let mut out = Vec::new();
        for range in tokens.sentences(MAX_SENTENCE_TOKENS) {
            tagger::decode(
                &self.model.weights,
                &self.model.gazetteer,
                tokens,
                range,
                &mut scratch,
                &mut out,
            );
            tags.extend_from_slice(&out);
        }
        entities::apply_context_rules(&self.model, tokens, &mut tags);
        tags
    }
}

fn default_analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| match Analyzer::embedded() {
        Ok(a) => a,
        // The embedded model is part of the build and checked by the tests.
        Err(e) => panic!("the embedded entity model does not load: {e}"),
    })
}

/// [`Analyzer::analyze`] with the embedded model, loaded once.
pub fn analyze(text: &str) -> Analysis {
    default_analyzer().analyze(text)
}
