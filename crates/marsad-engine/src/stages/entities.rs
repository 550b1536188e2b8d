//! Entities, quotes and figures (`marsad-entities`) as an engine stage.
//!
//! Rows kept under the stage `entities`, one per finding, about the article
//! it was found in (offsets are code points into the article's text as
//! stored: title, a blank line, then the body):
//! * `entity`, keyed by the entity's canonical key (variants of one name
//!   share it), one per key and article: its canonical name, type, role,
//!   the spellings seen and every mention's `[start, end]`;
//! * `quote`, keyed by the speaker's entity key (empty when unknown);
//! * `figure`, keyed by its unit (empty when none).

use marsad_entities::{Analysis, Analyzer};
use marsad_store::{StageRow, Store, StoredArticle};
use rayon::prelude::*;

use crate::stage::{Stage, StageError, StageInput};

/// The stage's name: its rows and progress are kept under it.
pub const STAGE: &str = "entities";
/// Row kind of one entity's mentions in one article.
pub const ENTITY: &str = "entity";

/// The text analysed for an article: its title, a blank line, its body.
pub fn analysed_text(a: &StoredArticle) -> String {
    match a.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{t}\n\n{}", a.text),
        None => a.text.clone(),
    }
}

/// Entities, quotes and figures of a text, with the embedded model.
pub fn analyze(text: &str) -> Analysis {
    marsad_entities::analyze(text)
}

/// The entities stage.
pub struct EntitiesStage {
    analyzer: Analyzer,
}

impl EntitiesStage {
    pub fn new() -> Result<EntitiesStage, StageError> {
        Ok(EntitiesStage {
            analyzer: Analyzer::embedded()?,
        })
    }
}

/// One entity's mentions in one article, as kept in the store.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntityMentions {
    pub canonical: String,
    #[serde(rename = "type")]
    pub entity_type: marsad_entities::EntityType,
    pub role: Option<String>,
    /// Every spelling seen, in order of first appearance.
    pub variants: Vec<String>,
    /// `[start, end]` in code points, in text order.
    pub mentions: Vec<[usize; 2]>,
}

fn rows_of(article: i64, a: &Analysis) -> Result<Vec<StageRow>, StageError> {
    let mut by_key: Vec<(&str, EntityMentions)> = Vec::new();
    for e in &a.entities {
        let at = match by_key.iter().position(|(k, _)| *k == e.key) {
            Some(i) => i,
            None => {
                by_key.push((
                    &e.key,
                    EntityMentions {
                        canonical: e.canonical.clone(),
                        entity_type: e.entity_type,
                        role: None,
                        variants: Vec::new(),
                        mentions: Vec::new(),
                    },
                ));
                by_key.len() - 1
            }
        };
        let m = &mut by_key[at].1;
        if m.role.is_none() {
            m.role = e.role.clone();
        }
        if !m.variants.contains(&e.text) {
            m.variants.push(e.text.clone());
        }
        m.mentions.push([e.start, e.end]);
    }
    let mut rows = Vec::with_capacity(by_key.len() + a.quotes.len() + a.figures.len());
    for (key, m) in &by_key {
        rows.push(StageRow {
            kind: ENTITY.into(),
            key: key.to_string(),
            article_id: Some(article),
            value: serde_json::to_string(m)?,
        });
    }
    for q in &a.quotes {
        let key = q
            .speaker_index
            .and_then(|i| a.entities.get(i))
            .map(|e| e.key.clone())
            .unwrap_or_default();
        rows.push(StageRow {
            kind: "quote".into(),
            key,
            article_id: Some(article),
            value: serde_json::to_string(q)?,
        });
    }
    for f in &a.figures {
        rows.push(StageRow {
            kind: "figure".into(),
            key: f.unit.clone().unwrap_or_default(),
            article_id: Some(article),
            value: serde_json::to_string(f)?,
        });
    }
    Ok(rows)
}

impl Stage for EntitiesStage {
    fn name(&self) -> &str {
        STAGE
    }

    fn version(&self) -> u32 {
        1
    }

    fn process(
        &mut self,
        input: &StageInput<'_>,
        _store: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError> {
        let analyzer = &self.analyzer;
        let found: Vec<(i64, Analysis)> = input
            .articles
            .par_iter()
            .map(|a| (a.id, analyzer.analyze(&analysed_text(a))))
            .collect();
        let mut rows = Vec::new();
        for (id, a) in &found {
            rows.extend(rows_of(*id, a)?);
        }
        Ok(rows)
    }
}
